package dev.ballast.testkit.internal.endpoint;

import dev.ballast.spi.Scheduler.Cancellable;
import dev.ballast.testkit.TimelineEvent.Kind;
import dev.ballast.testkit.TimelineEvent.ResourceType;
import dev.ballast.testkit.internal.placement.Copy;
import dev.ballast.testkit.internal.placement.Fleet;
import dev.ballast.testkit.internal.sim.Registry;
import dev.ballast.testkit.internal.sim.Sim;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sagemaker.model.DeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.VariantStatus;

/**
 * An endpoint: the variant set it serves from and, during an UpdateEndpoint, the deployment (blue/green or
 * rolling) of a new one. Its status follows {@code EndpointStatus} of
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeEndpoint.html">
 * DescribeEndpoint</a>: {@code Creating} until the initial instances (and, for model-based variants, the model
 * containers) are up, then {@code InService}, {@code Updating} while instances are added or released or a
 * deployment runs, {@code Failed} when capacity never came or the containers never passed their health check,
 * {@code UpdateRollbackFailed} when a rolling deployment and its rollback both failed. The serving variants'
 * stages ({@code VariantStatus}) show creation, capacity changes and the old capacity a deployment terminates.
 */
public final class LiveEndpoint {

    static final String CAPACITY_FAILURE = "Unable to provision requested ML compute capacity due to"
            + " InsufficientInstanceCapacity error. Please retry using a different ML instance type or after some time.";

    private final Sim sim;
    final String name;
    final String arn;
    final Instant creationTime;
    EndpointConfigRecord config;
    DeploymentConfig lastDeploymentConfig;
    VariantSet active;
    EndpointDeployment deployment;
    final VariantStages stages;
    EndpointStatus status = EndpointStatus.CREATING;
    String failureReason;
    Instant lastModifiedTime;
    private final Map<String, int[]> lastCounts = new HashMap<>();
    private Cancellable provisioningTimer;

    LiveEndpoint(Sim sim, String name, EndpointConfigRecord config, DeploymentConfig deploymentConfig) {
        this.sim = sim;
        this.name = name;
        this.arn = sim.arns().endpoint(name);
        this.config = config;
        this.lastDeploymentConfig = deploymentConfig;
        this.creationTime = sim.now();
        this.lastModifiedTime = creationTime;
        this.stages = new VariantStages(sim, name, "serving");
    }

    /** Starts creation: launches initial instances, queues model copies, arms the provisioning timeout. */
    void create(Registry<ModelRecord> models) {
        sim.timeline().record(ResourceType.ENDPOINT, name, Kind.CREATED, null, status, "config " + config.name());
        active = new VariantSet(sim, config, models, this::refresh, this::containerFailed);
        active.launch(Map.of());
        stages.launching(active.all());
        provisioningTimer = sim.schedule(sim.timings().instanceProvisioningTimeout(), () -> {
            if (status == EndpointStatus.CREATING) {
                fail(CAPACITY_FAILURE);
            }
        });
        refresh();
    }

    /** @return the endpoint's name as created */
    public String name() {
        return name;
    }

    /** @return the endpoint's ARN */
    public String arn() {
        return arn;
    }

    /** @return the endpoint's status */
    public EndpointStatus status() {
        return status;
    }

    /** @return the serving config's variant of that name (any case), or null */
    public ProductionVariant variantConfig(String variantName) {
        return config.variant(variantName);
    }

    /** @return the variant set the endpoint serves from (its config's, until a deployment switches it) */
    public VariantSet servingSet() {
        return active;
    }

    /** @return whether {@code set} is the new config's set of a deployment in progress */
    public boolean deploying(VariantSet set) {
        return deployment != null && set == deployment.green;
    }

    /**
     * @return the variants invocations of a model-based endpoint are routed over: the serving
     *     set's, or, while a deployment is attached, those it routes over
     */
    public List<VariantRoute> routes() {
        return deployment == null ? VariantRoute.allOf(active, Copy::running) : deployment.routes();
    }

