package dev.ballast.testkit.internal.component;

import dev.ballast.testkit.internal.placement.Copy;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;

/**
 * Copy-count change without a new specification: adds or removes copies; InService once the
 * serving count equals the desired count. Copies that cannot be placed in time (or fail their
 * health check) are dropped and the desired count settles at what could be placed.
 */
final class ScaleOperation extends ComponentOperation {

    private final int target;

    ScaleOperation(InferenceComponent ic, int target) {
        super(ic);
        this.target = target;
    }

    @Override
    void start() {
        ic.setDesired(target);
        int live = ic.copies.size();
        for (int i = live; i < target; i++) {
            ic.addCopy(ic.revision);
        }
        if (live > target) {
            // remove copies that do not serve yet first, then the newest serving ones
            List<Copy> order = ic.copies.stream()
                    .sorted(Comparator.comparing((Copy c) -> c.state() == Copy.State.RUNNING)
                            .thenComparing(Comparator.comparing((Copy c) -> ic.copies.indexOf(c)).reversed()))
                    .toList();
            for (int i = 0; i < live - target; i++) {
                ic.removeCopy(order.get(i));
            }
        }
        checkDone();
    }

    @Override
    void copyRunning(Copy copy) {
        checkDone();
    }

    @Override
    void copyGone(Copy copy) {
        checkDone();
    }

    @Override
    void copyFailed(Copy copy) {
        ic.setDesired(ic.desiredCopyCount - 1);
        checkDone();
    }

    @Override
    void placementTimedOut(Copy copy) {
        ic.removeCopy(copy);
        ic.setDesired(ic.desiredCopyCount - 1);
        checkDone();
    }

    private void checkDone() {
        boolean settled = ic.copies.stream().allMatch(c -> c.state() == Copy.State.RUNNING);
        if (settled && ic.copies.size() == ic.desiredCopyCount && ic.operation == this) {
            ic.finish(InferenceComponentStatus.IN_SERVICE, null);
        }
    }
}
