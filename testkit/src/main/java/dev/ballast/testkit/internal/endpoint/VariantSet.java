package dev.ballast.testkit.internal.endpoint;

import dev.ballast.testkit.internal.placement.Copy;
import dev.ballast.testkit.internal.placement.CopyOwner;
import dev.ballast.testkit.internal.placement.Fleet;
import dev.ballast.testkit.internal.placement.Requirement;
import dev.ballast.testkit.internal.placement.Revision;
import dev.ballast.testkit.internal.sim.Arns;
import dev.ballast.testkit.internal.sim.Registry;
import dev.ballast.testkit.internal.sim.Sim;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import software.amazon.awssdk.services.sagemaker.model.CaptureStatus;
import software.amazon.awssdk.services.sagemaker.model.DataCaptureConfig;
import software.amazon.awssdk.services.sagemaker.model.DataCaptureConfigSummary;
import software.amazon.awssdk.services.sagemaker.model.ManagedInstanceScalingStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantServerlessConfig;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantServerlessUpdateConfig;

/**
 * The variants of one endpoint configuration as deployed: a fleet per variant, one model copy per
 * instance on model-based variants (one instance-less copy on a serverless variant), the variants'
 * traffic weights and the data capture in force. An endpoint serves from one set; an endpoint
 * deployment builds a second one beside it.
 */
public final class VariantSet implements CopyOwner {

    private final Sim sim;
    EndpointConfigRecord config;
    final Map<String, Fleet> fleets = new LinkedHashMap<>();
    /** Model copies per model-based variant: one per instance. */
    final Map<Fleet, List<Copy>> modelCopies = new LinkedHashMap<>();
    private final Map<Fleet, Revision> modelRevisions = new HashMap<>();
    /** Traffic weight per variant (InitialVariantWeight, then UpdateEndpointWeightsAndCapacities). */
    final Map<Fleet, Float> weights = new LinkedHashMap<>();
    /** The shadow variants' fleets (ShadowProductionVariants): they take no routed traffic, only copies. */
    final java.util.Set<Fleet> shadowFleets = new java.util.LinkedHashSet<>();
    /** Per shadow fleet, the running total of sampled shares not yet copied (the accumulating fraction). */
    private final Map<Fleet, Double> shadowCredit = new HashMap<>();
    /** ServerlessConfig per serverless variant, as last set (CreateEndpointConfig, then ServerlessUpdateConfig). */
    final Map<Fleet, ProductionVariantServerlessConfig> serverlessConfigs = new LinkedHashMap<>();
    /** The data capture in force: the config's, or the live one kept by RetainAllVariantProperties; may be null. */
    DataCaptureConfig dataCapture;
    private final Runnable onChange;
    private final BiConsumer<VariantSet, String> onContainerFailure;

