package dev.ballast.testkit.internal.runtime;

import dev.ballast.testkit.ContainerBehavior;
import dev.ballast.testkit.ContainerRequest;
import dev.ballast.testkit.ContainerResponse;
import dev.ballast.testkit.ContainerSpec;
import dev.ballast.testkit.ContainerStream;
import dev.ballast.testkit.internal.cloudwatch.MetricKey;
import dev.ballast.testkit.internal.cloudwatch.MetricStore;
import dev.ballast.testkit.internal.component.InferenceComponent;
import dev.ballast.testkit.internal.endpoint.LiveEndpoint;
import dev.ballast.testkit.internal.endpoint.VariantRoute;
import dev.ballast.testkit.internal.endpoint.VariantSet;
import dev.ballast.testkit.internal.errors.RuntimeErrors;
import dev.ballast.testkit.internal.placement.Copy;
import dev.ballast.testkit.internal.placement.Revision;
import dev.ballast.testkit.internal.sim.Registry;
import dev.ballast.testkit.internal.sim.Sim;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.InferenceExecutionMode;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantServerlessConfig;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.SageMakerRuntimeException;

/**
 * SageMaker Runtime
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_runtime_InvokeEndpoint.html">
 * {@code InvokeEndpoint}</a>: routes to a serving copy of the named inference component (old and new copies
 * alike during an update), or on a model-based endpoint to a variant ({@code TargetVariant}, else drawn by
 * weight) and then to a copy of it (see {@link VariantRoute}: during a blue/green shift the new fleet takes the
 * variant's green share; during a rolling deployment the variants of both configs take traffic, old and new
 * instances of a variant sharing it; a target variant of either config is honoured); the copy's container
 * behaviour answers; metrics are emitted per component and per endpoint variant (and, for the new fleet of a
 * deployment in progress, also with {@code EndpointConfigName}, as
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html">SageMaker metrics in
 * CloudWatch</a> describes); data capture samples what was served. Invocations take no simulated time.
 */
public final class RuntimeHandler {

    static final String IC_HEADER_REQUIRED = "Inference Component Name header is required for endpoints to which"
            + " you plan to deploy inference components. Please include Inference Component Name header or consider"
            + " using SageMaker models.";
    private static final int MAX_BODY = 6 * 1024 * 1024;
    // The service's texts are not documented (only that these are validation errors:
    // https://docs.aws.amazon.com/sagemaker/latest/dg/multi-container-direct.html); these are the fake's.
    static final String TARGET_CONTAINER_REQUIRED = "Endpoint %s is configured for direct invocation:"
            + " TargetContainerHostname is required.";
    static final String TARGET_CONTAINER_NOT_FOUND = "Container hostname %s not found on endpoint %s of account %s.";
    static final String TARGET_CONTAINER_NOT_DIRECT = "TargetContainerHostname is accepted only by endpoints"
            + " configured for direct invocation; endpoint %s is not.";

    private final Sim sim;
    private final Registry<LiveEndpoint> endpoints;
    private final Registry<InferenceComponent> components;
    private final RuntimeErrors errors;
    private final MetricStore metrics;
    /** Per serverless variant (its metric dimensions), when each invocation still running ends. */
    private final Map<Map<String, String>, java.util.Deque<Instant>> inFlight = new java.util.HashMap<>();
    private final CaptureRecorder capture;

    public RuntimeHandler(Sim sim, Registry<LiveEndpoint> endpoints, Registry<InferenceComponent> components,
            RuntimeErrors errors, MetricStore metrics, CaptureRecorder capture) {
        this.sim = sim;
        this.endpoints = endpoints;
        this.components = components;
        this.errors = errors;
        this.metrics = metrics;
        this.capture = capture;
    }

