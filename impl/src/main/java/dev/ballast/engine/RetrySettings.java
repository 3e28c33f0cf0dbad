package dev.ballast.engine;

import java.time.Duration;

/**
 * How the engine retries and paces its calls. Retries cover only what is safe, by what a call is:
 * reads and calls safe to repeat ({@code PutMetricAlarm}, deletes, tagging, scaling registrations
 * and policies, weight changes) on throttling, a 5xx or a lost answer; creates, updates and
 * invocations only when AWS refused them for their rate (a create or an update whose answer was lost
 * is described before it would be sent again). They come on top of the SDK clients' own retry
 * strategy, within this budget.
 *
 * @param maxAttempts attempts per call, the first included
 * @param initialBackoff the wait before the first retry; doubled for each further one
 * @param maxBackoff the longest wait between two attempts
 * @param callsPerSecond the steady rate of calls the engine allows itself
 * @param burst how many calls may go at once before the rate applies
 * @param jitterSeed the seed of the backoff jitter, so that runs on the fake repeat exactly
 */
public record RetrySettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double callsPerSecond,
                            int burst, long jitterSeed) {

    public RetrySettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (callsPerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("callsPerSecond must be positive and burst at least 1");
        }
    }

    /** @return 8 attempts, backoff from 1 s up to 20 s, 5 calls per second with bursts of 10 */
    public static RetrySettings defaults() {
        return new RetrySettings(8, Duration.ofSeconds(1), Duration.ofSeconds(20), 5, 10, 42L);
    }
}
