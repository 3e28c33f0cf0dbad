package dev.ballast.spec;

import dev.ballast.Secret;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One container of a model of several containers ({@code CreateModel}'s {@code Containers}): an inference
 * pipeline's step or one of the models of a multi-container endpoint with direct invocation. The same
 * fields as a single container ({@link ModelSpec}'s image, model data and environment) plus the container's
 * hostname ({@code ContainerHostname}), which names it in metrics and which direct invocation targets.
 */
@Value.Immutable
public abstract class ModelContainerSpec {

    /** For the implementation Immutables generates; build one with {@link #builder()}. */
    protected ModelContainerSpec() {
    }

    /**
     * @return the container's hostname ({@code ContainerHostname}): required with direct invocation; in a
     *     pipeline either every container has one or none has (SageMaker then names them by position)
     */
    public abstract Optional<String> hostname();

    /** @return the container image URI (required) */
    public abstract Optional<String> image();

    /** @return the S3 (or HTTPS) URI of the container's model artifacts ({@code ModelDataUrl}), if any */
    public abstract Optional<String> modelDataUrl();

    /** @return plain environment variables, in the order given */
    public abstract Map<String, String> environment();

    /** @return secret environment variables: sent to SageMaker, masked everywhere else */
    public abstract Map<String, Secret> secretEnvironment();

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ModelContainerSpec}. */
    public static class Builder extends ImmutableModelContainerSpec.Builder {

        /** An empty builder; {@code builder()} is the usual way to get one. */
        public Builder() {
        }
    }

    /** @return every attribute that is set; secret values show as {@code ****} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Container{").append(hostname().orElse("unnamed"));
        image().ifPresent(v -> sb.append(", image ").append(v));
        modelDataUrl().ifPresent(v -> sb.append(", model data ").append(v));
        EnvironmentText.append(sb, environment(), secretEnvironment());
        return sb.append('}').toString();
    }
}
