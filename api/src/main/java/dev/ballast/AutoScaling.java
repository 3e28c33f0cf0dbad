package dev.ballast;

import dev.ballast.error.SpecValidationException;
import dev.ballast.error.Violation;
import dev.ballast.internal.validation.Rules;
import dev.ballast.spec.AutoScalingSpec;
import dev.ballast.spec.ScalingMetric;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Auto scaling as code, for a {@link Variant}'s instances (a serverless variant's provisioned
 * concurrency) or a {@link Component}'s copies: Ballast
 * registers the scalable target and puts the policies once the resource is in service. One
 * target-tracking policy on a predefined or a {@link CustomMetric custom} metric, and any number of
 * {@link StepScaling step-scaling} policies with their alarms. Immutable.
 *
 * <pre>{@code
 * Variant.named("AllTraffic")...autoScaling(AutoScaling.between(1, 4).invocationsPerInstance(70));
 * Component.named("llm")...autoScaling(AutoScaling.between(0, 4).invocationsPerCopy(10));
 * AutoScaling.between(1, 8).target(CustomMetric.named("QueueDepth").namespace("Custom/LLM"), 5);
 * AutoScaling.between(1, 8).target(MetricMath.of("m1 / m2").metric("m1", queue).metric("m2", workers), 5);
 * AutoScaling.between(1, 8).stepScaling(StepScaling.on(queue.atOrAbove(10)).add(1).to(25).add(3).from(25));
 * Variant.named("AllTraffic").serverless(2048, 20).provisionedConcurrency(2)
 *         .autoScaling(AutoScaling.between(1, 10).provisionedConcurrencyUtilization(0.5));
 * }</pre>
 *
 * <p><b>Scale to zero.</b> A component's {@code between(0, n)} lets target tracking take it to 0
 * copies when traffic stops; Ballast then also puts the step-scaling policy and the
 * {@code NoCapacityInvocationFailures} alarm that SageMaker requires to scale out from zero (see
 * {@link AutoScalingSpec#scaleOutFromZero()}). Pair it with the endpoint's {@code scale(0, n)}
 * (managed instance scaling down to 0 instances) to release the instances too; without it the
 * instances stay while the copies are gone. An invocation that finds no copy fails
 * ({@code ValidationError}, "Inference Component has no capacity to process this request") until
 * the alarm has fired, an instance has launched and a copy has loaded.
 */
public final class AutoScaling extends DslValue<AutoScalingSpec> {

    private AutoScaling(AutoScalingSpec spec) {
        super(spec);
    }

    /**
     * Scales between these bounds: at least 1 instance for a variant, 0 or more copies for a component.
     *
     * @throws SpecValidationException at once if {@code min < 0}, {@code max < 1} or {@code min > max}
     */
    public static AutoScaling between(int min, int max) {
        if (min < 0 || max < 1 || min > max) {
            throw new SpecValidationException(List.of(Violation.of("autoScaling", min + ".." + max,
                    "needs 0 <= min <= max and max >= 1", "for example AutoScaling.between(1, 4)")));
        }
        return new AutoScaling(AutoScalingSpec.builder().min(min).max(max).build());
    }

    /** @return auto scaling that starts from an existing spec */
    public static AutoScaling from(AutoScalingSpec spec) {
        return new AutoScaling(Rules.given(spec, "autoScaling", "spec", "give a spec, or start with AutoScaling.between(..)"));
    }

    private AutoScaling with(UnaryOperator<AutoScalingSpec.Builder> change) {
        AutoScalingSpec.Builder builder = AutoScalingSpec.builder();
        builder.from(spec());
        return new AutoScaling(change.apply(builder).build());
    }

    /** Tracks a predefined metric at a target value. */
    public AutoScaling target(ScalingMetric metric, double value) {
        Rules.given(metric, "autoScaling.metric", "metric", "pick a ScalingMetric, for example ScalingMetric.INVOCATIONS_PER_INSTANCE");
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new SpecValidationException(List.of(Violation.of("autoScaling.targetValue", value, "must be a finite number above 0",
                    "use a target such as 70")));
        }
        return with(b -> b.metric(metric).customMetric(java.util.Optional.empty()).metricMath(List.of()).targetValue(value));
    }

    /** Tracks a metric of your own at a target value ({@code CustomizedMetricSpecification}). */
    public AutoScaling target(CustomMetric metric, double value) {
        Rules.given(metric, "autoScaling.customMetric", "metric", "give a CustomMetric, for example CustomMetric.named(\"QueueDepth\").namespace(\"Custom/LLM\")");
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new SpecValidationException(List.of(Violation.of("autoScaling.targetValue", value, "must be a finite number above 0",
                    "use a target such as 5")));
        }
        return with(b -> b.customMetric(metric.spec()).metric(java.util.Optional.empty()).metricMath(List.of()).targetValue(value));
    }

    /**
     * Tracks the series a {@link MetricMath metric math} expression computes from your metrics at a
     * target value ({@code CustomizedMetricSpecification.Metrics}).
     */
    public AutoScaling target(MetricMath math, double value) {
        Rules.given(math, "autoScaling.metricMath", "math", "give the math, for example MetricMath.of(\"m1 / m2\").metric(\"m1\", ..).metric(\"m2\", ..)");
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new SpecValidationException(List.of(Violation.of("autoScaling.targetValue", value, "must be a finite number above 0",
                    "use a target such as 5")));
        }
        return with(b -> b.metricMath(math.spec()).metric(java.util.Optional.empty()).customMetric(java.util.Optional.empty())
                .targetValue(value));
    }

    /** Adds a step-scaling policy and the alarm that sets it off. */
    public AutoScaling stepScaling(StepScaling policy) {
        Rules.given(policy, "autoScaling.stepScaling", "policy", "give a policy, for example StepScaling.on(alarm).add(1)");
        return with(b -> b.addStepPolicies(policy.spec()));
    }

    /** Keeps a variant's invocations per instance per minute near {@code value}. */
    public AutoScaling invocationsPerInstance(double value) {
        return target(ScalingMetric.INVOCATIONS_PER_INSTANCE, value);
    }

    /** Keeps a variant's concurrent requests per model near {@code value}. */
    public AutoScaling concurrentRequestsPerModel(double value) {
        return target(ScalingMetric.CONCURRENT_REQUESTS_PER_MODEL, value);
    }

    /** Keeps a component's invocations per copy per minute near {@code value}. */
    public AutoScaling invocationsPerCopy(double value) {
        return target(ScalingMetric.INVOCATIONS_PER_COPY, value);
    }

    /** Keeps a component's concurrent requests per copy near {@code value}. */
    public AutoScaling concurrentRequestsPerCopy(double value) {
        return target(ScalingMetric.CONCURRENT_REQUESTS_PER_COPY, value);
    }

    /**
     * Keeps the share of a serverless variant's provisioned concurrency in use near {@code value}
     * (0 to 1, for example 0.5): Ballast then scales the variant's provisioned concurrency
     * ({@code sagemaker:variant:DesiredProvisionedConcurrency}) between this auto scaling's bounds.
     */
    public AutoScaling provisionedConcurrencyUtilization(double value) {
        return target(ScalingMetric.PROVISIONED_CONCURRENCY_UTILIZATION, value);
    }

    /** Sets the pause after a scale-out before the next one. */
    public AutoScaling scaleOutCooldown(Duration cooldown) {
        Rules.given(cooldown, "autoScaling.scaleOutCooldown", "cooldown", "give a duration between 0 and 86400 s");
        Rules.require(Rules.seconds("autoScaling.scaleOutCooldown", cooldown, 0, 86_400));
        return with(b -> b.scaleOutCooldown(cooldown));
    }

    /** Sets the pause after a scale-in before the next one. */
    public AutoScaling scaleInCooldown(Duration cooldown) {
        Rules.given(cooldown, "autoScaling.scaleInCooldown", "cooldown", "give a duration between 0 and 86400 s");
        Rules.require(Rules.seconds("autoScaling.scaleInCooldown", cooldown, 0, 86_400));
        return with(b -> b.scaleInCooldown(cooldown));
    }

    /** Never removes capacity ({@code DisableScaleIn}). */
    public AutoScaling noScaleIn() {
        return with(b -> b.scaleInDisabled(true));
    }

    /**
     * Sets how many copies the scale-out-from-zero step adds (AWS's example: 1). Only for a
     * component scaling from 0 copies ({@code between(0, n)}); at least 1 and at most {@code n}.
     */
    public AutoScaling scaleOutFromZero(int copies) {
        return with(b -> b.scaleOutFromZeroCopies(copies));
    }

    /** Names the scaling policy instead of {@code <resource>-target-tracking}. */
    public AutoScaling policyName(String name) {
        Rules.given(name, "autoScaling.policyName", "name", "give a name, or leave it to Ballast: <resource>-target-tracking");
        return with(b -> b.policyName(name));
    }
}
