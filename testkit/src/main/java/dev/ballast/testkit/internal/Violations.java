package dev.ballast.testkit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects model-constraint violations of one request and turns them into the service's message:
 * {@code 1 validation error detected: Value 'x' at 'path' failed to satisfy constraint: ...}
 * (reference §3).
 */
public final class Violations {

    /** Name checks run on every create and update; each pattern is compiled once. */
    private static final java.util.Map<String, Pattern> COMPILED = new java.util.concurrent.ConcurrentHashMap<>();

    /** SageMaker endpoint / endpoint-config / variant name pattern. */
    public static final String ENDPOINT_NAME = "^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}";
    /** SageMaker model / inference-component name pattern. */
    public static final String MODEL_NAME = "^[a-zA-Z0-9]([\\-a-zA-Z0-9]*[a-zA-Z0-9])?$";

    private final List<String> messages = new ArrayList<>();

    /** Requires a non-null value. */
    public Violations notNull(Object value, String path) {
        if (value == null) {
            messages.add("Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
        }
        return this;
    }

    /** Checks a name against a pattern and a maximum length (null values are skipped). */
    public Violations name(String value, String path, String pattern) {
        return length(value, 0, 63, path).pattern(value, pattern, path);
    }

    /** Checks a string length range (null values are skipped). */
    public Violations length(String value, int min, int max, String path) {
        if (value == null) {
            return this;
        }
        if (value.length() < min) {
            messages.add(prefix(value, path) + "Member must have length greater than or equal to " + min);
        }
        if (value.length() > max) {
            messages.add(prefix(value, path) + "Member must have length less than or equal to " + max);
        }
        return this;
    }

    /** Checks a string against a pattern applied as a full match (null values are skipped). */
    public Violations pattern(String value, String pattern, String path) {
        if (value != null && !COMPILED.computeIfAbsent(pattern, Pattern::compile).matcher(value).matches()) {
            messages.add(prefix(value, path) + "Member must satisfy regular expression pattern: " + pattern);
        }
        return this;
    }

    /** Checks a lower bound (null values are skipped). */
    public Violations min(Number value, double min, String path) {
        if (value != null && value.doubleValue() < min) {
            messages.add(prefix(value, path) + "Member must have value greater than or equal to " + format(min));
        }
        return this;
    }

    /** Checks an upper bound (null values are skipped). */
    public Violations max(Number value, double max, String path) {
        if (value != null && value.doubleValue() > max) {
            messages.add(prefix(value, path) + "Member must have value less than or equal to " + format(max));
        }
        return this;
    }

    /** Checks a collection size range. */
    public Violations size(List<?> value, int min, int max, String path) {
        if (value == null) {
            return this;
        }
        if (value.size() < min) {
            messages.add(prefix(value, path) + "Member must have length greater than or equal to " + min);
        }
        if (value.size() > max) {
            messages.add(prefix(value, path) + "Member must have length less than or equal to " + max);
        }
        return this;
    }

    /** Checks an enum value (null values are skipped). */
    public Violations oneOf(String value, List<String> allowed, String path) {
        if (value != null && !allowed.contains(value)) {
            messages.add(prefix(value, path) + "Member must satisfy enum value set: [" + String.join(", ", allowed) + "]");
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
