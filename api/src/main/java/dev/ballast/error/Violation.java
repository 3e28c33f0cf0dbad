package dev.ballast.error;

import java.util.Objects;

import dev.ballast.internal.text.Shown;

/**
 * One broken rule of a spec.
 *
 * @param path where in the spec, for example {@code component[llm].rollingUpdate.batch}
 * @param value the offending value as text, with secret values already masked; {@code null} when
 *     the value is missing. Values given by a user are shown by {@link #quote(String)}: a long one
 *     by a sample and its length, control characters escaped

 * @param rule the rule that is broken, for example {@code must be 5-50% of the copy count}
 * @param fix what to do about it, with the user's own values where possible
 */
public record Violation(String path, String value, String rule, String fix) {

    /** The most characters of a path or a value a violation keeps. */
    static final int LONGEST_PATH_OR_VALUE = 512;
    /** The most characters of a rule or a fix a violation keeps. */
    static final int LONGEST_RULE_OR_FIX = 2048;

    /**
     * Keeps every part bounded and printable, whatever it was given: a text longer than its
     * limit (512 characters for a path or a value, 2048 for a rule or a fix) keeps its start and
     * end, and control characters, line separators and unpaired surrogates are escaped. Text
     * made by {@link #quote(String)} passes unchanged.
     */
    public Violation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(fix, "fix");
        path = Shown.safe(path, LONGEST_PATH_OR_VALUE);
        value = Shown.safe(value, LONGEST_PATH_OR_VALUE);
        rule = Shown.safe(rule, LONGEST_RULE_OR_FIX);
        fix = Shown.safe(fix, LONGEST_RULE_OR_FIX);
    }

    /**
     * How a value a user gave is shown in a violation or an exception message: quoted and whole
     * up to 64 characters, else by a sample of its start and end and its length
     * ({@code "aaaa…aaaa" (1048576 characters)}); control characters, line separators, invisible
     * characters and unpaired surrogates escaped (a line feed as a backslash and {@code n}, NUL as
     * a backslash and {@code u0000}).
     * Never pass a secret's value.
     *
     * @param value a value given by a user; may be null
     * @return the value as shown
     */
    public static String quote(String value) {
        return Shown.quoted(value);
    }

    /**
     * @return a violation of {@code rule} at {@code path} by {@code value} (rendered with
     *     {@code String.valueOf}; pass a masked text for secrets)
     */
    public static Violation of(String path, Object value, String rule, String fix) {
        return new Violation(path, value == null ? null : String.valueOf(value), rule, fix);
    }

    /** @return one line: path, value, rule and fix */
    @Override
    public String toString() {
        return path + (value == null ? " (missing)" : " = " + value) + ": " + rule + " -> " + fix;
    }
}
