package dev.ballast.plan;

import java.util.Objects;

/**
 * A wait, between two calls, for a resource to reach a state: an inference component can only be
 * created on an endpoint that is {@code InService}, for example.
 *
 * @param resource the resource, for example {@code endpoint/rolling-demo}
 * @param status the status to wait for, for example {@code InService}
 * @param reason why the next step needs it
 */
public record AwaitState(String resource, String status, String reason) implements PlanStep {

    public AwaitState {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitAwaitState(this);
    }

    /** @return for example {@code wait until endpoint/rolling-demo is InService (...)} */
    @Override
    public String toString() {
        return "wait until " + resource + " is " + status + " (" + reason + ")";
    }
}
