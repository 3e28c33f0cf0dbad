package dev.ballast.spec;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.immutables.value.Value;

import dev.ballast.InstanceType;
import dev.ballast.internal.validation.EndpointValidator;

/**
 * An endpoint of inference components: one production variant of one instance type, optionally
 * scaled by SageMaker between a minimum and a maximum instance count, and the components placed on
 * it. One of the two kinds of {@link EndpointSpec}; {@code Endpoint.on(..)} starts one.
 *
 * <p>A {@code ComponentEndpointSpec} is valid by construction: building one checks every rule the
 * SageMaker API and Ballast know (names, ranges, required fields, ARN shapes, batch sizes, alarm
 * limits, whether the copies and a rolling update's extra batch fit on the instances) and throws
 * one {@link dev.ballast.error.SpecValidationException} that lists all violations.
 *
 * <pre>{@code
 * ComponentEndpointSpec spec = ComponentEndpointSpec.builder()
 *     .name("rolling-demo")
 *     .instanceType(InstanceType.ML_G5_2XLARGE)
 *     .scaling(new InstanceScaling(1, 4))
 *     .executionRoleArn("arn:aws:iam::123456789012:role/SageMakerRole")
 *     .addComponent(ComponentSpec.builder().name("llm").image(image).accelerators(1)
 *         .minMemoryMb(1024).copies(2).build())
 *     .build();
 * }</pre>
 */