    public InvokeEndpointResponse invoke(InvokeEndpointRequest request) {
        Target target = target(request.endpointName(), request.body(), request.inferenceComponentName(),
                request.targetVariant(), request.targetContainerHostname());
        ContainerRequest containerRequest = new ContainerRequest(request.body().asByteArray(), request.contentType(),
                request.accept(), request.customAttributes());
        Answer answer = answer(target, containerRequest);
        ContainerResponse response = answer.response();
        report(target, response.status(), answer.latency());
        if (response.status() >= 400) {
            copyToShadows(target, containerRequest);
            throw errors.modelError(target.endpoint().name(), answer.container(), response.status(),
                    response.bodyAsString());
        }
        capture.record(target.endpoint(), target.servedBy(), target.variant(), request.body().asByteArray(),
                request.contentType(), response.body(), response.contentType());
        copyToShadows(target, containerRequest);
        return InvokeEndpointResponse.builder().body(SdkBytes.fromByteArray(response.body()))
                .contentType(response.contentType()).invokedProductionVariant(target.variant())
                .customAttributes(request.customAttributes()).build();
    }

    /**
     * SageMaker Runtime
     * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_runtime_InvokeEndpointWithResponseStream.html">
     * {@code InvokeEndpointWithResponseStream}</a>: the same checks and routing as {@code InvokeEndpoint}, then
     * the copy's container streams ({@link ContainerBehavior#stream}). A stream the container refuses up front is
     * a {@code ModelError} (424), reported at once as an unstreamed invocation. An accepted stream is reported
     * when the container's answer ends on the simulated clock (its last part, or its failure, is due), whether or
     * not the client has read it all.
     *
     * <p>How streamed calls count in metrics and data capture (what the AWS documentation says, and the fake's
     * choices where it is silent) is written on {@code FakeSageMaker#executeStream}.
     *
     * @return the stream, its parts due from now on
     */
    public OpenStream invokeStream(InvokeEndpointWithResponseStreamRequest request) {
        Target target = target(request.endpointName(), request.body(), request.inferenceComponentName(),
                request.targetVariant(), request.targetContainerHostname());
        ContainerRequest containerRequest = new ContainerRequest(request.body().asByteArray(), request.contentType(),
                request.accept(), request.customAttributes());
        Leg leg = streamingLeg(target, containerRequest);
        if (leg.failure() != null) {
            ContainerResponse refusal = leg.failure().response();
            report(target, refusal.status(), leg.failure().latency());
            throw errors.modelError(target.endpoint().name(), leg.failure().container(), refusal.status(),
                    refusal.bodyAsString());
        }
        ContainerStream stream = leg.behavior().stream(leg.request(), leg.spec());
        if (stream.refusal().isPresent()) {
            ContainerResponse refusal = stream.refusal().get();
            if (leg.spec().containerHostname() != null) {
                emitContainer(target, leg.spec().containerHostname(), refusal.status(), refusal.latency());
            }
            report(target, refusal.status(), leg.before().plus(refusal.latency()));
            throw errors.modelError(target.endpoint().name(), leg.container(), refusal.status(),
                    refusal.bodyAsString());
        }
        Instant start = sim.now();
        List<OpenStream.TimedPart> parts = new ArrayList<>(stream.parts().size());
        Instant due = start;
        for (ContainerStream.Part part : stream.parts()) {
            due = due.plus(part.after());
            parts.add(new OpenStream.TimedPart(part.bytes(), due));
        }
        SageMakerRuntimeException failure = stream.failure().map(f -> f.kind() == ContainerStream.Failure.Kind.MODEL_STREAM_ERROR
                ? errors.modelStreamError(f.errorCode(), f.message())
                : errors.internalStreamFailure(f.message())).orElse(null);
        Duration latency = stream.duration();
        byte[] input = request.body().asByteArray();
        sim.schedule(latency, () -> {
            // in a pipeline the model's latency counts the containers before the streaming one too
            report(target, failure == null ? 200 : 500, leg.before().plus(latency));
            if (leg.spec().containerHostname() != null) {
                emitContainer(target, leg.spec().containerHostname(), failure == null ? 200 : 500, latency);
            }
            if (failure == null && sim.options().captureStreamedInvocations()) {
                capture.record(target.endpoint(), target.servedBy(), target.variant(), input, request.contentType(),
                        stream.concatenated(), stream.contentType());
            }
        });
        InvokeEndpointWithResponseStreamResponse response = InvokeEndpointWithResponseStreamResponse.builder()
                .contentType(stream.contentType()).invokedProductionVariant(target.variant())
                .customAttributes(request.customAttributes()).build();
        return new OpenStream(response, parts, failure, start.plus(latency));
    }

