package dev.ballast.testkit.http.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Wire forms of timestamps: JSON protocols use epoch seconds with a fraction, RPC v2 CBOR the same
 * seconds as a float under tag 1, awsQuery ISO 8601.
 */
final class Timestamps {

    private static final BigDecimal NANOS = BigDecimal.valueOf(1_000_000_000L);
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /**
     * @return epoch seconds with a millisecond fraction as JSON number text, e.g. {@code 1529870369.986}
     *     (built without BigDecimal: this is on every answer's path)
     */
    static String toEpochSecondsText(Instant instant) {
        long millis = instant.toEpochMilli();
        long seconds = Math.floorDiv(millis, 1000);
        int fraction = Math.floorMod(millis, 1000);
        return seconds + "." + (fraction < 10 ? "00" : fraction < 100 ? "0" : "") + fraction;
    }

    /**
     * @return epoch seconds with a millisecond fraction as a double, e.g. {@code 1529870369.986}: the
     *     double nearest to it, which a client that multiplies by 1000 and rounds (the Java SDK)
     *     reads back as the same millisecond
     */
    static double toEpochSeconds(Instant instant) {
        return instant.toEpochMilli() / 1000.0;
    }

    static Instant fromEpochSeconds(BigDecimal seconds) {
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        long nanos = seconds.subtract(whole).multiply(NANOS).longValue();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
    }

    /** @return ISO 8601 with milliseconds, as awsQuery services answer, e.g. {@code 2026-01-01T00:00:00.000Z} */
    static String toIso(Instant instant) {
        return ISO_MILLIS.format(instant);
    }
}
