package dev.ballast.testkit.internal.autoscaling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.applicationautoscaling.model.StepAdjustment;
import software.amazon.awssdk.services.applicationautoscaling.model.StepScalingPolicyConfiguration;

/**
 * Step scaling as Application Auto Scaling does it
 * (<a href="https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-step-scaling-policies.html">
 * step scaling policies</a>,
 * <a href="https://docs.aws.amazon.com/autoscaling/application/APIReference/API_StepAdjustment.html">StepAdjustment</a>,
 * <a href="https://docs.aws.amazon.com/autoscaling/application/APIReference/API_StepScalingPolicyConfiguration.html">
 * StepScalingPolicyConfiguration</a>): the service's checks of a configuration and the capacity one
 * invocation of the policy asks for.
 *
 * <p>What the documentation says and the fake does: bounds are relative to the alarm's threshold;
 * above it a step's lower bound is inclusive and its upper bound exclusive, below it the other way
 * round; steps may not overlap or leave a gap; at most one step has no lower bound and at most one
 * no upper bound, and one of them is needed when a bound is negative (resp. positive); no step has
 * neither. {@code PercentChangeInCapacity} rounds a change above 1 down, one between 0 and 1 up to
 * 1 (and symmetrically for negative changes), then enlarges it to {@code MinAdjustmentMagnitude}.
 * Where the documentation is silent the fake chooses, and says so: the exact wording of its
 * validation messages; the metric value a step is picked by is the alarm's own statistic over its
 * newest period ({@code MetricAggregationType} is recorded, not applied); the cooldown (default
 * 300 s) is kept per policy and blocks every further invocation of that policy until it passes,
 * where AWS lets a larger scale-out through during a scale-out cooldown.
 */
final class StepPolicies {

    private StepPolicies() {
    }

    /** @return the violations of the service's rules, empty when the configuration is valid */
    static List<String> violations(StepScalingPolicyConfiguration c) {
        List<String> errors = new ArrayList<>();
        if (c == null) {
            errors.add("StepScalingPolicyConfiguration is required for policy type StepScaling");
            return errors;
        }
        if (c.adjustmentType() == null) {
            errors.add("AdjustmentType is required for a new step scaling policy configuration");
        }
        if (!c.hasStepAdjustments() || c.stepAdjustments().isEmpty()) {
            errors.add("At least one StepAdjustment is required for a new step scaling policy configuration");
            return errors;
        }
        if (c.cooldown() != null && c.cooldown() < 0) {
            errors.add("Cooldown must be 0 or more seconds, was " + c.cooldown());
        }
        if (c.minAdjustmentMagnitude() != null) {
            if (!"PercentChangeInCapacity".equals(c.adjustmentTypeAsString())) {
                errors.add("MinAdjustmentMagnitude is only valid with AdjustmentType PercentChangeInCapacity");
            } else if (c.minAdjustmentMagnitude() < 1) {
                errors.add("MinAdjustmentMagnitude must be at least 1, was " + c.minAdjustmentMagnitude());
            }
        }
        List<StepAdjustment> steps = c.stepAdjustments();
        long noLower = steps.stream().filter(s -> s.metricIntervalLowerBound() == null).count();
        long noUpper = steps.stream().filter(s -> s.metricIntervalUpperBound() == null).count();
        for (StepAdjustment s : steps) {
            if (s.scalingAdjustment() == null) {
                errors.add("ScalingAdjustment is required in every StepAdjustment");
            } else if ("ExactCapacity".equals(c.adjustmentTypeAsString()) && s.scalingAdjustment() < 0) {
                errors.add("ScalingAdjustment must be non-negative for AdjustmentType ExactCapacity, was " + s.scalingAdjustment());
            }
            Double lo = s.metricIntervalLowerBound();
            Double hi = s.metricIntervalUpperBound();
            if (lo == null && hi == null) {
                errors.add("The upper and lower bound cannot both be null in the same StepAdjustment");
            } else if (lo != null && hi != null && lo >= hi) {
                errors.add("MetricIntervalLowerBound (" + lo + ") must be less than MetricIntervalUpperBound (" + hi + ")");
            }
        }
        if (noLower > 1) {
            errors.add("At most one StepAdjustment can have a null lower bound");
        }
        if (noUpper > 1) {
            errors.add("At most one StepAdjustment can have a null upper bound");
        }
        if (noLower == 0 && steps.stream().anyMatch(s -> s.metricIntervalLowerBound() != null && s.metricIntervalLowerBound() < 0)) {
            errors.add("A StepAdjustment has a negative lower bound, so one must have a null lower bound");
        }
        if (noUpper == 0 && steps.stream().anyMatch(s -> s.metricIntervalUpperBound() != null && s.metricIntervalUpperBound() > 0)) {
            errors.add("A StepAdjustment has a positive upper bound, so one must have a null upper bound");
        }
        if (errors.isEmpty()) {
            List<StepAdjustment> sorted = new ArrayList<>(steps);
            sorted.sort(Comparator.comparing(s -> s.metricIntervalLowerBound() == null ? Double.NEGATIVE_INFINITY
                    : s.metricIntervalLowerBound()));
            for (int i = 1; i < sorted.size(); i++) {
                Double prevUpper = sorted.get(i - 1).metricIntervalUpperBound();
                Double lower = sorted.get(i).metricIntervalLowerBound();
                if (prevUpper == null || !prevUpper.equals(lower)) {
                    errors.add("The intervals of the StepAdjustments cannot overlap or have a gap: " + prevUpper + " then " + lower);
                }
            }
        }
        return errors;
    }

    /**
     * @param breach the metric's value minus the alarm's threshold
     * @param upward whether the alarm fires above its threshold ({@code GreaterThan...}); a value
     *     equal to the threshold then counts as above it, else as below it
     * @return the step whose interval holds the breach, or null when none does
     */
    static StepAdjustment stepFor(StepScalingPolicyConfiguration c, double breach, boolean upward) {
        for (StepAdjustment s : c.stepAdjustments()) {
            Double lo = s.metricIntervalLowerBound();
            Double hi = s.metricIntervalUpperBound();
            boolean in = breach > 0 || breach == 0 && upward
                    ? (lo == null || breach >= lo) && (hi == null || breach < hi)
                    : (lo == null || breach > lo) && (hi == null || breach <= hi);
            if (in) {
                return s;
            }
        }
        return null;
    }

    /** @return the capacity the step asks for, before the target's [min, max] is applied */
    static int desired(StepScalingPolicyConfiguration c, StepAdjustment step, int current) {
        int n = step.scalingAdjustment();
        switch (c.adjustmentTypeAsString()) {
            case "ExactCapacity":
                return n;
            case "PercentChangeInCapacity": {
                double change = current * n / 100.0;
                int rounded = change > 1 ? (int) Math.floor(change) : change > 0 ? 1
                        : change < -1 ? (int) Math.ceil(change) : change < 0 ? -1 : 0;
                Integer magnitude = c.minAdjustmentMagnitude();
                if (magnitude != null && rounded != 0 && Math.abs(rounded) < magnitude) {
                    rounded = Integer.signum(rounded) * magnitude;
                }
                return current + rounded;
            }
            default:
                return current + n;
        }
    }
}
