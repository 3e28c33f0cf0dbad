package dev.ballast.engine.internal.call;

import java.time.Duration;
import java.time.Instant;

import dev.ballast.spi.TimeSource;

/**
 * Limits calls to a rate, on the engine's {@link TimeSource}. Resilience4j's rate limiter reads
 * {@code System.nanoTime()} and cannot be given a clock, which would make runs on the virtual
 * clock depend on the wall clock; this bucket keeps them deterministic.
 */
final class TokenBucket {

    private final TimeSource time;
    private final double permitsPerSecond;
    private final double capacity;
    private double tokens;
    private Instant refilled;

    TokenBucket(TimeSource time, double permitsPerSecond, int burst) {
        this.time = time;
        this.permitsPerSecond = permitsPerSecond;
        this.capacity = burst;
        this.tokens = burst;
        this.refilled = time.now();
    }

    /** Takes one permit and returns how long the caller must wait before using it (zero if none). */
    synchronized Duration reserve() {
        Instant now = time.now();
        double elapsed = Duration.between(refilled, now).toNanos() / 1e9;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * permitsPerSecond);
            refilled = now;
        }
        tokens -= 1;
        if (tokens >= 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil(-tokens / permitsPerSecond * 1e9));
    }
}
