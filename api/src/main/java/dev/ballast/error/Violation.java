package dev.ballast.error;

import java.util.Objects;

/**
 * One broken rule of a spec.
 *
 * @param path where in the spec, for example {@code component[llm].rollingUpdate.batch}
 * @param value the offending value as text, with secret values already masked; {@code null} when
 *     the value is missing
 * @param rule the rule that is broken, for example {@code must be 5-50% of the copy count}
 * @param fix what to do about it, with the user's own values where possible
 */
public record Violation(String path, String value, String rule, String fix) {

    public Violation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(fix, "fix");
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
