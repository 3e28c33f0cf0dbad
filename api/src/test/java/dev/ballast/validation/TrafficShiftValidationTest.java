package dev.ballast.validation;

import static dev.ballast.VariantEndpointSeed.CANARY;
import static dev.ballast.VariantEndpointSeed.ENDPOINT;
import static dev.ballast.VariantEndpointSeed.V1;
import static dev.ballast.VariantEndpointSeed.V2;
import static dev.ballast.VariantEndpointSeed.errors;
import static dev.ballast.validation.VariantEndpointCorpusTest.assertNoSecret;
import static dev.ballast.validation.VariantEndpointCorpusTest.rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.ballast.Alarm;
import dev.ballast.Endpoint;
import dev.ballast.VariantEndpointSeed;
import dev.ballast.TrafficShift;
import dev.ballast.error.SpecValidationException;
import dev.ballast.error.Violation;
import dev.ballast.spec.AlarmSpec;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.spec.TrafficShiftSpec;

/**
 * Validation of guarded traffic shifts against their endpoint: the target must be one of the
 * endpoint's variants and have another to take traffic from, the steps must rise within 1-100 %,
 * the wait must be 0 s to a day, and every alarm and metric check must be a valid CloudWatch alarm.
 * Each case starts from a valid shift of the second seed's A/B endpoint to {@code model-v2-variant}.
 */
class TrafficShiftValidationTest {

    private static final VariantEndpointSpec AB = VariantEndpointSeed.seed();
    private static final String SHIFT_ALARM = "checkAlarms[my-model-endpoint-model-v2-variant-shift-invocation5xxerrors]";

    private static TrafficShift toV2() {
        return TrafficShift.of(AB).to(V2);
    }

    /** One invalid shift and what its rejection must say. */
    record Invalid(ThrowingCallable build, String path, String value, String rule, String fix) {
    }

    private static Arguments invalid(String description, ThrowingCallable build, String path, String value, String rule, String fix) {
        return Arguments.of(Named.of(description, new Invalid(build, path, value, rule, fix)));
    }