    /** Retries what capacity held back: pending copies and missing instances, of both sets during a deployment. */
    public void replan() {
        for (Fleet fleet : active.all()) {
            fleet.placePending();
        }
        if (deployment != null) {
            deployment.green.all().forEach(Fleet::placePending);
        }
        refresh();
    }

    /** @return whether the endpoint hosts inference components (no variant names a model) */
    public boolean inferenceComponentBased() {
        return config.inferenceComponentBased();
    }

    public Collection<Fleet> fleets() {
        return active.all();
    }

    public Fleet fleet(String variantName) {
        return active.fleet(variantName);
    }

    /** @return whether deletion is refused right now ("Cannot update in-progress endpoint") */
    boolean inProgress() {
        return status != EndpointStatus.IN_SERVICE && status != EndpointStatus.FAILED
                && status != EndpointStatus.UPDATE_ROLLBACK_FAILED;
    }

    /** Starts deletion: {@code Deleting}, instances gone, then {@code onGone} after the deletion time. */
    void delete(Runnable onGone) {
        cancelProvisioning();
        if (deployment != null) {
            deployment.abandon();
            deployment = null;
        }
        stages.clearAll();
        setStatus(EndpointStatus.DELETING, null);
        sim.schedule(sim.timings().endpointDeletion(), () -> {
            active.terminateAll();
            sim.timeline().record(ResourceType.ENDPOINT, name, Kind.DELETED, status, null, "");
            onGone.run();
        });
    }

    /** UpdateEndpointWeightsAndCapacities on one variant of the serving set. */
    public void updateCapacity(Fleet fleet, Integer desiredInstances, Float desiredWeight) {
        int before = fleet.desiredInstanceCount();
        active.updateCapacity(fleet, desiredInstances, desiredWeight);
        if (desiredInstances != null && desiredInstances != before) {
            // the developer guide's example: "Scaling out desired instance count to 6."
            stages.set(fleet.variantName(), VariantStatus.UPDATING, "Scaling " + (desiredInstances > before ? "out" : "in")
                    + " desired instance count to " + desiredInstances + ".");
        }
        lastModifiedTime = sim.now();
        setStatus(EndpointStatus.UPDATING, "UpdateEndpointWeightsAndCapacities");
        refresh();
    }

    /**
     * @return the serverless variant's {@code ServerlessConfig} as it serves now (its provisioned
     *     concurrency moved by Application Auto Scaling), or null for a variant on instances
     */
    public software.amazon.awssdk.services.sagemaker.model.ProductionVariantServerlessConfig serverlessConfig(Fleet fleet) {
        return active.serverlessConfig(fleet.variantName());
    }

    /**
     * Application Auto Scaling of {@code sagemaker:variant:DesiredProvisionedConcurrency}: the same
     * change as an {@code UpdateEndpointWeightsAndCapacities} with a {@code ServerlessUpdateConfig}
     * carrying only {@code ProvisionedConcurrency}.
     */
    public void updateProvisionedConcurrency(Fleet fleet, int provisionedConcurrency) {
        active.updateServerless(fleet, software.amazon.awssdk.services.sagemaker.model.ProductionVariantServerlessUpdateConfig
                .builder().provisionedConcurrency(provisionedConcurrency).build());
        updateCapacity(fleet, null, null);
    }

    /**
     * UpdateEndpoint on an endpoint that hosts inference components: the new configuration applies
     * to the running variant in place; the endpoint is {@code Updating} while instances are added
     * or released to the new bounds. (How SageMaker rolls such an update out is not documented;
     * in place is the fake's choice, and the copies keep serving throughout.)
     */
    void reconfigure(EndpointConfigRecord next) {
        active.reconfigure(next);
        config = next;
        lastModifiedTime = sim.now();
        setStatus(EndpointStatus.UPDATING, "UpdateEndpoint to config " + next.name() + " (in place)");
        refresh();
    }

