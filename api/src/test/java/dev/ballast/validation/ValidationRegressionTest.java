package dev.ballast.validation;

import static dev.ballast.RollingUpdate.batch;
import static dev.ballast.validation.SeedSpecs.*;
import static org.assertj.core.api.Assertions.*;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import dev.ballast.*;
import dev.ballast.error.*;
import dev.ballast.spec.*;

/** Validation bugs found by the invalid-spec corpus, kept as regressions. */
class ValidationRegressionTest {

    static SpecValidationException rejection(org.assertj.core.api.ThrowableAssert.ThrowingCallable c) {
        Throwable t = catchThrowable(c);
        assertThat(t).isInstanceOf(SpecValidationException.class);
        return (SpecValidationException) t;
    }

    @Test
    @DisplayName("b1: timeout fix never suggests more than 28800s")
    void b1TimeoutFixNeverSuggestsMoreThan28800s() {
        SpecValidationException e = rejection(() -> deploy(endpointUpTo(16), llm().copies(10),
                batch(1).wait(Duration.ofSeconds(3600)).timeout(Duration.ofSeconds(28800))));
        assertThat(e.violations()).anySatisfy(v -> {
            assertThat(v.path()).isEqualTo("component[llm].rollingUpdate.timeout");
            assertThat(v.fix()).doesNotContain("36600").containsAnyOf("batch", "wait");
        });
    }

    @Test
    @DisplayName("b2: derived alarm name longer than 255 is rejected")
    void b2DerivedAlarmNameLongerThan255IsRejected() {
        SpecValidationException e = rejection(() -> endpoint()
                .component(Component.from(ComponentSpec.builder().from(llm().spec()).name("c".repeat(63)).build()))
                .rollingUpdate(batch(1).wait(Duration.ofSeconds(60)).rollbackOn(Alarm.metric("M".repeat(200)).above(1)))
                .named("e".repeat(63)));
        assertThat(e.violations()).anySatisfy(v -> assertThat(v.path()).endsWith(".name"));
    }

    @Test
    @DisplayName("b3: fractional out of range duration fix is in range")
    void b3FractionalOutOfRangeDurationFixIsInRange() {
        SpecValidationException e = rejection(() -> endpoint().modelDataDownloadTimeout(Duration.ofMillis(5_000_500)));
        assertThat(e.violations().get(0).fix()).contains("Duration.ofSeconds(3600)");
        SpecValidationException w = rejection(() -> batch(1).wait(Duration.ofMillis(4_000_500)));
        assertThat(w.violations().get(0).fix()).contains("Duration.ofSeconds(3600)");
    }

    @Test
    @DisplayName("b4: alarm period longer than a day is reported on the period with a usable fix")
    void b4AlarmPeriodLongerThanADayIsReportedOnThePeriodWithAUsableFix() {
        SpecValidationException eager = rejection(() -> errors().per(Duration.ofDays(2)));
        assertThat(eager.violations()).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("alarm.period");
            assertThat(v.rule()).contains("at most one day");
        });
        SpecValidationException e = rejection(() -> deployWithAlarm(Alarm.from(AlarmSpec.builder().from(errors().spec())
                .period(Duration.ofDays(2)).build())));
        assertThat(e.violations()).anySatisfy(v -> {
            assertThat(v.path()).isEqualTo(ALARM + ".period");
            assertThat(v.fix()).doesNotContain("at most 0 periods");
        });
    }

    @Test
    @DisplayName("b5: missing required builder fields have their path and come with the other violations")
    void b5MissingRequiredBuilderFieldsHaveTheirPathAndComeWithTheOtherViolations() {
        SpecValidationException e = rejection(() -> ComponentEndpointSpec.builder().instanceType(InstanceType.ML_G5_2XLARGE)
                .executionRoleArn("bad").build());
        assertThat(e.violations()).extracting(Violation::path).contains("name", "executionRole");
    }

    @Test
    @DisplayName("b6: inferentia copies are counted in neuron devices not gpus")
    void b6InferentiaCopiesAreCountedInNeuronDevicesNotGpus() {
        SpecValidationException e = rejection(() -> deploy(Endpoint.on("ml.inf2.xlarge").scale(1, 4).executionRole(ROLE),
                llm().accelerators(2), policy()));
        assertThat(e.violations()).anySatisfy(v -> {
            assertThat(v.path()).isEqualTo("component[llm]");
            assertThat(v.rule() + v.value()).doesNotContain("GPU").contains("Neuron device");
        });
    }

    @Test
    @DisplayName("b7: single value mistakes fail at the call")
    void b7SingleValueMistakesFailAtTheCall() {
        assertThat(catchThrowable(() -> endpoint().kmsKey("alias/my key"))).as("kmsKey").isInstanceOf(SpecValidationException.class);
        assertThat(catchThrowable(() -> endpoint().tag("aws:team", "ml"))).as("tag").isInstanceOf(SpecValidationException.class);
        assertThat(catchThrowable(() -> endpoint().vpc(java.util.List.of(), java.util.List.of("sg-1")))).as("vpc").isInstanceOf(SpecValidationException.class);
        assertThat(catchThrowable(() -> llm().image(IMAGE + " latest"))).as("image").isInstanceOf(SpecValidationException.class);
        assertThat(catchThrowable(() -> llm().env("MAX-INPUT", "1"))).as("env").isInstanceOf(SpecValidationException.class);
        assertThat(catchThrowable(() -> llm().modelData("http://b/m.tar.gz"))).as("modelData").isInstanceOf(SpecValidationException.class);
        assertThat(catchThrowable(() -> errors().per(Duration.ofSeconds(45)))).as("per").isInstanceOf(SpecValidationException.class);
        assertThat(catchThrowable(() -> errors().evaluationPeriods(0))).as("evaluationPeriods").isInstanceOf(SpecValidationException.class);
    }

    @Test
    @DisplayName("b8: singular copy in messages")
    void b8SingularCopyInMessages() {
        SpecValidationException e = rejection(() -> deploy(llm().copies(1), batch(2).wait(Duration.ofSeconds(60))));
        assertThat(e.getMessage()).doesNotContain("1 copies");
    }

    @Test
    @DisplayName("b9: null subnet is a violation not a null pointer exception")
    void b9NullSubnetIsAViolationNotANullPointerException() {
        assertThat(catchThrowable(() -> endpoint().vpc(java.util.Arrays.asList("subnet-1", null), java.util.List.of("sg-1"))))
                .isInstanceOf(SpecValidationException.class);
    }
}
