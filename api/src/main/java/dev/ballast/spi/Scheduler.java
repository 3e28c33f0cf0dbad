package dev.ballast.spi;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Where Ballast spends time: every delay the engine takes (polling, backoff, rate limiting) is a
 * task scheduled here, and every blocking wait goes through {@link #await(CompletionStage)}.
 *
 * <p>A wall-clock scheduler runs tasks on a thread after the delay and blocks in {@code await}.
 * A virtual scheduler (the testkit's clock) runs due tasks in time order and, inside
 * {@code await}, advances simulated time to the next task until the stage completes — so a wait of
 * two minutes costs no real time and the same inputs always give the same timeline.
 */
public interface Scheduler {

    /**
     * Runs {@code task} once, {@code delay} from now.
     *
     * @return a handle that cancels the task if it has not started yet
     */
    Cancellable schedule(Duration delay, Runnable task);

    /**
     * Blocks the caller until {@code stage} completes and returns its value, rethrowing its
     * failure unwrapped when it is unchecked.
     */
    <T> T await(CompletionStage<T> stage);

    /** A scheduled task that can be cancelled. */
    @FunctionalInterface
    interface Cancellable {
        /** Cancels the task; does nothing if it already ran. */
        void cancel();
    }
}