    /**
     * @param onChange called after every instance or copy change
     * @param onContainerFailure called with this set and the variant name when a model container
     *     fails its health check
     */
    VariantSet(Sim sim, EndpointConfigRecord config, Registry<ModelRecord> models, Runnable onChange,
            BiConsumer<VariantSet, String> onContainerFailure) {
        this.sim = sim;
        this.config = config;
        this.onChange = onChange;
        this.onContainerFailure = onContainerFailure;
        this.dataCapture = config.request().dataCaptureConfig();
        for (ProductionVariant v : config.allVariants()) {
            boolean mis = v.managedInstanceScaling() != null
                    && v.managedInstanceScaling().status() == ManagedInstanceScalingStatus.ENABLED;
            int initial = initialCount(v);
            int min = mis && v.managedInstanceScaling().minInstanceCount() != null
                    ? v.managedInstanceScaling().minInstanceCount() : initial;
            int max = mis && v.managedInstanceScaling().maxInstanceCount() != null
                    ? v.managedInstanceScaling().maxInstanceCount() : initial;
            Fleet fleet = new Fleet(sim, v.variantName(), v.instanceTypeAsString(), mis, min, max, onChange);
            fleets.put(Arns.lower(v.variantName()), fleet);
            if (config.shadows().contains(v)) {
                shadowFleets.add(fleet);
            }
            weights.put(fleet, v.initialVariantWeight() == null ? 1.0f : v.initialVariantWeight());
            if (v.serverlessConfig() != null) {
                serverlessConfigs.put(fleet, v.serverlessConfig());
            }
            if (v.modelName() != null) {
                ModelRecord model = models.get(v.modelName());
                Duration health = v.containerStartupHealthCheckTimeoutInSeconds() == null
                        ? sim.timings().healthCheckTimeout()
                        : Duration.ofSeconds(v.containerStartupHealthCheckTimeoutInSeconds());
                modelRevisions.put(fleet, new Revision(1, null,
                        Requirement.wholeInstance(fleet.shape(), sim.options().reservedHostMemoryMiB()),
                        model.container(), health, model.containers(), model.executionMode()));
                modelCopies.put(fleet, new ArrayList<>());
            }
        }
    }
    /**
     * Applies a new configuration of an endpoint that hosts inference components in place: same
     * variants on the same instance types, new scaling bounds and initial counts.
     *
     * @throws UnsupportedOperationException if the variants or their instance types differ, which
     *     the fake does not simulate for endpoints that host components
     */
    void reconfigure(EndpointConfigRecord next) {
        List<ProductionVariant> variants = next.request().productionVariants();
        for (ProductionVariant v : variants) {
            Fleet fleet = fleets.get(Arns.lower(v.variantName()));
            if (fleet == null || !fleet.instanceType().equals(v.instanceTypeAsString()) || variants.size() != fleets.size()) {
                throw new UnsupportedOperationException("FakeSageMaker simulates UpdateEndpoint on an endpoint that hosts"
                        + " inference components only for the same variants on the same instance types (new scaling"
                        + " bounds, initial counts or routing); config " + next.name() + " changes variant " + v.variantName());
            }
        }
        config = next;
        for (ProductionVariant v : variants) {
            boolean mis = v.managedInstanceScaling() != null
                    && v.managedInstanceScaling().status() == ManagedInstanceScalingStatus.ENABLED;
            int initial = initialCount(v);
            int min = mis && v.managedInstanceScaling().minInstanceCount() != null ? v.managedInstanceScaling().minInstanceCount() : initial;
            int max = mis && v.managedInstanceScaling().maxInstanceCount() != null ? v.managedInstanceScaling().maxInstanceCount() : initial;
            fleets.get(Arns.lower(v.variantName())).reconfigure(mis, min, max, initial);
        }
    }

    /**
     * A shadow variant's copy a production request is copied to.
     *
     * @param fleet the shadow variant's fleet (it names the variant)
     * @param copy the model copy that answers the copied request
     */
    public record ShadowCopy(Fleet fleet, Copy copy) {
    }

    /** @return the model-based production variants' fleets: those invocations are routed over (shadows are not) */
    List<Fleet> routedFleets() {
        return modelCopies.keySet().stream().filter(f -> !shadowFleets.contains(f)).toList();
    }

    /** @return the shadow variants' fleets */
    public java.util.Set<Fleet> shadowFleets() {
        return java.util.Collections.unmodifiableSet(shadowFleets);
    }

    /** @return whether {@code fleet} is a shadow variant's */
    boolean isShadow(Fleet fleet) {
        return shadowFleets.contains(fleet);
    }

    /**
     * The shadow variants a production request of this set is copied to, each decided now: the share
     * is the shadow's weight over the production variant's, at most 1; by an accumulating fraction, or
     * drawn from {@code draw} when sampling at random (see {@code FakeSageMaker.Builder#sampleShadowsAtRandom}).
     *
     * @param draw a uniform draw in [0, 1), asked for only when sampling at random
     * @return the shadows' running model copies to copy the request to, one per sampled shadow (a shadow
     *     without a running copy is skipped)
     */
    public List<ShadowCopy> shadowCopiesFor(java.util.function.DoubleSupplier draw) {
        List<ShadowCopy> picked = new ArrayList<>();
        float production = routedFleets().stream().map(weights::get).findFirst().orElse(0f);
        for (Fleet shadow : shadowFleets) {
            double share = production <= 0 ? 0 : Math.min(1.0, weights.get(shadow) / production);
            boolean sampled;
            if (sim.options().sampleShadowsAtRandom()) {
                sampled = share > 0 && draw.getAsDouble() < share;
            } else {
                double credit = shadowCredit.getOrDefault(shadow, 0.0) + share;
                // a small tolerance so that shares like 0.1 add up to whole requests despite binary fractions
                sampled = credit >= 1 - 1e-9;
                shadowCredit.put(shadow, sampled ? credit - 1 : credit);
            }
            if (!sampled) {
                continue;
            }
            List<Copy> running = modelCopies.getOrDefault(shadow, List.of()).stream().filter(Copy::running).toList();
            if (!running.isEmpty()) {
                picked.add(new ShadowCopy(shadow, running.get(running.size() == 1 ? 0 : sim.ids().nextIndex(running.size()))));
            }
        }
        return picked;
    }

