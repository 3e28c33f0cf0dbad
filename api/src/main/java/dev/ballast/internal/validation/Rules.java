package dev.ballast.internal.validation;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.ballast.error.Violation;

/**
 * The single-value rules of the SageMaker and CloudWatch APIs, each returning the violation it
 * finds. The DSL calls them where a value is given (so {@code copies(-1)} fails at that call) and
 * {@link SpecValidator} calls them again for specs built without the DSL.
 */
public final class Rules {

    /** Endpoint, endpoint configuration and variant names. */
    public static final Pattern ENDPOINT_NAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
    /** Inference component and model names. */
    public static final Pattern COMPONENT_NAME = Pattern.compile("[a-zA-Z0-9]([\\-a-zA-Z0-9]*[a-zA-Z0-9])?");
    static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
    static final Pattern KMS_KEY = Pattern.compile("[a-zA-Z0-9:/_-]*");
    static final Pattern VPC_ID = Pattern.compile("[-0-9a-zA-Z]+");
    static final Pattern IMAGE = Pattern.compile("[\\S]+");
    static final Pattern S3_URL = Pattern.compile("(https|s3)://([^/]+)/?(.*)");
    static final Pattern ENV_KEY = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    private Rules() {
    }

    /** The name rule of endpoints, endpoint configurations and variants. */
    public static Optional<Violation> endpointName(String path, String value) {
        return name(path, value, ENDPOINT_NAME,
                "must be 1-63 letters, digits and hyphens, starting and ending with a letter or digit");
    }

    /** The name rule of inference components. */
    public static Optional<Violation> componentName(String path, String value) {
        return name(path, value, COMPONENT_NAME,
                "must be 1-63 letters, digits and hyphens, starting and ending with a letter or digit");
    }

    private static Optional<Violation> name(String path, String value, Pattern pattern, String rule) {
        if (value == null || value.isEmpty()) {
            return Optional.of(Violation.of(path, value == null ? null : "\"\"", "is required", "give a name such as my-endpoint"));
        }
        if (value.length() > 63 || !pattern.matcher(value).matches()) {
            return Optional.of(Violation.of(path, quote(value), rule, "for example " + suggestName(value)));
        }
        return Optional.empty();
    }

    /** Turns an invalid name into the closest valid one, for the fix of a violation. */
    static String suggestName(String value) {
        String s = value.replaceAll("[^a-zA-Z0-9-]", "-").replaceAll("^-+|-+$", "");
        if (s.length() > 63) {
            s = s.substring(0, 63).replaceAll("-+$", "");
        }
        return s.isEmpty() ? "my-name" : s;
    }

    /** An integer that must be at least {@code min}. */
    public static Optional<Violation> atLeast(String path, int value, int min, String fix) {
        return value < min ? Optional.of(Violation.of(path, value, "must be at least " + min, fix)) : Optional.empty();
    }

    /** A duration in whole seconds between {@code minSeconds} and {@code maxSeconds}. */
    public static Optional<Violation> seconds(String path, Duration value, long minSeconds, long maxSeconds) {
        if (value == null) {
            return Optional.of(Violation.of(path, null, "is required", "give a duration between " + minSeconds + " and " + maxSeconds + " s"));
        }
        if (value.getNano() != 0) {
            return Optional.of(Violation.of(path, describe(value), "must be a whole number of seconds",
                    "use Duration.ofSeconds(" + Math.max(minSeconds, value.toSeconds()) + ")"));
        }
        long s = value.getSeconds();
        if (s < minSeconds || s > maxSeconds) {
            long clamped = Math.max(minSeconds, Math.min(maxSeconds, s));
            return Optional.of(Violation.of(path, describe(value), "must be between " + minSeconds + " and " + maxSeconds + " s",
                    "use Duration.ofSeconds(" + clamped + ")"));
        }
        return Optional.empty();
    }

    /** A text matched against an anchored pattern with a length limit. */
    static Optional<Violation> pattern(String path, String value, Pattern pattern, int minLength, int maxLength, String rule, String fix) {
        if (value.length() < minLength || value.length() > maxLength) {
            return Optional.of(Violation.of(path, quote(value),
                    "must be " + minLength + "-" + maxLength + " characters long (is " + value.length() + ")", fix));
        }
        if (!pattern.matcher(value).matches()) {
            return Optional.of(Violation.of(path, quote(value), rule, fix));
        }
        return Optional.empty();
    }

    /** The IAM role ARN rule. */
    public static Optional<Violation> roleArn(String path, String value) {
        return pattern(path, value, ROLE_ARN, 20, 2048, "must be an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)",
                "use the ARN of a role SageMaker can assume, for example arn:aws:iam::123456789012:role/SageMakerExecutionRole");
    }

    static String quote(String value) {
        return "\"" + value + "\"";
    }

    static String describe(Duration d) {
        return d.getNano() == 0 ? d.getSeconds() + " s" : d.toString();
    }

    /** @return the violations of a batch of rules, in order */
    @SafeVarargs
    public static List<Violation> all(Optional<Violation>... results) {
        return java.util.Arrays.stream(results).flatMap(Optional::stream).toList();
    }
}
