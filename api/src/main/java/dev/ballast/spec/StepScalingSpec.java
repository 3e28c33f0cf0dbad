package dev.ballast.spec;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A step-scaling policy and the CloudWatch alarm that sets it off
 * (<a href="https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-step-scaling-policies.html">
 * step scaling policies</a>). A step policy does nothing by itself: it acts only when an alarm
 * whose {@code AlarmActions} names the policy's ARN goes into {@code ALARM}, so Ballast puts the
 * policy first and then the alarm with the ARN the policy got.
 *
 * <p>The alarm is bound to the scaled variant or component as rollback alarms are (an
 * {@code AWS/SageMaker} metric, or a custom one without dimensions, gets the resource's
 * dimensions). Unless named, the policy is {@code <resource>-step-<metric>-high} (an alarm above
 * its threshold) or {@code -low}, the alarm {@code <endpoint>-<policy>} in lower case.
 */
@Value.Immutable
public abstract class StepScalingSpec {

    /** For the implementation Immutables generates; build one with {@link #builder()}. */
    protected StepScalingSpec() {
    }

    /**
     * How a step's number changes capacity (Application Auto Scaling's {@code AdjustmentType}); one
     * policy has one type for all its steps.
     */
    public enum AdjustmentType {
        /** Adds the number to the current capacity (negative removes). */
        CHANGE_IN_CAPACITY("ChangeInCapacity"),
        /** Adds that percentage of the current capacity (negative removes). */
        PERCENT_CHANGE_IN_CAPACITY("PercentChangeInCapacity"),
        /** Sets the capacity to the number. */
        EXACT_CAPACITY("ExactCapacity");

        private final String awsName;

        AdjustmentType(String awsName) {
            this.awsName = awsName;
        }

        /** @return the {@code AdjustmentType} */
        public String awsName() {
            return awsName;
        }
    }

    /**
     * One step: how much to change capacity while the alarm's metric lies between two values.
     * Ballast takes the bounds as metric values and sends them relative to the alarm's threshold
     * ({@code MetricIntervalLowerBound}/{@code MetricIntervalUpperBound}).
     *
     * @param type how {@code adjustment} is read
     * @param adjustment the {@code ScalingAdjustment}
     * @param lower the metric value the step starts at; absent: the alarm's threshold when the alarm
     *     fires above it, unbounded below when it fires below it
     * @param upper the metric value the step ends at; absent: unbounded above when the alarm fires
     *     above its threshold, the threshold itself when it fires below it
     */
    public record Step(AdjustmentType type, int adjustment, Optional<Double> lower, Optional<Double> upper) {

        /** Checks that the type and the bounds are given (a bound may be empty, not null). */
        public Step {
            java.util.Objects.requireNonNull(type, "type");
            java.util.Objects.requireNonNull(lower, "lower");
            java.util.Objects.requireNonNull(upper, "upper");
        }

        /** @return an unbounded step (the defaults above apply) */
        public static Step of(AdjustmentType type, int adjustment) {
            return new Step(type, adjustment, Optional.empty(), Optional.empty());
        }

        /** @return this step, starting at {@code value} */
        public Step withLower(double value) {
            return new Step(type, adjustment, Optional.of(value), upper);
        }

        /** @return this step, ending at {@code value} */
        public Step withUpper(double value) {
            return new Step(type, adjustment, lower, Optional.of(value));
        }

        /** @return for example {@code +1 [10..25)} or {@code =4 [40..)} */
        @Override
        public String toString() {
            String n = switch (type) {
                case CHANGE_IN_CAPACITY -> (adjustment >= 0 ? "+" : "") + adjustment;
                case PERCENT_CHANGE_IN_CAPACITY -> (adjustment >= 0 ? "+" : "") + adjustment + "%";
                case EXACT_CAPACITY -> "=" + adjustment;
            };
            return n + " [" + lower.map(AlarmSpec::number).orElse("") + ".." + upper.map(AlarmSpec::number).orElse("") + ")";
        }
    }

    /** @return the alarm that invokes the policy */
    public abstract AlarmSpec alarm();

    /** @return the steps, in the order given */
    public abstract List<Step> steps();

    /** @return the pause after the policy scaled before it scales again ({@code Cooldown}; AWS: 300 s when absent) */
    public abstract Optional<Duration> cooldown();

    /** @return {@code MetricAggregationType}: {@code AVERAGE} (AWS's default), {@code MINIMUM} or {@code MAXIMUM} */
    public abstract Optional<Statistic> aggregation();

    /** @return the least a {@code PERCENT_CHANGE_IN_CAPACITY} step changes capacity by ({@code MinAdjustmentMagnitude}) */
    public abstract Optional<Integer> minAdjustmentMagnitude();

    /** @return the policy's explicit name, if any */
    public abstract Optional<String> policyName();

    /** @return whether the alarm fires above its threshold (a {@code GREATER_THAN...} comparison) */
    public final boolean upward() {
        return alarm().comparison() == Comparison.GREATER_THAN || alarm().comparison() == Comparison.GREATER_THAN_OR_EQUAL;
    }

    /** @return the explicit name, or {@code <resource>-step-<metric>-high|low} */
    public final String resolvedPolicyName(String resourceName) {
        return policyName().orElseGet(() -> resourceName + "-step-" + alarm().metricName().toLowerCase(Locale.ROOT)
                + (upward() ? "-high" : "-low"));
    }

    /** @return the alarm's explicit name, or {@code <endpoint>-<policy>} in lower case */
    public final String resolvedAlarmName(String endpointName, String resourceName) {
        return alarm().name().orElseGet(() -> (endpointName + "-" + resolvedPolicyName(resourceName)).toLowerCase(Locale.ROOT));
    }

    /** @return the step's lower bound relative to the threshold, or empty for none */
    public final Optional<Double> relativeLower(Step step) {
        double t = alarm().threshold().orElse(0.0);
        if (step.lower().isPresent()) {
            return Optional.of(step.lower().get() - t);
        }
        return upward() ? Optional.of(0.0) : Optional.empty();
    }

    /** @return the step's upper bound relative to the threshold, or empty for none */
    public final Optional<Double> relativeUpper(Step step) {
        double t = alarm().threshold().orElse(0.0);
        if (step.upper().isPresent()) {
            return Optional.of(step.upper().get() - t);
        }
        return upward() ? Optional.empty() : Optional.of(0.0);
    }

    /** @return a builder; {@code alarm} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link StepScalingSpec}. */
    public static class Builder extends ImmutableStepScalingSpec.Builder {

        /** An empty builder; {@code builder()} is the usual way to get one. */
        public Builder() {
        }
    }

    /** @return for example {@code StepScaling{on Alarm{QueueDepth ...}: +1 [10..25), +3 [25..), cooldown 60 s}} */
    @Override
    public String toString() {
        return "StepScaling{on " + alarm() + ": " + String.join(", ", steps().stream().map(Step::toString).toList())
                + cooldown().map(d -> ", cooldown " + d.toSeconds() + " s").orElse("")
                + aggregation().map(a -> ", aggregation " + a.awsName()).orElse("")
                + minAdjustmentMagnitude().map(m -> ", at least " + m).orElse("")
                + policyName().map(n -> ", policy " + n).orElse("") + "}";
    }
}
