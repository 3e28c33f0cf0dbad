package dev.ballast.engine.internal.reconcile;


import dev.ballast.engine.internal.compile.ScalingRequests;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.spec.ModelSpec;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingPoliciesRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingPoliciesResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;
import software.amazon.awssdk.services.sagemaker.model.CreateInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.DeployedImage;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentContainerSpecification;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentContainerSpecificationSummary;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentRuntimeConfigSummary;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentSpecification;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentSpecificationSummary;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentSummary;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointConfigsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListInferenceComponentsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListInferenceComponentsResponse;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointConfigsResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentResponse;

import dev.ballast.engine.internal.call.ResilientCaller;
import dev.ballast.spec.ComponentSpec;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.transport.internal.SdkErrors;

/** Reads what runs through Describe calls; "not found" is a state here, not an error. */
public final class Observer {

    private final ResilientCaller calls;
    /** The latest Describe of each component this engine made, for a crowded engine's plans (see {@link #components}). */
    private final Map<String, DescribeInferenceComponentResponse> described = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile java.util.function.BooleanSupplier crowded = () -> false;

    public Observer(ResilientCaller calls) {
        this.calls = calls;
    }

    /**
     * @param whether whether the engine runs many deployments at once now; while it does, a plan
     *     reads an endpoint's components with one list and the Describes this engine already made
     */
    public void crowdedWhen(java.util.function.BooleanSupplier whether) {
        this.crowded = whether;
    }

    /** @return the endpoint, the spec's configuration, components and alarms as they are now */
    public CompletableFuture<Observed> observe(ComponentEndpointSpec spec) {
        Map<String, Optional<DescribeInferenceComponentResponse>> components = new LinkedHashMap<>();
        return endpoint(spec.name()).thenCompose(endpoint -> endpointConfig(spec.endpointConfigName())
                .thenCompose(config -> components(spec, endpoint.isPresent(), components)
                        .thenCompose(x -> alarms(alarmNames(spec)))
                        .thenCompose(alarms -> scaling(spec.components().stream()
                                .map(c -> ScalingRequests.Scaled.component(c.name())).toList())
                                .thenCompose(scaling -> versions(spec.name()).thenApply(versions -> new Observed(
                                        endpoint, config.isPresent(), java.util.Collections.unmodifiableMap(components), alarms, scaling,
                                        versions))))));
    }

    /**
     * One Describe per component; while the engine is crowded and has described some of them
     * before, one {@code ListInferenceComponents(EndpointNameEquals)} first, and a component the
     * list shows {@code InService} with the {@code LastModifiedTime} of this engine's latest
     * Describe of it, which showed it {@code InService} too, is taken from that Describe (SageMaker changes a component's {@code LastModifiedTime}
     * whenever a create, an update or a copy-count change begins or ends). A component the list does
     * not show is described all the same: a list is no proof of absence (it may lag a create).
     */
    private CompletableFuture<Void> components(ComponentEndpointSpec spec, boolean endpointExists,
                                               Map<String, Optional<DescribeInferenceComponentResponse>> into) {
        boolean list = endpointExists && crowded.getAsBoolean()
                && spec.components().stream().anyMatch(c -> described.containsKey(c.name()));
        Map<String, InferenceComponentSummary> listed = new java.util.HashMap<>();
        CompletableFuture<Void> chain = list ? listComponents(spec.name(), null, listed) : CompletableFuture.completedFuture(null);
        for (ComponentSpec c : spec.components()) {
            chain = chain.thenCompose(x -> {
                InferenceComponentSummary summary = listed.get(c.name());
                DescribeInferenceComponentResponse known = described.get(c.name());
                // Only a settled component's Describe is reused: while one is Creating or Updating its copies move without a new LastModifiedTime.
                if (summary != null && known != null && java.util.Objects.equals(summary.lastModifiedTime(), known.lastModifiedTime())
                        && "InService".equals(summary.inferenceComponentStatusAsString())
                        && "InService".equals(known.inferenceComponentStatusAsString())) {
                    into.put(c.name(), Optional.of(known));
                    return CompletableFuture.<Void>completedFuture(null);
                }
                return component(c.name()).thenAccept(d -> into.put(c.name(), d));
            });
        }
        return chain;
    }

    private CompletableFuture<Void> listComponents(String endpointName, String token, Map<String, InferenceComponentSummary> into) {
        return calls.call(ListInferenceComponentsRequest.builder().endpointNameEquals(endpointName).maxResults(100).nextToken(token)
                .build(), ListInferenceComponentsResponse.class).thenCompose(r -> {
                    r.inferenceComponents().forEach(c -> into.put(c.inferenceComponentName(), c));
                    return r.nextToken() == null || r.nextToken().isEmpty() ? CompletableFuture.<Void>completedFuture(null)
                            : listComponents(endpointName, r.nextToken(), into);
                });
    }