    /** UpdateEndpoint: a deployment of a new config beside the serving set. */
    void deploy(EndpointDeployment next) {
        deployment = next;
        lastModifiedTime = sim.now();
        setStatus(EndpointStatus.UPDATING, "UpdateEndpoint to config " + next.green.config.name());
        next.act(next::start);
    }

    /** The deployment's green set now takes all traffic: it becomes the serving set. */
    void switchTo(VariantSet green) {
        active = green;
        config = green.config;
        lastCounts.clear();
        refresh();
    }

    /** The deployment is over (succeeded, or rolled back). */
    void deploymentFinished(DeploymentConfig used) {
        deployment = null;
        if (used != null) {
            lastDeploymentConfig = used;
        }
        lastModifiedTime = sim.now();
        refresh();
    }

    /**
     * The rollback of a deployment failed: {@code UpdateRollbackFailed}, serving from what runs of
     * both configs; the deployment stays attached so its running new capacity keeps serving.
     */
    void rollbackFailed(String reason, DeploymentConfig used) {
        failureReason = reason;
        if (used != null) {
            lastDeploymentConfig = used;
        }
        setStatus(EndpointStatus.UPDATE_ROLLBACK_FAILED, reason);
        refresh();
    }

    /** Re-derives status and counts after any change and records what moved. */
    void refresh() {
        if (status == EndpointStatus.CREATING) {
            if (active.ready()) {
                cancelProvisioning();
                stages.clearAll();
                setStatus(EndpointStatus.IN_SERVICE, null);
            }
        } else if ((status == EndpointStatus.IN_SERVICE || status == EndpointStatus.UPDATING) && deployment == null) {
            setStatus(active.changing() ? EndpointStatus.UPDATING : EndpointStatus.IN_SERVICE, null);
            if (status == EndpointStatus.IN_SERVICE) {
                stages.clearAll();
            }
        }
        for (Fleet fleet : active.all()) {
            int[] last = lastCounts.computeIfAbsent(fleet.variantName(), k -> new int[2]);
            int current = fleet.currentInstanceCount();
            int desired = fleet.desiredInstanceCount();
            if (desired != last[1]) {
                sim.timeline().record(ResourceType.ENDPOINT, name, Kind.DESIRED_INSTANCE_COUNT, last[1], desired,
                        "variant " + fleet.variantName());
                last[1] = desired;
            }
            if (current != last[0]) {
                sim.timeline().record(ResourceType.ENDPOINT, name, Kind.INSTANCE_COUNT, last[0], current,
                        "variant " + fleet.variantName());
                last[0] = current;
            }
        }
        if (deployment != null) {
            deployment.changed();
        }
    }

    public void alarmChanged(String alarmName, boolean inAlarm) {
        if (deployment != null) {
            deployment.alarmChanged(alarmName, inAlarm);
        }
    }

    void record(Kind kind, String detail) {
        sim.timeline().record(ResourceType.ENDPOINT, name, kind, null, null, detail);
    }

    /** A model container of {@code set} failed its startup health check. */
    void containerFailed(VariantSet set, String variant) {
        if (status == EndpointStatus.CREATING && set == active) {
            fail("The primary container for production variant " + variant
                    + " did not pass the ping health check. Please check CloudWatch logs for this endpoint.");
        } else if (deployment != null) {
            EndpointDeployment d = deployment;
            d.act(() -> d.containerFailed(set, variant));
        }
    }

    private void fail(String reason) {
        failureReason = reason;
        stages.clearAll();
        active.terminateAll();
        setStatus(EndpointStatus.FAILED, reason);
        refresh();
    }

    private void setStatus(EndpointStatus next, String detail) {
        if (next == status) {
            return;
        }
        sim.timeline().record(ResourceType.ENDPOINT, name, Kind.STATUS, status, next, detail);
        status = next;
        lastModifiedTime = sim.now();
    }

    private void cancelProvisioning() {
        if (provisioningTimer != null) {
            provisioningTimer.cancel();
            provisioningTimer = null;
        }
    }
}
