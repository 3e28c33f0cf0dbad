package dev.ballast.testkit.assertions;

import dev.ballast.outcome.Outcome;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on how a deployment ended ({@link Outcome}); a failure prints the outcome's
 * {@link Outcome#summary() summary}, so the reason is in the test report.
 *
 * <pre>{@code
 * assertThat(ballast.apply(deepSeek).await()).isRolledBack()
 *         .byAlarm("rolling-demo-llm-invocation4xxerrors")
 *         .hasReasonContaining("Threshold Crossed");
 * assertThat(second.apply(spec).await()).isFailed().hasReasonStartingWith("conflict:");
 * assertThat(ballast.attach(spec).await()).isNotApplied().hasDifferenceContaining("HF_MODEL_ID");
 * }</pre>
 *
 * Get one from {@link FakeAssertions#assertThat(Outcome)}.
 */
public final class OutcomeAssert extends AbstractAssert<OutcomeAssert, Outcome> {

    OutcomeAssert(Outcome actual) {
        super(actual, OutcomeAssert.class);
    }

    /**
     * Verifies that what runs at the end is the spec.
     *
     * <pre>{@code assertThat(ballast.apply(spec).await()).isSucceeded();}</pre>
     *
     * @return this assertion
     */
    public OutcomeAssert isSucceeded() {
        return isA(Outcome.Succeeded.class, "SUCCEEDED");
    }

    /**
     * Verifies that SageMaker rolled the update back.
     *
     * <pre>{@code assertThat(outcome).isRolledBack().byAlarm("rolling-demo-llm-invocation4xxerrors");}</pre>
     *
     * @return this assertion
     */
    public OutcomeAssert isRolledBack() {
        return isA(Outcome.RolledBack.class, "ROLLED_BACK");
    }

    /**
     * Verifies that the spec was not reached (SageMaker's failure, an error, a conflict).
     *
     * <pre>{@code assertThat(outcome).isFailed().hasReasonStartingWith("conflict:");}</pre>
     *
     * @return this assertion
     */
    public OutcomeAssert isFailed() {
        return isA(Outcome.Failed.class, "FAILED");
    }

    /**
     * Verifies that what runs is not the spec and nothing is in flight (only {@code attach} ends so).
     *
     * <pre>{@code assertThat(ballast.attach(spec).await()).isNotApplied();}</pre>
     *
     * @return this assertion
     */
    public OutcomeAssert isNotApplied() {
        return isA(Outcome.NotApplied.class, "NOT_APPLIED");
    }

    /**
     * Verifies that Ballast stopped waiting before the deployment ended.
     *
     * <pre>{@code assertThat(outcome).isTimedOut().hasSummaryContaining("Updating");}</pre>
     *
     * @return this assertion
     */
    public OutcomeAssert isTimedOut() {
        return isA(Outcome.TimedOut.class, "TIMED_OUT");
    }

    /**
     * Verifies that the outcome is a rollback caused by the named alarm going into {@code ALARM}.
     *
     * <pre>{@code assertThat(outcome).isRolledBack().byAlarm("rolling-demo-llm-invocation4xxerrors");}</pre>
     *
     * @param alarmName the alarm's name
     * @return this assertion
     */
    public OutcomeAssert byAlarm(String alarmName) {
        Objects.requireNonNull(alarmName, "alarmName");
        Optional<String> alarm = rolledBack("byAlarm").alarm();
        if (!alarm.equals(Optional.of(alarmName))) {
            failWithActualExpectedAndMessage(alarm.orElse(null), alarmName,
                    "Expecting the rollback to be caused by alarm %s but it was %s:%n  %s", alarmName,
                    alarm.map(a -> "caused by alarm " + a).orElse("caused by no alarm"), actual.summary());
        }
        return this;
    }

    /**
     * Verifies that the outcome is a rollback no alarm caused (for example a failed health check,
     * or SageMaker's record without an alarm in {@code ALARM}).
     *
     * <pre>{@code assertThat(outcome).isRolledBack().byNoAlarm();}</pre>
     *
     * @return this assertion
     */
    public OutcomeAssert byNoAlarm() {
        Optional<String> alarm = rolledBack("byNoAlarm").alarm();
        if (alarm.isPresent()) {
            failWithMessage("Expecting a rollback caused by no alarm but alarm %s caused it:%n  %s", alarm.get(),
                    actual.summary());
        }
        return this;
    }

    /**
     * Verifies the reason of a rollback or failure, exactly.
     *
     * <pre>{@code assertThat(outcome).isFailed().hasReason("the endpoint has no capacity");}</pre>
     *
     * @param expected the whole reason
     * @return this assertion
     */
    public OutcomeAssert hasReason(String expected) {
        Objects.requireNonNull(expected, "expected");
        String reason = reason("hasReason");
        if (!reason.equals(expected)) {
            failWithActualExpectedAndMessage(reason, expected, "Expecting the reason to be%n  %s%nbut it was%n  %s",
                    expected, reason);
        }
        return this;
    }

    /**
     * Verifies that the reason of a rollback or failure contains every given text.
     *
     * <pre>{@code assertThat(outcome).isRolledBack().hasReasonContaining("Threshold Crossed");}</pre>
     *
     * @param texts the texts the reason must contain
     * @return this assertion
     */
    public OutcomeAssert hasReasonContaining(String... texts) {
        String reason = reason("hasReasonContaining");
        for (String text : texts) {
            if (!reason.contains(Objects.requireNonNull(text, "text"))) {
                failWithMessage("Expecting the reason to contain%n  %s%nbut it was%n  %s", text, reason);
            }
        }
        return this;
    }

    /**
     * Verifies that the reason of a rollback or failure starts with a text.
     *
     * <pre>{@code assertThat(outcome).isFailed().hasReasonStartingWith("conflict:");}</pre>
     *
     * @param prefix the text the reason must start with
     * @return this assertion
     */
    public OutcomeAssert hasReasonStartingWith(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        String reason = reason("hasReasonStartingWith");
        if (!reason.startsWith(prefix)) {
            failWithMessage("Expecting the reason to start with%n  %s%nbut it was%n  %s", prefix, reason);
        }
        return this;
    }

    /**
     * Verifies that the detail of a success or of a not-applied outcome contains every given text.
     *
     * <pre>{@code assertThat(outcome).isSucceeded().hasDetailContaining("created endpoint/rolling-demo");}</pre>
     *
     * @param texts the texts the detail must contain
     * @return this assertion
     */
    public OutcomeAssert hasDetailContaining(String... texts) {
        isNotNull();
        String detail;
        if (actual instanceof Outcome.Succeeded succeeded) {
            detail = succeeded.detail();
        } else if (actual instanceof Outcome.NotApplied notApplied) {
            detail = notApplied.detail();
        } else {
            throw failure("hasDetailContaining needs a SUCCEEDED or NOT_APPLIED outcome, which have a detail, but it was:%n  %s",
                    actual.summary());
        }
        for (String text : texts) {
            if (!detail.contains(Objects.requireNonNull(text, "text"))) {
                failWithMessage("Expecting the detail to contain%n  %s%nbut it was%n  %s", text, detail);
            }
        }
        return this;
    }

    /**
     * Verifies that one of the differences of a not-applied outcome contains a text.
     *
     * <pre>{@code assertThat(ballast.attach(spec).await()).isNotApplied().hasDifferenceContaining("HF_MODEL_ID");}</pre>
     *
     * @param text the text a difference must contain
     * @return this assertion
     */
    public OutcomeAssert hasDifferenceContaining(String text) {
        Objects.requireNonNull(text, "text");
        isNotNull();
        if (!(actual instanceof Outcome.NotApplied notApplied)) {
            throw failure("hasDifferenceContaining needs a NOT_APPLIED outcome, which lists differences, but it was:%n  %s",
                    actual.summary());
        }
        if (notApplied.differences().stream().noneMatch(d -> d.contains(text))) {
            failWithMessage("Expecting a difference containing%n  %s%nbut the differences were%n  %s", text,
                    String.join(System.lineSeparator() + "  ", notApplied.differences()));
        }
        return this;
    }

    /**
     * Verifies that the one-line summary contains every given text, whatever the kind.
     *
     * <pre>{@code assertThat(outcome).hasSummaryContaining("ROLLED_BACK after 27m");}</pre>
     *
     * @param texts the texts the summary must contain
     * @return this assertion
     */
    public OutcomeAssert hasSummaryContaining(String... texts) {
        isNotNull();
        for (String text : texts) {
            if (!actual.summary().contains(Objects.requireNonNull(text, "text"))) {
                failWithMessage("Expecting the summary to contain%n  %s%nbut it was%n  %s", text, actual.summary());
            }
        }
        return this;
    }

    /**
     * Verifies that the deployment took at most the given simulated time.
     *
     * <pre>{@code assertThat(outcome).isSucceeded().tookAtMost(Duration.ofMinutes(20));}</pre>
     *
     * @param limit the longest it may have taken
     * @return this assertion
     */
    public OutcomeAssert tookAtMost(Duration limit) {
        Objects.requireNonNull(limit, "limit");
        isNotNull();
        if (actual.took().compareTo(limit) > 0) {
            failWithMessage("Expecting the deployment to take at most %s but it took %s:%n  %s", limit, actual.took(),
                    actual.summary());
        }
        return this;
    }

    /**
     * Verifies that the deployment took at least the given simulated time.
     *
     * <pre>{@code assertThat(outcome).isSucceeded().tookAtLeast(Duration.ofMinutes(6));}</pre>
     *
     * @param minimum the shortest it may have taken
     * @return this assertion
     */
    public OutcomeAssert tookAtLeast(Duration minimum) {
        Objects.requireNonNull(minimum, "minimum");
        isNotNull();
        if (actual.took().compareTo(minimum) < 0) {
            failWithMessage("Expecting the deployment to take at least %s but it took %s:%n  %s", minimum,
                    actual.took(), actual.summary());
        }
        return this;
    }

    private OutcomeAssert isA(Class<? extends Outcome> kind, String name) {
        isNotNull();
        if (!kind.isInstance(actual)) {
            failWithActualExpectedAndMessage(actual.summary(), name, "Expecting the outcome to be %s but it was:%n  %s",
                    name, actual.summary());
        }
        return this;
    }

    private Outcome.RolledBack rolledBack(String check) {
        isNotNull();
        if (actual instanceof Outcome.RolledBack rolledBack) {
            return rolledBack;
        }
        throw failure("%s needs a ROLLED_BACK outcome but it was:%n  %s", check, actual.summary());
    }

    private String reason(String check) {
        isNotNull();
        if (actual instanceof Outcome.RolledBack rolledBack) {
            return rolledBack.reason();
        }
        if (actual instanceof Outcome.Failed failed) {
            return failed.reason();
        }
        throw failure("%s needs a ROLLED_BACK or FAILED outcome, which have a reason, but it was:%n  %s", check,
                actual.summary());
    }
}
