package dev.ballast.testkit.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sagemaker.model.ManagedInstanceScalingStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;

/**
 * The variants of one endpoint configuration as deployed: a fleet per variant, one model copy per
 * instance on model-based variants, and the variants' traffic weights. An endpoint serves from one
 * set; a blue/green deployment provisions a second one beside it.
 */
final class VariantSet implements CopyOwner {

    private final Sim sim;
    EndpointConfigRecord config;
    final Map<String, Fleet> fleets = new LinkedHashMap<>();
    /** Model copies per model-based variant: one per instance. */
    final Map<Fleet, List<Copy>> modelCopies = new LinkedHashMap<>();
    private final Map<Fleet, Revision> modelRevisions = new HashMap<>();
    /** Traffic weight per variant (InitialVariantWeight, then UpdateEndpointWeightsAndCapacities). */
    final Map<Fleet, Float> weights = new LinkedHashMap<>();
    private final Runnable onChange;
    private final Consumer<String> onContainerFailure;

    /**
     * @param onChange called after every instance or copy change
     * @param onContainerFailure called with the variant name when a model container fails its health check
     */
    VariantSet(Sim sim, EndpointConfigRecord config, Map<String, ModelRecord> models, Runnable onChange,
            Consumer<String> onContainerFailure) {
        this.sim = sim;
        this.config = config;
        this.onChange = onChange;
        this.onContainerFailure = onContainerFailure;
        for (ProductionVariant v : config.request().productionVariants()) {
            boolean mis = v.managedInstanceScaling() != null
                    && v.managedInstanceScaling().status() == ManagedInstanceScalingStatus.ENABLED;
            int initial = initialCount(v);
            int min = mis && v.managedInstanceScaling().minInstanceCount() != null
                    ? v.managedInstanceScaling().minInstanceCount() : initial;
            int max = mis && v.managedInstanceScaling().maxInstanceCount() != null
                    ? v.managedInstanceScaling().maxInstanceCount() : initial;
            Fleet fleet = new Fleet(sim, v.variantName(), v.instanceTypeAsString(), mis, min, max, onChange);
            fleets.put(Arns.lower(v.variantName()), fleet);
            weights.put(fleet, v.initialVariantWeight() == null ? 1.0f : v.initialVariantWeight());
            if (v.modelName() != null) {
                ModelRecord model = models.get(Arns.lower(v.modelName()));
                Duration health = v.containerStartupHealthCheckTimeoutInSeconds() == null
                        ? sim.timings.healthCheckTimeout()
                        : Duration.ofSeconds(v.containerStartupHealthCheckTimeoutInSeconds());
                modelRevisions.put(fleet, new Revision(1, null,
                        Requirement.wholeInstance(fleet.shape, sim.options.reservedHostMemoryMiB()),
                        model.container(), health));
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
            if (fleet == null || !fleet.instanceType.equals(v.instanceTypeAsString()) || variants.size() != fleets.size()) {
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
        for (ProductionVariant v : config.request().productionVariants()) {
            Fleet fleet = fleet(v.variantName());
            int count = retainedCounts.getOrDefault(Arns.lower(v.variantName()), initialCount(v));
            fleet.launchBase(count);
            if (modelCopies.containsKey(fleet)) {
                for (int i = 0; i < count; i++) {
                    addModelCopy(fleet);
                }
            }
        }
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
        fleet.resize(desiredInstances);
        List<Copy> copies = modelCopies.get(fleet);
        if (copies == null) {
            return;
        }
        for (int i = copies.size(); i < desiredInstances; i++) {
            addModelCopy(fleet);
        }
        // drain the surplus copies, those not serving yet first
        List<Copy> order = new ArrayList<>(copies);
        order.sort(Comparator.comparing((Copy c) -> c.state == Copy.State.RUNNING));
        for (int i = 0; i < order.size() - desiredInstances; i++) {
            Copy copy = order.get(i);
            fleet.removeCopy(copy);
            if (copy.state == Copy.State.GONE) {
                copies.remove(copy);
            }
        }
    }

    private void addModelCopy(Fleet fleet) {
        Copy copy = new Copy(sim.nextCopyId(), this, modelRevisions.get(fleet));
        modelCopies.get(fleet).add(copy);
        fleet.addCopy(copy);
    }

    private boolean modelCopiesServing() {
        return modelCopies.values().stream().flatMap(List::stream).allMatch(c -> c.state == Copy.State.RUNNING);
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
        onContainerFailure.accept(fleet == null ? "" : fleet.variantName);
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
