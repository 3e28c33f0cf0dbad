package dev.ballast.outcome;

import java.time.Duration;
import java.util.Optional;

/**
 * How a deployment ended, truthfully: an update that SageMaker rolled back is
 * {@link RolledBack}, never a success, even though the component is {@code InService} again.
 *
 * <p>Code that must handle every case implements {@link Visitor}.
 */
public sealed interface Outcome permits Outcome.Succeeded, Outcome.RolledBack, Outcome.Failed, Outcome.TimedOut {

    /** @return how long the deployment took, from its first call to its end */
    Duration took();

    /** @return one line for a person, for example {@code ROLLED_BACK after 5m20s: alarm ... went into ALARM} */
    String summary();

    /** @return whether the deployment reached the desired state */
    default boolean isSuccess() {
        return this instanceof Succeeded;
    }

    /** Dispatches to the visitor method of this outcome's kind. */
    <R> R accept(Visitor<R> visitor);

    /** Handles every kind of outcome. */
    interface Visitor<R> {
        R visitSucceeded(Succeeded outcome);

        R visitRolledBack(RolledBack outcome);

        R visitFailed(Failed outcome);

        R visitTimedOut(TimedOut outcome);
    }

    /**
     * The desired state was reached.
     *
     * @param took how long it took
     * @param detail what was done, for example {@code component llm: 2 copies of the new specification}
     */
    record Succeeded(Duration took, String detail) implements Outcome {
        @Override
        public String summary() {
            return "SUCCEEDED after " + Durations.format(took) + ": " + detail;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitSucceeded(this);
        }

        @Override
        public String toString() {
            return summary();
        }
    }

    /**
     * SageMaker rolled the update back: the resource runs its previous specification.
     *
     * @param took how long it took, rollback included
     * @param alarm the alarm that went into {@code ALARM}, if an alarm caused it
     * @param reason what the service said (the alarm's state reason, or the failure)
     */
    record RolledBack(Duration took, Optional<String> alarm, String reason) implements Outcome {
        @Override
        public String summary() {
            return "ROLLED_BACK after " + Durations.format(took) + ": " + alarm.map(a -> "alarm " + a + " went into ALARM; ").orElse("") + reason;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitRolledBack(this);
        }

        @Override
        public String toString() {
            return summary();
        }
    }

    /**
     * The deployment failed and was not rolled back to a working state.
     *
     * @param took how long it took
     * @param reason the service's {@code FailureReason}, or the error that stopped Ballast
     */
    record Failed(Duration took, String reason) implements Outcome {
        @Override
        public String summary() {
            return "FAILED after " + Durations.format(took) + ": " + reason;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitFailed(this);
        }

        @Override
        public String toString() {
            return summary();
        }
    }

    /**
     * Ballast stopped waiting before the deployment ended; it may still be running in SageMaker
     * (attach to it again to follow it).
     *
     * @param took how long Ballast waited
     * @param lastObserved the last state seen, for example {@code inference-component/llm Updating, copies 3/2}
     */
    record TimedOut(Duration took, String lastObserved) implements Outcome {
        @Override
        public String summary() {
            return "TIMED_OUT after " + Durations.format(took) + ": last seen " + lastObserved;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitTimedOut(this);
        }

        @Override
        public String toString() {
            return summary();
        }
    }
}