    /**
     * Copies a production request to the serving set's shadow variants that sample it
     * (<a href="https://docs.aws.amazon.com/sagemaker/latest/dg/model-shadow-deployment.html">shadow variants</a>):
     * the shadow's container answers, its answer goes nowhere but the shadow's own metrics (the same metrics
     * as a production variant's, under the shadow's {@code VariantName}) and, when data capture is on and the
     * answer is not an error, a capture record under the shadow's name. Only production's answer reaches the
     * caller, whatever the shadow answers. Streamed invocations are not copied (the fake's choice: AWS does
     * not document shadowing of {@code InvokeEndpointWithResponseStream}); a copy takes no simulated time.
     */
    private void copyToShadows(Target production, ContainerRequest request) {
        if (production.endpoint().inferenceComponentBased() || production.servedBy().shadowFleets().isEmpty()) {
            return;
        }
        for (VariantSet.ShadowCopy shadow : production.servedBy().shadowCopiesFor(this::draw)) {
            if (shadow.copy().revision().executionMode() == InferenceExecutionMode.DIRECT) {
                continue; // shadow tests do not support multi-container endpoints; nothing names a target container
            }
            String variant = shadow.fleet().variantName();
            Map<String, String> variantDims = Map.of("EndpointName", production.endpoint().name(), "VariantName", variant);
            List<Map<String, String>> dims = new ArrayList<>();
            dims.add(variantDims);
            if (production.endpoint().deploying(production.servedBy())) {
                dims.add(Map.of("EndpointName", production.endpoint().name(), "VariantName", variant, "EndpointConfigName",
                        production.servedBy().configName()));
            }
            Target target = new Target(production.endpoint(), shadow.copy(), production.servedBy(), variant, List.copyOf(dims), null, 0,
                    variantDims, shadow.fleet().running(), -1, null);
            Answer answer = answer(target, request);
            report(target, answer.response().status(), answer.latency());
            if (answer.response().status() < 400) {
                capture.record(target.endpoint(), target.servedBy(), variant, request.body(), request.contentType(),
                        answer.response().body(), answer.response().contentType());
            }
        }
    }

    /**
     * Where an invocation goes, and what it is reported under (taken when it arrives).
     *
     * @param dimensionSets the metric dimension sets of Invocations, ModelLatency, ...
     */
    private record Target(LiveEndpoint endpoint, Copy copy, VariantSet servedBy, String variant,
            List<Map<String, String>> dimensionSets, Map<String, String> componentDims, int copiesServing,
            Map<String, String> variantDims, int instancesServing, int targetContainer, ContainerSpec.Adapter adapter) {

        /** @return the single container's spec of the copy, with the adapter invoked on it, if any */
        ContainerSpec single() {
            ContainerSpec spec = copy.revision().container();
            return adapter == null ? spec : spec.withAdapter(adapter);
        }
    }

    /**
     * What the containers of a copy answered.
     *
     * @param response the answer returned (the last container's in a pipeline), or the first error
     * @param container who answered: {@code primary}, or a container's hostname
     * @param latency the time of every container that took part
     */
    private record Answer(ContainerResponse response, String container, Duration latency) {
    }

    /**
     * The container that streams, after the ones before it in a pipeline answered.
     *
     * @param failure the error of a container before it, if one refused (then nothing streams)
     * @param before the time the containers before it took
     */
    private record Leg(ContainerBehavior behavior, ContainerSpec spec, ContainerRequest request, String container,
            Duration before, Answer failure) {
    }

    /**
     * Runs the copy's containers on one invocation: a single container answers; in a multi-container model with
     * direct invocation the target container alone answers; in an inference pipeline ({@code Serial}) the body
     * goes through the containers in order, each answer the next container's request, the last one's answer
     * returned, and the first error ends the invocation.
     */
    private Answer answer(Target target, ContainerRequest request) {
        Copy copy = target.copy();
        Revision revision = copy.revision();
        if (!revision.multiContainer()) {
            ContainerResponse response = copy.behavior().respond(request, target.single());
            return new Answer(response, "primary", response.latency());
        }
        if (revision.executionMode() == InferenceExecutionMode.DIRECT) {
            ContainerSpec spec = revision.containers().get(target.targetContainer());
            ContainerResponse response = copy.behaviors().get(target.targetContainer()).respond(request, spec);
            emitContainer(target, spec.containerHostname(), response.status(), response.latency());
            return new Answer(response, spec.containerHostname(), response.latency());
        }
        Duration total = Duration.ZERO;
        ContainerRequest next = request;
        int last = revision.containers().size() - 1;
        for (int i = 0; ; i++) {
            ContainerSpec spec = revision.containers().get(i);
            ContainerResponse response = copy.behaviors().get(i).respond(pipelineRequest(next, request, i == last), spec);
            total = total.plus(response.latency());
            emitContainer(target, spec.containerHostname(), response.status(), response.latency());
            if (response.status() >= 400 || i == last) {
                return new Answer(response, spec.containerHostname(), total);
            }
            next = new ContainerRequest(response.body(), response.contentType(), null, request.customAttributes());
        }
    }

