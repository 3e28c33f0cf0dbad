package dev.ballast.internal.validation;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.ballast.error.SpecValidationException;
import dev.ballast.error.Violation;
import dev.ballast.internal.text.Shown;

/**
 * The single-value rules of the SageMaker, CloudWatch and Application Auto Scaling APIs, each
 * returning the violation it finds. The DSL calls them where a value is given (so
 * {@code copies(-1)} fails at that call) and {@link ComponentEndpointValidator} calls them again for specs built
 * without the DSL.
 *
 * <p>A text is checked in this order: present, then its length (so that a 1 MB value costs no
 * regular expression), then the characters it may hold ({@link Chars}: no control characters, line
 * separators or unpaired surrogates, and printable ASCII where the service documents it), then the
 * API model's pattern, always matched whole ({@link java.util.regex.Matcher#matches()}, without
 * {@code DOTALL}: {@code .} does not match a line terminator, as in the services).
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
    /** SageMaker's {@code AlarmName} (in {@code AutoRollbackConfiguration}): not blank, no line terminator. */
    static final Pattern ALARM_NAME = Pattern.compile("(?!\\s*$).+");
    /** CloudWatch's {@code Namespace}. */
    static final Pattern NAMESPACE = Pattern.compile("[^:].*");
    /** CloudWatch's dimension names: at least one non-whitespace character, not starting with ':'. */
    static final Pattern DIMENSION_NAME = Pattern.compile("(?=.*\\S)[^:].*");
    /** CloudWatch's dimension values: at least one non-whitespace character. */
    static final Pattern DIMENSION_VALUE = Pattern.compile(".*\\S.*");
    /** Application Auto Scaling's {@code PolicyName}: {@code \p{Print}} is printable ASCII in Java as in the service. */
    static final Pattern POLICY_NAME = Pattern.compile("\\p{Print}+");
    /** SageMaker's {@code CsvContentType} and {@code JsonContentType}. */
    static final Pattern CONTENT_TYPE = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9])*/[a-zA-Z0-9](-*[a-zA-Z0-9.])*");

    /**
     * The characters a text may hold, beyond what its pattern says. Every set refuses unpaired
     * surrogates: no request can carry one (UTF-8 has no encoding for it).
     */
    public enum Chars {
        /**
         * No control characters (C0, DEL, C1: line feed, carriage return, tab, NUL, ...), no line or
         * paragraph separators (U+2028, U+2029): the rule of names, ARNs, URIs, ids and alarm names
         * (CloudWatch: "can't contain ASCII control characters").
         */
        PRINTABLE("must not contain control characters, line separators or unpaired surrogates"),
        /** Printable ASCII only (U+0020 to U+007E): CloudWatch namespaces and dimensions, scaling policy names, image URIs. */
        ASCII("must contain only printable ASCII characters"),
        /** What XML 1.0 carries: tab, line feed and carriage return, but no other control character (alarm descriptions). */
        XML("must not contain control characters other than tab, line feed and carriage return, or unpaired surrogates"),
        /** Anything a request and a process environment can carry: no NUL, no unpaired surrogate (environment values). */
        SENDABLE("must not contain NUL characters or unpaired surrogates, which no request or process environment can carry");

        private final String rule;

        Chars(String rule) {
            this.rule = rule;
        }

        /** @return the rule, for a violation */
        public String rule() {
            return rule;
        }

        /**
         * @param text a text
         * @return the index of the first character this set refuses, or -1
         */
        public int firstRefused(String text) {
            for (int i = 0; i < text.length(); ) {
                char c = text.charAt(i);
                int cp;
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    cp = Character.toCodePoint(c, text.charAt(i + 1));
                } else if (Character.isSurrogate(c)) {
                    return i;
                } else {
                    cp = c;
                }
                if (refuses(cp)) {
                    return i;
                }
                i += Character.charCount(cp);
            }
            return -1;
        }

        private boolean refuses(int cp) {
            return switch (this) {
                case PRINTABLE -> switch (Character.getType(cp)) {
                    case Character.CONTROL, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
                    default -> false;
                };
                case ASCII -> cp < 0x20 || cp > 0x7E;
                case XML -> (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xFFFE || cp == 0xFFFF;
                case SENDABLE -> cp == 0;
            };
        }
    }

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
        // The length first: a pattern is never matched against a long value.
        if (value.length() > 63 || !pattern.matcher(value).matches()) {
            return Optional.of(Violation.of(path, quote(value), rule, "for example " + suggestName(value)));
        }
        return Optional.empty();
    }

    /** Turns an invalid name into the closest valid one, for the fix of a violation. */
    static String suggestName(String value) {
        String s = value.substring(0, Math.min(value.length(), 128)).replaceAll("[^a-zA-Z0-9-]", "-").replaceAll("^-+|-+$", "");
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

    /** A text of printable characters matched whole against a pattern, with a length limit. */
    static Optional<Violation> pattern(String path, String value, Pattern pattern, int minLength, int maxLength, String rule, String fix) {
        return text(path, value, minLength, maxLength, Chars.PRINTABLE, pattern, rule, fix);
    }

    /**
     * A text: present, {@code minLength} to {@code maxLength} characters long, of the characters
     * {@code chars} allows, and matching {@code pattern} whole.
     *
     * @param pattern the API model's pattern, or null when the model gives none
     */
    static Optional<Violation> text(String path, String value, int minLength, int maxLength, Chars chars, Pattern pattern,
            String rule, String fix) {
        if (value == null) {
            return Optional.of(Violation.of(path, null, "is required", fix));
        }
        if (value.length() < minLength || value.length() > maxLength) {
            return Optional.of(Violation.of(path, quote(value),
                    "must be " + minLength + "-" + maxLength + " characters long (is " + value.length() + ")", fix));
        }
        Optional<Violation> refused = chars(path, value, chars, fix);
        if (refused.isPresent()) {
            return refused;
        }
        if (pattern != null && !pattern.matcher(value).matches()) {
            return Optional.of(Violation.of(path, quote(value), rule, fix));
        }
        return Optional.empty();
    }

    /** The characters of a text: the violation names the first one refused and where it is. */
    static Optional<Violation> chars(String path, String value, Chars chars, String fix) {
        int at = chars.firstRefused(value);
        if (at < 0) {
            return Optional.empty();
        }
        return Optional.of(Violation.of(path, quote(value), chars.rule() + ": it has " + Shown.describe(value.codePointAt(at))
                + " at index " + at, fix));
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
        String path = "tags[" + key(key) + "]";
        List<Violation> found = new java.util.ArrayList<>();
        pattern(path + ".key", key, TAG_TEXT, 1, 128, "may contain only letters, digits, spaces and _ . : / = + - @", "rename the tag")
                .ifPresent(found::add);
        if (key.regionMatches(true, 0, "aws:", 0, 4)) {
            found.add(Violation.of(path + ".key", quote(key), "must not start with aws:, which AWS reserves", "rename the tag"));
        }
        pattern(path + ".value", value, TAG_TEXT, 0, 256, "may contain only letters, digits, spaces and _ . : / = + - @", "change the value")
                .ifPresent(found::add);
        return found;
    }

    /**
     * The container image rule: 1-255 characters without whitespace ({@code ContainerImage}), and
     * printable ASCII, as every image reference is (SageMaker's pattern would let a control
     * character or a non-ASCII character through to a pull that cannot succeed).
     */
    public static Optional<Violation> image(String path, String value) {
        return text(path, value, 1, 255, Chars.ASCII, IMAGE, "must not contain whitespace", "give the image URI without spaces");
    }

    /** The environment variable name rule. */
    public static Optional<Violation> envKey(String path, String key) {
        return pattern(path, key, ENV_KEY, 1, 1024, "must start with a letter or _ and contain only letters, digits and _",
                "rename it to " + suggestEnvKey(key));
    }

    private static String suggestEnvKey(String key) {
        String s = key.substring(0, Math.min(key.length(), 64)).replaceAll("[^a-zA-Z0-9_]", "_").replaceAll("^([0-9])", "_$1");
        return s.isEmpty() ? "MY_VARIABLE" : s;
    }

    /** The environment variable value length rule; a message shows the value's length, never the value. */
    public static Optional<Violation> envValue(String path, int length, boolean secret) {
        return length > 1024
                ? Optional.of(Violation.of(path, secret ? dev.ballast.Secret.MASK : length + " characters",
                        "must be at most 1024 characters (is " + length + ")", "shorten the value or pass it another way"))
                : Optional.empty();
    }

    /**
     * The environment variable value rules: at most 1024 characters ({@code EnvironmentValue}
     * allows any character), none that no request or process environment can carry (NUL, an
     * unpaired surrogate). A message shows where the character is, never the value.
     */
    public static Optional<Violation> envValue(String path, String value, boolean secret) {
        Optional<Violation> length = envValue(path, value.length(), secret);
        if (length.isPresent()) {
            return length;
        }
        int at = Chars.SENDABLE.firstRefused(value);
        return at < 0 ? Optional.empty() : Optional.of(Violation.of(path, secret ? dev.ballast.Secret.MASK : value.length() + " characters",
                Chars.SENDABLE.rule() + (secret ? "" : ": it has " + Shown.describe(value.codePointAt(at)) + " at index " + at),
                "remove the character or pass the value another way"));
    }

    /**
     * @param path where the variable sits, for example {@code component[llm].env[HF_TOKEN]}
     * @return the violations of one environment variable's key and value (never its value)
     */
    public static List<Violation> envEntry(String path, String key, String value) {
        return all(envKey(path + ".key", key), envValue(path, value, false));
    }

    /**
     * @param path where the variable sits, for example {@code component[llm].env[HF_TOKEN]}
     * @return the violations of one secret environment variable's key and value length (the
     *     value was checked when the {@link dev.ballast.Secret} was made)
     */
    public static List<Violation> secretEnvEntry(String path, String key, int valueLength) {
        return all(envKey(path + ".key", key), envValue(path, valueLength, true));
    }

    /** The model artifact URL rule. */
    public static Optional<Violation> s3Url(String path, String value) {
        return pattern(path, value, S3_URL, 1, 1024, "must be an s3:// or https:// URL", "for example s3://my-bucket/model.tar.gz");
    }

    /**
     * An alarm name, as both CloudWatch ({@code AlarmName}: 1-255 characters, no control
     * characters) and SageMaker ({@code AutoRollbackConfiguration}: {@code (?!\s*$).+}) take it.
     *
     * @param note what the rule adds, for example where a derived name comes from; may be empty
     */
    public static Optional<Violation> alarmName(String path, String name, String note, String fix) {
        return text(path, name, 1, 255, Chars.PRINTABLE, ALARM_NAME, "must be 1-255 characters and not blank" + note, fix);
    }

    /** CloudWatch's {@code MetricName}: 1-255 characters, no control characters. */
    public static Optional<Violation> metricName(String path, String name) {
        return text(path, name, 1, 255, Chars.PRINTABLE, null, "must be 1-255 characters", "name the metric, for example Invocation4XXErrors");
    }

    /** CloudWatch's {@code Namespace}: 1-255 printable ASCII characters, not starting with ':' ({@code [^:].*}). */
    public static Optional<Violation> namespace(String path, String namespace) {
        return text(path, namespace, 1, 255, Chars.ASCII, NAMESPACE, "must be 1-255 characters and not start with ':'", "for example AWS/SageMaker");
    }

    /**
     * CloudWatch's dimension rules: a name of 1-255 and a value of 1-1024 printable ASCII
     * characters, each with a non-whitespace character; a name does not start with ':'.
     *
     * @param path the dimension's path, for example {@code ...dimensions[Model]}
     */
    public static List<Violation> dimension(String path, String name, String value) {
        return all(text(path + ".name", name, 1, 255, Chars.ASCII, DIMENSION_NAME,
                        "must have a non-whitespace character and not start with ':'", "rename the dimension"),
                text(path + ".value", value, 1, 1024, Chars.ASCII, DIMENSION_VALUE,
                        "must have a non-whitespace character", "give the dimension a value"));
    }

    /** CloudWatch's {@code AlarmDescription}: at most 1024 characters that XML can carry. */
    public static Optional<Violation> alarmDescription(String path, String description) {
        if (description.length() > 1024) {
            return Optional.of(Violation.of(path, quote(description), "must be at most 1024 characters (is " + description.length() + ")",
                    "shorten the description"));
        }
        return chars(path, description, Chars.XML, "remove the character");
    }

    /** Application Auto Scaling's {@code PolicyName}: 1-256 printable ASCII characters ({@code \p{Print}+}); Ballast's: no ':'. */
    public static Optional<Violation> policyName(String path, String name) {
        String fix = "use a name such as my-variant-scaling";
        Optional<Violation> v = text(path, name, 1, 256, Chars.ASCII, POLICY_NAME, "must be 1-256 printable ASCII characters", fix);
        if (v.isEmpty() && name.indexOf(':') >= 0) {
            return Optional.of(Violation.of(path, quote(name), "must be 1-256 characters without ':'", fix));
        }
        return v;
    }

    /** SageMaker's {@code CsvContentType} and {@code JsonContentType}: for example {@code application/json}, at most 256 characters. */
    public static Optional<Violation> contentType(String path, String type) {
        if (type == null) {
            return Optional.of(Violation.of(path, null, "is required", "give a content type such as application/json"));
        }
        if (type.isEmpty() || type.length() > 256 || !CONTENT_TYPE.matcher(type).matches()) {
            return Optional.of(Violation.of(path, quote(type), "must be a content type such as application/json (at most 256 characters)",
                    "fix the content type"));
        }
        return Optional.empty();
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

    /** @return the value as a message shows it: quoted, escaped, and by a sample and its length if long */
    public static String quote(String value) {
        return Shown.quoted(value);
    }

    /** @return a value inside a path, such as a tag key in {@code tags[team]}: escaped, and by a sample and its length if long */
    public static String key(String value) {
        return Shown.bare(value);
    }

    static String describe(Duration d) {
        return d.getNano() == 0 ? d.getSeconds() + " s" : d.toString();
    }

    /**
     * A rule for every null: a DSL method given null where it needs a value fails at once with a
     * violation at {@code path} that names the parameter, never with a bare NullPointerException.
     *
     * @param value the argument
     * @param path where the value goes in the spec, for example {@code component[llm].image}
     * @param parameter the parameter's name, for example {@code imageUri}
     * @param fix what to pass instead
     * @return {@code value}, if it is not null
     * @throws SpecValidationException if it is
     */
    public static <T> T given(T value, String path, String parameter, String fix) {
        if (value == null) {
            throw new SpecValidationException(List.of(Violation.of(path, null, parameter + " must not be null", fix)));
        }
        return value;
    }

    /**
     * A rule for every null, for a varargs parameter: neither the array nor any element may be null.
     *
     * @return {@code values}, if neither it nor any element is null
     * @throws SpecValidationException naming the parameter (and the index of the null element)
     */
    public static <T> T[] givenAll(T[] values, String path, String parameter, String fix) {
        given(values, path, parameter, fix);
        List<Violation> nulls = new java.util.ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                nulls.add(Violation.of(path, null, parameter + "[" + i + "] must not be null", fix));
            }
        }
        require(nulls);
        return values;
    }

    /** Throws the violation at once: a single value that can never be right fails at the call that gives it. */
    public static void require(Optional<Violation> violation) {
        violation.ifPresent(v -> {
            throw new SpecValidationException(List.of(v));
        });
    }

    /** Throws the violations at once, if there are any. */
    public static void require(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new SpecValidationException(violations);
        }
    }

    /** @return the violations of a batch of rules, in order */
    @SafeVarargs
    public static List<Violation> all(Optional<Violation>... results) {
        // a loop, not Arrays.stream(results): handing the generic array on is what javac flags
        List<Violation> found = new java.util.ArrayList<>();
        for (Optional<Violation> result : results) {
            result.ifPresent(found::add);
        }
        return List.copyOf(found);
    }
}
