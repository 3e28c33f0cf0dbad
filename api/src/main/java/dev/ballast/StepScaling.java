package dev.ballast;

import dev.ballast.error.SpecValidationException;
import dev.ballast.error.Violation;
import dev.ballast.internal.validation.Rules;
import dev.ballast.spec.StepScalingSpec;
import dev.ballast.spec.Statistic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A step-scaling policy and the alarm that sets it off, for {@link AutoScaling#stepScaling(StepScaling)}.
 * Each step says how much to change capacity while the alarm's metric lies in a range; Ballast
 * creates the alarm with the policy's ARN in its {@code AlarmActions}. Immutable.
 *
 * <pre>{@code
 * Alarm queue = Alarm.metric("QueueDepth").namespace("Custom/LLM").statistic(Statistic.MAXIMUM);
 * AutoScaling.between(1, 8)
 *     .stepScaling(StepScaling.on(queue.atOrAbove(10)).add(1).to(25).add(3).from(25).cooldown(Duration.ofMinutes(2)))
 *     .stepScaling(StepScaling.on(queue.below(2)).remove(1));
 * }</pre>
 *
 * <p>Bounds are metric values: a step with no {@link #from(double) from} starts at the alarm's
 * threshold when the alarm fires above it (and is unbounded below when it fires below it); a step
 * with no {@link #to(double) to} is unbounded above (or ends at the threshold). Above the
 * threshold a step holds {@code from <= value < to}, below it {@code from < value <= to}.
 * Validation checks SageMaker's rules: steps that neither overlap nor leave a gap, at most one
 * unbounded at each end, one adjustment type per policy.
 */
public final class StepScaling extends DslValue<StepScalingSpec> {

    private StepScaling(StepScalingSpec spec) {
        super(spec);
    }

    /** A policy set off by this alarm; give it a threshold ({@code above(..)}, {@code below(..)}, ...). */
    public static StepScaling on(Alarm alarm) {
        Rules.given(alarm, "autoScaling.stepScaling.alarm", "alarm", "give the alarm, for example Alarm.metric(\"QueueDepth\").namespace(\"Custom/LLM\").above(10)");
        return new StepScaling(StepScalingSpec.builder().alarm(alarm.spec()).build());
    }

    /** @return a policy that starts from an existing spec */
    public static StepScaling from(StepScalingSpec spec) {
        return new StepScaling(Rules.given(spec, "autoScaling.stepScaling", "spec", "give a spec, or start with StepScaling.on(alarm)"));
    }

    private StepScaling with(UnaryOperator<StepScalingSpec.Builder> change) {
        StepScalingSpec.Builder builder = StepScalingSpec.builder();
        builder.from(spec());
        return new StepScaling(change.apply(builder).build());
    }

    private StepScaling step(StepScalingSpec.AdjustmentType type, int adjustment) {
        return with(b -> b.addSteps(StepScalingSpec.Step.of(type, adjustment)));
    }

    /** A step that adds {@code n} instances or copies. */
    public StepScaling add(int n) {
        return step(StepScalingSpec.AdjustmentType.CHANGE_IN_CAPACITY, n);
    }

    /** A step that removes {@code n} instances or copies. */
    public StepScaling remove(int n) {
        return step(StepScalingSpec.AdjustmentType.CHANGE_IN_CAPACITY, -n);
    }

    /** A step that adds {@code percent} % of the current capacity (at least 1, see {@link #atLeast(int)}). */
    public StepScaling addPercent(int percent) {
        return step(StepScalingSpec.AdjustmentType.PERCENT_CHANGE_IN_CAPACITY, percent);
    }

    /** A step that removes {@code percent} % of the current capacity. */
    public StepScaling removePercent(int percent) {
        return step(StepScalingSpec.AdjustmentType.PERCENT_CHANGE_IN_CAPACITY, -percent);
    }

    /** A step that sets the capacity to {@code n}. */
    public StepScaling setTo(int n) {
        return step(StepScalingSpec.AdjustmentType.EXACT_CAPACITY, n);
    }

    private StepScaling bound(String which, double value, boolean lower) {
        if (spec().steps().isEmpty()) {
            throw new SpecValidationException(List.of(Violation.of("autoScaling.stepScaling." + which, value,
                    "needs a step to bound", "say the change first, for example add(1)." + which + "(" + AlarmText.number(value) + ")")));
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new SpecValidationException(List.of(Violation.of("autoScaling.stepScaling." + which, value,
                    "must be a finite number", "use a metric value such as " + which + "(25)")));
        }
        List<StepScalingSpec.Step> steps = new ArrayList<>(spec().steps());
        StepScalingSpec.Step last = steps.remove(steps.size() - 1);
        steps.add(lower ? last.withLower(value) : last.withUpper(value));
        return with(s -> s.steps(steps));
    }

    /** Starts the last step at this metric value. */
    public StepScaling from(double metricValue) {
        return bound("from", metricValue, true);
    }

    /** Ends the last step at this metric value. */
    public StepScaling to(double metricValue) {
        return bound("to", metricValue, false);
    }

    /** Sets the pause after the policy scaled before it scales again (AWS's default: 300 s). */
    public StepScaling cooldown(Duration cooldown) {
        Rules.given(cooldown, "autoScaling.stepScaling.cooldown", "cooldown", "give a duration between 0 and 86400 s");
        return with(b -> b.cooldown(cooldown));
    }

    /** Sets how the metric's data points are aggregated: {@code AVERAGE} (default), {@code MINIMUM} or {@code MAXIMUM}. */
    public StepScaling aggregation(Statistic aggregation) {
        Rules.given(aggregation, "autoScaling.stepScaling.aggregation", "aggregation", "pick Statistic.AVERAGE, MINIMUM or MAXIMUM");
        return with(b -> b.aggregation(aggregation));
    }

    /** Sets the least a percentage step changes capacity by ({@code MinAdjustmentMagnitude}). */
    public StepScaling atLeast(int instancesOrCopies) {
        return with(b -> b.minAdjustmentMagnitude(instancesOrCopies));
    }

    /** Names the policy instead of {@code <resource>-step-<metric>-high|low}. */
    public StepScaling policyName(String name) {
        Rules.given(name, "autoScaling.stepScaling.policyName", "name", "give a name, or leave it to Ballast");
        return with(b -> b.policyName(name));
    }

    /** Number formatting shared with the alarm's messages. */
    private static final class AlarmText {
        static String number(double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }
    }
}
