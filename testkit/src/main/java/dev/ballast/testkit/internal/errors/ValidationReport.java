package dev.ballast.testkit.internal.errors;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the breaches of the rules a service checks beyond its API model (a member one choice needs, a
 * percentage that must stay at most 100, ...) and words them as the model's own checks are worded:
 * {@code 1 validation error detected: Value 'x' at 'path' failed to satisfy constraint: ...} (the wording of
 * the service's own validation errors; see
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/CommonErrors.html">common errors</a>).
 */
public final class ValidationReport {

    private final List<String> messages = new ArrayList<>();

    /** Requires a non-null value. */
    public ValidationReport notNull(Object value, String path) {
        if (value == null) {
            messages.add("Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
        }
        return this;
    }

    /** Checks an upper bound (null values are skipped). */
    public ValidationReport max(Number value, double max, String path) {
        if (value != null && value.doubleValue() > max) {
            messages.add(prefix(value, path) + "Member must have value less than or equal to " + format(max));
        }
        return this;
    }

    /** Checks a list's largest size (null values are skipped). */
    public ValidationReport maxSize(List<?> value, int max, String path) {
        if (value != null && value.size() > max) {
            messages.add(prefix(value, path) + "Member must have length less than or equal to " + max);
        }
        return this;
    }

    /** @return whether anything was violated */
    public boolean any() {
        return !messages.isEmpty();
    }

    /** @return the combined message */
    public String message() {
        int n = messages.size();
        return n + " validation error" + (n == 1 ? "" : "s") + " detected: " + String.join("; ", messages);
    }

    /** Throws a ValidationException if anything was violated. */
    public void throwIfAny(SageMakerErrors errors) {
        if (any()) {
            throw errors.validation(message());
        }
    }

    private static String prefix(Object value, String path) {
        return "Value '" + value + "' at '" + path + "' failed to satisfy constraint: ";
    }

    private static String format(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
