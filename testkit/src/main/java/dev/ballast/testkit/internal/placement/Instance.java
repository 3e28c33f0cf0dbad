package dev.ballast.testkit.internal.placement;

import dev.ballast.InstanceShape;
import dev.ballast.spi.Scheduler.Cancellable;
import java.util.ArrayList;
import java.util.List;

/** One instance of a variant and the copies placed on it. */
final class Instance {

    enum State { LAUNCHING, RUNNING, TERMINATING }

    final String id;
    final InstanceShape shape;
    final boolean launchedForCopies;
    final List<Copy> copies = new ArrayList<>();
    State state = State.LAUNCHING;
    boolean everHosted;
    Cancellable releaseTimer;

    Instance(String id, InstanceShape shape, boolean launchedForCopies) {
        this.id = id;
        this.shape = shape;
        this.launchedForCopies = launchedForCopies;
    }

    boolean fits(Requirement need, int reservedMiB) {
        int acc = 0;
        double cpu = 0;
        long mem = 0;
        for (Copy copy : copies) {
            Requirement r = copy.revision.requirement();
            acc += r.accelerators();
            cpu += r.vcpus();
            mem += r.memoryMiB();
        }
        return acc + need.accelerators() <= shape.accelerators()
                && cpu + need.vcpus() <= shape.vcpus() + 1e-9
                && mem + need.memoryMiB() <= shape.memoryMib() - reservedMiB;
    }

    int freeAccelerators() {
        return shape.accelerators() - copies.stream().mapToInt(c -> c.revision.requirement().accelerators()).sum();
    }

    void cancelRelease() {
        if (releaseTimer != null) {
            releaseTimer.cancel();
            releaseTimer = null;
        }
    }
}