@Value.Immutable
public non-sealed abstract class ComponentEndpointSpec implements EndpointSpec {

    /** For the implementation Immutables generates; build one with {@link #builder()}. */
    protected ComponentEndpointSpec() {
    }

    /** The variant name SageMaker's own examples use, and Ballast's default. */
    public static final String DEFAULT_VARIANT = "AllTraffic";

    /** @return the endpoint's name */
    public abstract String name();

    /** @return the instance type of the endpoint's variant */
    public abstract InstanceType instanceType();

    /** @return the instances the endpoint starts with; the scaling minimum (at least 1) when absent */
    public abstract Optional<Integer> initialInstanceCount();

    /** @return managed instance scaling, if enabled */
    public abstract Optional<InstanceScaling> scaling();

    /** @return how requests are spread over copies; SageMaker's default when absent */
    public abstract Optional<RoutingStrategy> routing();

    /** @return the variant's model download timeout (60 to 3600 s) */
    public abstract Optional<Duration> modelDataDownloadTimeout();

    /** @return the variant's container start-up health-check timeout (60 to 3600 s) */
    public abstract Optional<Duration> containerStartupHealthCheckTimeout();

    /** @return the IAM role SageMaker assumes; required for an endpoint that hosts components */
    public abstract Optional<String> executionRoleArn();

    /** @return the VPC the instances run in, if any */
    public abstract Optional<Vpc> vpc();

    /** @return the KMS key that encrypts the instances' storage, if any */
    public abstract Optional<String> kmsKeyId();

    /** @return tags put on the endpoint configuration and the endpoint */
    public abstract Map<String, String> tags();

    /** @return the production variant's name */
    @Value.Default
    public String variantName() {
        return DEFAULT_VARIANT;
    }

    /** @return the inference components hosted on the endpoint, in the order given */
    public abstract List<ComponentSpec> components();

    /** @return the instance count the endpoint is created with */
    public final int resolvedInitialInstanceCount() {
        return initialInstanceCount().orElseGet(() -> scaling().map(s -> Math.max(1, s.min())).orElse(1));
    }

    /** @return the most instances the endpoint can have: the scaling maximum, else the initial count */
    public final int maximumInstanceCount() {
        return scaling().map(InstanceScaling::max).orElseGet(this::resolvedInitialInstanceCount);
    }

    /**
     * @param name a component name
     * @return the component of that name, if the endpoint hosts one
     */
    public final Optional<ComponentSpec> component(String name) {
        return components().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * @param componentName a component of this endpoint
     * @return the CloudWatch names of the alarms that roll an update of that component back, in
     *     the order its rolling update lists them; empty if it has none
     */
    public final java.util.Set<String> rollbackAlarmNames(String componentName) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        component(componentName).flatMap(ComponentSpec::rollingUpdate).ifPresent(r ->
                r.rollbackAlarms().forEach(a -> names.add(a.resolvedName(name(), componentName))));
        return names;
    }

    /** @return every component's rollback alarm names, in the order of the components and their alarms */
    @Override
    public final java.util.Set<String> rollbackAlarmNames() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        components().forEach(c -> names.addAll(rollbackAlarmNames(c.name())));
        return names;
    }

    /**
     * The name of the endpoint configuration this spec needs: the endpoint's name and a short hash
     * of everything that goes into the configuration. An endpoint configuration is immutable in
     * SageMaker, so a changed configuration is a new version with a new name, and the same
     * configuration always gets the same name, which is what makes applying a spec twice a no-op.
     *
     * @return for example {@code rolling-demo-3f9a1c2e}
     */
    @Value.Lazy
    @Override
    public String endpointConfigName() {
        return ConfigNames.versioned(name(), configFingerprint());
    }

    /** Order-free and complete: equal specs give equal names, and no two endpoints share a configuration. */
    private String configFingerprint() {
        return String.join("|",
                "endpoint=" + name(),
                "type=" + instanceType(),
                "initial=" + resolvedInitialInstanceCount(),
                "scaling=" + scaling().map(Object::toString).orElse(""),
                "routing=" + routing().map(Enum::name).orElse(""),
                "download=" + modelDataDownloadTimeout().map(Duration::toSeconds).map(String::valueOf).orElse(""),
                "health=" + containerStartupHealthCheckTimeout().map(Duration::toSeconds).map(String::valueOf).orElse(""),
                "role=" + executionRoleArn().orElse(""),
                "vpc=" + vpc().map(v -> new java.util.TreeSet<>(v.subnets()) + "/" + new java.util.TreeSet<>(v.securityGroupIds())).orElse(""),
                "kms=" + kmsKeyId().orElse(""),
                "tags=" + new java.util.TreeMap<>(tags()),
                "variant=" + variantName());
    }

    @Value.Check
    protected void check() {
        EndpointValidator.validate(this);
    }

    /** @return a builder; {@code name} and {@code instanceType} are required */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link ComponentEndpointSpec}; {@code build()} validates the whole spec. */
    public static class Builder extends ImmutableComponentEndpointSpec.Builder {

        /** An empty builder; {@code builder()} is the usual way to get one. */
        public Builder() {
        }
    }

    /** @return every attribute that is set, one component per line; secret values show as {@code ****} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Endpoint{").append(name()).append(" on ").append(instanceType());
        sb.append(", instances ").append(resolvedInitialInstanceCount());
        scaling().ifPresent(s -> sb.append(", scale ").append(s));
        routing().ifPresent(r -> sb.append(", routing ").append(r));
        modelDataDownloadTimeout().ifPresent(v -> sb.append(", model download timeout ").append(v.toSeconds()).append(" s"));
        containerStartupHealthCheckTimeout().ifPresent(v -> sb.append(", startup health check timeout ").append(v.toSeconds()).append(" s"));
        executionRoleArn().ifPresent(r -> sb.append(", role ").append(r));
        vpc().ifPresent(v -> sb.append(", vpc ").append(v.subnets()).append(' ').append(v.securityGroupIds()));
        kmsKeyId().ifPresent(k -> sb.append(", kms ").append(k));
        if (!tags().isEmpty()) {
            sb.append(", tags ").append(tags());
        }
        if (!variantName().equals(DEFAULT_VARIANT)) {
            sb.append(", variant ").append(variantName());
        }
        for (ComponentSpec c : components()) {
            sb.append(",\n  ").append(c);
        }
        return sb.append('}').toString();
    }
}
