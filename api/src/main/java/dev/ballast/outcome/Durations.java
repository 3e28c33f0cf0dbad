package dev.ballast.outcome;

import java.time.Duration;

/** Formats durations the way people read them: {@code 45s}, {@code 5m20s}, {@code 1h02m}; for the outcomes' texts. */
final class Durations {

    private Durations() {
    }

    /** @return for example {@code 5m20s} */
    static String format(Duration d) {
        long s = d.getSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + String.format("%02ds", s % 60);
        }
        return (s / 3600) + "h" + String.format("%02dm", (s % 3600) / 60);
    }
}
