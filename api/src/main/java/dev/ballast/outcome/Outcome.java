package dev.ballast.outcome;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a deployment ended, truthfully: a statement about what runs at its end, and about what
 * happened to the deployment Ballast carried out or followed.
 *
 * <ul>
 *   <li>{@link Succeeded} ({@code SUCCEEDED}): at the end, what runs is the spec.</li>
 *   <li>{@link RolledBack} ({@code ROLLED_BACK}): an update to the spec was rolled back by
 *       SageMaker; the resource runs its previous specification or configuration, although it is
 *       {@code InService} again.</li>
 *   <li>{@link NotApplied} ({@code NOT_APPLIED}): what runs is not the spec, nothing is in flight,
 *       and no rollback of the spec's update is on SageMaker's record ({@code attach} ends so:
 *       the spec was never sent, or another writer's deployment ran instead; and
 *       {@code promoteShadow} when a check of the shadow failed and nothing was sent).</li>
 *   <li>{@link Failed} ({@code FAILED}): the spec was not reached: SageMaker's failure, an error
 *       that stopped Ballast, or a conflict with another writer.</li>
 *   <li>{@link TimedOut} ({@code TIMED_OUT}): Ballast stopped waiting; the deployment may go on.</li>
 * </ul>
 *
 * <p>Code that must handle every case implements {@link Visitor}.
 */
public sealed interface Outcome permits Outcome.Succeeded, Outcome.RolledBack, Outcome.NotApplied, Outcome.Failed,
        Outcome.TimedOut {

    /** @return how long the deployment took, from its first call to its end */
    Duration took();

    /** @return one line for a person, for example {@code ROLLED_BACK after 5m20s: alarm ... went into ALARM} */
    String summary();

    /** @return whether, at the end, what runs is the spec (the outcome is {@link Succeeded}) */
    default boolean isSuccess() {
        return this instanceof Succeeded;
    }

    /** Dispatches to the visitor method of this outcome's kind. */
    <R> R accept(Visitor<R> visitor);

    /** Handles every kind of outcome. */
    interface Visitor<R> {
        R visitSucceeded(Succeeded outcome);

        R visitRolledBack(RolledBack outcome);

        R visitNotApplied(NotApplied outcome);

        R visitFailed(Failed outcome);

        R visitTimedOut(TimedOut outcome);
    }

    /**
     * At the end, what runs is the spec: the components' specifications and copies, the
     * endpoint's configuration and the alarms are the spec's.
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
     * SageMaker rolled an update to the spec back: the resource runs its previous specification
     * (or configuration), so the spec does not run. Reported when Ballast sent the update, when
     * it followed the update in flight to the rollback, or when SageMaker's record shows the
     * rollback although nobody was watching (the endpoint's last deployment, after the spec's
     * configuration was created, used the spec's policy and ended on the previous configuration;
     * the component's last update used the spec's rolling policy and SageMaker recorded a failure
     * reason or a rollback alarm of the spec is in {@code ALARM}).
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
     * What runs is not the spec and nothing is in flight, and SageMaker's record shows no
     * rollback of an update to it: the spec was never sent (a process died before its update), or
     * another writer's deployment ran instead, or a rollback left no record that names the spec
     * (a component's record does not say which specification a rolled-back update carried).
     * Nothing is wrong with the resources; {@code apply(spec)} converges. Only {@code attach}
     * ends so.
     *
     * @param took how long Ballast followed what was in flight ({@code 0s} when nothing was)
     * @param differences what differs between the spec and what runs, one line per resource, for
     *     example {@code inference-component/llm: specification differs in environment HF_MODEL_ID};
     *     names of fields and environment keys only, never a value
     * @param detail what Ballast saw, for example {@code nothing in flight} or {@code followed
     *     inference-component/llm to its end}, with what SageMaker's record says of the last deployment
     */
    record NotApplied(Duration took, List<String> differences, String detail) implements Outcome {
        public NotApplied {
            differences = List.copyOf(differences);
        }

        @Override
        public String summary() {
            return "NOT_APPLIED after " + Durations.format(took) + ": what runs is not the spec (" + detail + "); it differs in: "
                    + String.join("; ", differences);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitNotApplied(this);
        }

        @Override
        public String toString() {
            return summary();
        }
    }

    /**
     * The spec was not reached: SageMaker's failure (the resource is not back to a working state),
     * an error that stopped Ballast, or a conflict with another writer — another update of the
     * resource is (or was) in flight instead of this deployment's; the reason then starts with
     * {@code conflict:} and says what of this deployment took effect.
     *
     * @param took how long it took
     * @param reason the service's {@code FailureReason}, the error that stopped Ballast, or the conflict
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
