package dev.ballast.testkit.internal.endpoint;

import dev.ballast.testkit.TimelineEvent.Kind;
import dev.ballast.testkit.internal.placement.BatchSizes;
import dev.ballast.testkit.internal.placement.Copy;
import dev.ballast.testkit.internal.placement.Fleet;
import dev.ballast.testkit.internal.sim.Arns;
import dev.ballast.testkit.internal.sim.Registry;
import dev.ballast.testkit.internal.sim.Sim;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sagemaker.model.CapacitySize;
import software.amazon.awssdk.services.sagemaker.model.DeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.RollingUpdatePolicy;
import software.amazon.awssdk.services.sagemaker.model.VariantStatus;

/**
 * UpdateEndpoint as a
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-rolling.html">rolling
 * deployment</a>
 * (<a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_RollingUpdatePolicy.html">
 * RollingUpdatePolicy</a>). Per batch and variant: launch {@code MaximumBatchSize} instances of the new config
 * ({@code Creating}), turn traffic on for them ({@code ActivatingTraffic}; old and new instances then share the
 * variant's traffic), bake {@code WaitIntervalInSeconds} watching the rollback alarms ({@code Baking}), then
 * terminate as many old instances ({@code Deleting} on the serving variant); repeat until the new config serves
 * alone, which then becomes the endpoint's config.
 *
 * <p>An alarm in {@code ALARM} during a bake, a new container failing its health check, new
 * capacity not coming within {@link dev.ballast.testkit.FakeTimings#instanceProvisioningTimeout()}
 * or {@code MaximumExecutionTimeoutInSeconds} start a rollback: new capacity without traffic goes
 * at once; old-config capacity comes back in batches of {@code RollbackMaximumBatchSize} (default:
 * all at once), each launched, activated and followed by the termination of as many new
 * instances; then the endpoint is {@code InService} on its old config. If old capacity cannot come
 * back (no capacity within the provisioning timeout, or the old containers fail their health
 * check) the rollback fails too: the endpoint is {@code UpdateRollbackFailed} and serves from the
 * mix of old and new instances that run.
 *
 * <p>Variants are matched by name; a variant only in the new config grows from zero, one only in
 * the old config shrinks to zero, batch by batch. {@code CAPACITY_PERCENT} batches are
 * {@code max(1, floor(instances * value / 100))} of the variant's new (rollback: old) count, both
 * for {@code MaximumBatchSize} and {@code RollbackMaximumBatchSize}. Invocations are routed over
 * the variants of both configs (the serving config's weight where the variant is there, else the
 * new config's); a variant's old and new instances whose traffic is activated share its traffic.
 */
final class RollingDeployment extends EndpointDeployment {

    private enum Phase { STARTING, ADDING, ACTIVATING, BAKING, REMOVING, ROLLBACK_ADDING, ROLLBACK_ACTIVATING,
        ROLLBACK_REMOVING, DONE }

    /** One variant of the deployment: its old (blue) and new (green) fleet and their batch sizes. */
    private static final class Lane {
        final String name;
        final Fleet blue;
        final Fleet green;
        final int oldTarget;
        final int newTarget;
        final int batch;
        final int rollbackBatch;
        /** Instances launched by the current batch (rollback: old instances restored). */
        int added;
        /** Instances of the other fleet the current step terminates (after its added ones serve, if any). */
        int toRemove;

        Lane(String name, Fleet blue, Fleet green, int oldTarget, int newTarget, int batch, int rollbackBatch) {
            this.name = name;
            this.blue = blue;
            this.green = green;
            this.oldTarget = oldTarget;
            this.newTarget = newTarget;
            this.batch = batch;
            this.rollbackBatch = rollbackBatch;
        }
    }

    private final VariantSet blue;
    private final Map<String, Lane> lanes = new LinkedHashMap<>();
    private final Duration wait;
    private final Duration timeout;
    private final List<Copy> adding = new ArrayList<>();
    private final List<Copy> removing = new ArrayList<>();
    private Phase phase = Phase.STARTING;
    private int batchNumber;
    private int totalBatches;
    private int rollbackBatchNumber;