    /**
     * The request a container of a pipeline receives: the previous container's answer (body and content type);
     * the client's {@code Accept} reaches the last container only (the fake's choice, see {@code FakeSageMaker}).
     */
    private static ContainerRequest pipelineRequest(ContainerRequest previous, ContainerRequest client, boolean last) {
        return new ContainerRequest(previous.body(), previous.contentType(), last ? client.accept() : null,
                client.customAttributes());
    }

    /** @return the container that streams: the only one, the target one, or the last of a pipeline once the ones before it answered */
    private Leg streamingLeg(Target target, ContainerRequest request) {
        Copy copy = target.copy();
        Revision revision = copy.revision();
        if (!revision.multiContainer()) {
            return new Leg(copy.behavior(), target.single(), request, "primary", Duration.ZERO, null);
        }
        if (revision.executionMode() == InferenceExecutionMode.DIRECT) {
            ContainerSpec spec = revision.containers().get(target.targetContainer());
            return new Leg(copy.behaviors().get(target.targetContainer()), spec, request, spec.containerHostname(),
                    Duration.ZERO, null);
        }
        Duration before = Duration.ZERO;
        ContainerRequest next = request;
        int last = revision.containers().size() - 1;
        for (int i = 0; i < last; i++) {
            ContainerSpec spec = revision.containers().get(i);
            ContainerResponse response = copy.behaviors().get(i).respond(pipelineRequest(next, request, false), spec);
            before = before.plus(response.latency());
            emitContainer(target, spec.containerHostname(), response.status(), response.latency());
            if (response.status() >= 400) {
                return new Leg(null, spec, null, spec.containerHostname(), before,
                        new Answer(response, spec.containerHostname(), before));
            }
            next = new ContainerRequest(response.body(), response.contentType(), null, request.customAttributes());
        }
        ContainerSpec spec = revision.containers().get(last);
        return new Leg(copy.behaviors().get(last), spec, pipelineRequest(next, request, true), spec.containerHostname(),
                before, null);
    }

    /**
     * @return the index of the container {@code TargetContainerHostname} names on a copy whose model is invoked
     *     directly, -1 for any other copy
     * @throws SageMakerRuntimeException ValidationError when the hostname is missing for direct invocation,
     *     unknown, or given to an endpoint that is not configured for direct invocation
     */
    private int targetContainer(LiveEndpoint endpoint, Copy copy, String hostname) {
        Revision revision = copy.revision();
        if (revision.executionMode() != InferenceExecutionMode.DIRECT) {
            if (hostname != null) {
                throw errors.validation(TARGET_CONTAINER_NOT_DIRECT.formatted(endpoint.name()));
            }
            return -1;
        }
        if (hostname == null) {
            throw errors.validation(TARGET_CONTAINER_REQUIRED.formatted(endpoint.name()));
        }
        for (int i = 0; i < revision.containers().size(); i++) {
            if (revision.containers().get(i).containerHostname().equals(hostname)) {
                return i;
            }
        }
        throw errors.validation(TARGET_CONTAINER_NOT_FOUND.formatted(hostname, endpoint.name(),
                sim.options().accountId()));
    }