    /**
     * Records a component this engine created and saw settle in a list ({@code InService}, created
     * after its create was sent) without describing it: a crowded engine's next plan takes it from
     * here while a list shows it {@code InService} with the same {@code LastModifiedTime} (see
     * {@link #components}). The record is what the create sent, in the shape of a Describe: the
     * specification SageMaker runs for a new component is the one it was created with, and all its
     * copies run once it is {@code InService}.
     *
     * @param sent the create this engine sent
     * @param settled the list's summary of the component in service
     */
    public void rememberCreated(CreateInferenceComponentRequest sent, DescribeInferenceComponentResponse settled) {
        InferenceComponentSpecification spec = sent.specification();
        InferenceComponentContainerSpecification container = spec == null ? null : spec.container();
        Integer copies = sent.runtimeConfig() == null ? null : sent.runtimeConfig().copyCount();
        described.put(sent.inferenceComponentName(), settled.toBuilder()
                .specification(spec == null ? null : InferenceComponentSpecificationSummary.builder().modelName(spec.modelName())
                        .container(container == null ? null : InferenceComponentContainerSpecificationSummary.builder()
                                .deployedImage(container.image() == null ? null
                                        : DeployedImage.builder().specifiedImage(container.image()).build())
                                .artifactUrl(container.artifactUrl())
                                .environment(container.hasEnvironment() ? container.environment() : null).build())
                        .startupParameters(spec.startupParameters())
                        .computeResourceRequirements(spec.computeResourceRequirements())
                        .baseInferenceComponentName(spec.baseInferenceComponentName()).build())
                .runtimeConfig(copies == null ? null : InferenceComponentRuntimeConfigSummary.builder()
                        .desiredCopyCount(copies).currentCopyCount(copies).build())
                .build());
    }

    /** @return every alarm name the spec defines, resolved */
    public static Set<String> alarmNames(ComponentEndpointSpec spec) {
        Set<String> names = new LinkedHashSet<>();
        spec.components().forEach(c -> names.addAll(spec.rollbackAlarmNames(c.name())));
        spec.components().forEach(c -> c.autoScaling().ifPresent(a -> names.addAll(ScalingRequests.stepAlarmNames(spec.name(), c.name(), a))));
        return names;
    }

    /** @return every alarm name the spec defines, resolved: rollback alarms and step-scaling alarms */
    public static Set<String> alarmNames(VariantEndpointSpec spec) {
        Set<String> names = new LinkedHashSet<>(spec.rollbackAlarmNames());
        spec.variants().forEach(v -> v.autoScaling().ifPresent(a -> names.addAll(ScalingRequests.stepAlarmNames(spec.name(), v.name(), a))));
        return names;
    }

    public CompletableFuture<Optional<DescribeEndpointResponse>> endpoint(String name) {
        return optional(DescribeEndpointRequest.builder().endpointName(name).build(), DescribeEndpointResponse.class);
    }

    public CompletableFuture<Optional<DescribeEndpointConfigResponse>> endpointConfig(String name) {
        return optional(DescribeEndpointConfigRequest.builder().endpointConfigName(name).build(), DescribeEndpointConfigResponse.class);
    }

    public CompletableFuture<Optional<DescribeInferenceComponentResponse>> component(String name) {
        return this.<DescribeInferenceComponentResponse>optional(DescribeInferenceComponentRequest.builder().inferenceComponentName(name)
                .build(), DescribeInferenceComponentResponse.class).thenApply(d -> {
                    if (d.isPresent()) {
                        described.put(name, d.get());
                    } else {
                        described.remove(name);
                    }
                    return d;
                });
    }

