package dev.ballast.spec;

import java.util.ArrayList;
import java.util.List;

import dev.ballast.error.SpecValidationException;
import dev.ballast.error.Violation;

/**
 * SageMaker managed instance scaling: the endpoint adds instances (up to {@code max}) when the
 * copies of its inference components do not fit, and releases idle ones (down to {@code min}).
 *
 * @param min the fewest instances; 0 means scale to zero, which not every region supports
 * @param max the most instances; at least 1 and at least {@code min}
 */
public record InstanceScaling(int min, int max) {

    public InstanceScaling {
        List<Violation> violations = new ArrayList<>();
        if (min < 0) {
            violations.add(Violation.of("scale.min", min, "must be 0 or more", "use scale(1, " + Math.max(1, max) + ")"));
        }
        if (max < 1) {
            violations.add(Violation.of("scale.max", max, "must be at least 1", "use scale(" + Math.max(0, min) + ", " + Math.max(1, min) + ")"));
        }
        if (violations.isEmpty() && min > max) {
            violations.add(Violation.of("scale", "(" + min + ", " + max + ")", "min must not exceed max",
                    "swap them: scale(" + max + ", " + min + ")"));
        }
        if (!violations.isEmpty()) {
            throw new SpecValidationException(violations);
        }
    }

    /** @return {@code 1..4} */
    @Override
    public String toString() {
        return min + ".." + max;
    }
}
