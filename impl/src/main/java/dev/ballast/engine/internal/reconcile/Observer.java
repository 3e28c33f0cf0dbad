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
import software.amazon.awssdk.services.sagemaker.model.EndpointConfigSummary;
import software.amazon.awssdk.services.sagemaker.model.EndpointSummary;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointConfigsRequest;
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

/**
 * Reads what runs; "not found" is a state here, not an error.
 *
 * <p>One deployment alone reads through Describe calls, one resource at a time. While the engine
 * is crowded (many deployments at once), a plan reads from a fresh {@link Inventory} pass shared
 * by the plans that ask together: what the pass does not show is absent without a Describe, what
 * it shows {@code InService} with the {@code LastModifiedTime} of this engine's own latest
 * Describe of it (also {@code InService}) is that Describe, the rest is described; its alarms and
 * scalable targets come from DescribeAlarms and DescribeScalableTargets calls shared with the
 * other plans (up to {@value #ALARMS_PER_CALL} names, {@value #TARGETS_PER_CALL} resources a call).
 */
public final class Observer {

    private final ResilientCaller calls;
    /** The latest Describe of each component this engine made, for a crowded engine's plans (see {@link #components}). */
    private final Map<String, DescribeInferenceComponentResponse> described = new java.util.concurrent.ConcurrentHashMap<>();
    /** The latest Describe of each endpoint this engine made, reused like {@link #described}. */
    private final Map<String, DescribeEndpointResponse> describedEndpoints = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile java.util.function.BooleanSupplier crowded = () -> false;
    /** What the account runs, listed once for the plans that ask together; null: plans always describe. */
    private final Inventory inventory;
    private final SharedReads<String, Map<String, MetricAlarm>> alarmReads;
    private final SharedReads<ScalingRequests.Scaled, Map<String, ScalingObserved>> scalingReads;

    /** An observer whose plans always describe what they read, one by one. */
    public Observer(ResilientCaller calls) {
        this(calls, null);
    }

    /**
     * @param scheduler where plans' shared reads are started; while the engine is crowded, plans
     *     read through an {@link Inventory} and share DescribeAlarms and DescribeScalableTargets
     */
    public Observer(ResilientCaller calls, dev.ballast.spi.Scheduler scheduler) {
        this.calls = calls;
        this.inventory = scheduler == null ? null : new Inventory(calls, scheduler);
        this.alarmReads = scheduler == null ? null : new SharedReads<>(scheduler, this::readAlarms);
        this.scalingReads = scheduler == null ? null : new SharedReads<>(scheduler, this::readScaling);
    }

    /**
     * @param whether whether the engine runs many deployments at once now; while it does, a plan
     *     reads what runs from a shared {@link Inventory} pass and the Describes this engine already made
     */
    public void crowdedWhen(java.util.function.BooleanSupplier whether) {
        this.crowded = whether;
    }

    /** @return the endpoint, the spec's configuration, components and alarms as they are now */
    public CompletableFuture<Observed> observe(ComponentEndpointSpec spec) {
        if (shared()) {
            return observeShared(spec);
        }
        Map<String, Optional<DescribeInferenceComponentResponse>> components = new LinkedHashMap<>();
        return endpoint(spec.name()).thenCompose(endpoint -> endpointConfig(spec.endpointConfigName())
                .thenCompose(config -> components(spec, components)
                        .thenCompose(x -> alarms(alarmNames(spec)))
                        .thenCompose(alarms -> scaling(spec.components().stream()
                                .map(c -> ScalingRequests.Scaled.component(c.name())).toList())
                                .thenCompose(scaling -> versions(spec.name()).thenApply(versions -> new Observed(
                                        endpoint, config.isPresent(), java.util.Collections.unmodifiableMap(components), alarms, scaling,
                                        versions))))));
    }