    /** Checks the body and the endpoint, then picks the copy (shared by both invocation operations). */
    private Target target(String endpointName, SdkBytes body, String icName, String targetVariant,
            String targetContainerHostname) {
        if (body == null) {
            throw errors.validation("1 validation error detected: Value null at 'body' failed to satisfy constraint:"
                    + " Member must not be null");
        }
        if (body.asByteArrayUnsafe().length > MAX_BODY) {
            throw errors.validation("1 validation error detected: Value at 'body' failed to satisfy constraint:"
                    + " Member must have length less than or equal to " + MAX_BODY);
        }
        LiveEndpoint endpoint = endpoints.get(endpointName);
        if (endpoint == null || endpoint.status() == EndpointStatus.DELETING) {
            throw errors.endpointNotFound(endpointName);
        }
        if (endpoint.status() != EndpointStatus.IN_SERVICE && endpoint.status() != EndpointStatus.UPDATING
                && endpoint.status() != EndpointStatus.UPDATE_ROLLBACK_FAILED) {
            throw errors.validation("Endpoint " + endpointName + " of account " + sim.options().accountId()
                    + " is not in service (status " + endpoint.status() + ").");
        }
        Copy copy;
        String variant;
        Map<String, String> componentDims = null;
        ContainerSpec.Adapter adapter = null;
        int copiesServing = 0;
        int instancesServing;
        VariantSet servedBy = endpoint.servingSet();
        if (endpoint.inferenceComponentBased()) {
            if (icName == null) {
                throw errors.validation(IC_HEADER_REQUIRED);
            }
            InferenceComponent ic = components.get(icName);
            if (ic == null || ic.endpoint() != endpoint) {
                throw errors.validation("Inference Component " + icName + " not found on endpoint " + endpointName
                        + " of account " + sim.options().accountId() + ".");
            }
            List<Copy> serving = ic.serving();
            if (serving.isEmpty() && ic.status() != InferenceComponentStatus.CREATING) {
                throw noCapacity(ic);
            }
            if (serving.isEmpty()) {
                throw errors.modelNotReady("Inference component " + icName + " has no copy ready to serve"
                        + " requests (status " + ic.status() + "). Please retry later.");
            }
            copy = serving.get(serving.size() == 1 ? 0 : sim.ids().nextIndex(serving.size()));
            variant = ic.fleet().variantName();
            copiesServing = serving.size();
            instancesServing = ic.fleet().running();
            componentDims = Map.of("InferenceComponentName", ic.name());
            adapter = ic.isAdapter() ? new ContainerSpec.Adapter(ic.name(), ic.artifactUrl()) : null;
        } else {
            List<VariantRoute> routes = endpoint.routes();
            // the draw between blue and green comes first, once per invocation while any variant's traffic
            // is split, so that how many draws an invocation takes does not depend on the variant picked
            double sideDraw = routes.stream().anyMatch(VariantRoute::split) ? draw() : 0;
            VariantRoute route = pickRoute(routes, endpoint.name(), targetVariant);
            VariantRoute.Side side = route == null ? null : route.pick(sideDraw);
            if (side == null) {
                throw errors.modelNotReady("Model for endpoint " + endpointName + " is not ready. Please retry later.");
            }
            List<Copy> candidates = side.copies();
            copy = candidates.get(candidates.size() == 1 ? 0 : sim.ids().nextIndex(candidates.size()));
            servedBy = (VariantSet) copy.owner();
            variant = side.fleet().variantName();
            instancesServing = side.instances();
        }
        Map<String, String> variantDims = Map.of("EndpointName", endpoint.name(), "VariantName", variant);
        List<Map<String, String>> dims = new ArrayList<>();
        if (componentDims != null) {
            dims.add(componentDims);
        }
        dims.add(variantDims);
        if (endpoint.deploying(servedBy)) {
            // the new fleet of a deployment in progress also reports under its config:
            // https://docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html
            dims.add(Map.of("EndpointName", endpoint.name(), "VariantName", variant, "EndpointConfigName",
                    servedBy.configName()));
        }
        int targetContainer = targetContainer(endpoint, copy, targetContainerHostname);
        return new Target(endpoint, copy, servedBy, variant, List.copyOf(dims), componentDims, copiesServing,
                variantDims, instancesServing, targetContainer, adapter);
    }

