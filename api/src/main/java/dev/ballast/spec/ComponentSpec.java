package dev.ballast.spec;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.immutables.value.Value;

import dev.ballast.Secret;

/**
 * An inference component: a model container with the compute each copy reserves, the number of
 * copies, and how an update of it rolls out.
 *
 * <p>Attributes are optional here so that an {@link ComponentEndpointSpec} can report every missing one at
 * once; the endpoint's validation says which are required.
 */
@Value.Immutable
public abstract class ComponentSpec {

    /** For the implementation Immutables generates; build one with {@link #builder()}. */
    protected ComponentSpec() {
    }

    /** @return the inference component's name */
    public abstract String name();

    /**
     * @return the base component of an adapter component ({@code Specification.BaseInferenceComponentName}):
     *     a component of the same endpoint that hosts the foundation model this LoRA adapter adapts. An
     *     adapter has only a name, its base and its artifact ({@link #modelDataUrl()}); it runs on the
     *     base's copies with the base's compute.
     */
    public abstract Optional<String> baseComponent();

    /** @return whether this is an adapter component (it has a {@link #baseComponent()}) */
    public boolean isAdapter() {
        return baseComponent().isPresent();
    }

    /** @return the container image URI (required, except for an adapter) */
    public abstract Optional<String> image();

    /** @return plain environment variables, in the order given */
    public abstract Map<String, String> environment();

    /** @return secret environment variables: sent to SageMaker, masked everywhere else */
    public abstract Map<String, Secret> secretEnvironment();

    /** @return the S3 URI of the model artifacts ({@code ArtifactUrl}), if any; an adapter's LoRA artifact (required) */
    public abstract Optional<String> modelDataUrl();

    /** @return accelerator devices per copy ({@code NumberOfAcceleratorDevicesRequired}) */
    public abstract Optional<Integer> accelerators();

    /** @return vCPUs per copy ({@code NumberOfCpuCoresRequired}, at least 0.25) */
    public abstract Optional<Double> cpuCores();

    /** @return memory reserved per copy in MiB ({@code MinMemoryRequiredInMb}, required, at least 128) */
    public abstract Optional<Integer> minMemoryMb();

    /** @return the memory cap per copy in MiB ({@code MaxMemoryRequiredInMb}) */
    public abstract Optional<Integer> maxMemoryMb();

    /** @return the number of copies (required; at least 1 when the component is created) */
    public abstract Optional<Integer> copies();

    /** @return the model download timeout of each copy (60 to 3600 s) */
    public abstract Optional<Duration> modelDataDownloadTimeout();

    /** @return the container start-up health-check timeout of each copy (60 to 3600 s) */
    public abstract Optional<Duration> containerStartupHealthCheckTimeout();

    /** @return how an update of this component rolls out; without one SageMaker chooses */
    public abstract Optional<RollingUpdateSpec> rollingUpdate();

    /**
     * @return target-tracking auto scaling of the copy count, if any; while it is attached the
     *     copy count is auto scaling's to change, and an apply leaves it alone
     */
    public abstract Optional<AutoScalingSpec> autoScaling();

    /** @return a builder; {@code name} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ComponentSpec}. */
    public static class Builder extends ImmutableComponentSpec.Builder {

        /** An empty builder; {@code builder()} is the usual way to get one. */
        public Builder() {
        }
    }

    /** @return every attribute that is set; secret values show as {@code ****} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Component{").append(name());
        baseComponent().ifPresent(v -> sb.append(", adapter of ").append(v));
        image().ifPresent(v -> sb.append(", image ").append(v));
        EnvironmentText.append(sb, environment(), secretEnvironment());
        modelDataUrl().ifPresent(v -> sb.append(", model data ").append(v));
        accelerators().ifPresent(v -> sb.append(", accelerators ").append(v));
        cpuCores().ifPresent(v -> sb.append(", cpu cores ").append(v));
        minMemoryMb().ifPresent(v -> sb.append(", memory ").append(v).append(" MiB"));
        maxMemoryMb().ifPresent(v -> sb.append(", max memory ").append(v).append(" MiB"));
        copies().ifPresent(v -> sb.append(", copies ").append(v));
        modelDataDownloadTimeout().ifPresent(v -> sb.append(", model download timeout ").append(v.toSeconds()).append(" s"));
        containerStartupHealthCheckTimeout().ifPresent(v -> sb.append(", startup health check timeout ").append(v.toSeconds()).append(" s"));
        rollingUpdate().ifPresent(v -> sb.append(", ").append(v));
        autoScaling().ifPresent(v -> sb.append(", ").append(v));
        return sb.append('}').toString();
    }
}