    /**
     * @param newCounts each new variant's instance count (InitialInstanceCount, or the live count
     *     kept by RetainAllVariantProperties), by lower-cased variant name
     * @param config the DeploymentConfig in force, with a RollingUpdatePolicy
     */
    RollingDeployment(Sim sim, LiveEndpoint endpoint, EndpointConfigRecord next, Registry<ModelRecord> models,
            Map<String, Integer> newCounts, DeploymentConfig config, Predicate<String> alarmFiring) {
        super(sim, endpoint, next, models, config, true, alarmFiring);
        this.blue = endpoint.active;
        RollingUpdatePolicy policy = config.rollingUpdatePolicy();
        this.wait = Duration.ofSeconds(policy.waitIntervalInSeconds());
        this.timeout = policy.maximumExecutionTimeoutInSeconds() == null ? sim.timings().rollingUpdateTimeout()
                : Duration.ofSeconds(policy.maximumExecutionTimeoutInSeconds());
        for (ProductionVariant v : next.request().productionVariants()) {
            String key = Arns.lower(v.variantName());
            Fleet old = blue.fleet(v.variantName());
            int oldCount = old == null ? 0 : blue.liveCopies(old).size();
            int newCount = newCounts.get(key);
            lanes.put(key, new Lane(v.variantName(), old, green.fleet(v.variantName()), oldCount, newCount,
                    batch(policy.maximumBatchSize(), newCount), rollbackBatch(policy.rollbackMaximumBatchSize(),
                    oldCount)));
        }
        for (Fleet old : blue.all()) {
            if (!lanes.containsKey(Arns.lower(old.variantName()))) {
                int oldCount = blue.liveCopies(old).size();
                lanes.put(Arns.lower(old.variantName()), new Lane(old.variantName(), old, null, oldCount, 0,
                        batch(policy.maximumBatchSize(), oldCount), rollbackBatch(policy.rollbackMaximumBatchSize(),
                        oldCount)));
            }
        }
        for (Lane lane : lanes.values()) {
            totalBatches = Math.max(totalBatches, lane.batch == 0 ? 0 : (lane.newTarget + lane.batch - 1) / lane.batch);
        }
    }

    /** A batch of new instances per variant comes up beside the serving ones. */
    @Override
    Map<String, Integer> extraInstances() {
        Map<String, Integer> extra = new LinkedHashMap<>();
        for (Lane lane : lanes.values()) {
            if (lane.green != null && lane.newTarget > 0) {
                extra.merge(lane.green.instanceType(), Math.min(lane.batch, lane.newTarget), BatchSizes::sum);
            }
        }
        return extra;
    }

    private static int batch(CapacitySize size, int count) {
        return Math.max(1, BatchSizes.resolve(size, Math.max(1, count)));
    }

    /** RollbackMaximumBatchSize; absent means the whole old fleet at once (blue/green-style rollback). */
    private static int rollbackBatch(CapacitySize size, int oldCount) {
        return size == null ? Math.max(1, oldCount) : batch(size, oldCount);
    }

    @Override
    void start() {
        Map<String, Integer> none = new LinkedHashMap<>();
        lanes.keySet().forEach(k -> none.put(k, 0));
        green.launch(none);
        armTimeout(timeout);
        changed();
    }

    private int liveNew(Lane lane) {
        return lane.green == null ? 0 : green.liveCopies(lane.green).size();
    }

    private int liveOld(Lane lane) {
        return lane.blue == null ? 0 : blue.liveCopies(lane.blue).size();
    }

    private void nextBatch() {
        boolean any = false;
        adding.clear();
        for (Lane lane : lanes.values()) {
            lane.added = Math.max(0, Math.min(lane.batch, lane.newTarget - liveNew(lane)));
            lane.toRemove = lane.added;
            any |= lane.added > 0;
        }
        if (any) {
            batchNumber++;
            endpoint.record(Kind.BATCH_STARTED, "batch " + batchNumber + "/" + totalBatches + ": +"
                    + lanes.values().stream().mapToInt(l -> l.added).sum() + " new instance(s)");
            phase = Phase.ADDING;
            for (Lane lane : lanes.values()) {
                if (lane.added > 0) {
                    pendingStages.set(lane.name, VariantStatus.CREATING, VariantStages.launching(lane.added));
                    List<Copy> launched = green.grow(lane.green, lane.added);
                    awaitingActivation.addAll(launched);
                    adding.addAll(launched);
                }
            }
            armProvisioning(() -> {
                if (phase == Phase.ADDING) {
                    rollback(LiveEndpoint.CAPACITY_FAILURE);
                }
            });
            return;
        }
        if (lanes.values().stream().anyMatch(l -> liveOld(l) > 0)) {
            for (Lane lane : lanes.values()) {
                lane.toRemove = lane.batch;
            }
            removeOld();
            return;
        }
        succeed();
    }

