package dev.ballast.testkit.internal;

import dev.ballast.spi.Scheduler.Cancellable;
import dev.ballast.testkit.TimelineEvent.Kind;
import dev.ballast.testkit.TimelineEvent.ResourceType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sagemaker.model.DeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.ManagedInstanceScalingStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;

/**
 * An endpoint and its variants' fleets. Its status follows reference §5.3: {@code Creating} until
 * the initial instances (and, for model-based variants, the model containers) are up, then
 * {@code InService}, {@code Updating} while managed instance scaling launches or releases
 * instances, {@code Failed} when capacity never came.
 */
final class Endpoint implements CopyOwner {

    static final String CAPACITY_FAILURE = "Unable to provision requested ML compute capacity due to"
            + " InsufficientInstanceCapacity error. Please retry using a different ML instance type or after some time.";

    private final Sim sim;
    final String name;
    final String arn;
    final EndpointConfigRecord config;
    final Instant creationTime;
    final DeploymentConfig deploymentConfig;
    final Map<String, Fleet> fleets = new LinkedHashMap<>();
    /** Model copies per model-based variant: one per instance. */
    final Map<Fleet, List<Copy>> modelCopies = new LinkedHashMap<>();
    private final Map<Fleet, Revision> modelRevisions = new HashMap<>();
    /** Traffic weight per variant (InitialVariantWeight, then UpdateEndpointWeightsAndCapacities). */
    final Map<Fleet, Float> weights = new LinkedHashMap<>();
    private final Map<String, int[]> lastCounts = new HashMap<>();
    EndpointStatus status = EndpointStatus.CREATING;
    String failureReason;
    Instant lastModifiedTime;
    private Cancellable provisioningTimer;

    Endpoint(Sim sim, String name, EndpointConfigRecord config, DeploymentConfig deploymentConfig) {
        this.sim = sim;
        this.name = name;
        this.arn = sim.arns.endpoint(name);
        this.config = config;
        this.deploymentConfig = deploymentConfig;
        this.creationTime = sim.now();
        this.lastModifiedTime = creationTime;
    }

    /** Starts creation: launches initial instances, queues model copies, arms the provisioning timeout. */
    void create(Map<String, ModelRecord> models) {
        sim.timeline.record(ResourceType.ENDPOINT, name, Kind.CREATED, null, status, "config " + config.name());
        Duration timeout = sim.timings.instanceProvisioningTimeout();
        for (ProductionVariant v : config.request().productionVariants()) {
            boolean mis = v.managedInstanceScaling() != null
                    && v.managedInstanceScaling().status() == ManagedInstanceScalingStatus.ENABLED;
            int initial = v.initialInstanceCount() == null ? 1 : v.initialInstanceCount();
            int min = mis && v.managedInstanceScaling().minInstanceCount() != null
                    ? v.managedInstanceScaling().minInstanceCount() : initial;
            int max = mis && v.managedInstanceScaling().maxInstanceCount() != null
                    ? v.managedInstanceScaling().maxInstanceCount() : initial;
            Fleet fleet = new Fleet(sim, v.variantName(), v.instanceTypeAsString(), mis, min, max, this::refresh);
            fleets.put(Arns.lower(v.variantName()), fleet);
            lastCounts.put(v.variantName(), new int[] {0, 0});
            weights.put(fleet, v.initialVariantWeight() == null ? 1.0f : v.initialVariantWeight());
            fleet.launchBase(initial);
            if (v.modelName() != null) {
                ModelRecord model = models.get(Arns.lower(v.modelName()));
                Duration health = v.containerStartupHealthCheckTimeoutInSeconds() == null
                        ? sim.timings.healthCheckTimeout()
                        : Duration.ofSeconds(v.containerStartupHealthCheckTimeoutInSeconds());
                Revision revision = new Revision(1, null,
                        Requirement.wholeInstance(fleet.shape, sim.options.reservedHostMemoryMiB()),
                        model.container(), health);
                modelRevisions.put(fleet, revision);
                modelCopies.put(fleet, new ArrayList<>());
                for (int i = 0; i < initial; i++) {
                    addModelCopy(fleet);
                }
            }
        }
        provisioningTimer = sim.schedule(timeout, () -> {
            if (status == EndpointStatus.CREATING) {
                fail(CAPACITY_FAILURE);
            }
        });
        refresh();
    }

    boolean inferenceComponentBased() {
        return config.inferenceComponentBased();
    }

    Fleet fleet(String variantName) {
        return fleets.get(Arns.lower(variantName));
    }

    /** @return whether UpdateEndpoint-like mutations and deletion are refused right now */
    boolean inProgress() {
        return status == EndpointStatus.CREATING || status == EndpointStatus.UPDATING
                || status == EndpointStatus.SYSTEM_UPDATING || status == EndpointStatus.ROLLING_BACK
                || status == EndpointStatus.DELETING;
    }

