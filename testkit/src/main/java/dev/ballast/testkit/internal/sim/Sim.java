package dev.ballast.testkit.internal.sim;

import dev.ballast.spi.Scheduler.Cancellable;
import dev.ballast.testkit.ContainerBehavior;
import dev.ballast.testkit.FakeTimings;
import dev.ballast.testkit.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * What every simulated resource needs: the world lock, the clock, the timings, the timeline, ids,
 * capacity and container behaviours. Scheduled tasks run under the world lock.
 */
public final class Sim {

    private final ReentrantLock lock = new ReentrantLock();
    private final VirtualClock clock;
    private final WorldOptions options;
    private final TimelineRecorder timeline;
    private final Ids ids;
    private final Arns arns;
    private final CapacityPolicy capacity = new CapacityPolicy();
    private final ContainerRegistry containers;
    private long copySequence;
    private long instanceSequence;

    /**
     * @param clock the world's clock
     * @param options the world's settings
     * @param ids the world's seeded source of ids
     * @param defaultContainer what a copy runs when no registered behaviour matches it
     */
    public Sim(VirtualClock clock, WorldOptions options, Ids ids, ContainerBehavior defaultContainer) {
        this.clock = clock;
        this.options = options;
        this.timeline = new TimelineRecorder(clock);
        this.ids = ids;
        this.arns = new Arns(options.region(), options.accountId());
        this.containers = new ContainerRegistry(defaultContainer);
    }

    /** @return the simulated now */
    public Instant now() {
        return clock.now();
    }

    /** Schedules {@code task} on the virtual clock; it runs holding the world lock. */
    public Cancellable schedule(Duration delay, Runnable task) {
        return clock.schedule(delay, () -> locked(() -> {
            task.run();
            return null;
        }));
    }

    /** Runs {@code action} holding the world lock. */
    public <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /** @return the world's settings */
    public WorldOptions options() {
        return options;
    }

    /** @return the simulated durations */
    public FakeTimings timings() {
        return options.timings();
    }

    /** @return the world's timeline */
    public TimelineRecorder timeline() {
        return timeline;
    }

    /** @return the world's seeded source of ids and draws */
    public Ids ids() {
        return ids;
    }

    /** @return the ARNs of this account and region */
    public Arns arns() {
        return arns;
    }

    /** @return the test's script for instance capacity and quotas */
    public CapacityPolicy capacity() {
        return capacity;
    }

    /** @return the container behaviours the test registered */
    public ContainerRegistry containers() {
        return containers;
    }

    /** @return a fresh copy id */
    public String nextCopyId() {
        return "copy-" + (++copySequence);
    }

    /** @return a fresh instance id */
    public String nextInstanceId() {
        return "i-" + String.format("%08x", ++instanceSequence);
    }
}