    /** @return the name of the endpoint config the set was built from */
    public String configName() {
        return config.name();
    }

    /** @return the data capture in force, or null */
    public DataCaptureConfig dataCapture() {
        return dataCapture;
    }

    /** @return whether the set captures data: it has a data capture whose {@code EnableCapture} is not false */
    public boolean capturing() {
        return dataCapture != null && !Boolean.FALSE.equals(dataCapture.enableCapture());
    }

    /** @return DescribeEndpoint's {@code DataCaptureConfig}, or null when the set has no data capture */
    DataCaptureConfigSummary dataCaptureSummary() {
        if (dataCapture == null) {
            return null;
        }
        return DataCaptureConfigSummary.builder().enableCapture(capturing())
                .captureStatus(capturing() ? CaptureStatus.STARTED : CaptureStatus.STOPPED)
                .currentSamplingPercentage(dataCapture.initialSamplingPercentage())
                .destinationS3Uri(dataCapture.destinationS3Uri()).kmsKeyId(dataCapture.kmsKeyId()).build();
    }

    private static int initialCount(ProductionVariant v) {
        return v.initialInstanceCount() == null ? 1 : v.initialInstanceCount();
    }

    /**
     * Launches every variant's instances and queues one model copy per instance.
     *
     * @param retainedCounts instance counts to use instead of InitialInstanceCount, by lower-cased
     *     variant name (UpdateEndpoint with RetainAllVariantProperties)
     */
    void launch(Map<String, Integer> retainedCounts) {
        for (ProductionVariant v : config.allVariants()) {
            Fleet fleet = fleet(v.variantName());
            int count = fleet.serverless() ? 1 : retainedCounts.getOrDefault(Arns.lower(v.variantName()), initialCount(v));
            fleet.launchBase(count);
            if (modelCopies.containsKey(fleet)) {
                for (int i = 0; i < count; i++) {
                    addModelCopy(fleet);
                }
            }
        }
    }

    /** Sets variant weights by lower-cased variant name (RetainAllVariantProperties keeps the live ones). */
    void retainWeights(Map<String, Float> byVariant) {
        byVariant.forEach((variant, weight) -> {
            Fleet fleet = fleets.get(variant);
            if (fleet != null) {
                weights.put(fleet, weight);
            }
        });
    }

    /** @return whether any variant is serverless (endpoint deployments then run all at once) */
    boolean anyServerless() {
        return !serverlessConfigs.isEmpty();
    }

    /** @return whether the endpoint runs a shadow variant (a rolling update then runs all at once) */
    boolean hasShadows() {
        return !shadowFleets.isEmpty();
    }

    /** @return how many production variants the set serves (several: a rolling update then runs all at once) */
    int productionVariantCount() {
        return config.request().productionVariants().size();
    }

    /**
     * @param variantName a variant of this set
     * @return the variant's {@code ServerlessConfig} as it is now, or null for a variant on instances (or none)
     */
    public ProductionVariantServerlessConfig serverlessConfig(String variantName) {
        Fleet fleet = fleet(variantName);
        return fleet == null ? null : serverlessConfigs.get(fleet);
    }

    Fleet fleet(String variantName) {
        return variantName == null ? null : fleets.get(Arns.lower(variantName));
    }

    Collection<Fleet> all() {
        return fleets.values();
    }

    /** @return whether every initial instance runs and every model copy serves */
    boolean ready() {
        return fleets.values().stream().allMatch(Fleet::baseReady) && modelCopiesServing();
    }

    /** @return whether instances are launching or terminating, or model copies are not serving yet */
    boolean changing() {
        return fleets.values().stream().anyMatch(Fleet::scaling) || !modelCopiesServing();
    }

    int instances() {
        return fleets.values().stream().mapToInt(Fleet::desiredInstanceCount).sum();
    }

    /** @return the variant's model copies that are not stopping or gone (serving or on their way) */
    List<Copy> liveCopies(Fleet fleet) {
        List<Copy> live = new ArrayList<>();
        for (Copy c : modelCopies.getOrDefault(fleet, List.of())) {
            if (c.state() != Copy.State.STOPPING && c.isLive()) {
                live.add(c);
            }
        }
        return live;
    }