    /** Starts deletion: {@code Deleting}, instances gone, then {@code onGone} after the deletion time. */
    void delete(Runnable onGone) {
        cancelProvisioning();
        setStatus(EndpointStatus.DELETING, null);
        sim.schedule(sim.timings.endpointDeletion(), () -> {
            fleets.values().forEach(Fleet::terminateAll);
            sim.timeline.record(ResourceType.ENDPOINT, name, Kind.DELETED, status, null, "");
            onGone.run();
        });
    }

    /** Re-derives status and counts after any fleet change and records what moved. */
    void refresh() {
        if (status == EndpointStatus.CREATING) {
            boolean ready = fleets.values().stream().allMatch(Fleet::baseReady)
                    && modelCopiesServing();
            if (ready) {
                cancelProvisioning();
                setStatus(EndpointStatus.IN_SERVICE, null);
            }
        } else if (status == EndpointStatus.IN_SERVICE || status == EndpointStatus.UPDATING) {
            boolean scaling = fleets.values().stream().anyMatch(Fleet::scaling) || !modelCopiesServing();
            setStatus(scaling ? EndpointStatus.UPDATING : EndpointStatus.IN_SERVICE, null);
        }
        for (Fleet fleet : fleets.values()) {
            int[] last = lastCounts.computeIfAbsent(fleet.variantName, k -> new int[2]);
            int current = fleet.currentInstanceCount();
            int desired = fleet.desiredInstanceCount();
            if (desired != last[1]) {
                sim.timeline.record(ResourceType.ENDPOINT, name, Kind.DESIRED_INSTANCE_COUNT, last[1], desired,
                        "variant " + fleet.variantName);
                last[1] = desired;
            }
            if (current != last[0]) {
                sim.timeline.record(ResourceType.ENDPOINT, name, Kind.INSTANCE_COUNT, last[0], current,
                        "variant " + fleet.variantName);
                last[0] = current;
            }
        }
    }

    /**
     * UpdateEndpointWeightsAndCapacities for one variant: the weight applies at once; the instance
     * count moves (a model copy per instance starts or drains) while the endpoint is Updating.
     */
    void updateCapacity(Fleet fleet, Integer desiredInstances, Float desiredWeight) {
        if (desiredWeight != null) {
            weights.put(fleet, desiredWeight);
        }
        if (desiredInstances != null) {
            fleet.resize(desiredInstances);
            List<Copy> copies = modelCopies.get(fleet);
            if (copies != null) {
                for (int i = copies.size(); i < desiredInstances; i++) {
                    addModelCopy(fleet);
                }
                // drain the surplus copies, those not serving yet first
                List<Copy> order = new ArrayList<>(copies);
                order.sort(java.util.Comparator.comparing((Copy c) -> c.state == Copy.State.RUNNING));
                for (int i = 0; i < copies.size() - desiredInstances; i++) {
                    Copy copy = order.get(i);
                    fleet.removeCopy(copy);
                    if (copy.state == Copy.State.GONE) {
                        copies.remove(copy);
                    }
                }
            }
        }
        lastModifiedTime = sim.now();
        setStatus(EndpointStatus.UPDATING, "UpdateEndpointWeightsAndCapacities");
        refresh();
    }

    private void addModelCopy(Fleet fleet) {
        Copy copy = new Copy(sim.nextCopyId(), this, modelRevisions.get(fleet));
        modelCopies.get(fleet).add(copy);
        fleet.addCopy(copy);
    }

    private boolean modelCopiesServing() {
        return modelCopies.values().stream().flatMap(List::stream).allMatch(c -> c.state == Copy.State.RUNNING);
    }

    private void fail(String reason) {
        failureReason = reason;
        fleets.values().forEach(Fleet::terminateAll);
        setStatus(EndpointStatus.FAILED, reason);
        refresh();
    }

    private void setStatus(EndpointStatus next, String detail) {
        if (next == status) {
            return;
        }
        sim.timeline.record(ResourceType.ENDPOINT, name, Kind.STATUS, status, next, detail);
        status = next;
        lastModifiedTime = sim.now();
    }

    private void cancelProvisioning() {
        if (provisioningTimer != null) {
            provisioningTimer.cancel();
            provisioningTimer = null;
        }
    }

    @Override
    public void copyRunning(Copy copy) {
        refresh();
    }

    @Override
    public void copyFailed(Copy copy, String reason) {
        if (status == EndpointStatus.CREATING) {
            String variant = fleets.values().stream().findFirst().map(f -> f.variantName).orElse("");
            fail("The primary container for production variant " + variant
                    + " did not pass the ping health check. Please check CloudWatch logs for this endpoint.");
        }
    }

    @Override
    public void copyGone(Copy copy) {
        modelCopies.values().forEach(list -> list.remove(copy));
        refresh();
    }

    @Override
    public void copyPlacementTimedOut(Copy copy) {
        // the provisioning timeout decides the endpoint's fate
    }
}
