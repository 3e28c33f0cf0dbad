package dev.ballast.spi;

import java.time.Instant;

/**
 * Where Ballast reads the time. The engine never reads the wall clock itself, only this, so a
 * virtual clock (the testkit's) can stand in for the wall clock and make a forty-minute rollout
 * run in milliseconds.
 */
@FunctionalInterface
public interface TimeSource {

    /** @return the current instant of this time source */
    Instant now();

    /** @return the wall clock */
    static TimeSource system() {
        return Instant::now;
    }
}
