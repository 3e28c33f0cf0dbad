package dev.ballast;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import dev.ballast.error.DeploymentException;
import dev.ballast.event.DeploymentEvent;
import dev.ballast.outcome.Outcome;
import dev.ballast.plan.Plan;

/**
 * A deployment in progress: the plan being carried out, the events seen so far, and the outcome
 * when it ends. Blocking ({@link #await()}) and non-blocking ({@link #future()}) both.
 *
 * <p>On the testkit's fake, simulated time moves while a caller awaits: {@code await()} returns
 * after the simulated minutes of a rollout, in milliseconds of real time.
 */
public interface Deployment {

    /** @return what this deployment deploys, for people: {@code endpoint 'name'} or {@code traffic of endpoint 'name'} */
    String name();

    /** @return the plan this deployment carries out; empty when it attached to one in flight */
    Plan plan();

    /**
     * Registers a consumer of events: it first receives the events that already happened, then
     * each new one as it happens.
     *
     * @return this deployment
     */
    Deployment onEvent(Consumer<DeploymentEvent> consumer);

    /** @return the events seen so far, in order */
    List<DeploymentEvent> events();

    /**
     * The events seen so far as a picture on one time axis: copies or instances old and new,
     * batches and bakes, alarm states, weights, checks, rollbacks and the outcome. Call it after
     * {@link #await()} for the whole story.
     *
     * <pre>{@code Path page = deployment.timeline().writeHtml(Path.of("target/rollout.html"));}</pre>
     *
     * @return the timeline of this deployment, titled with the plan's subject
     */
    default DeploymentTimeline timeline() {
        String subject = plan() == null ? null : plan().subject();
        return DeploymentTimeline.of(subject == null || subject.isEmpty() ? "deployment" : "deployment of " + subject, events());
    }

    /**
     * Waits for the end and returns how it ended: a statement about what runs at the end.
     * {@code SUCCEEDED} only when what runs is the spec; {@code ROLLED_BACK} when SageMaker rolled
     * an update to the spec back; {@code NOT_APPLIED} (attach only) when what runs is not the spec
     * and nothing is in flight; {@code FAILED} when the spec was not reached (a failure, or a
     * {@code conflict:} with another writer); {@code TIMED_OUT} when Ballast stopped waiting. A
     * rollback is an outcome, not an exception. See {@link Outcome}.
     */
    Outcome await();

    /**
     * Waits for the end and returns the outcome if it succeeded.
     *
     * @throws DeploymentException if it rolled back, was not applied, failed or timed out
     */
    Outcome awaitSuccess();

    /**
     * @return a future of the outcome, completed when the deployment ends; a copy, so completing
     *     or cancelling it changes nothing about the deployment (which stops watching on its own,
     *     at its end or after the engine's maximum wait). Do not block on it from a listener: the
     *     engine refuses to wait on its own thread.
     */
    CompletableFuture<Outcome> future();
}