    /** One Describe per component, in the spec's order. */
    private CompletableFuture<Void> components(ComponentEndpointSpec spec, Map<String, Optional<DescribeInferenceComponentResponse>> into) {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (ComponentSpec c : spec.components()) {
            chain = chain.thenCompose(x -> component(c.name()).thenAccept(d -> into.put(c.name(), d)));
        }
        return chain;
    }

    /** Whether this plan reads through the shared inventory and batches (the engine is crowded). */
    private boolean shared() {
        return inventory != null && crowded.getAsBoolean();
    }

    /**
     * A crowded engine's observation: endpoint, configurations and components from a fresh
     * {@link Inventory} pass, alarms and scaling from reads shared with the other plans.
     */
    private CompletableFuture<Observed> observeShared(ComponentEndpointSpec spec) {
        Map<String, Optional<DescribeInferenceComponentResponse>> components = new LinkedHashMap<>();
        return inventory.fresh().thenCompose(snapshot -> endpoint(snapshot, spec.name())
                .thenCompose(endpoint -> components(snapshot, spec, components)
                        .thenCompose(x -> sharedAlarms(alarmNames(spec)))
                        .thenCompose(alarms -> sharedScaling(spec.components().stream()
                                .map(c -> ScalingRequests.Scaled.component(c.name())).toList())
                                .thenApply(scaling -> new Observed(endpoint, snapshot.configExists(spec.endpointConfigName()),
                                        java.util.Collections.unmodifiableMap(components), alarms, scaling,
                                        versions(snapshot, spec.name()))))));
    }

    /**
     * The endpoint as the pass shows it: absent without a Describe; present, this engine's latest
     * Describe of it when that and the pass both show it {@code InService} with the same
     * {@code LastModifiedTime} (SageMaker moves it whenever a create or update begins or ends), a
     * Describe otherwise. Of a reused Describe only the instance count may be older than the pass
     * (managed instance scaling moves it in service); a plan reads it for its surge estimate alone.
     */
    private CompletableFuture<Optional<DescribeEndpointResponse>> endpoint(Inventory.Snapshot snapshot, String name) {
        Optional<EndpointSummary> summary = snapshot.endpoint(name);
        if (summary.isEmpty()) {
            describedEndpoints.remove(name);
            return CompletableFuture.completedFuture(Optional.empty());
        }
        DescribeEndpointResponse known = describedEndpoints.get(name);
        if (known != null && java.util.Objects.equals(summary.get().lastModifiedTime(), known.lastModifiedTime())
                && "InService".equals(summary.get().endpointStatusAsString()) && "InService".equals(known.endpointStatusAsString())) {
            return CompletableFuture.completedFuture(Optional.of(known));
        }
        return endpoint(name);
    }

    /**
     * Each component as the pass shows it (see {@link #endpoint(Inventory.Snapshot, String)}): only a
     * settled component's Describe is reused, because while one is Creating or Updating its copies
     * move without a new {@code LastModifiedTime}.
     */
    private CompletableFuture<Void> components(Inventory.Snapshot snapshot, ComponentEndpointSpec spec,
                                               Map<String, Optional<DescribeInferenceComponentResponse>> into) {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (ComponentSpec c : spec.components()) {
            chain = chain.thenCompose(x -> {
                Optional<InferenceComponentSummary> summary = snapshot.component(c.name());
                if (summary.isEmpty()) {
                    described.remove(c.name());
                    into.put(c.name(), Optional.empty());
                    return CompletableFuture.<Void>completedFuture(null);
                }
                DescribeInferenceComponentResponse known = described.get(c.name());
                if (known != null && java.util.Objects.equals(summary.get().lastModifiedTime(), known.lastModifiedTime())
                        && "InService".equals(summary.get().inferenceComponentStatusAsString())
                        && "InService".equals(known.inferenceComponentStatusAsString())) {
                    into.put(c.name(), Optional.of(known));
                    return CompletableFuture.<Void>completedFuture(null);
                }
                return component(c.name()).thenAccept(d -> into.put(c.name(), d));
            });
        }
        return chain;
    }

