package dev.ballast;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.ballast.error.SpecValidationException;
import dev.ballast.error.Violation;
import dev.ballast.internal.validation.Rules;

/**
 * A value that must never be shown: a token, a password, an API key.
 *
 * <p>Ballast sends it where it belongs (a container environment variable) and masks it
 * everywhere else: {@code toString()}, plans, logs, events, exception messages and the testkit's
 * timeline all show {@value #MASK}. Only {@link #reveal()} gives the value back; call it where the
 * value leaves for AWS, nowhere else.
 */
public final class Secret {

    /** What a secret looks like wherever it is shown. */
    public static final String MASK = "****";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * @param value the secret value; must not be null, and must hold no character that no request
     *     or process environment can carry (NUL, an unpaired surrogate)
     * @return a secret holding it
     * @throws dev.ballast.error.SpecValidationException if the value is null or holds such a
     *     character; the message never shows the value
     */
    public static Secret of(String value) {
        Rules.given(value, "secret", "value", "give the secret's value, for example Secret.of(System.getenv(\"HF_TOKEN\"))");
        if (Rules.Chars.SENDABLE.firstRefused(value) >= 0) {
            throw new SpecValidationException(List.of(Violation.of("secret", MASK, Rules.Chars.SENDABLE.rule(),
                    "remove the character, or pass the value another way")));
        }
        return new Secret(value);
    }

    /** @return the secret value itself; never print or log it */
    public String reveal() {
        return value;
    }

    /** @return the length of the value, for validation messages that must not show it */
    public int length() {
        return value.length();
    }

    /** Constant-time comparison, so that comparing specs does not leak a secret through timing. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Secret && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), ((Secret) o).value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** @return {@value #MASK}, never the value */
    @Override
    public String toString() {
        return MASK;
    }
}