    static Stream<Arguments> invalidShifts() {
        return Stream.of(
                invalid("a target the endpoint does not have",
                        () -> TrafficShift.of(AB).to("model-v3-variant"),
                        "to", "\"model-v3-variant\"", "must be a variant of endpoint 'my-model-endpoint'",
                        "use one of [model-v1-variant, model-v2-variant]"),
                invalid("a target named in another case",
                        () -> TrafficShift.of(AB).to("Model-V2-Variant"),
                        "to", "\"Model-V2-Variant\"", "must be a variant of endpoint 'my-model-endpoint'",
                        "use one of [model-v1-variant, model-v2-variant]"),
                invalid("an endpoint of one variant",
                        () -> TrafficShift.of(Endpoint.serving(VariantEndpointSeed.v1(CANARY)).named(ENDPOINT)).to(V1),
                        "endpoint.variants", "[model-v1-variant]", "must be at least two: traffic moves between live variants",
                        "add the variant that gives the traffic up"),
                invalid("no steps",
                        () -> toV2().steps(),
                        "steps", "none", "must have at least one step", "steps(10, 25, 50, 100)"),
                invalid("a step of 0%",
                        () -> toV2().steps(0, 50, 100),
                        "steps[0]", "0%", "must be between 1% and 100%", "steps(10, 25, 50, 100)"),
                invalid("a negative step",
                        () -> toV2().steps(-10, 100),
                        "steps[0]", "-10%", "must be between 1% and 100%", "steps(10, 25, 50, 100)"),
                invalid("a step of 101%",
                        () -> toV2().steps(50, 101),
                        "steps[1]", "101%", "must be between 1% and 100%", "steps(10, 25, 50, 100)"),
                invalid("a step repeated",
                        () -> toV2().steps(10, 10, 50),
                        "steps[1]", "10%", "must be above the step before it (10%): a shift only moves traffic towards its target",
                        "list the steps rising"),
                invalid("a step going back",
                        () -> toV2().steps(50, 25, 100),
                        "steps[1]", "25%", "must be above the step before it (50%)", "list the steps rising"),
                invalid("a step below an earlier one, after a valid rise",
                        () -> toV2().steps(10, 60, 50, 100),
                        "steps[2]", "50%", "must be above the step before it (60%)", "list the steps rising"),
                invalid("a negative wait",
                        () -> toV2().waitEach(Duration.ofSeconds(-1)),
                        "waitEach", "-1 s", "must be between 0 s and one day", "waitEach(Duration.ofMinutes(5))"),
                invalid("a wait of a day and a second",
                        () -> toV2().waitEach(Duration.ofSeconds(86_401)),
                        "waitEach", "86401 s", "must be between 0 s and one day", "waitEach(Duration.ofMinutes(5))"),
                invalid("an alarm check without a threshold",
                        () -> toV2().checkAlarm(Alarm.invocation5xxErrors()),
                        SHIFT_ALARM + ".threshold", null, "is required", "above("),
                invalid("an alarm check needing more datapoints than periods",
                        () -> toV2().checkAlarm(errors().evaluationPeriods(2).datapointsToAlarm(3)),
                        SHIFT_ALARM + ".datapointsToAlarm", "3", "must be between 1 and the 2 evaluation periods", "datapointsToAlarm(2)"),
                invalid("an alarm check with a dimension on a SageMaker metric",
                        () -> toV2().checkAlarm(errors().dimension("VariantName", V2)),
                        SHIFT_ALARM + ".dimensions", "[VariantName]", "must not be set on an AWS/SageMaker metric: Ballast binds it to its variant",
                        "remove the dimensions"),
                invalid("an alarm check with a period of 45 s (builder)",
                        () -> toV2().checkAlarm(Alarm.from(AlarmSpec.builder().from(errors().spec()).period(Duration.ofSeconds(45)).build())),
                        SHIFT_ALARM + ".period", "45 s", "must be 10, 20 or 30 s or a multiple of 60 s", "per(Duration.ofMinutes(1))"),
                invalid("an alarm check with a blank name",
                        () -> toV2().checkAlarm(errors().named(" ")),
                        "checkAlarms[ ].name", "\" \"", "must be 1-255 characters and not blank", "named(\""),
                invalid("an alarm check of 256 characters",
                        () -> toV2().checkAlarm(errors().named("a".repeat(256))),
                        "checkAlarms[" + "a".repeat(28) + "…" + "a".repeat(28) + " (256 characters)].name",
                        "\"" + "a".repeat(28) + "…" + "a".repeat(28) + "\" (256 characters)", "must be 1-255 characters", "named(\""),
                invalid("an existing alarm of a blank name",
                        () -> toV2().checkAlarmNamed("  "),
                        "checkAlarmNamed", "\"  \"", "must be 1-255 characters and not blank", "the alarm's CloudWatch name"),
                invalid("an existing alarm of 256 characters",
                        () -> toV2().checkAlarmNamed("b".repeat(256)),
                        "checkAlarmNamed", "\"" + "b".repeat(28) + "…" + "b".repeat(28) + "\" (256 characters)", "must be 1-255 characters",
                        "the alarm's CloudWatch name"),
                invalid("a metric check without a threshold",
                        () -> toV2().checkMetric(Alarm.modelLatency().per(Duration.ofMinutes(1))),
                        "checkMetric[ModelLatency].threshold", null, "is required", "above("),
                invalid("a metric check needing more datapoints than periods",
                        () -> toV2().checkMetric(Alarm.modelLatency().above(500_000).evaluationPeriods(3).datapointsToAlarm(4)),
                        "checkMetric[ModelLatency].datapointsToAlarm", "4", "must be between 1 and the 3 evaluation periods", "datapointsToAlarm(3)"),
                invalid("a metric check over more than a day",
                        () -> toV2().checkMetric(Alarm.modelLatency().above(500_000).per(Duration.ofHours(2)).evaluationPeriods(13)),
                        "checkMetric[ModelLatency].evaluationPeriods", "13 x 7200 s", "must not evaluate more than one day", "at most 12 periods"),
                invalid("a metric check with an infinite threshold (builder)",
                        () -> toV2().checkMetric(Alarm.from(AlarmSpec.builder().metricName("ModelLatency").threshold(Double.POSITIVE_INFINITY).build())),
                        "checkMetric[ModelLatency].threshold", "Infinity", "must be a finite number", "above(5)"),
                invalid("a builder shift to an unknown variant",
                        () -> TrafficShiftSpec.builder().endpoint(AB).targetVariant("model-v9-variant").addStep(100).waitPerStep(Duration.ZERO).build(),
                        "to", "\"model-v9-variant\"", "must be a variant of endpoint 'my-model-endpoint'",
                        "use one of [model-v1-variant, model-v2-variant]"));
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("rejects invalid shift")
    @MethodSource("invalidShifts")
    void rejectsInvalidShift(Invalid c) {
        SpecValidationException e = rejection(c.build());

        assertThat(e.violations())
                .as("violations of the shift, expected one at %s", c.path())
                .anySatisfy(v -> {
                    assertThat(v.path()).isEqualTo(c.path());
                    assertThat(v.value()).isEqualTo(c.value());
                    assertThat(v.rule()).contains(c.rule());
                    assertThat(v.fix()).contains(c.fix());
                });
        assertThat(e.getMessage()).contains(c.path()).contains("nothing was sent to AWS");
        assertThat(e.code()).isEqualTo(SpecValidationException.CODE);
        assertNoSecret(e);
    }

    @Test
    @DisplayName("every violation of one shift is reported at once, in order, and names the endpoint")
    void reportsEveryViolationAtOnce() {
        VariantEndpointSpec single = Endpoint.serving(VariantEndpointSeed.v1(CANARY)).named(ENDPOINT);
        // The DSL validates at every call, so a shift with many mistakes is built without it.
        SpecValidationException e = rejection(() -> TrafficShiftSpec.builder()
                .endpoint(single)
                .targetVariant(V2)
                .steps(List.of(0, 50, 40))
                .waitPerStep(Duration.ofSeconds(-60))
                .addAlarmCheck(Alarm.invocation5xxErrors().spec())
                .addExistingAlarmCheck("")
                .addMetricCheck(Alarm.modelLatency().spec())
                .build());

        assertThat(e.violations()).extracting(Violation::path).containsExactly(
                "to",
                "endpoint.variants",
                "steps[0]",
                "steps[2]",
                "waitEach",
                SHIFT_ALARM + ".threshold",
                "checkAlarmNamed",
                "checkMetric[ModelLatency].threshold");
        assertThat(e.violations()).allSatisfy(v -> {
            assertThat(v.rule()).isNotBlank();
            assertThat(v.fix()).isNotBlank();
        });
        assertThat(e.getMessage()).startsWith("The spec of traffic shift of endpoint 'my-model-endpoint' breaks 8 rules; nothing was sent to AWS:")
                .contains("1. to = \"model-v2-variant\": must be a variant of endpoint 'my-model-endpoint'\n     fix: use one of [model-v1-variant]");
        assertNoSecret(e);
    }

    @Test
    @DisplayName("a shift built on a three-variant endpoint lists all three as known targets")
    void unknownTargetListsEveryVariant() {
        VariantEndpointSpec three = Endpoint.serving(VariantEndpointSeed.v1(CANARY), VariantEndpointSeed.v2(CANARY),
                VariantEndpointSeed.variant("model-v3-variant", 1)).named(ENDPOINT);

        SpecValidationException e = rejection(() -> TrafficShift.of(three).to("model-v4-variant"));

        assertThat(e.violations()).singleElement().satisfies(v ->
                assertThat(v.fix()).isEqualTo("use one of [model-v1-variant, model-v2-variant, model-v3-variant]"));
    }

    // ---------------------------------------------------------------- valid boundaries

    private static Arguments valid(String description, ThrowingCallable build) {
        return Arguments.of(Named.of(description, build));
    }

    static Stream<Arguments> validShifts() {
        return Stream.of(
                valid("the defaults", () -> toV2()),
                valid("back to model-v1-variant", () -> TrafficShift.of(AB).to(V1)),
                valid("one step straight to 100%", () -> toV2().steps(100)),
                valid("steps of 1% and 100%", () -> toV2().steps(1, 100)),
                valid("steps that stop below 100%", () -> toV2().steps(5, 10, 20)),
                valid("no wait", () -> toV2().waitEach(Duration.ZERO)),
                valid("a wait of exactly one day", () -> toV2().waitEach(Duration.ofDays(1))),
                valid("every kind of check", () -> toV2()
                        .checkAlarm(errors())
                        .checkAlarm(Alarm.modelLatency().above(500_000).named("v2-latency"))
                        .checkAlarmNamed("ops-pager-alarm")
                        .checkMetric(Alarm.invocation4xxErrors().above(10).per(Duration.ofMinutes(5)).evaluationPeriods(3).datapointsToAlarm(2))),
                valid("a metric check on a custom namespace with dimensions",
                        () -> toV2().checkMetric(Alarm.metric("Conversions").namespace("Shop/AB").dimension("Variant", "b").below(100))),
                valid("a shift between the variants of a three-variant endpoint",
                        () -> TrafficShift.of(Endpoint.serving(VariantEndpointSeed.v1(CANARY), VariantEndpointSeed.v2(CANARY),
                                VariantEndpointSeed.variant("model-v3-variant", 1)).named(ENDPOINT)).to("model-v3-variant").steps(50, 100)),
                valid("the builder route with every field",
                        () -> TrafficShiftSpec.builder().endpoint(AB).targetVariant(V2).steps(List.of(20, 100)).waitPerStep(Duration.ofMinutes(1))
                                .addAlarmCheck(errors().spec()).addExistingAlarmCheck("ops-pager-alarm").build()));
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("accepts valid shift")
    @MethodSource("validShifts")
    void acceptsValidShift(ThrowingCallable build) {
        assertThatCode(build).doesNotThrowAnyException();
    }

    // ---------------------------------------------------------------- bugs found by these tests

    @Test
    @DisplayName("a builder shift without a wait is a violation, not a crash")
    void builderShiftWithoutWait() {
        SpecValidationException e = rejection(() -> TrafficShiftSpec.builder().endpoint(AB).targetVariant(V2).addStep(100).build());

        assertThat(e.violations()).anySatisfy(v -> {
            assertThat(v.path()).isEqualTo("waitEach");
            assertThat(v.value()).isNull();
            assertThat(v.rule()).contains("is required");
        });
    }

    @Test
    @DisplayName("a builder shift without an endpoint or a target is a violation, not a crash")
    void builderShiftWithoutEndpoint() {
        SpecValidationException noEndpoint = rejection(() -> TrafficShiftSpec.builder().targetVariant(V2).addStep(100)
                .waitPerStep(Duration.ZERO).build());
        SpecValidationException noTarget = rejection(() -> TrafficShiftSpec.builder().endpoint(AB).addStep(100)
                .waitPerStep(Duration.ZERO).build());

        assertThat(noEndpoint.violations()).anySatisfy(v -> {
            assertThat(v.path()).isEqualTo("endpoint");
            assertThat(v.rule()).contains("is required");
        });
        assertThat(noTarget.violations()).anySatisfy(v -> {
            assertThat(v.path()).isEqualTo("to");
            assertThat(v.value()).isNull();
            assertThat(v.rule()).contains("is required");
        });
    }

    @Test
    @DisplayName("alarm checks of one CloudWatch name are rejected")
    void duplicateAlarmCheckNames() {
        SpecValidationException derived = rejection(() -> toV2().checkAlarm(errors()).checkAlarm(Alarm.invocation5xxErrors().above(10)));
        SpecValidationException explicit = rejection(() -> toV2().checkAlarm(errors().named("v2-guard"))
                .checkAlarm(Alarm.modelLatency().above(1e6).named("v2-guard")));

        assertThat(derived.violations()).anySatisfy(v -> {
            assertThat(v.path()).isEqualTo(SHIFT_ALARM);
            assertThat(v.rule()).contains("must be unique");
        });
        assertThat(explicit.violations()).anySatisfy(v -> {
            assertThat(v.path()).isEqualTo("checkAlarms[v2-guard]");
            assertThat(v.rule()).contains("must be unique");
        });
    }
}
