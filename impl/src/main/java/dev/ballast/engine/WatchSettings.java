package dev.ballast.engine;

import java.time.Duration;

/**
 * How the engine watches a deployment: it polls every {@code initialPoll}, waits up to 1.5 times
 * longer after each poll that saw no change (up to {@code maxPoll}), polls quickly again once
 * something moves, and gives up after {@code maxWait} with a {@code TIMED_OUT} outcome that names
 * the last state it saw.
 *
 * @param initialPoll the first and shortest interval between two polls
 * @param maxPoll the longest interval between two polls
 * @param maxWait how long one wait (for an endpoint or a component) may last
 * @param settleGrace how long a wait after a change keeps polling when the resource looks
 *     unchanged (a Describe right after a call can still show the state before it): a wait ends
 *     only once the change was seen in progress, or the resource was modified after the call, or
 *     this grace has passed; likewise a resource just created may be "not found" for this long
 */
public record WatchSettings(Duration initialPoll, Duration maxPoll, Duration maxWait, Duration settleGrace) {

    public WatchSettings {
        if (initialPoll.isNegative() || initialPoll.isZero() || maxPoll.compareTo(initialPoll) < 0 || maxWait.isNegative()
                || settleGrace.isNegative()) {
            throw new IllegalArgumentException("need 0 < initialPoll <= maxPoll, maxWait >= 0 and settleGrace >= 0");
        }
    }

    /**
     * @return polls every 5 s to 30 s, for at most 8 hours per wait (the longest rolling update
     *     SageMaker allows), with 2 minutes of grace for reads that lag behind a call
     */
    public static WatchSettings defaults() {
        return new WatchSettings(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofHours(8), Duration.ofMinutes(2));
    }
}
