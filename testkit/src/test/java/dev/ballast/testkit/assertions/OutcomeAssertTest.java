package dev.ballast.testkit.assertions;

import static dev.ballast.testkit.assertions.FakeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.outcome.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OutcomeAssertTest {

    private static final String ALARM = "rolling-demo-llm-invocation4xxerrors";

    private final Outcome succeeded = new Outcome.Succeeded(Duration.ofMinutes(16), "created endpoint/rolling-demo");
    private final Outcome rolledBack = new Outcome.RolledBack(Duration.ofMinutes(27), Optional.of(ALARM),
            "Threshold Crossed: 1 datapoint [9.0] was greater than the threshold (5.0)");
    private final Outcome rolledBackWithoutAlarm = new Outcome.RolledBack(Duration.ofMinutes(9), Optional.empty(),
            "the new copies failed their health check");
    private final Outcome failed = new Outcome.Failed(Duration.ofSeconds(3),
            "conflict: another writer's update of inference-component/llm is in flight");
    private final Outcome notApplied = new Outcome.NotApplied(Duration.ZERO,
            List.of("inference-component/llm: specification differs in environment HF_MODEL_ID"), "nothing in flight");
    private final Outcome timedOut = new Outcome.TimedOut(Duration.ofHours(2), "inference-component/llm Updating, copies 3/2");

    @Test
    @DisplayName("eachKind: passes its own checks")
    void eachKindPassesItsOwnChecks() {
        assertThat(succeeded).isSucceeded().hasDetailContaining("endpoint/rolling-demo").tookAtMost(Duration.ofMinutes(16))
                .tookAtLeast(Duration.ofMinutes(16)).hasSummaryContaining("SUCCEEDED after 16m");
        assertThat(rolledBack).isRolledBack().byAlarm(ALARM).hasReasonContaining("Threshold Crossed", "(5.0)")
                .hasReasonStartingWith("Threshold");
        assertThat(rolledBackWithoutAlarm).isRolledBack().byNoAlarm().hasReason("the new copies failed their health check");
        assertThat(failed).isFailed().hasReasonStartingWith("conflict:");
        assertThat(notApplied).isNotApplied().hasDifferenceContaining("HF_MODEL_ID").hasDetailContaining("nothing in flight");
        assertThat(timedOut).isTimedOut().hasSummaryContaining("copies 3/2");
    }

    @Test
    @DisplayName("aWrongKind: fails with the outcomes summary")
    void aWrongKindFailsWithTheOutcomesSummary() {
        assertThatThrownBy(() -> assertThat(rolledBack).isSucceeded())
                .hasMessageContaining("Expecting the outcome to be SUCCEEDED but it was:")
                .hasMessageContaining("ROLLED_BACK after 27m00s: alarm " + ALARM + " went into ALARM; Threshold Crossed");
        assertThatThrownBy(() -> assertThat(succeeded).isFailed()).hasMessageContaining("to be FAILED but it was:")
                .hasMessageContaining("SUCCEEDED after 16m");
        assertThatThrownBy(() -> assertThat(failed).isNotApplied()).hasMessageContaining("to be NOT_APPLIED");
        assertThatThrownBy(() -> assertThat(notApplied).isTimedOut()).hasMessageContaining("to be TIMED_OUT");
        assertThatThrownBy(() -> assertThat(timedOut).isRolledBack()).hasMessageContaining("to be ROLLED_BACK");
    }

    @Test
    @DisplayName("theAlarm: is checked")
    void theAlarmIsChecked() {
        assertThatThrownBy(() -> assertThat(rolledBack).byAlarm("other-alarm"))
                .hasMessageContaining("Expecting the rollback to be caused by alarm other-alarm but it was caused by alarm " + ALARM);
        assertThatThrownBy(() -> assertThat(rolledBackWithoutAlarm).byAlarm(ALARM)).hasMessageContaining("caused by no alarm");
        assertThatThrownBy(() -> assertThat(rolledBack).byNoAlarm()).hasMessageContaining("but alarm " + ALARM + " caused it");
        assertThatThrownBy(() -> assertThat(failed).byAlarm(ALARM)).hasMessageContaining("byAlarm needs a ROLLED_BACK outcome")
                .hasMessageContaining("FAILED after 3s");
    }

    @Test
    @DisplayName("theReason: is checked, and only kinds with a reason have one")
    void theReasonIsCheckedAndOnlyKindsWithAReasonHaveOne() {
        assertThatThrownBy(() -> assertThat(failed).hasReasonStartingWith("Conflict:"))
                .hasMessageContaining("Expecting the reason to start with").hasMessageContaining("conflict: another writer's");
        assertThatThrownBy(() -> assertThat(rolledBack).hasReasonContaining("Threshold", "health check"))
                .hasMessageContaining("to contain").hasMessageContaining("health check");
        assertThatThrownBy(() -> assertThat(failed).hasReason("conflict")).hasMessageContaining("Expecting the reason to be");
        assertThatThrownBy(() -> assertThat(succeeded).hasReasonContaining("x"))
                .hasMessageContaining("needs a ROLLED_BACK or FAILED outcome, which have a reason");
    }

    @Test
    @DisplayName("details differences and durations, are checked")
    void detailsDifferencesAndDurationsAreChecked() {
        assertThatThrownBy(() -> assertThat(rolledBack).hasDetailContaining("x"))
                .hasMessageContaining("needs a SUCCEEDED or NOT_APPLIED outcome");
        assertThatThrownBy(() -> assertThat(succeeded).hasDetailContaining("updated"))
                .hasMessageContaining("Expecting the detail to contain");
        assertThatThrownBy(() -> assertThat(notApplied).hasDifferenceContaining("MESSAGES_API_ENABLED"))
                .hasMessageContaining("but the differences were").hasMessageContaining("HF_MODEL_ID");
        assertThatThrownBy(() -> assertThat(succeeded).hasDifferenceContaining("x")).hasMessageContaining("needs a NOT_APPLIED");
        assertThatThrownBy(() -> assertThat(succeeded).tookAtMost(Duration.ofMinutes(15)))
                .hasMessageContaining("at most PT15M but it took PT16M");
        assertThatThrownBy(() -> assertThat(failed).tookAtLeast(Duration.ofMinutes(1)))
                .hasMessageContaining("at least PT1M but it took PT3S");
        assertThatThrownBy(() -> assertThat((Outcome) null).isSucceeded()).isInstanceOf(AssertionError.class);
    }
}
