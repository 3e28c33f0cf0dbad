package dev.ballast.testkit.internal;

import dev.ballast.spi.Scheduler.Cancellable;
import dev.ballast.testkit.FakeTimings;
import dev.ballast.testkit.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What every simulated resource needs: the world lock, the clock, the timings, the timeline, ids,
 * capacity and container behaviours. Scheduled tasks run under the world lock.
 */
final class Sim {

    final ReentrantLock lock = new ReentrantLock();
    final VirtualClock clock;
    final WorldOptions options;
    final FakeTimings timings;
    final TimelineRecorder timeline;
    final Ids ids;
    final Arns arns;
    final CapacityPolicy capacity = new CapacityPolicy();
    final ContainerRegistry containers = new ContainerRegistry();
    private long copySequence;
    private long instanceSequence;

    Sim(VirtualClock clock, WorldOptions options, Ids ids) {
        this.clock = clock;
        this.options = options;
        this.timings = options.timings();
        this.timeline = new TimelineRecorder(clock);
        this.ids = ids;
        this.arns = new Arns(options.region(), options.accountId());
    }

    Instant now() {
        return clock.now();
    }

    /** Schedules {@code task} on the virtual clock; it runs holding the world lock. */
    Cancellable schedule(Duration delay, Runnable task) {
        return clock.schedule(delay, () -> {
            lock.lock();
            try {
                task.run();
            } finally {
                lock.unlock();
            }
        });
    }

    String nextCopyId() {
        return "copy-" + (++copySequence);
    }

    String nextInstanceId() {
        return "i-" + String.format("%08x", ++instanceSequence);
    }
}
