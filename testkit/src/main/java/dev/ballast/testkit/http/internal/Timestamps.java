package dev.ballast.testkit.http.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Wire forms of timestamps: JSON protocols use epoch seconds with a fraction, awsQuery ISO 8601. */
final class Timestamps {

    private static final BigDecimal NANOS = BigDecimal.valueOf(1_000_000_000L);
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** @return epoch seconds with a millisecond fraction, e.g. {@code 1529870369.986} (never exponent notation) */
    static BigDecimal toEpochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3).setScale(3, RoundingMode.UNNECESSARY);
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
