package dev.ballast.spec;

import dev.ballast.Secret;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A SageMaker model ({@code CreateModel}): the container image, its model artifacts and
 * environment, the role SageMaker assumes to fetch them, and the VPC the container runs in. A model
 * of several containers has {@link #containers()} and an {@link #executionMode()} instead of the
 * single container's image, model data and environment: an inference pipeline ({@code Serial}) or a
 * multi-container endpoint with direct invocation ({@code Direct}).
 *
 * <p>Models are immutable in SageMaker (there is no {@code UpdateModel}): a changed model is a new
 * model with a new name, for example {@code my-model-v2}. Ballast refuses to plan a spec whose
 * model exists under the same name with a different definition, rather than deleting a model a
 * live endpoint may still use.
 */
@Value.Immutable
public abstract class ModelSpec {

    /** For the implementation Immutables generates; build one with {@link #builder()}. */
    protected ModelSpec() {
    }

    /** @return the model's name: 1-63 letters, digits and hyphens */
    public abstract String name();

    /** @return the container image URI (required) */
    public abstract Optional<String> image();

    /** @return the S3 (or HTTPS) URI of the model artifacts ({@code ModelDataUrl}), if any */
    public abstract Optional<String> modelDataUrl();

    /** @return plain environment variables, in the order given */
    public abstract Map<String, String> environment();

    /** @return secret environment variables: sent to SageMaker, masked everywhere else */
    public abstract Map<String, Secret> secretEnvironment();

    /**
     * @return the containers of a model of several containers ({@code Containers}), in order; empty for a
     *     model of one container ({@code PrimaryContainer})
     */
    public abstract List<ModelContainerSpec> containers();

    /** @return how the {@link #containers()} run ({@code InferenceExecutionConfig.Mode}), if set */
    public abstract Optional<InferenceExecutionMode> executionMode();

    /** @return the IAM role SageMaker assumes to pull the image and the artifacts (required) */
    public abstract Optional<String> executionRoleArn();

    /** @return the VPC the model's container runs in, if any */
    public abstract Optional<Vpc> vpc();

    /** @return whether the container is cut off from the network ({@code EnableNetworkIsolation}) */
    @Value.Default
    public boolean networkIsolation() {
        return false;
    }

    /** @return a builder; {@code name} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ModelSpec}. */
    public static class Builder extends ImmutableModelSpec.Builder {

        /** An empty builder; {@code builder()} is the usual way to get one. */
        public Builder() {
        }
    }

    /** @return every attribute that is set; secret values show as {@code ****} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Model{").append(name());
        image().ifPresent(v -> sb.append(", image ").append(v));
        modelDataUrl().ifPresent(v -> sb.append(", model data ").append(v));
        EnvironmentText.append(sb, environment(), secretEnvironment());
        executionMode().ifPresent(v -> sb.append(", ").append(v.apiValue()));
        if (!containers().isEmpty()) {
            sb.append(", containers ").append(containers());
        }
        executionRoleArn().ifPresent(v -> sb.append(", role ").append(v));
        vpc().ifPresent(v -> sb.append(", vpc ").append(v.subnets()).append(' ').append(v.securityGroupIds()));
        if (networkIsolation()) {
            sb.append(", network isolation");
        }
        return sb.append('}').toString();
    }

    /**
     * How the containers of a model of several containers run
     * (<a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_InferenceExecutionConfig.html">
     * InferenceExecutionConfig</a>).
     */
    public enum InferenceExecutionMode {

        /**
         * An inference pipeline: the request goes through the containers in order, each container's answer is the
         * next one's request, and the last container's answer is returned.
         */
        SERIAL("Serial"),

        /** Direct invocation: each request names the one container that answers it ({@code TargetContainerHostname}). */
        DIRECT("Direct");

        private final String apiValue;

        InferenceExecutionMode(String apiValue) {
            this.apiValue = apiValue;
        }

        /** @return the value SageMaker's API uses, {@code Serial} or {@code Direct} */
        public String apiValue() {
            return apiValue;
        }
    }
}
