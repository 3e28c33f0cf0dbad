package dev.ballast.testkit.http;

import dev.ballast.testkit.VirtualClock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a {@link VirtualClock} {@code scale} times as fast as the wall clock, for clients outside
 * the JVM that cannot move simulated time themselves: with scale 100, a 120 s wait takes 1.2 s.
 */
final class ClockDriver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClockDriver.class);
    private static final long TICK_MILLIS = 5;

    private final VirtualClock clock;
    private final double scale;
    private final ScheduledExecutorService ticker;
    private long lastNanos;
    private double carriedNanos;

    ClockDriver(VirtualClock clock, double scale) {
        this.clock = clock;
        this.scale = scale;
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ballast-fake-clock");
            thread.setDaemon(true);
            return thread;
        });
    }

    void start() {
        lastNanos = System.nanoTime();
        ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        long nowNanos = System.nanoTime();
        // keep the sub-nanosecond remainder so small scales do not lose time to rounding
        carriedNanos += (nowNanos - lastNanos) * scale;
        lastNanos = nowNanos;
        long whole = (long) carriedNanos;
        carriedNanos -= whole;
        try {
            clock.advance(Duration.ofNanos(whole));
        } catch (RuntimeException e) {
            // a failing simulation task must not stop time for every other resource
            LOG.warn("a simulated task failed while the clock advanced", e);
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
