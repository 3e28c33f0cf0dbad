package dev.ballast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.error.SpecValidationException;
import dev.ballast.error.Violation;
import dev.ballast.spec.AutoScalingSpec;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spec.Statistic;
import dev.ballast.spec.StepScalingSpec;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StepScalingDslTest {

    private static final Alarm QUEUE = Alarm.metric("QueueDepth").namespace("Custom/LLM").statistic(Statistic.MAXIMUM);

    private static ComponentEndpointSpec scaled(AutoScaling scaling) {
        return SeedSpecs.endpoint().component(SeedSpecs.llama("t").copies(1).autoScaling(scaling)).named("ep");
    }

    @Test
    @DisplayName("step scaling reads as steps over metric values, sent relative to the alarm's threshold")
    void stepsAreMetricValuesRelativeToTheThreshold() {
        AutoScalingSpec a = scaled(AutoScaling.between(1, 8)
                .stepScaling(StepScaling.on(QUEUE.atOrAbove(10)).add(1).to(25).add(3).from(25).cooldown(Duration.ofMinutes(2)))
                .stepScaling(StepScaling.on(QUEUE.below(2)).remove(1)))
                .component("llm").orElseThrow().autoScaling().orElseThrow();

        assertThat(a.tracks()).isFalse();
        StepScalingSpec out = a.stepPolicies().get(0);
        assertThat(out.resolvedPolicyName("llm")).isEqualTo("llm-step-queuedepth-high");
        assertThat(out.resolvedAlarmName("ep", "llm")).isEqualTo("ep-llm-step-queuedepth-high");
        assertThat(out.steps()).extracting(s -> out.relativeLower(s) + ".." + out.relativeUpper(s))
                .containsExactly(Optional.of(0.0) + ".." + Optional.of(15.0), Optional.of(15.0) + ".." + Optional.empty());
        StepScalingSpec in = a.stepPolicies().get(1);
        assertThat(in.resolvedPolicyName("llm")).isEqualTo("llm-step-queuedepth-low");
        assertThat(in.steps()).extracting(s -> in.relativeLower(s) + ".." + in.relativeUpper(s))
                .containsExactly(Optional.empty() + ".." + Optional.of(0.0));
        assertThat(a.toString()).isEqualTo("AutoScaling{1..8, StepScaling{on Alarm{QueueDepth in Custom/LLM Maximum >= 10 per 60 s}:"
                + " +1 [..25), +3 [25..), cooldown 120 s}, StepScaling{on Alarm{QueueDepth in Custom/LLM Maximum < 2 per 60 s}: -1 [..)}}");
    }

    @Test
    @DisplayName("custom-metric target tracking replaces a predefined metric, and says what it tracks")
    void customMetricTargetTracking() {
        AutoScaling a = AutoScaling.between(1, 4).invocationsPerCopy(10)
                .target(CustomMetric.named("QueueDepth").namespace("Custom/LLM").dimension("Model", "llama")
                        .statistic(Statistic.MAXIMUM).unit("Count"), 5);
        assertThat(a.spec().metric()).isEmpty();
        assertThat(a.toString()).isEqualTo("AutoScaling{1..4, QueueDepth in Custom/LLM Maximum (Count) {Model=llama} at 5}");
        assertThat(scaled(a).component("llm").orElseThrow().autoScaling()).contains(a.spec());
    }

    @Test
    @DisplayName("every broken rule of step policies and custom metrics is reported at once, with path and fix")
    void everyViolationAtOnce() {
        assertThatThrownBy(() -> scaled(AutoScaling.between(1, 8)
                .target(CustomMetric.named("QueueDepth"), 5)
                .stepScaling(StepScaling.on(QUEUE.atOrAbove(10)).add(1).to(30).add(3).from(25))       // overlap
                .stepScaling(StepScaling.on(QUEUE.above(50)).add(1).addPercent(50).policyName("mixed")) // two types, two unbounded
                .stepScaling(StepScaling.on(QUEUE.below(2)).remove(1).atLeast(2).aggregation(Statistic.SUM))
                .stepScaling(StepScaling.on(QUEUE).add(1).policyName("no-threshold"))))
                .isInstanceOfSatisfying(SpecValidationException.class, e -> assertThat(e.violations())
                        .extracting(Violation::path, Violation::rule)
                        .contains(
                                org.assertj.core.groups.Tuple.tuple("component[llm].autoScaling.customMetric.namespace", "is required"),
                                org.assertj.core.groups.Tuple.tuple("component[llm].autoScaling.stepScaling[0].steps",
                                        "must neither overlap nor leave a gap (the alarm's threshold is 10)"),
                                org.assertj.core.groups.Tuple.tuple("component[llm].autoScaling.stepScaling[1].steps",
                                        "must all use one adjustment type (AdjustmentType is the policy's)"),
                                org.assertj.core.groups.Tuple.tuple("component[llm].autoScaling.stepScaling[1].steps",
                                        "may have at most one step without an upper bound (the alarm's threshold is 50)"),
                                org.assertj.core.groups.Tuple.tuple("component[llm].autoScaling.stepScaling[2].minAdjustmentMagnitude",
                                        "is only valid with PercentChangeInCapacity steps"),
                                org.assertj.core.groups.Tuple.tuple("component[llm].autoScaling.stepScaling[2].aggregation",
                                        "must be AVERAGE, MINIMUM or MAXIMUM (MetricAggregationType)"),
                                org.assertj.core.groups.Tuple.tuple("component[llm].autoScaling.stepScaling[3].alarm.threshold", "is required")));
    }

    @Test
    @DisplayName("a bound needs a step before it, at once")
    void boundNeedsAStep() {
        assertThatThrownBy(() -> StepScaling.on(QUEUE.above(1)).from(3))
                .isInstanceOfSatisfying(SpecValidationException.class, e -> assertThat(e.violations()).singleElement()
                        .satisfies(v -> assertThat(v.fix()).isEqualTo("say the change first, for example add(1).from(3)")));
    }
}
