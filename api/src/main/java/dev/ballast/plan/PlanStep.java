package dev.ballast.plan;

/**
 * One step of a {@link Plan}: a call to AWS, or a wait for a resource to reach a state before the
 * next call can be made.
 *
 * <p>Code that must handle every kind of step implements {@link Visitor}, so that a new kind breaks
 * compilation where it matters.
 */
public sealed interface PlanStep permits ApiCall, AwaitState {

    /** @return why the step is in the plan, in a few words */
    String reason();

    /** Dispatches to the visitor method of this step's kind. */
    <R> R accept(Visitor<R> visitor);

    /** Handles every kind of plan step. */
    interface Visitor<R> {
        /** Handles a call to AWS. */
        R visitApiCall(ApiCall call);

        /** Handles a wait for a state. */
        R visitAwaitState(AwaitState await);
    }
}
