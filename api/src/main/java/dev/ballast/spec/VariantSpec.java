package dev.ballast.spec;

import dev.ballast.InstanceType;
import java.time.Duration;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A model-based production variant: one model on instances of one type (or serverless), with the
 * share of the endpoint's traffic it starts with.
 *
 * <p>The traffic share of a variant is its weight divided by the sum of all weights, so 0.9 and
 * 0.1 split 90/10, and so do 9 and 1.
 */
@Value.Immutable
public abstract class VariantSpec {

    /** For the implementation Immutables generates; build one with {@link #builder()}. */
    protected VariantSpec() {
    }

    /** @return the variant's name, unique on the endpoint */
    public abstract String name();

    /** @return the model the variant serves (required) */
    public abstract Optional<ModelSpec> model();

    /** @return the instance type; required unless the variant is serverless */
    public abstract Optional<InstanceType> instanceType();

    /** @return the instances the variant starts with ({@code InitialInstanceCount}); 1 when absent */
    public abstract Optional<Integer> initialInstanceCount();

    /** @return the variant's initial weight ({@code InitialVariantWeight}, at least 0) */
    @Value.Default
    public double initialWeight() {
        return 1.0;
    }

    /** @return the serverless configuration, if the variant is serverless */
    public abstract Optional<Serverless> serverless();

    /** @return the storage volume per instance in GB (1 to 512), if set */
    public abstract Optional<Integer> volumeSizeGb();

    /** @return the model download timeout (60 to 3600 s) */
    public abstract Optional<Duration> modelDataDownloadTimeout();

    /** @return the container start-up health-check timeout (60 to 3600 s) */
    public abstract Optional<Duration> containerStartupHealthCheckTimeout();

    /** @return managed instance scaling; only endpoints that host inference components accept it (a validation error here) */
    public abstract Optional<InstanceScaling> managedScaling();

    /** @return target-tracking auto scaling of the instance count, if any */
    public abstract Optional<AutoScalingSpec> autoScaling();

    /** @return the instance count the variant is created with; 0 for a serverless variant */
    public final int resolvedInstanceCount() {
        return serverless().isPresent() ? 0 : initialInstanceCount().orElse(1);
    }

    /** @return a builder; {@code name} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link VariantSpec}. */
    public static class Builder extends ImmutableVariantSpec.Builder {

        /** An empty builder; {@code builder()} is the usual way to get one. */
        public Builder() {
        }
    }

    /** @return every attribute that is set */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Variant{").append(name());
        model().ifPresent(m -> sb.append(", model ").append(m.name()));
        instanceType().ifPresent(t -> sb.append(" on ").append(t).append(" x ").append(resolvedInstanceCount()));
        serverless().ifPresent(s -> sb.append(", ").append(s));
        sb.append(", weight ").append(AlarmSpec.number(initialWeight()));
        volumeSizeGb().ifPresent(v -> sb.append(", volume ").append(v).append(" GB"));
        modelDataDownloadTimeout().ifPresent(v -> sb.append(", model download timeout ").append(v.toSeconds()).append(" s"));
        containerStartupHealthCheckTimeout().ifPresent(v -> sb.append(", startup health check timeout ").append(v.toSeconds()).append(" s"));
        managedScaling().ifPresent(s -> sb.append(", managed scaling ").append(s));
        autoScaling().ifPresent(a -> sb.append(", ").append(a));
        return sb.append('}').toString();
    }
}
