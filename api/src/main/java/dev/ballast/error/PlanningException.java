package dev.ballast.error;

/**
 * The desired state cannot be reached from what runs: the endpoint is {@code Failed}, a component
 * is being deleted, or an instance type change would need a new endpoint. The message says what
 * was found and what to do.
 */
public final class PlanningException extends BallastException {

    private static final long serialVersionUID = 1L;

    /** The code of every planning failure. */
    public static final String CODE = "BALLAST-PLAN";

    /** @param message what was found, why it blocks the plan, and what to do */
    public PlanningException(String message) {
        super(CODE, message);
    }
}
