package dev.ballast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.ballast.error.SpecValidationException;
import dev.ballast.error.Violation;
import dev.ballast.spec.AutoScalingSpec;
import dev.ballast.spec.Comparison;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spec.MissingData;
import dev.ballast.spec.Statistic;
import dev.ballast.spec.StepScalingSpec;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ScaleToZeroDslTest {

    private static ComponentEndpointSpec scaled(AutoScaling scaling) {
        return SeedSpecs.endpoint().component(SeedSpecs.llama("t").copies(1).autoScaling(scaling)).named("ep");
    }

    private static AutoScalingSpec autoScaling(ComponentEndpointSpec spec) {
        return spec.component("llm").orElseThrow().autoScaling().orElseThrow();
    }

    @Test
    @DisplayName("between(0, n) on a component brings the step policy and alarm AWS's scale-to-zero example uses")
    void minZeroBringsTheScaleOutFromZeroPolicy() {
        AutoScalingSpec a = autoScaling(scaled(AutoScaling.between(0, 4).invocationsPerCopy(1)));

        StepScalingSpec p = a.scaleOutFromZero().orElseThrow();
        assertThat(a.stepPolicies()).isEmpty();
        assertThat(a.allStepPolicies()).containsExactly(p);
        assertThat(p.alarm().metricName()).isEqualTo("NoCapacityInvocationFailures");
        assertThat(p.alarm().namespace()).isEqualTo("AWS/SageMaker");
        assertThat(p.alarm().statistic()).isEqualTo(Statistic.MAXIMUM);
        assertThat(p.alarm().comparison()).isEqualTo(Comparison.GREATER_THAN_OR_EQUAL);
        assertThat(p.alarm().threshold()).contains(1.0);
        assertThat(p.alarm().period()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.alarm().evaluationPeriods()).isEqualTo(1);
        assertThat(p.alarm().datapointsToAlarm()).contains(1);
        assertThat(p.alarm().treatMissingData()).contains(MissingData.MISSING);
        assertThat(p.steps()).singleElement().satisfies(s -> {
            assertThat(s.type()).isEqualTo(StepScalingSpec.AdjustmentType.CHANGE_IN_CAPACITY);
            assertThat(s.adjustment()).isEqualTo(1);
            assertThat(p.relativeLower(s)).contains(0.0);
            assertThat(p.relativeUpper(s)).isEmpty();
        });
        assertThat(p.cooldown()).contains(Duration.ofSeconds(60));
        assertThat(p.aggregation()).contains(Statistic.MAXIMUM);
        assertThat(p.resolvedPolicyName("llm")).isEqualTo("llm-step-nocapacityinvocationfailures-high");
        assertThat(p.resolvedAlarmName("ep", "llm")).isEqualTo("ep-llm-step-nocapacityinvocationfailures-high");
    }

    @Test
    @DisplayName("scaleOutFromZero(n) sets the copies the step adds; a minimum above 0 brings no such policy")
    void copiesToAddAndNoPolicyAboveZero() {
        AutoScalingSpec a = autoScaling(scaled(AutoScaling.between(0, 4).invocationsPerCopy(1).scaleOutFromZero(2)));
        assertThat(a.scaleOutFromZero().orElseThrow().steps()).singleElement().satisfies(s -> assertThat(s.adjustment()).isEqualTo(2));
        assertThat(a.toString()).isEqualTo("AutoScaling{0..4, INVOCATIONS_PER_COPY at 1, scale out from zero by 2}");

        assertThat(autoScaling(scaled(AutoScaling.between(1, 4).invocationsPerCopy(1))).scaleOutFromZero()).isEmpty();
    }

    @Test
    @DisplayName("every misuse of scale to zero is reported at once, with path, rule and fix")
    void everyViolationAtOnce() {
        assertThatThrownBy(() -> SeedSpecs.endpoint()
                .component(SeedSpecs.llama("t").copies(1).autoScaling(AutoScaling.between(1, 4).invocationsPerCopy(1).scaleOutFromZero(1)))
                .component(Component.named("small").image(SeedSpecs.IMAGE).memoryMb(1024).accelerators(1).copies(1)
                        .autoScaling(AutoScaling.between(0, 2).invocationsPerCopy(1).scaleOutFromZero(3)))
                .component(Component.named("clash").image(SeedSpecs.IMAGE).memoryMb(1024).accelerators(1).copies(1)
                        .autoScaling(AutoScaling.between(0, 2).invocationsPerCopy(1)
                                .stepScaling(StepScaling.on(Alarm.metric("NoCapacityInvocationFailures").above(0)).add(1))))
                .named("ep"))
                .isInstanceOfSatisfying(SpecValidationException.class, e -> assertThat(e.violations())
                        .extracting(Violation::path, Violation::rule, Violation::fix)
                        .contains(
                                tuple("component[llm].autoScaling.scaleOutFromZero",
                                        "applies only when the component scales from 0 copies (min is 1)",
                                        "use AutoScaling.between(0, 4), or remove scaleOutFromZero(..)"),
                                tuple("component[small].autoScaling.scaleOutFromZero",
                                        "must be between 1 and the maximum of 2 copies", "use scaleOutFromZero(1)"),
                                tuple("component[clash].autoScaling.scaleOutFromZero.policyName",
                                        "is the name of another scaling policy of clash (Ballast puts this one for scaling out from 0 copies)",
                                        "name your own policy with policyName(\"...\")")));
    }

    @Test
    @DisplayName("a variant cannot scale to zero instances")
    void variantsDoNotScaleToZero() {
        assertThatThrownBy(() -> Endpoint.serving(VariantEndpointSeed.variant("AllTraffic", 1)
                        .autoScaling(AutoScaling.between(0, 2).invocationsPerInstance(70).scaleOutFromZero(1)))
                .named("ep"))
                .isInstanceOfSatisfying(SpecValidationException.class, e -> assertThat(e.violations())
                        .extracting(Violation::path, Violation::rule)
                        .contains(tuple("variant[AllTraffic].autoScaling.min", "must be at least 1 (a variant without instances answers nothing)"),
                                tuple("variant[AllTraffic].autoScaling.scaleOutFromZero",
                                        "applies only to inference components (a variant cannot scale to 0 instances)")));
    }

    @Test
    @DisplayName("the spec knows nothing of zero until min is 0")
    void optionalStaysEmpty() {
        assertThat(AutoScaling.between(1, 2).invocationsPerCopy(1).spec().scaleOutFromZeroCopies()).isEqualTo(Optional.empty());
    }
}
