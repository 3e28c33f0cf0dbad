package dev.ballast;

import dev.ballast.spec.VariantEndpointSpec;

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
 * Outcome now = ballast.attach(spec).await(); // ... or NOT_APPLIED: what runs is not the spec
 * }</pre>
 */
public interface Ballast {

    /**
     * Describes what runs and plans only the difference; sends nothing that changes anything.
     *
     * @param spec an endpoint of either kind
     */
    Plan plan(EndpointSpec spec);

    /**
     * Plans and carries out the difference, then watches the deployment to its end. A second
     * apply of the same spec sends no mutating call. If a resource of the spec is already being
     * updated, apply follows that update to its end instead of starting another.
     *
     * <p>For an endpoint of inference components: the endpoint configuration and endpoint, the
     * rollback alarms, each component created or updated with its rolling policy. A component
     * update whose answer was lost is followed as this apply's only while SageMaker's record does
     * not show another writer's update instead; if it does, the outcome is {@code FAILED} with a
     * reason that starts with {@code conflict:} and says that nothing of this apply's update took
     * effect.
     *
     * <p>For an endpoint of model variants: models that do not exist yet, a new endpoint
     * configuration version, the rollback alarms, {@code CreateEndpoint} or an
     * {@code UpdateEndpoint} with the spec's blue/green or rolling policy, and auto scaling. Live
     * weights and auto-scaled instance counts are left as they are.
     *
     * <p>An update that SageMaker rolled back ends {@code ROLLED_BACK}.
     *
     * @param spec an endpoint of either kind
     */
    Deployment apply(EndpointSpec spec);

    /**
     * Follows whatever deployment of the spec's resources is in flight to its end, without
     * changing anything, then tells whether what runs is the spec:
     *
     * <ul>
     *   <li>{@code SUCCEEDED}: what runs now is the spec (whoever deployed it);</li>
     *   <li>{@code ROLLED_BACK}: the update it followed was rolled back, or — when nothing was in
     *       flight — SageMaker's record shows that an update to the spec was rolled back
     *       (see {@link dev.ballast.outcome.Outcome.RolledBack}); an update of an endpoint of
     *       model variants to another configuration than the spec's that is rolled back is not
     *       the spec's rollback;</li>
     *   <li>{@code NOT_APPLIED}: what runs is not the spec and nothing is in flight, for example
     *       after a process died before sending its update, or after another spec's update ran;
     *       the outcome lists what differs;</li>
     *   <li>{@code FAILED} or {@code TIMED_OUT}: what it followed failed, or it stopped waiting.</li>
     * </ul>
     *
     * @param spec an endpoint of either kind
     */
    Deployment attach(EndpointSpec spec);

    /**
     * Deletes what the spec created, in order, waiting for each: the components, auto scaling, the
     * endpoint, its configurations, the alarms and the models.
     *
     * @param spec an endpoint of either kind
     */
    Deployment delete(EndpointSpec spec);

    /**
     * Applies each spec as {@link #apply(EndpointSpec)} does, as a {@link FleetDeployment}: at most
     * {@code policy.concurrency()} at once, no new start once {@code policy.stopAfter()} ended
     * other than {@code SUCCEEDED}. Returns at once; nothing is observed before the first start.
     *
     * @param specs endpoints of either kind, with distinct names
     * @throws IllegalArgumentException if two specs name the same endpoint
     */
    FleetDeployment applyAll(java.util.Collection<? extends EndpointSpec> specs, FleetDeployment.Policy policy);

    /** Attaches to each spec as {@link #attach(EndpointSpec)} does, as a {@link FleetDeployment} (see {@link #applyAll}). */
    FleetDeployment attachAll(java.util.Collection<? extends EndpointSpec> specs, FleetDeployment.Policy policy);

    /** Deletes each spec as {@link #delete(EndpointSpec)} does, as a {@link FleetDeployment} (see {@link #applyAll}). */
    FleetDeployment deleteAll(java.util.Collection<? extends EndpointSpec> specs, FleetDeployment.Policy policy);

    /**
     * Sends a JSON request to one named part of the spec's endpoint and returns its answer: a
     * component of an endpoint of inference components ({@code InvokeEndpoint} with the inference
     * component header), or a variant of an endpoint of model variants ({@code TargetVariant},
     * whatever the weights).
     *
     * @param spec an endpoint of either kind
     * @param target the component's or the variant's name
     * @return the answer, with the variant that served it
     * @throws IllegalArgumentException if the endpoint has no component or variant of that name
     * @throws dev.ballast.error.TransportException if the call fails; a container's own 4xx or 5xx
     *     comes as error code {@code ModelError} with the original status in the message
     */
    Invocation invoke(EndpointSpec spec, String target, String jsonBody);

