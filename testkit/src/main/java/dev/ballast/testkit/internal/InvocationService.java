package dev.ballast.testkit.internal;

import dev.ballast.testkit.ContainerRequest;
import dev.ballast.testkit.ContainerResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;

/**
 * SageMaker Runtime {@code InvokeEndpoint} (reference §10): routes to a serving copy of the named
 * inference component (old and new copies alike during an update), or to a variant by weight on
 * a model-based endpoint; the copy's container behaviour answers; metrics are emitted per
 * component and per endpoint variant. Invocations take no simulated time.
 */
final class InvocationService {

    static final String IC_HEADER_REQUIRED = "Inference Component Name header is required for endpoints to which"
            + " you plan to deploy inference components. Please include Inference Component Name header or consider"
            + " using SageMaker models.";
    private static final int MAX_BODY = 6 * 1024 * 1024;

    private final Sim sim;
    private final Resources resources;
    private final RuntimeErrors errors;
    private final MetricStore metrics;

    InvocationService(Sim sim, Resources resources, RuntimeErrors errors, MetricStore metrics) {
        this.sim = sim;
        this.resources = resources;
        this.errors = errors;
        this.metrics = metrics;
    }

    InvokeEndpointResponse invoke(InvokeEndpointRequest request) {
        String endpointName = request.endpointName();
        if (request.body() == null) {
            throw errors.validation("1 validation error detected: Value null at 'body' failed to satisfy constraint:"
                    + " Member must not be null");
        }
        if (request.body().asByteArrayUnsafe().length > MAX_BODY) {
            throw errors.validation("1 validation error detected: Value at 'body' failed to satisfy constraint:"
                    + " Member must have length less than or equal to " + MAX_BODY);
        }
        Endpoint endpoint = endpointName == null ? null : resources.endpoints.get(Arns.lower(endpointName));
        if (endpoint == null || endpoint.status == EndpointStatus.DELETING) {
            throw errors.endpointNotFound(endpointName);
        }
        if (endpoint.status != EndpointStatus.IN_SERVICE && endpoint.status != EndpointStatus.UPDATING) {
            throw errors.validation("Endpoint " + endpointName + " of account " + sim.options.accountId()
                    + " is not in service (status " + endpoint.status + ").");
        }
        Copy copy;
        String variant;
        Map<String, String> componentDims = null;
        int copiesServing = 0;
        int instancesServing;
        if (endpoint.inferenceComponentBased()) {
            String icName = request.inferenceComponentName();
            if (icName == null) {
                throw errors.validation(IC_HEADER_REQUIRED);
            }
            InferenceComponent ic = resources.components.get(Arns.lower(icName));
            if (ic == null || ic.endpoint != endpoint) {
                throw errors.validation("Inference Component " + icName + " not found on endpoint " + endpointName
                        + " of account " + sim.options.accountId() + ".");
            }
            List<Copy> serving = ic.serving();
            if (serving.isEmpty()) {
                throw errors.modelNotReady("Inference component " + icName + " has no copy ready to serve"
                        + " requests (status " + ic.status + "). Please retry later.");
            }
            copy = serving.get(serving.size() == 1 ? 0 : sim.ids.nextIndex(serving.size()));
            variant = ic.fleet.variantName;
            copiesServing = serving.size();
            instancesServing = ic.fleet.running();
            componentDims = Map.of("InferenceComponentName", ic.name);
        } else {
            VariantSet set = endpoint.active;
            BlueGreenDeployment deployment = endpoint.deployment;
            if (deployment != null && deployment.splitting() && draw() < deployment.greenShare) {
                set = deployment.green;
            }
            Fleet fleet = pickVariant(set, endpoint.name, request.targetVariant());
            List<Copy> serving = new ArrayList<>();
            for (Copy c : fleet == null ? List.<Copy>of() : set.modelCopies.get(fleet)) {
                if (c.state == Copy.State.RUNNING) {
                    serving.add(c);
                }
            }
            if (serving.isEmpty()) {
                throw errors.modelNotReady("Model for endpoint " + endpointName + " is not ready. Please retry later.");
            }
            copy = serving.get(serving.size() == 1 ? 0 : sim.ids.nextIndex(serving.size()));
            variant = fleet.variantName;
            instancesServing = fleet.running();
        }
        ContainerRequest containerRequest = new ContainerRequest(request.body().asByteArray(), request.contentType(),
                request.accept(), request.customAttributes());
        ContainerResponse response = copy.behavior.respond(containerRequest, copy.revision.container());
        emit(componentDims, Map.of("EndpointName", endpoint.name, "VariantName", variant), response);
        emitNormalised(componentDims, copiesServing, Map.of("EndpointName", endpoint.name, "VariantName", variant),
                instancesServing);
        if (response.status() >= 400) {
            throw errors.modelError(endpoint.name, response.status(), response.bodyAsString());
        }
        return InvokeEndpointResponse.builder().body(SdkBytes.fromByteArray(response.body()))
                .contentType(response.contentType()).invokedProductionVariant(variant)
                .customAttributes(request.customAttributes()).build();
    }

    /** TargetVariant if given, else a variant drawn by weight among those with a serving copy. */
    private Fleet pickVariant(VariantSet set, String endpointName, String targetVariant) {
        if (targetVariant != null) {
            Fleet target = set.fleet(targetVariant);
            if (target == null || !set.modelCopies.containsKey(target)) {
                throw errors.validation("Variant " + targetVariant + " not found for endpoint " + endpointName + ".");
            }
            return target;
        }
        List<Fleet> candidates = new ArrayList<>();
        double total = 0;
        for (Map.Entry<Fleet, List<Copy>> e : set.modelCopies.entrySet()) {
            if (e.getValue().stream().anyMatch(c -> c.state == Copy.State.RUNNING) && set.weights.get(e.getKey()) > 0) {
                candidates.add(e.getKey());
                total += set.weights.get(e.getKey());
            }
        }
        if (candidates.size() <= 1) {
            return candidates.isEmpty() ? null : candidates.get(0);
        }
        double draw = draw() * total;
        for (Fleet f : candidates) {
            draw -= set.weights.get(f);
            if (draw < 0) {
                return f;
            }
        }
        return candidates.get(candidates.size() - 1);
    }

    /** @return a uniform draw in [0, 1) from the world's seeded random */
    private double draw() {
        return sim.ids.nextIndex(1_000_000) / 1_000_000.0;
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

    private void emit(Map<String, String> componentDims, Map<String, String> variantDims, ContainerResponse r) {
        Instant now = sim.now();
        double client = r.status() >= 400 && r.status() < 500 ? 1 : 0;
        double server = r.status() >= 500 ? 1 : 0;
        double modelLatency = r.latency().toNanos() / 1000.0;
        double overhead = sim.timings.overheadLatency().toNanos() / 1000.0;
        for (Map<String, String> dims : componentDims == null ? List.of(variantDims)
                : List.of(componentDims, variantDims)) {
            metrics.put(new MetricKey("AWS/SageMaker", "Invocations", dims), now, 1);
            metrics.put(new MetricKey("AWS/SageMaker", "Invocation4XXErrors", dims), now, client);
            metrics.put(new MetricKey("AWS/SageMaker", "Invocation5XXErrors", dims), now, server);
            metrics.put(new MetricKey("AWS/SageMaker", "ModelLatency", dims), now, modelLatency);
            metrics.put(new MetricKey("AWS/SageMaker", "OverheadLatency", dims), now, overhead);
        }
    }
}
