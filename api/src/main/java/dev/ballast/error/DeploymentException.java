package dev.ballast.error;

import dev.ballast.outcome.Outcome;

/** Thrown only by {@code Deployment.awaitSuccess()}: the deployment ended without succeeding. */
public final class DeploymentException extends BallastException {

    private static final long serialVersionUID = 1L;

    /** The code of a deployment that did not succeed. */
    public static final String CODE = "BALLAST-DEPLOY";

    private final transient Outcome outcome;

    /** @param subject what was deployed; @param outcome how it ended */
    public DeploymentException(String subject, Outcome outcome) {
        super(CODE, "Deployment of " + subject + " did not succeed: " + outcome.summary());
        this.outcome = outcome;
    }

    /** @return how the deployment ended */
    public Outcome outcome() {
        return outcome;
    }
}