    /**
     * Sends a JSON request to an endpoint of model variants; SageMaker picks the variant by weight.
     *
     * @return the answer, with the variant that served it
     */
    Invocation invoke(VariantEndpointSpec spec, String jsonBody);

    /**
     * Sends a JSON request to one container of a multi-container model invoked directly
     * ({@link Model#containers(Container...)}): {@code InvokeEndpoint} with {@code TargetContainerHostname}.
     *
     * @param spec an endpoint of model variants
     * @param containerHostname the container's hostname ({@link Container#named(String)})
     * @return the container's answer, with the variant that served it
     * @throws IllegalArgumentException if no model of the spec invoked directly has a container of that hostname
     * @throws dev.ballast.error.TransportException if the call fails; a container's own 4xx or 5xx
     *     comes as error code {@code ModelError} with the original status in the message
     */
    Invocation invokeContainer(VariantEndpointSpec spec, String containerHostname, String jsonBody);

    /**
     * Sends a JSON request to one named part of the spec's endpoint, as {@link #invoke(EndpointSpec,
     * String, String)} does, and returns the answer as the model streams it
     * ({@code InvokeEndpointWithResponseStream}). Ask the model to stream, as its container
     * expects: for TGI, vLLM and LMI's Messages API that is {@code "stream": true} in the body.
     *
     * <pre>{@code
     * InvocationStream answer = ballast.invokeStream(spec, "llama",
     *         "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"stream\":true}");
     * answer.tokens().subscribe(...);   // or answer.text() to wait for all of it
     * }</pre>
     *
     * @param spec an endpoint of either kind
     * @param target the component's or the variant's name
     * @param jsonBody the request body
     * @return the open stream
     * @throws IllegalArgumentException if the endpoint has no component or variant of that name
     * @throws dev.ballast.error.TransportException if the call fails before the stream opens; a
     *     container's own 4xx or 5xx comes as error code {@code ModelError}
     */
    InvocationStream invokeStream(EndpointSpec spec, String target, String jsonBody);

    /**
     * Sends a JSON request to an endpoint of model variants, SageMaker picking the variant by
     * weight, and returns the answer as the model streams it.
     *
     * @return the open stream, with the variant that answers
     */
    InvocationStream invokeStream(VariantEndpointSpec spec, String jsonBody);

    /**
     * Sends a JSON request to one container of a multi-container model invoked directly, as
     * {@link #invokeContainer(VariantEndpointSpec, String, String)} does, and returns the answer as
     * the container streams it ({@code InvokeEndpointWithResponseStream} with
     * {@code TargetContainerHostname}).
     *
     * @param spec an endpoint of model variants
     * @param containerHostname the container's hostname ({@link Container#named(String)})
     * @return the open stream, with the variant that answers
     * @throws IllegalArgumentException if no model of the spec invoked directly has a container of that hostname
     * @throws dev.ballast.error.TransportException if the call fails before the stream opens; a
     *     container's own 4xx or 5xx comes as error code {@code ModelError}
     */
    InvocationStream invokeContainerStream(VariantEndpointSpec spec, String containerHostname, String jsonBody);

    /** Plans a traffic shift against the live weights: one weight change per step; sends nothing that changes anything. */
    Plan plan(TrafficShift shift);

    /**
     * Shifts traffic step by step with a check before each next step, returning the weights to
     * what they were when a check fails (the outcome is then {@code ROLLED_BACK}).
     *
     * @throws dev.ballast.error.PlanningException if the endpoint does not exist, is not in
     *     service, or lacks a variant of the shift
     */
    Deployment shiftTraffic(TrafficShift shift);

    /**
     * Promotes the endpoint's shadow variant when its metrics compare well with production's: reads
     * the shadow's and production's CloudWatch metrics over the promotion's window, reports each
     * check ({@link dev.ballast.event.DeploymentEvent.CheckEvaluated}), and when all pass applies
     * {@link ShadowPromotion#promoted()} (an {@code UpdateEndpoint} with the spec's deployment
     * policy). When a check fails nothing changes and the outcome is {@code NOT_APPLIED}, listing
     * what each check compared and saw; a successful outcome lists them too.
     *
     * @throws dev.ballast.error.PlanningException if the endpoint does not exist, is not in
     *     service, or does not run the shadow variant
     */
    Deployment promoteShadow(ShadowPromotion promotion);
}
