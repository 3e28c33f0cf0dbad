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
            return Optional.of(Violation.of(path, value == null ? null : "\"\"", "is required", "give a name such as my-name"));
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
        long clamped = Math.max(minSeconds, Math.min(maxSeconds, value.getSeconds()));
        if (value.getNano() != 0) {
            return Optional.of(Violation.of(path, describe(value), "must be a whole number of seconds"
                    + (value.getSeconds() < minSeconds || value.getSeconds() >= maxSeconds ? " between " + minSeconds + " and " + maxSeconds + " s" : ""),
                    "use Duration.ofSeconds(" + clamped + ")"));
        }
        long s = value.getSeconds();
        if (s < minSeconds || s > maxSeconds) {
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

    /** The KMS key rule: a key id, alias or ARN. */
    public static Optional<Violation> kmsKey(String path, String value) {
        return pattern(path, value, KMS_KEY, 0, 2048, "must be a KMS key id, alias or ARN (letters, digits and : / _ -)",
                "use the key's ARN, for example arn:aws:kms:us-east-1:123456789012:key/<id>");
    }

    /** The rule of subnet and security group ids. */
    public static Optional<Violation> vpcId(String path, String value, String what, String example) {
        if (value == null) {
            return Optional.of(Violation.of(path, null, "must not be null", "give a " + what + " id such as " + example));
        }
        return pattern(path, value, VPC_ID, 1, 32, "must be a " + what + " id (letters, digits and hyphens)", "use an id such as " + example);
    }

    /** The VPC list sizes: 1 to 16 subnets, 1 to 5 security groups. */
    public static List<Violation> vpc(List<String> subnets, List<String> securityGroupIds) {
        List<Violation> found = new java.util.ArrayList<>();
        if (subnets.isEmpty() || subnets.size() > 16) {
            found.add(Violation.of("vpc.subnets", subnets.size() + " subnets", "must list 1 to 16 subnets", "give between 1 and 16 subnet ids"));
        }
        if (securityGroupIds.isEmpty() || securityGroupIds.size() > 5) {
            found.add(Violation.of("vpc.securityGroupIds", securityGroupIds.size() + " security groups", "must list 1 to 5 security groups",
                    "give between 1 and 5 security group ids"));
        }
        for (int i = 0; i < subnets.size(); i++) {
            vpcId("vpc.subnets[" + i + "]", subnets.get(i), "subnet", "subnet-0abc1234").ifPresent(found::add);
        }
        for (int i = 0; i < securityGroupIds.size(); i++) {
            vpcId("vpc.securityGroupIds[" + i + "]", securityGroupIds.get(i), "security group", "sg-0abc1234").ifPresent(found::add);
        }
        return found;
    }

    /** The tag rules: key 1-128 and value 0-256 characters of the allowed set, no {@code aws:} prefix. */
    public static List<Violation> tag(String key, String value) {
        String path = "tags[" + key + "]";
        List<Violation> found = new java.util.ArrayList<>();
        pattern(path + ".key", key, TAG_TEXT, 1, 128, "may contain only letters, digits, spaces and _ . : / = + - @", "rename the tag")
                .ifPresent(found::add);
        if (key.toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
            found.add(Violation.of(path + ".key", quote(key), "must not start with aws:, which AWS reserves", "rename the tag"));
        }
        pattern(path + ".value", value, TAG_TEXT, 0, 256, "may contain only letters, digits, spaces and _ . : / = + - @", "change the value")
                .ifPresent(found::add);
        return found;
    }

    /** The container image rule: no whitespace, at most 255 characters. */
    public static Optional<Violation> image(String path, String value) {
        return pattern(path, value, IMAGE, 1, 255, "must not contain whitespace", "give the image URI without spaces");
    }

    /** The environment variable name rule. */
    public static Optional<Violation> envKey(String path, String key) {
        return pattern(path, key, ENV_KEY, 1, 1024, "must start with a letter or _ and contain only letters, digits and _",
                "rename it to " + (key.isEmpty() ? "MY_VARIABLE" : key.replaceAll("[^a-zA-Z0-9_]", "_").replaceAll("^([0-9])", "_$1")));
    }

    /** The environment variable value rule; {@code shown} is what a message may show of the value. */
    public static Optional<Violation> envValue(String path, int length, boolean secret) {
        return length > 1024
                ? Optional.of(Violation.of(path, secret ? dev.ballast.Secret.MASK : length + " characters",
                        "must be at most 1024 characters (is " + length + ")", "shorten the value or pass it another way"))
                : Optional.empty();
    }

    /** The model artifact URL rule. */
    /**
     * @param path where the variable sits, for example {@code component[llm].env[HF_TOKEN]}
     * @return the violations of one environment variable's key and value length (never its value)
     */
    public static List<Violation> envEntry(String path, String key, int valueLength, boolean secret) {
        return all(envKey(path + ".key", key), envValue(path, valueLength, secret));
    }

    public static Optional<Violation> s3Url(String path, String value) {
        return pattern(path, value, S3_URL, 1, 1024, "must be an s3:// or https:// URL", "for example s3://my-bucket/model.tar.gz");
    }

    /** CloudWatch's period rule: 10, 20 or 30 s, or a multiple of 60 s up to a day. */
    public static Optional<Violation> alarmPeriod(String path, Duration period) {
        long seconds = period.getSeconds();
        boolean valid = period.getNano() == 0 && (seconds == 10 || seconds == 20 || seconds == 30 || (seconds >= 60 && seconds % 60 == 0));
        if (!valid) {
            return Optional.of(Violation.of(path, describe(period), "must be 10, 20 or 30 s or a multiple of 60 s",
                    "use per(Duration.ofMinutes(" + Math.max(1, Math.min(1440, (seconds + 59) / 60)) + "))"));
        }
        if (seconds > 86_400) {
            return Optional.of(Violation.of(path, describe(period), "must be at most one day (86400 s)",
                    "use per(Duration.ofDays(1)) or a shorter period"));
        }
        return Optional.empty();
    }

    /** @return {@code n thing} or {@code n things} */
    public static String count(long n, String singular) {
        return count(n, singular, singular + "s");
    }

    /** @return {@code n copy} or {@code n copies} */
    public static String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    static String quote(String value) {
        return "\"" + value + "\"";
    }

    static String describe(Duration d) {
        return d.getNano() == 0 ? d.getSeconds() + " s" : d.toString();
    }

    /** Throws the violation at once: a single value that can never be right fails at the call that gives it. */
    public static void require(Optional<Violation> violation) {
        violation.ifPresent(v -> {
            throw new dev.ballast.error.SpecValidationException(List.of(v));
        });
    }

    /** Throws the violations at once, if there are any. */
    public static void require(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new dev.ballast.error.SpecValidationException(violations);
        }
    }

    /** @return the violations of a batch of rules, in order */
    @SafeVarargs
    public static List<Violation> all(Optional<Violation>... results) {
        return java.util.Arrays.stream(results).flatMap(Optional::stream).toList();
    }
}
