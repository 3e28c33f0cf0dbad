package dev.ballast.spec;

import java.util.List;

import dev.ballast.error.SpecValidationException;
import dev.ballast.error.Violation;

/**
 * A size in a deployment policy: a number of copies (or instances, for endpoint variants) or a
 * percentage of the current capacity. The compiler turns it into SageMaker's
 * {@code COPY_COUNT}/{@code INSTANCE_COUNT} or {@code CAPACITY_PERCENT}, so nobody writes that enum.
 *
 * @param unit whether {@code value} is a count or a percentage
 * @param value the count (at least 1) or the percentage (1 to 100)
 */
public record Capacity(Unit unit, int value) {

    /** What a {@link Capacity} counts. */
    public enum Unit {
        /** Copies of an inference component, or instances of an endpoint variant. */
        COUNT,
        /** A percentage of the current copies or instances. */
        PERCENT
    }

    public Capacity {
        if (unit == null) {
            throw new SpecValidationException(List.of(Violation.of("capacity.unit", null, "unit must not be null", "use Capacity.count(n) or Capacity.percent(p)")));
        }
        if (value < 1 || (unit == Unit.PERCENT && value > 100)) {
            throw new SpecValidationException(List.of(Violation.of("capacity", describe(unit, value),
                    unit == Unit.COUNT ? "must be at least 1" : "must be between 1% and 100%",
                    unit == Unit.COUNT ? "use a count of 1 or more" : "use a percentage from 1 to 100")));
        }
    }

    /** @return a capacity of {@code n} copies or instances */
    public static Capacity count(int n) {
        return new Capacity(Unit.COUNT, n);
    }

    /** @return a capacity of {@code percent}% of the current copies or instances */
    public static Capacity percent(int percent) {
        return new Capacity(Unit.PERCENT, percent);
    }

    /**
     * Resolves this size against a total. A percentage is rounded down, but never below one: with
     * 3 copies, 25% is 1 copy. (SageMaker does not document its rounding; this is the most
     * plausible reading and what the testkit's fake does by default.)
     *
     * @param total the number of copies or instances the size is a share of
     * @return the count this size stands for
     */
    public int resolve(int total) {
        return unit == Unit.COUNT ? value : Math.max(1, (int) Math.floor(total * (value / 100.0)));
    }

    private static String describe(Unit unit, int value) {
        return unit == Unit.COUNT ? value + " (count)" : value + "%";
    }

    /** @return {@code 2} or {@code 25%} */
    @Override
    public String toString() {
        return unit == Unit.COUNT ? Integer.toString(value) : value + "%";
    }
}