    /** @return the alarms of these names that exist (CloudWatch leaves unknown names out) */
    public CompletableFuture<Map<String, MetricAlarm>> alarms(Set<String> names) {
        if (names.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        List<String> list = new ArrayList<>(names);
        return calls.call(DescribeAlarmsRequest.builder().alarmNames(list).build(), DescribeAlarmsResponse.class)
                .thenApply(r -> {
                    Map<String, MetricAlarm> found = new LinkedHashMap<>();
                    r.metricAlarms().forEach(a -> found.put(a.alarmName(), a));
                    return found;
                });
    }

    public CompletableFuture<Optional<DescribeModelResponse>> model(String name) {
        return optional(DescribeModelRequest.builder().modelName(name).build(), DescribeModelResponse.class);
    }

    /** @return the endpoint, the spec's configuration, models, rollback alarms and auto scaling as they are now */
    public CompletableFuture<VariantEndpointObserved> observe(VariantEndpointSpec spec) {
        Map<String, Optional<DescribeModelResponse>> models = new LinkedHashMap<>();
        CompletableFuture<Void> reads = CompletableFuture.completedFuture(null);
        for (ModelSpec m : spec.models()) {
            reads = reads.thenCompose(x -> model(m.name()).thenAccept(d -> models.put(m.name(), d)));
        }
        CompletableFuture<Void> chain = reads;
        // Every variant, scaled or not: a target the spec no longer declares is found, too.
        List<ScalingRequests.Scaled> scaled = spec.variants().stream()
                .map(v -> ScalingRequests.Scaled.variant(spec.name(), v)).toList();
        return endpoint(spec.name()).thenCompose(endpoint -> endpointConfig(spec.endpointConfigName())
                .thenCompose(config -> chain
                        .thenCompose(x -> alarms(alarmNames(spec)))
                        .thenCompose(alarms -> scaling(scaled).thenCompose(scaling -> running(endpoint, spec)
                                .thenCompose(running -> versions(spec.name()).thenApply(versions -> new VariantEndpointObserved(
                                        new Observed(endpoint, config.isPresent(), Map.of(), alarms, scaling, versions),
                                        java.util.Collections.unmodifiableMap(models), running)))))));
    }

    /**
     * @return the endpoint's configuration versions of Ballast's naming ({@link dev.ballast.spec.ConfigNames}:
     *     {@code <endpoint>-<8 hex>}, as the spec's own is named) that exist now, with their creation times
     */
    CompletableFuture<Map<String, java.time.Instant>> versions(String endpointName) {
        Map<String, java.time.Instant> found = new LinkedHashMap<>();
        return listVersions(endpointName, null, found).thenApply(x -> java.util.Collections.unmodifiableMap(found));
    }

    private CompletableFuture<Void> listVersions(String endpointName, String token, Map<String, java.time.Instant> into) {
        return calls.call(ListEndpointConfigsRequest.builder().nameContains(dev.ballast.spec.ConfigNames.prefix(endpointName))
                .maxResults(100).nextToken(token).build(), ListEndpointConfigsResponse.class).thenCompose(r -> {
                    r.endpointConfigs().stream()
                            .filter(c -> dev.ballast.spec.ConfigNames.isVersionOf(c.endpointConfigName(), endpointName))
                            .forEach(c -> into.put(c.endpointConfigName(), c.creationTime()));
                    return r.nextToken() == null || r.nextToken().isEmpty() ? CompletableFuture.<Void>completedFuture(null)
                            : listVersions(endpointName, r.nextToken(), into);
                });
    }

    /** @return the configuration the endpoint runs, when it is another than the spec's */
    private CompletableFuture<Optional<DescribeEndpointConfigResponse>> running(Optional<DescribeEndpointResponse> endpoint, VariantEndpointSpec spec) {
        return endpoint.map(DescribeEndpointResponse::endpointConfigName)
                .filter(name -> !name.equals(spec.endpointConfigName()))
                .map(this::endpointConfig)
                .orElseGet(() -> CompletableFuture.completedFuture(Optional.empty()));
    }

    /**
     * @return the alarms traffic shifts created on the spec's variants ({@code <endpoint>-<variant>-shift-..}),
     *     for a teardown to remove with the rest; only a teardown needs them
     */
    public CompletableFuture<Map<String, MetricAlarm>> shiftAlarms(VariantEndpointSpec spec) {
        Map<String, MetricAlarm> found = new LinkedHashMap<>();
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (dev.ballast.spec.VariantSpec v : spec.variants()) {
            String prefix = (spec.name() + "-" + v.name() + "-shift-").toLowerCase(java.util.Locale.ROOT);
            chain = chain.thenCompose(x -> calls.call(DescribeAlarmsRequest.builder().alarmNamePrefix(prefix).build(), DescribeAlarmsResponse.class)
                    .thenAccept(r -> r.metricAlarms().forEach(a -> found.put(a.alarmName(), a))));
        }
        return chain.thenApply(x -> found);
    }

    /**
     * Reads the registrations of these resources (one Describe per scalable dimension) and the
     * policies of those registered.
     *
     * @return each registered resource's target and policies, by resource id
     */
    public CompletableFuture<Map<String, ScalingObserved>> scaling(List<ScalingRequests.Scaled> targets) {
        Map<String, ScalingObserved> found = new LinkedHashMap<>();
        Map<String, List<String>> idsByDimension = new LinkedHashMap<>();
        targets.forEach(t -> idsByDimension.computeIfAbsent(t.dimension(), d -> new ArrayList<>()).add(t.resourceId()));
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (Map.Entry<String, List<String>> e : idsByDimension.entrySet()) {
            chain = chain.thenCompose(x -> calls.call(DescribeScalableTargetsRequest.builder().serviceNamespace(ServiceNamespace.SAGEMAKER)
                            .resourceIds(e.getValue()).scalableDimension(e.getKey()).build(), DescribeScalableTargetsResponse.class))
                    .thenCompose(r -> {
                        CompletableFuture<Void> policies = CompletableFuture.completedFuture(null);
                        for (var target : r.scalableTargets()) {
                            policies = policies.thenCompose(y -> calls.call(DescribeScalingPoliciesRequest.builder()
                                            .serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(target.resourceId())
                                            .scalableDimension(target.scalableDimensionAsString()).build(), DescribeScalingPoliciesResponse.class)
                                    .thenAccept(p -> found.put(target.resourceId(), new ScalingObserved(target, p.scalingPolicies()))));
                        }
                        return policies;
                    });
        }
        return chain.thenApply(x -> java.util.Collections.unmodifiableMap(found));
    }

    private <R extends SdkResponse> CompletableFuture<Optional<R>> optional(SdkRequest request, Class<R> type) {
        return calls.call(request, type).handle((response, failure) -> {
            if (failure == null) {
                return Optional.of(response);
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (SdkErrors.isNotFound(cause)) {
                return Optional.<R>empty();
            }
            throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
        });
    }
}
