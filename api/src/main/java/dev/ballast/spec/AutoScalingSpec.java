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
 * <p>A component may scale to 0 copies; a variant needs at least 1 instance. A component whose
 * {@link #min()} is 0 also gets the step-scaling policy and alarm that SageMaker requires to scale
 * out from zero ({@link #scaleOutFromZero()}): target tracking cannot leave 0 copies, because a
 * per-copy metric has no copy to divide by. On a serverless variant, auto scaling moves its
 * provisioned concurrency instead ({@code sagemaker:variant:DesiredProvisionedConcurrency}),
 * between 1 and its maximum concurrency.
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

    /**
     * @return the copies the scale-out-from-zero step adds ({@code ScalingAdjustment}); AWS's
     *     example's 1 when absent. Only for a minimum of 0 copies.
     */
    public abstract Optional<Integer> scaleOutFromZeroCopies();

    /** The metric SageMaker emits when an invocation finds no copy of an inference component to serve it. */
    public static final String NO_CAPACITY_METRIC = "NoCapacityInvocationFailures";

    /**
     * The step-scaling policy and alarm that take an inference component out of 0 copies, exactly as
     * AWS's example for scale down to zero
     * (<a href="https://aws.amazon.com/blogs/machine-learning/unlock-cost-savings-with-the-new-scale-down-to-zero-feature-in-amazon-sagemaker-inference/">
     * Unlock cost savings with the new scale down to zero feature in SageMaker Inference</a>, re:Invent
     * 2024, and
     * <a href="https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-zero-instances.html">
     * Scale an endpoint to zero instances</a>):
     * <ul>
     * <li>the policy: {@code StepScaling}, {@code AdjustmentType ChangeInCapacity},
     *     {@code MetricAggregationType Maximum}, {@code Cooldown 60}, one step
     *     {@code MetricIntervalLowerBound 0 -> ScalingAdjustment 1} (or {@link #scaleOutFromZeroCopies()});</li>
     * <li>the alarm: {@code AWS/SageMaker} {@code NoCapacityInvocationFailures} by
     *     {@code InferenceComponentName}, {@code Maximum} over 30 s, 1 of 1 data points
     *     {@code GreaterThanOrEqualToThreshold 1}, {@code TreatMissingData missing}, its
     *     {@code AlarmActions} the policy's ARN.</li>
     * </ul>
     * The blog's alarm is taken, not the developer guide's ({@code Sum} over 60 s,
     * {@code GreaterThanThreshold 1}): with the guide's, a single failed invocation in a minute does
     * not wake the component; with the blog's it does ("approximately 1 minute ... after our endpoint
     * receives a single request"). The step policy is the same in both.
     *
     * @return the policy when {@link #min()} is 0, else empty
     */
    public final Optional<StepScalingSpec> scaleOutFromZero() {
        if (min() != 0) {
            return Optional.empty();
        }
        AlarmSpec alarm = AlarmSpec.builder().metricName(NO_CAPACITY_METRIC).statistic(Statistic.MAXIMUM)
                .comparison(Comparison.GREATER_THAN_OR_EQUAL).threshold(1.0).period(Duration.ofSeconds(30))
                .evaluationPeriods(1).datapointsToAlarm(1).treatMissingData(MissingData.MISSING)
                .description("Invoked with no copy to serve it: scale out from zero copies").build();
        return Optional.of(StepScalingSpec.builder().alarm(alarm)
                .addSteps(StepScalingSpec.Step.of(StepScalingSpec.AdjustmentType.CHANGE_IN_CAPACITY, scaleOutFromZeroCopies().orElse(1)))
                .cooldown(Duration.ofSeconds(60)).aggregation(Statistic.MAXIMUM).build());
    }

    /** @return the declared step policies, then {@link #scaleOutFromZero()} if any: what Ballast puts */
    public final java.util.List<StepScalingSpec> allStepPolicies() {
        java.util.List<StepScalingSpec> all = new java.util.ArrayList<>(stepPolicies());
        scaleOutFromZero().ifPresent(all::add);
        return java.util.List.copyOf(all);
    }

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
                + scaleOutFromZeroCopies().map(n -> ", scale out from zero by " + n).orElse("")
                + stepPolicies().stream().map(p -> ", " + p).reduce("", String::concat) + "}";
    }
}
