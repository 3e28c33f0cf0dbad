package dev.ballast;

import dev.ballast.plan.Plan;
import dev.ballast.spec.EndpointSpec;

/**
 * Ballast bound to an AWS account (or the testkit's fake): plan a spec against what runs, apply
 * it, follow a deployment already in flight, tear a deployment down. Get one from
 * {@code BallastEngine.builder()} in {@code ballast-impl}.
 *
 * <pre>{@code
 * Ballast ballast = BallastEngine.builder().transport(transport).build();
 * Plan plan = ballast.plan(spec);          // only what differs from what runs
 * Deployment d = ballast.apply(spec);      // idempotent
 * d.onEvent(e -> log.info(e.describe()));
 * Outcome o = d.await();                   // SUCCEEDED, ROLLED_BACK, FAILED or TIMED_OUT
 * }</pre>
 */
public interface Ballast {

    /** Describes what runs and plans only the difference; sends nothing that changes anything. */
    Plan plan(EndpointSpec spec);

    /**
     * Plans and carries out the difference, then watches the deployment to its end. A second
     * apply of the same spec sends no mutating call. If a resource of the spec is already being
     * updated, apply follows that update to its end instead of starting another.
     */
    Deployment apply(EndpointSpec spec);

    /** Follows whatever deployment of the spec's resources is in flight, without changing anything. */
    Deployment attach(EndpointSpec spec);

    /** Deletes the spec's components, endpoint, endpoint configurations and alarms, in order, waiting for each. */
    Deployment delete(EndpointSpec spec);

    /**
     * Sends a JSON request to one component of the spec's endpoint ({@code InvokeEndpoint} with the
     * inference component header) and returns its answer.
     *
     * @throws dev.ballast.error.TransportException if the call fails; a container's own 4xx or 5xx
     *     comes as error code {@code ModelError} with the original status in the message
     */
    Invocation invoke(EndpointSpec spec, String componentName, String jsonBody);
}
