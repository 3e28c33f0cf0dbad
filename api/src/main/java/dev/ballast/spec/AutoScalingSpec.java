package dev.ballast.spec;

import java.time.Duration;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Auto scaling of a production variant's instance count or an inference component's copy count,
 * through Application Auto Scaling: a scalable target between a minimum and a maximum, at most one
 * target-tracking policy that keeps a predefined or a {@link CustomMetricSpec custom} metric near a
 * target value, and any number of {@link StepScalingSpec step-scaling policies}, each set off by its
 * own alarm.
 *
 * <p>A component may scale to 0 copies; a variant needs at least 1 instance. On a serverless
 * variant, auto scaling moves its provisioned concurrency instead
 * ({@code sagemaker:variant:DesiredProvisionedConcurrency}), between 1 and its maximum concurrency.
 */
@Value.Immutable
public abstract class AutoScalingSpec {

    /** For the implementation Immutables generates; build one with {@link #builder()}. */
    protected AutoScalingSpec() {
    }

    /** @return the fewest instances or copies ({@code MinCapacity}) */
    public abstract int min();

    /** @return the most instances or copies ({@code MaxCapacity}) */
    public abstract int max();

    /** @return the predefined metric the target-tracking policy tracks (this, {@link #customMetric()} or {@link #metricMath()}) */
    public abstract Optional<ScalingMetric> metric();

    /** @return the custom metric the target-tracking policy tracks (this or {@link #metric()}) */
    public abstract Optional<CustomMetricSpec> customMetric();

    /**
     * @return the metric math the target-tracking policy tracks (this, {@link #metric()} or
     *     {@link #customMetric()}): its queries, exactly one of which returns the tracked series
     */
    public abstract java.util.List<CustomMetricSpec.MathQuery> metricMath();

    /** @return the step-scaling policies, in the order given */
    public abstract java.util.List<StepScalingSpec> stepPolicies();

    /** @return whether a target-tracking policy is declared (a metric or a target value) */
    public final boolean tracks() {
        return metric().isPresent() || customMetric().isPresent() || !metricMath().isEmpty() || targetValue().isPresent();
    }

    /** @return the value the policy keeps the metric near ({@code TargetValue}, required, above 0) */
    public abstract Optional<Double> targetValue();

    /** @return the pause after scaling out before another scale-out ({@code ScaleOutCooldown}) */
    public abstract Optional<Duration> scaleOutCooldown();

    /** @return the pause after scaling in before another scale-in ({@code ScaleInCooldown}) */
    public abstract Optional<Duration> scaleInCooldown();

    /** @return whether the policy never removes capacity ({@code DisableScaleIn}) */
    @Value.Default
    public boolean scaleInDisabled() {
        return false;
    }

    /** @return the policy's name; Ballast names it after the resource and metric when absent */
    public abstract Optional<String> policyName();

    /**
     * @param resourceName the variant or component the policy scales
     * @return the explicit name, or {@code <resource>-target-tracking}
     */
    public final String resolvedPolicyName(String resourceName) {
        return policyName().orElse(resourceName + "-target-tracking");
    }

    /** @return a builder; {@code min} and {@code max} are required */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link AutoScalingSpec}. */
    public static class Builder extends ImmutableAutoScalingSpec.Builder {

        /** An empty builder; {@code builder()} is the usual way to get one. */
        public Builder() {
        }
    }

    /** @return for example {@code AutoScaling{1..4, INVOCATIONS_PER_INSTANCE at 70}} */
    @Override
    public String toString() {
        return "AutoScaling{" + min() + ".." + max() + (!tracks() ? "" : ", "
                + metric().map(Enum::name).orElseGet(() -> customMetric().map(CustomMetricSpec::toString)
                        .orElseGet(() -> metricMath().isEmpty() ? "?" : "metric math " + metricMath())) + " at "
                + targetValue().map(AlarmSpec::number).orElse("?"))
                + scaleOutCooldown().map(d -> ", scale-out cooldown " + d.toSeconds() + " s").orElse("")
                + scaleInCooldown().map(d -> ", scale-in cooldown " + d.toSeconds() + " s").orElse("")
                + (scaleInDisabled() ? ", no scale-in" : "")
                + policyName().map(n -> ", policy " + n).orElse("")
                + stepPolicies().stream().map(p -> ", " + p).reduce("", String::concat) + "}";
    }
}