    /**
     * Capacity is freed when old instances finish terminating; adding phases retry their launches on
     * every change (the fleet itself retries only when its own copies move), and removing phases
     * wait until the instances are gone, so a batch fits where only one batch of extra capacity is
     * available.
     */
    @Override
    void advance() {
        switch (phase) {
            case STARTING -> nextBatch();
            case ADDING -> {
                lanes.values().stream().filter(l -> l.green != null).forEach(l -> l.green.placePending());
                if (adding.stream().allMatch(c -> c.state() == Copy.State.RUNNING)) {
                    provisioned();
                    activateBatch();
                }
            }
            case REMOVING -> {
                if (removing.stream().noneMatch(Copy::isLive)
                        && lanes.values().stream().allMatch(l -> drained(blue, l.blue))) {
                    lanes.values().forEach(l -> endpoint.stages.clear(l.name));
                    nextBatch();
                }
            }
            case ROLLBACK_ADDING -> {
                lanes.values().stream().filter(l -> l.blue != null).forEach(l -> l.blue.placePending());
                if (adding.stream().allMatch(c -> c.state() == Copy.State.RUNNING)) {
                    provisioned();
                    activateRestored();
                }
            }
            case ROLLBACK_REMOVING -> {
                if (removing.stream().noneMatch(Copy::isLive)
                        && lanes.values().stream().allMatch(l -> drained(green, l.green))) {
                    lanes.values().forEach(l -> pendingStages.clear(l.name));
                    rollbackStep();
                }
            }
            default -> {
                // waiting for a timer
            }
        }
    }

    /** @return whether the fleet has no instance left beyond its live copies (the removed ones are gone) */
    private static boolean drained(VariantSet set, Fleet fleet) {
        return fleet == null || fleet.instanceCount() <= set.liveCopies(fleet).size();
    }

    private void activateBatch() {
        phase = Phase.ACTIVATING;
        for (Lane lane : lanes.values()) {
            if (lane.added > 0) {
                pendingStages.set(lane.name, VariantStatus.ACTIVATING_TRAFFIC,
                        "Activating traffic on " + lane.added + " instance(s).");
            }
        }
        activate(List.copyOf(adding), () -> {
            phase = Phase.BAKING;
            int serving = 0;
            int target = 0;
            for (Lane lane : lanes.values()) {
                if (lane.green != null) {
                    int on = liveNew(lane);
                    serving += on;
                    target += lane.newTarget;
                    pendingStages.set(lane.name, VariantStatus.BAKING, "Baking for " + wait.toSeconds()
                            + " seconds (WaitIntervalInSeconds) with traffic enabled on " + on + " of "
                            + lane.newTarget + " instance(s).");
                }
            }
            endpoint.record(Kind.TRAFFIC_SHIFTED, "to config " + green.config.name() + ": " + serving + " of "
                    + target + " new instance(s) serve");
            bake(wait, "batch " + batchNumber + ", " + wait.toSeconds() + " s", this::removeOld);
        });
    }

    /** Terminates as many old instances per variant as the batch added (or a batch, at the end). */
    private void removeOld() {
        phase = Phase.REMOVING;
        removing.clear();
        for (Lane lane : lanes.values()) {
            int count = Math.min(lane.toRemove, liveOld(lane));
            pendingStages.clear(lane.name);
            if (count > 0) {
                endpoint.stages.set(lane.name, VariantStatus.DELETING, VariantStages.terminating(count));
                removing.addAll(blue.shrink(lane.blue, count));
            }
        }
        changed();
    }

    private void succeed() {
        phase = Phase.DONE;
        switchToGreen();
        endpoint.record(Kind.DEPLOYMENT_SUCCEEDED, "config " + green.config.name() + ", " + batchNumber
                + " batches");
        finishSuccess();
    }

    @Override
    void rollback(String reason) {
        if (phase == Phase.DONE || phase.compareTo(Phase.ROLLBACK_ADDING) >= 0) {
            return;
        }
        stopTimers();
        endpoint.record(Kind.ROLLBACK_STARTED, reason);
        adding.clear();
        removing.clear();
        // new capacity that takes no traffic yet goes first; old capacity comes back once it is gone
        phase = Phase.ROLLBACK_REMOVING;
        for (Lane lane : lanes.values()) {
            endpoint.stages.clear(lane.name);
            pendingStages.clear(lane.name);
            List<Copy> notServing = dropNotServing(green, lane.green);
            if (!notServing.isEmpty()) {
                pendingStages.set(lane.name, VariantStatus.DELETING, VariantStages.terminating(notServing.size()));
            }
            removing.addAll(notServing);
        }
        changed();
    }

