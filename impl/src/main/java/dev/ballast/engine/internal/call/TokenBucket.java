package dev.ballast.engine.internal.call;

import java.time.Duration;
import java.time.Instant;

import dev.ballast.spi.TimeSource;

/**
 * Limits calls to a rate, on the engine's {@link TimeSource}, and slows down when AWS throttles:
 * the rate is the engine's, shared by all its deployments, so a throttle answered to any of them
 * halves it for all (at most once a second, never below a sixteenth of the configured rate), and
 * each call that goes through gives back a hundredth of the configured rate until it is reached
 * again (additive increase, multiplicative decrease). It never exceeds the configured rate. Resilience4j's rate limiter reads
 * {@code System.nanoTime()} and cannot be given a clock, which would make runs on the virtual
 * clock depend on the wall clock; this bucket keeps them deterministic.
 */
final class TokenBucket {

    private final TimeSource time;
    private final double configured;
    private double permitsPerSecond;
    private Instant lastCut = Instant.MIN;
    private final double capacity;
    private double tokens;
    private Instant refilled;

    TokenBucket(TimeSource time, double permitsPerSecond, int burst) {
        this.time = time;
        this.configured = permitsPerSecond;
        this.permitsPerSecond = permitsPerSecond;
        this.capacity = burst;
        this.tokens = burst;
        this.refilled = time.now();
    }

    /** Takes a permit if one is free now. */
    synchronized boolean tryTake() {
        refill();
        // a hair under one: the clock ticks in nanoseconds, and a wake-up at untilFree() must find its permit
        if (tokens < 1 - 1e-9) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /** @return how long until a permit is free (zero if one is) */
    synchronized Duration untilFree() {
        refill();
        return tokens >= 1 - 1e-9 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil((1 - tokens) / permitsPerSecond * 1e9));
    }

    private void refill() {
        Instant now = time.now();
        double elapsed = Duration.between(refilled, now).toNanos() / 1e9;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * permitsPerSecond);
            refilled = now;
        } else if (elapsed < 0) {
            // the wall clock stepped back: count from now, or every queued call would wait out the step
            refilled = now;
        }
    }

    /** AWS throttled a call: the whole engine slows down. */
    synchronized void throttled() {
        Instant now = time.now();
        if (Duration.between(lastCut, now).compareTo(Duration.ofSeconds(1)) >= 0 || lastCut == Instant.MIN) {
            permitsPerSecond = Math.max(configured / 16, permitsPerSecond / 2);
            lastCut = now;
        }
    }

    /** A call went through: the rate creeps back toward the configured one. */
    synchronized void passed() {
        if (permitsPerSecond < configured) {
            permitsPerSecond = Math.min(configured, permitsPerSecond + configured / 100);
        }
    }

    /** @return the rate now, in calls per second */
    synchronized double rate() {
        return permitsPerSecond;
    }
}
