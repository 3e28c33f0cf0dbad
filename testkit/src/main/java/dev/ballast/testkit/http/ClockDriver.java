package dev.ballast.testkit.http;

import dev.ballast.testkit.VirtualClock;
import java.time.Duration;
import java.time.Instant;
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
    private long wallStart;
    private Instant simulatedStart;

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
        wallStart = System.nanoTime();
        simulatedStart = clock.now();
        ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Moves the clock to where the scale says it should be by now. Computed from the start, not
     * added up tick by tick, so no rounding accumulates and time lost to a failed tick is made up
     * by the next one.
     */
    private void tick() {
        try {
            Instant target = simulatedStart.plusNanos((long) ((System.nanoTime() - wallStart) * scale));
            Duration behind = Duration.between(clock.now(), target);
            if (behind.isNegative() || behind.isZero()) {
                return;
            }
            clock.advance(behind);
        } catch (Throwable e) {
            // Catch everything: an escaping throwable would silently cancel the schedule and stop time.
            LOG.warn("a simulated task failed while the clock advanced ({})", e.getClass().getName());
            LOG.debug("stack trace of the failure", e);
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