    private void rollbackStep() {
        adding.clear();
        boolean any = false;
        for (Lane lane : lanes.values()) {
            lane.added = Math.max(0, Math.min(lane.rollbackBatch, lane.oldTarget - liveOld(lane)));
            lane.toRemove = lane.added;
            any |= lane.added > 0;
        }
        if (any) {
            rollbackBatchNumber++;
            endpoint.record(Kind.ROLLBACK_BATCH_STARTED, "rollback batch " + rollbackBatchNumber + ": +"
                    + lanes.values().stream().mapToInt(l -> l.added).sum() + " old instance(s)");
            phase = Phase.ROLLBACK_ADDING;
            for (Lane lane : lanes.values()) {
                if (lane.added > 0) {
                    endpoint.stages.set(lane.name, VariantStatus.CREATING, VariantStages.launching(lane.added));
                    List<Copy> launched = blue.grow(lane.blue, lane.added);
                    awaitingActivation.addAll(launched);
                    adding.addAll(launched);
                }
            }
            armProvisioning(() -> {
                if (phase == Phase.ROLLBACK_ADDING) {
                    abandonRollback("the old configuration's capacity could not be provisioned again: "
                            + LiveEndpoint.CAPACITY_FAILURE);
                }
            });
            changed();
            return;
        }
        if (lanes.values().stream().anyMatch(l -> liveNew(l) > 0)) {
            for (Lane lane : lanes.values()) {
                lane.toRemove = Integer.MAX_VALUE;
            }
            removeNew();
            return;
        }
        phase = Phase.DONE;
        finishRollback();
    }

    private void activateRestored() {
        phase = Phase.ROLLBACK_ACTIVATING;
        for (Lane lane : lanes.values()) {
            if (lane.added > 0) {
                endpoint.stages.set(lane.name, VariantStatus.ACTIVATING_TRAFFIC,
                        "Activating traffic on " + lane.added + " instance(s).");
            }
        }
        activate(List.copyOf(adding), this::removeNew);
    }

    /** Terminates as many new instances per variant as the last rollback batch restored. */
    private void removeNew() {
        phase = Phase.ROLLBACK_REMOVING;
        removing.clear();
        for (Lane lane : lanes.values()) {
            endpoint.stages.clear(lane.name);
            int count = Math.min(lane.toRemove, liveNew(lane));
            if (count > 0) {
                pendingStages.set(lane.name, VariantStatus.DELETING, VariantStages.terminating(count));
                removing.addAll(green.shrink(lane.green, count));
            }
        }
        changed();
    }

    /**
     * Old capacity does not come back: what was launched for it and does not serve goes, the
     * endpoint is {@code UpdateRollbackFailed}.
     */
    private void abandonRollback(String reason) {
        phase = Phase.DONE;
        for (Lane lane : lanes.values()) {
            dropNotServing(blue, lane.blue);
        }
        endpoint.stages.clearAll();
        pendingStages.clearAll();
        failRollback(reason);
    }

    /**
     * Removes the fleet's live copies that take no traffic yet (and their instances).
     *
     * @return the copies removed (none when the fleet is null)
     */
    private List<Copy> dropNotServing(VariantSet set, Fleet fleet) {
        if (fleet == null) {
            return List.of();
        }
        List<Copy> notServing = set.liveCopies(fleet).stream().filter(c -> !serves(c)).toList();
        notServing.forEach(awaitingActivation::remove);
        set.remove(fleet, notServing);
        return notServing;
    }

    @Override
    void containerFailed(VariantSet set, String variant) {
        if (set == green && phase == Phase.ADDING) {
            rollback(healthCheckFailure(variant, "new"));
        } else if (set == blue && phase == Phase.ROLLBACK_ADDING) {
            abandonRollback(healthCheckFailure(variant, "old") + " during the rollback");
        }
    }

    /**
     * The variants of both configs: the serving config's weight where the variant is there, else
     * the new config's; a variant's old and new instances that take traffic share it per instance.
     */
    @Override
    List<VariantRoute> routes() {
        List<VariantRoute> routes = new ArrayList<>();
        for (Fleet fleet : blue.routedFleets()) {
            Fleet next = green.fleet(fleet.variantName());
            List<Copy> copies = new ArrayList<>(VariantRoute.servingCopies(blue, fleet, this::serves));
            List<Copy> newCopies = next == null ? List.of() : VariantRoute.servingCopies(green, next, this::serves);
            copies.addAll(newCopies);
            routes.add(VariantRoute.single(fleet.variantName(), blue.weights.get(fleet),
                    new VariantRoute.Side(fleet, copies, fleet.running() + newCopies.size())));
        }
        for (Fleet next : green.routedFleets()) {
            if (blue.fleet(next.variantName()) == null) {
                List<Copy> copies = VariantRoute.servingCopies(green, next, this::serves);
                routes.add(VariantRoute.single(next.variantName(), green.weights.get(next),
                        new VariantRoute.Side(next, copies, copies.size())));
            }
        }
        return routes;
    }
}