    /**
     * An invocation of a component that has no copy to serve it, after its creation: scaled to 0
     * copies, or scaling out from there. SageMaker answers {@code ValidationError} (400) with the
     * text AWS's scale-down-to-zero post shows
     * (<a href="https://aws.amazon.com/blogs/machine-learning/unlock-cost-savings-with-the-new-scale-down-to-zero-feature-in-amazon-sagemaker-inference/">
     * Unlock cost savings with the new scale down to zero feature in SageMaker Inference</a>) and emits
     * {@code NoCapacityInvocationFailures} (1 per failed invocation) under {@code InferenceComponentName}
     * (<a href="https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-zero-instances.html">
     * Scale an endpoint to zero instances</a>: "SageMaker AI emits this metric when an endpoint receives an
     * inference request, but the endpoint has no active instances to serve the request"). The documentation
     * is silent on the other metrics; the fake emits no {@code Invocations} for such a request. While the
     * component is still being created it has never had a copy, and the answer stays
     * {@code ModelNotReadyException}.
     */
    private SageMakerRuntimeException noCapacity(InferenceComponent ic) {
        metrics.put(new MetricKey("AWS/SageMaker", "NoCapacityInvocationFailures", Map.of("InferenceComponentName", ic.name())),
                sim.now(), 1);
        return errors.validation("Inference Component has no capacity to process this request. ApplicationAutoScaling may be"
                + " in-progress (if configured) or try to increase the capacity by invoking UpdateInferenceComponentRuntimeConfig API.");
    }

    /** Emits the invocation's metrics now: counts and latencies per dimension set, then the normalised counts. */
    private void report(Target target, int status, Duration modelLatency) {
        emit(target.dimensionSets(), status, modelLatency);
        emitNormalised(target.componentDims(), target.copiesServing(), target.variantDims(), target.instancesServing());
        if (target.componentDims() == null && target.servedBy() != null) {
            emitServerless(target.servedBy().serverlessConfig(target.variant()), target.variantDims(), modelLatency);
        }
    }

    /**
     * The serverless metrics of a variant
     * (<a href="https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints-monitoring.html">alarms and
     * logs for tracking metrics from serverless endpoints</a>), under {@code EndpointName, VariantName}.
     * The fake counts an invocation's concurrency as the invocations of the variant whose
     * {@code [reported, reported + model latency)} spans hold this one's report time, itself included:
     * {@code ServerlessConcurrentExecutionsUtilization} is that over {@code MaxConcurrency}. With
     * {@code ProvisionedConcurrency}, an invocation within it runs on provisioned concurrency
     * ({@code ServerlessProvisionedConcurrencyInvocations} 1), one beyond it spills over
     * ({@code ServerlessProvisionedConcurrencySpilloverInvocations} 1);
     * {@code ServerlessProvisionedConcurrencyExecutions} is the concurrency capped at the provisioned
     * concurrency, and {@code ServerlessProvisionedConcurrencyUtilization} that over the provisioned
     * concurrency (0..1), the metric {@code SageMakerVariantProvisionedConcurrencyUtilization} target
     * tracking follows. How SageMaker samples concurrency is not documented; this count is the fake's.
     */
    private void emitServerless(ProductionVariantServerlessConfig serverless, Map<String, String> variantDims,
            Duration latency) {
        if (serverless == null) {
            return;
        }
        Instant now = sim.now();
        java.util.Deque<Instant> ends = inFlight.computeIfAbsent(variantDims, k -> new java.util.ArrayDeque<>());
        ends.removeIf(end -> !end.isAfter(now));
        ends.add(now.plus(latency.isZero() ? Duration.ofNanos(1) : latency));
        int concurrency = ends.size();
        metrics.put(new MetricKey("AWS/SageMaker", "ServerlessConcurrentExecutionsUtilization", variantDims), now,
                (double) concurrency / serverless.maxConcurrency());
        Integer provisioned = serverless.provisionedConcurrency();
        if (provisioned == null || provisioned < 1) {
            return;
        }
        int executions = Math.min(concurrency, provisioned);
        boolean spilled = concurrency > provisioned;
        metrics.put(new MetricKey("AWS/SageMaker", "ServerlessProvisionedConcurrencyExecutions", variantDims), now, executions);
        metrics.put(new MetricKey("AWS/SageMaker", "ServerlessProvisionedConcurrencyUtilization", variantDims), now,
                (double) executions / provisioned);
        metrics.put(new MetricKey("AWS/SageMaker", "ServerlessProvisionedConcurrencyInvocations", variantDims), now,
                spilled ? 0 : 1);
        metrics.put(new MetricKey("AWS/SageMaker", "ServerlessProvisionedConcurrencySpilloverInvocations", variantDims), now,
                spilled ? 1 : 0);
    }