    /** @return the endpoint's configuration versions in the pass, newest first (as {@link #versions(String)} lists them) */
    private static Map<String, java.time.Instant> versions(Inventory.Snapshot snapshot, String endpointName) {
        List<EndpointConfigSummary> all = new ArrayList<>(snapshot.configs().values());
        java.util.Collections.reverse(all);
        Map<String, java.time.Instant> found = new LinkedHashMap<>();
        all.stream().filter(c -> dev.ballast.spec.ConfigNames.isVersionOf(c.endpointConfigName(), endpointName))
                .forEach(c -> found.put(c.endpointConfigName(), c.creationTime()));
        return java.util.Collections.unmodifiableMap(found);
    }

    /** @return the alarms of these names that exist, from a DescribeAlarms shared with the other plans */
    private CompletableFuture<Map<String, MetricAlarm>> sharedAlarms(Set<String> names) {
        if (names.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        return alarmReads.ask(names).thenApply(all -> {
            Map<String, MetricAlarm> found = new LinkedHashMap<>();
            names.forEach(n -> {
                if (all.containsKey(n)) {
                    found.put(n, all.get(n));
                }
            });
            return found;
        });
    }

    /** CloudWatch's most alarm names, and records, per DescribeAlarms. */
    static final int ALARMS_PER_CALL = 100;

    /** Application Auto Scaling's most {@code ResourceIds} per DescribeScalableTargets. */
    static final int TARGETS_PER_CALL = 50;

    /** One shared read of alarms: DescribeAlarms of up to {@value #ALARMS_PER_CALL} names at once. */
    private CompletableFuture<Map<String, MetricAlarm>> readAlarms(Set<String> names) {
        List<String> all = new ArrayList<>(names);
        Map<String, MetricAlarm> found = new java.util.HashMap<>();
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (int from = 0; from < all.size(); from += ALARMS_PER_CALL) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + ALARMS_PER_CALL));
            chain = chain.thenCompose(x -> alarmPages(chunk, null, found));
        }
        return chain.thenApply(x -> found);
    }

    private CompletableFuture<Void> alarmPages(List<String> names, String token, Map<String, MetricAlarm> into) {
        return calls.call(DescribeAlarmsRequest.builder().alarmNames(names).maxRecords(ALARMS_PER_CALL).nextToken(token).build(),
                DescribeAlarmsResponse.class).thenCompose(r -> {
                    r.metricAlarms().forEach(a -> into.put(a.alarmName(), a));
                    return r.nextToken() == null || r.nextToken().isEmpty() ? CompletableFuture.<Void>completedFuture(null)
                            : alarmPages(names, r.nextToken(), into);
                });
    }

    /** @return the registrations and policies of these targets, from reads shared with the other plans */
    private CompletableFuture<Map<String, ScalingObserved>> sharedScaling(List<ScalingRequests.Scaled> targets) {
        if (targets.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        return scalingReads.ask(targets).thenApply(all -> {
            Map<String, ScalingObserved> found = new LinkedHashMap<>();
            targets.forEach(t -> {
                if (all.containsKey(t.resourceId())) {
                    found.put(t.resourceId(), all.get(t.resourceId()));
                }
            });
            return java.util.Collections.unmodifiableMap(found);
        });
    }

    /**
     * One shared read of scaling: DescribeScalableTargets per scalable dimension of up to
     * {@value #TARGETS_PER_CALL} resources at once, then the policies of each target that exists.
     */
    private CompletableFuture<Map<String, ScalingObserved>> readScaling(Set<ScalingRequests.Scaled> targets) {
        Map<String, Set<String>> idsByDimension = new LinkedHashMap<>();
        targets.forEach(t -> idsByDimension.computeIfAbsent(t.dimension(), d -> new LinkedHashSet<>()).add(t.resourceId()));
        List<ScalableTarget> registered = new ArrayList<>();
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (Map.Entry<String, Set<String>> e : idsByDimension.entrySet()) {
            List<String> ids = new ArrayList<>(e.getValue());
            for (int from = 0; from < ids.size(); from += TARGETS_PER_CALL) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + TARGETS_PER_CALL));
                chain = chain.thenCompose(x -> targetPages(e.getKey(), chunk, null, registered));
            }
        }
        Map<String, ScalingObserved> found = new java.util.HashMap<>();
        return chain.thenCompose(x -> {
            CompletableFuture<Void> policies = CompletableFuture.completedFuture(null);
            for (ScalableTarget target : registered) {
                policies = policies.thenCompose(y -> calls.call(DescribeScalingPoliciesRequest.builder()
                                .serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(target.resourceId())
                                .scalableDimension(target.scalableDimensionAsString()).build(), DescribeScalingPoliciesResponse.class)
                        .thenAccept(p -> found.put(target.resourceId(), new ScalingObserved(target, p.scalingPolicies()))));
            }
            return policies;
        }).thenApply(x -> found);
    }

    private CompletableFuture<Void> targetPages(String dimension, List<String> ids, String token, List<ScalableTarget> into) {
        return calls.call(DescribeScalableTargetsRequest.builder().serviceNamespace(ServiceNamespace.SAGEMAKER)
                .resourceIds(ids).scalableDimension(dimension).maxResults(TARGETS_PER_CALL).nextToken(token).build(),
                DescribeScalableTargetsResponse.class).thenCompose(r -> {
                    into.addAll(r.scalableTargets());
                    return r.nextToken() == null || r.nextToken().isEmpty() ? CompletableFuture.<Void>completedFuture(null)
                            : targetPages(dimension, ids, r.nextToken(), into);
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

    /**
     * Records an endpoint of inference components this engine created and saw settle in a list
     * ({@code InService}, created after its create was sent) without describing it: its status,
     * times and the configuration it was created with, which is all a plan of components reads of
     * it but its instance count (a plan estimating a surge without one takes the spec's).
     *
     * @param settled the list's summary of the endpoint, with the configuration its create named
     */
    public void rememberCreated(DescribeEndpointResponse settled) {
        describedEndpoints.put(settled.endpointName(), settled);
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
        return this.<DescribeEndpointResponse>optional(DescribeEndpointRequest.builder().endpointName(name).build(),
                DescribeEndpointResponse.class).thenApply(d -> {
                    if (d.isPresent()) {
                        describedEndpoints.put(name, d.get());
                    } else {
                        describedEndpoints.remove(name);
                    }
                    return d;
                });
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
        if (shared()) {
            return observeShared(spec);
        }
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
     * A crowded engine's observation of a variant endpoint: the endpoint and its configurations from
     * a fresh {@link Inventory} pass, alarms and scaling shared with the other plans; the models and
     * a running configuration other than the spec's (whose content matters) are described.
     */
    private CompletableFuture<VariantEndpointObserved> observeShared(VariantEndpointSpec spec) {
        Map<String, Optional<DescribeModelResponse>> models = new LinkedHashMap<>();
        List<ScalingRequests.Scaled> scaled = spec.variants().stream()
                .map(v -> ScalingRequests.Scaled.variant(spec.name(), v)).toList();
        return inventory.fresh().thenCompose(snapshot -> {
            CompletableFuture<Void> reads = CompletableFuture.completedFuture(null);
            for (ModelSpec m : spec.models()) {
                reads = reads.thenCompose(x -> model(m.name()).thenAccept(d -> models.put(m.name(), d)));
            }
            CompletableFuture<Void> chain = reads;
            return endpoint(snapshot, spec.name()).thenCompose(endpoint -> chain
                    .thenCompose(x -> sharedAlarms(alarmNames(spec)))
                    .thenCompose(alarms -> sharedScaling(scaled).thenCompose(scaling -> running(endpoint, spec)
                            .thenApply(running -> new VariantEndpointObserved(
                                    new Observed(endpoint, snapshot.configExists(spec.endpointConfigName()), Map.of(), alarms,
                                            scaling, versions(snapshot, spec.name())),
                                    java.util.Collections.unmodifiableMap(models), running)))));
        });
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
