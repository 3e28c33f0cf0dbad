package dev.ballast.error;

import java.util.List;

import dev.ballast.internal.text.Shown;

/**
 * A spec breaks one or more rules. Thrown before any request is sent: when a single value is
 * given that can never be right ({@code scale(4, 1)}), or when a whole spec is built, in which
 * case every violation of that spec is reported at once.
 *
 * <p>{@link #violations()} gives each broken rule with its path, its value (secrets masked), the
 * rule and how to fix it; the message lists them all, one per line. Values appear as
 * {@link Violation#quote(String)} shows them: a long one by a sample and its length, control
 * characters escaped, so a message stays short and one violation stays on its lines.
 */
public final class SpecValidationException extends BallastException {

    private static final long serialVersionUID = 1L;

    /** The code of every spec validation failure. */
    public static final String CODE = "BALLAST-SPEC";

    private final transient List<Violation> violations;

    /** @param violations the broken rules; at least one */
    public SpecValidationException(List<Violation> violations) {
        this(null, violations);
    }

    /**
     * @param subject what was being built, for example {@code endpoint 'rolling-demo'}; may be null
     * @param violations the broken rules; at least one
     */
    public SpecValidationException(String subject, List<Violation> violations) {
        super(CODE, message(subject, violations));
        this.violations = List.copyOf(violations);
    }

    /**
     * Used by the generated value classes when a required attribute is missing.
     *
     * @param message the generator's message, naming the missing attributes
     */
    public SpecValidationException(String message) {
        this(List.of(Violation.of("(required)", null, message, "set the attributes it names")));
    }

    /** @return every broken rule, in the order the spec declares the fields */
    public List<Violation> violations() {
        return violations;
    }

    private static String message(String subject, List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a SpecValidationException needs at least one violation");
        }
        StringBuilder sb = new StringBuilder();
        String what = subject == null ? "The spec" : "The spec of " + Shown.safe(subject, 256);
        int n = violations.size();
        sb.append(what).append(" breaks ").append(n).append(n == 1 ? " rule" : " rules")
                .append("; nothing was sent to AWS:");
        for (int i = 0; i < n; i++) {
            Violation v = violations.get(i);
            sb.append("\n  ").append(i + 1).append(". ").append(v.path())
                    .append(v.value() == null ? " is missing" : " = " + v.value())
                    .append(": ").append(v.rule())
                    .append("\n     fix: ").append(v.fix());
        }
        return sb.toString();
    }
}