    /**
     * @return the route of {@code TargetVariant} if given (of either config during a deployment),
     *     else one drawn by weight among the routes that take traffic; null when none does
     */
    private VariantRoute pickRoute(List<VariantRoute> routes, String endpointName, String targetVariant) {
        if (targetVariant != null) {
            for (VariantRoute route : routes) {
                if (route.variantName().equalsIgnoreCase(targetVariant)) {
                    return route;
                }
            }
            throw errors.validation("Variant " + targetVariant + " not found for endpoint " + endpointName + ".");
        }
        List<VariantRoute> candidates = routes.stream().filter(VariantRoute::takesTraffic).toList();
        if (candidates.size() <= 1) {
            return candidates.isEmpty() ? null : candidates.get(0);
        }
        double total = 0;
        for (VariantRoute route : candidates) {
            total += route.weight();
        }
        double draw = draw() * total;
        for (VariantRoute route : candidates) {
            draw -= route.weight();
            if (draw < 0) {
                return route;
            }
        }
        return candidates.get(candidates.size() - 1);
    }

    /** @return a uniform draw in [0, 1) from the world's seeded random */
    private double draw() {
        return sim.ids().nextIndex(1_000_000) / 1_000_000.0;
    }

    /** InvocationsPerCopy and InvocationsPerInstance: each invocation counts 1 / serving copies (instances). */
    private void emitNormalised(Map<String, String> componentDims, int copies, Map<String, String> variantDims,
            int instances) {
        Instant now = sim.now();
        if (componentDims != null && copies > 0) {
            metrics.put(new MetricKey("AWS/SageMaker", "InvocationsPerCopy", componentDims), now, 1.0 / copies);
        }
        if (instances > 0) {
            metrics.put(new MetricKey("AWS/SageMaker", "InvocationsPerInstance", variantDims), now, 1.0 / instances);
        }
    }

    /**
     * Per-container metrics of a multi-container model, under {@code EndpointName, VariantName, ContainerName}
     * (<a href="https://docs.aws.amazon.com/sagemaker/latest/dg/multi-container-metrics.html">metrics for
     * multi-container endpoints</a>): {@code ContainerLatency} for every container that ran; with direct
     * invocation also {@code Invocations} and the 4XX/5XX error counts of the target container.
     */
    private void emitContainer(Target target, String container, int status, Duration latency) {
        Instant now = sim.now();
        Map<String, String> dims = Map.of("EndpointName", target.endpoint().name(), "VariantName", target.variant(),
                "ContainerName", container);
        metrics.put(new MetricKey("AWS/SageMaker", "ContainerLatency", dims), now, latency.toNanos() / 1000.0);
        if (target.copy().revision().executionMode() == InferenceExecutionMode.DIRECT) {
            metrics.put(new MetricKey("AWS/SageMaker", "Invocations", dims), now, 1);
            metrics.put(new MetricKey("AWS/SageMaker", "Invocation4XXErrors", dims), now,
                    status >= 400 && status < 500 ? 1 : 0);
            metrics.put(new MetricKey("AWS/SageMaker", "Invocation5XXErrors", dims), now, status >= 500 ? 1 : 0);
        }
    }

    private void emit(List<Map<String, String>> dimensionSets, int status, Duration latency) {
        Instant now = sim.now();
        double client = status >= 400 && status < 500 ? 1 : 0;
        double server = status >= 500 ? 1 : 0;
        double modelLatency = latency.toNanos() / 1000.0;
        double overhead = sim.timings().overheadLatency().toNanos() / 1000.0;
        for (Map<String, String> dims : dimensionSets) {
            metrics.put(new MetricKey("AWS/SageMaker", "Invocations", dims), now, 1);
            metrics.put(new MetricKey("AWS/SageMaker", "Invocation4XXErrors", dims), now, client);
            metrics.put(new MetricKey("AWS/SageMaker", "Invocation5XXErrors", dims), now, server);
            metrics.put(new MetricKey("AWS/SageMaker", "ModelLatency", dims), now, modelLatency);
            metrics.put(new MetricKey("AWS/SageMaker", "OverheadLatency", dims), now, overhead);
        }
    }
}
