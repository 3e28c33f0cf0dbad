package dev.ballast;

import static dev.ballast.VariantEndpointSeed.ENDPOINT;
import static dev.ballast.VariantEndpointSeed.V1;
import static dev.ballast.VariantEndpointSeed.V2;
import static dev.ballast.VariantEndpointSeed.seed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.ballast.spec.AlarmSpec;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.spec.TrafficShiftSpec;

/** Guarded traffic shifts between the live variants of a model endpoint: the DSL and the weights at each step. */
class TrafficShiftTest {

    private static final String V3 = "model-v3-variant";

    private static final VariantEndpointSpec THREE = Endpoint.serving(VariantEndpointSeed.v1("t"), VariantEndpointSeed.v2("t"),
            VariantEndpointSeed.variant(V3, 1)).named(ENDPOINT);

    private static TrafficShiftSpec toV2() {
        return TrafficShift.of(seed()).to(V2).spec();
    }

    private static Map<String, Double> weights(Object... namesAndWeights) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndWeights.length; i += 2) {
            m.put((String) namesAndWeights[i], ((Number) namesAndWeights[i + 1]).doubleValue());
        }
        return m;
    }

    // ---------------------------------------------------------------- DSL

    @Test
    @DisplayName("defaults: steps 10, 25, 50 and 100 percent, 5 minutes each, no checks")
    void defaults() {
        TrafficShiftSpec shift = toV2();

        assertThat(shift.endpoint()).isEqualTo(seed());
        assertThat(shift.targetVariant()).isEqualTo(V2);
        assertThat(shift.steps()).containsExactly(10, 25, 50, 100);
        assertThat(shift.waitPerStep()).isEqualTo(Duration.ofMinutes(5));
        assertThat(shift.alarmChecks()).isEmpty();
        assertThat(shift.existingAlarmChecks()).isEmpty();
        assertThat(shift.metricChecks()).isEmpty();
        assertThat(shift.toString()).isEqualTo("TrafficShift{my-model-endpoint to model-v2-variant: 10% -> 25% -> 50% -> 100%, 300 s each}");
    }

    @Test
    @DisplayName("steps, wait and checks land in the spec; checks accumulate; every call returns a new shift")
    void options() {
        TrafficShift base = TrafficShift.of(seed()).to(V2);
        TrafficShift shift = base.steps(5, 20, 100)
                .waitEach(Duration.ofMinutes(10))
                .checkAlarm(VariantEndpointSeed.errors())
                .checkAlarm(Alarm.invocation4xxErrors().above(10).named("v2-client-errors"))
                .checkAlarmNamed("ops-pager-alarm")
                .checkMetric(Alarm.modelLatency().above(500_000).per(Duration.ofMinutes(1)).evaluationPeriods(3).datapointsToAlarm(2));
        TrafficShiftSpec spec = shift.spec();

        assertThat(spec.steps()).containsExactly(5, 20, 100);
        assertThat(spec.waitPerStep()).isEqualTo(Duration.ofMinutes(10));
        assertThat(spec.alarmChecks()).extracting(AlarmSpec::metricName).containsExactly("Invocation5XXErrors", "Invocation4XXErrors");
        assertThat(spec.existingAlarmChecks()).containsExactly("ops-pager-alarm");
        assertThat(spec.metricChecks()).singleElement().satisfies(m -> {
            assertThat(m.metricName()).isEqualTo("ModelLatency");
            assertThat(m.evaluationPeriods()).isEqualTo(3);
            assertThat(m.datapointsToAlarm()).contains(2);
        });
        assertThat(base.spec().steps()).containsExactly(10, 25, 50, 100);
        assertThat(base.spec().alarmChecks()).isEmpty();
        assertThat(TrafficShift.from(spec)).isEqualTo(shift);
        assertThat(spec.toString()).startsWith("TrafficShift{my-model-endpoint to model-v2-variant: 5% -> 20% -> 100%, 600 s each, alarms [")
                .contains("existing alarms [ops-pager-alarm]", "metric checks [Alarm{ModelLatency Average > 500000 per 60 s x 3, 2 to alarm}]");
    }

    @Test
    @DisplayName("alarm checks are named <endpoint>-<target>-shift-<metric> in lower case, unless named")
    void alarmCheckNames() {
        TrafficShiftSpec spec = TrafficShift.of(seed()).to(V2)
                .checkAlarm(VariantEndpointSeed.errors())
                .checkAlarm(Alarm.invocation4xxErrors().above(10).named("v2-client-errors"))
                .checkAlarm(Alarm.modelLatency().above(500_000))
                .spec();

        assertThat(spec.alarmCheckNames()).containsExactly(
                "my-model-endpoint-model-v2-variant-shift-invocation5xxerrors",
                "v2-client-errors",
                "my-model-endpoint-model-v2-variant-shift-modellatency");
        assertThat(spec.alarmCheckNames()).as("not the names of the update's rollback alarms")
                .doesNotContain("my-model-endpoint-model-v2-variant-invocation5xxerrors");
        assertThat(toV2().alarmCheckNames()).isEmpty();
    }

    // ---------------------------------------------------------------- weightsAt

    @Test
    @DisplayName("two variants: the target gets the step's share of the total weight, the other the rest")
    void weightsOfTwoVariants() {
        TrafficShiftSpec shift = toV2();
        Map<String, Double> before = weights(V1, 0.9, V2, 0.1);

        assertThat(shift.weightsAt(10, before)).containsExactly(entry(V1, 0.9), entry(V2, 0.1));
        assertThat(shift.weightsAt(25, before)).containsExactly(entry(V1, 0.75), entry(V2, 0.25));
        assertThat(shift.weightsAt(50, before)).containsExactly(entry(V1, 0.5), entry(V2, 0.5));
        assertThat(shift.weightsAt(100, before)).containsExactly(entry(V1, 0.0), entry(V2, 1.0));
    }

    @Test
    @DisplayName("the total weight is kept: weights 9 and 1 stay a total of 10")
    void totalWeightIsKept() {
        TrafficShiftSpec shift = toV2();

        assertThat(shift.weightsAt(50, weights(V1, 9, V2, 1))).containsExactly(entry(V1, 5.0), entry(V2, 5.0));
        assertThat(shift.weightsAt(100, weights(V1, 9, V2, 1))).containsExactly(entry(V1, 0.0), entry(V2, 10.0));
    }

    @Test
    @DisplayName("the order of the result is the order of the weights before, whichever is the target")
    void orderOfBefore() {
        assertThat(toV2().weightsAt(25, weights(V2, 0.1, V1, 0.9)).keySet()).containsExactly(V2, V1);
    }

    @Test
    @DisplayName("three variants: the others share the rest in proportion to their weights before")
    void weightsOfThreeVariants() {
        TrafficShiftSpec toV3 = TrafficShift.of(THREE).to(V3).spec();
        Map<String, Double> before = weights(V1, 0.6, V2, 0.3, V3, 0.1);

        assertThat(toV3.weightsAt(40, before)).containsExactly(entry(V1, 0.4), entry(V2, 0.2), entry(V3, 0.4));
        assertThat(toV3.weightsAt(100, before)).containsExactly(entry(V1, 0.0), entry(V2, 0.0), entry(V3, 1.0));
        assertThat(toV3.weightsAt(10, before)).containsExactly(entry(V1, 0.6), entry(V2, 0.3), entry(V3, 0.1));
    }

    @Test
    @DisplayName("all weights 0 before: the total counts as 1 and the others share the rest equally")
    void allZeroBefore() {
        assertThat(toV2().weightsAt(25, weights(V1, 0, V2, 0))).containsExactly(entry(V1, 0.75), entry(V2, 0.25));
        assertThat(TrafficShift.of(THREE).to(V3).spec().weightsAt(25, weights(V1, 0, V2, 0, V3, 0)))
                .containsExactly(entry(V1, 0.375), entry(V2, 0.375), entry(V3, 0.25));
    }

    @Test
    @DisplayName("the others all 0 before (the target had everything): they share the rest equally")
    void othersZeroBefore() {
        assertThat(TrafficShift.of(THREE).to(V3).spec().weightsAt(50, weights(V1, 0, V2, 0, V3, 2)))
                .containsExactly(entry(V1, 0.5), entry(V2, 0.5), entry(V3, 1.0));
    }

    @Test
    @DisplayName("a target that starts at 0 (the usual start of a shift) gets exactly the step's share")
    void targetFromZero() {
        assertThat(toV2().weightsAt(10, weights(V1, 1, V2, 0))).containsExactly(entry(V1, 0.9), entry(V2, 0.1));
    }

    @ParameterizedTest(name = "{0}%")
    @ValueSource(ints = {1, 10, 25, 33, 50, 67, 99, 100})
    @DisplayName("at every step the weights keep the total and give the target its share")
    void sharesAddUp(int percent) {
        TrafficShiftSpec toV3 = TrafficShift.of(THREE).to(V3).spec();
        Map<String, Double> at = toV3.weightsAt(percent, weights(V1, 0.7, V2, 0.2, V3, 0.1));
        double total = at.values().stream().mapToDouble(Double::doubleValue).sum();

        assertThat(total).isCloseTo(1.0, within(1e-5));
        assertThat(at.get(V3) / total).isCloseTo(percent / 100.0, within(1e-5));
        if (percent < 100) {
            assertThat(at.get(V1) / at.get(V2)).as("the others keep their ratio").isCloseTo(3.5, within(1e-2));
        }
        assertThat(at.values()).allSatisfy(w -> assertThat(w).isGreaterThanOrEqualTo(0.0).isFinite());
    }
}
