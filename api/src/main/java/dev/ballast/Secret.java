package dev.ballast;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

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
     * @param value the secret value; must not be null
     * @return a secret holding it
     */
    public static Secret of(String value) {
        return new Secret(Objects.requireNonNull(value, "a secret value must not be null"));
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