    /**
     * Adds {@code count} instances with a model copy each to a model-based variant.
     *
     * @return the copies added
     */
    List<Copy> grow(Fleet fleet, int count) {
        List<Copy> added = new ArrayList<>();
        fleet.resize(liveCopies(fleet).size() + count);
        for (int i = 0; i < count; i++) {
            added.add(addModelCopy(fleet));
        }
        return added;
    }

    /**
     * Removes {@code count} model copies (those not serving yet first) and their instances from a
     * model-based variant: serving copies drain first, then their instances terminate.
     *
     * @return the copies removed; those that did not serve yet are already gone
     */
    List<Copy> shrink(Fleet fleet, int count) {
        List<Copy> order = liveCopies(fleet);
        order.sort(Comparator.comparing((Copy c) -> c.state() == Copy.State.RUNNING));
        List<Copy> removed = new ArrayList<>(order.subList(0, Math.min(count, order.size())));
        remove(fleet, removed);
        return removed;
    }

    /**
     * Removes exactly these live model copies of the variant, and their instances; the variant's
     * instance count settles to its remaining copies (an instance left by a failed copy goes too).
     */
    void remove(Fleet fleet, List<Copy> copies) {
        fleet.resize(liveCopies(fleet).size() - copies.size());
        List<Copy> all = modelCopies.get(fleet);
        for (Copy copy : copies) {
            fleet.removeCopy(copy);
            if (copy.state() == Copy.State.GONE) {
                all.remove(copy);
            }
        }
    }

    void terminateAll() {
        fleets.values().forEach(Fleet::terminateAll);
        modelCopies.values().forEach(List::clear);
    }

    /**
     * UpdateEndpointWeightsAndCapacities for one variant: the weight applies at once; the instance
     * count moves (a model copy per instance starts or drains).
     */
    void updateCapacity(Fleet fleet, Integer desiredInstances, Float desiredWeight) {
        if (desiredWeight != null) {
            weights.put(fleet, desiredWeight);
        }
        if (desiredInstances == null) {
            return;
        }
        if (!modelCopies.containsKey(fleet)) {
            fleet.resize(desiredInstances);
            return;
        }
        int live = liveCopies(fleet).size();
        if (desiredInstances > live) {
            grow(fleet, desiredInstances - live);
        } else if (desiredInstances < live) {
            shrink(fleet, live - desiredInstances);
        } else {
            fleet.resize(desiredInstances);
        }
    }

    /** UpdateEndpointWeightsAndCapacities with a ServerlessUpdateConfig: applies at once. */
    void updateServerless(Fleet fleet, ProductionVariantServerlessUpdateConfig update) {
        ProductionVariantServerlessConfig current = serverlessConfigs.get(fleet);
        serverlessConfigs.put(fleet, current.toBuilder()
                .maxConcurrency(update.maxConcurrency() != null ? update.maxConcurrency() : current.maxConcurrency())
                .provisionedConcurrency(update.provisionedConcurrency() != null ? update.provisionedConcurrency()
                        : current.provisionedConcurrency())
                .build());
    }

    private Copy addModelCopy(Fleet fleet) {
        Copy copy = new Copy(sim.nextCopyId(), this, modelRevisions.get(fleet));
        modelCopies.get(fleet).add(copy);
        fleet.addCopy(copy);
        return copy;
    }

    private boolean modelCopiesServing() {
        return modelCopies.values().stream().flatMap(List::stream).allMatch(c -> c.state() == Copy.State.RUNNING);
    }

    private Fleet fleetOf(Copy copy) {
        for (Map.Entry<Fleet, List<Copy>> e : modelCopies.entrySet()) {
            if (e.getValue().contains(copy)) {
                return e.getKey();
            }
        }
        return null;
    }

    @Override
    public void copyRunning(Copy copy) {
        onChange.run();
    }

    @Override
    public void copyFailed(Copy copy, String reason) {
        Fleet fleet = fleetOf(copy);
        modelCopies.values().forEach(list -> list.remove(copy));
        onContainerFailure.accept(this, fleet == null ? "" : fleet.variantName());
    }

    @Override
    public void copyGone(Copy copy) {
        modelCopies.values().forEach(list -> list.remove(copy));
        onChange.run();
    }

    @Override
    public void copyPlacementTimedOut(Copy copy) {
        // the endpoint's provisioning timeout decides
    }
}
