package dev.ballast;

import java.util.Objects;

/**
 * What the DSL's immutable values ({@link Component}, {@link RollingUpdate}, {@link Alarm}) have in
 * common: each wraps the spec it has built so far, is equal to another of its kind with an equal
 * spec, and prints as that spec (secrets masked).
 */
abstract class DslValue<S> {

    private final S spec;

    DslValue(S spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    /** @return the spec described so far */
    public S spec() {
        return spec;
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((DslValue<?>) o).spec.equals(spec);
    }

    @Override
    public final int hashCode() {
        return spec.hashCode();
    }

    /** @return the spec described so far; secret values show as {@code ****} */
    @Override
    public final String toString() {
        return spec.toString();
    }
}
