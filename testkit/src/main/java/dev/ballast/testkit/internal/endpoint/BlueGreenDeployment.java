package dev.ballast.testkit.internal.endpoint;

import dev.ballast.testkit.TimelineEvent.Kind;
import dev.ballast.testkit.internal.placement.BatchSizes;
import dev.ballast.testkit.internal.placement.Fleet;
import dev.ballast.testkit.internal.sim.Arns;
import dev.ballast.testkit.internal.sim.Registry;
import dev.ballast.testkit.internal.sim.Sim;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sagemaker.model.BlueGreenUpdatePolicy;
import software.amazon.awssdk.services.sagemaker.model.CapacitySize;
import software.amazon.awssdk.services.sagemaker.model.CapacitySizeType;
import software.amazon.awssdk.services.sagemaker.model.DeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.TrafficRoutingConfig;
import software.amazon.awssdk.services.sagemaker.model.TrafficRoutingConfigType;
import software.amazon.awssdk.services.sagemaker.model.VariantStatus;

/**
 * UpdateEndpoint as a
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-blue-green.html">blue/green
 * deployment</a>: the green fleet (the new config) is provisioned in full beside the blue one
 * ({@code Creating}); traffic moves to green in steps (all at once, canary then the rest, or linear steps),
 * each turned on ({@code ActivatingTraffic}, see {@link dev.ballast.testkit.FakeTimings#trafficActivation()})
 * and then baked for {@code WaitIntervalInSeconds} while the rollback alarms are watched ({@code Baking}). With
 * all traffic on green, a last bake of {@code TerminationWaitInSeconds} follows (the developer guide's stage
 * message names that wait), during which the alarms are still watched and blue still runs; then blue is
 * terminated ({@code Deleting} on the serving variants, taking
 * {@link dev.ballast.testkit.FakeTimings#instanceTermination()}) while green takes all traffic, and only then
 * does green become the endpoint's config (until then the endpoint is {@code Updating} with its old config name
 * and a {@code PendingDeploymentSummary}, see
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeEndpoint.html">
 * DescribeEndpoint</a>).
 *
 * <p>Canary and linear sizes apply per variant: a {@code CAPACITY_PERCENT} size is that share of
 * each variant's traffic, an {@code INSTANCE_COUNT} size is {@code value / n} of the traffic of a
 * variant whose green fleet has {@code n} instances (at most all of it). Linear steps go on until
 * every variant is shifted in full; a variant shifted in full earlier stays so. An invocation picks
 * the variant first, by the serving config's weights, then blue or green with that variant's green
 * share. A variant only in the serving config stays on blue until blue goes; one only in the new
 * config takes its new weight times its green share.
 *
 * <p>An alarm in {@code ALARM} during a bake, a green container failing its health check, missing
 * capacity or the execution timeout send all traffic back to blue and tear green down: the
 * endpoint returns to {@code InService} on its old config. Without a policy, and on serverless
 * variants (deployment guardrails do not apply to them), the shift is all at once without baking.
 */
final class BlueGreenDeployment extends EndpointDeployment {

    private enum Phase { PROVISIONING, SHIFTING, TERMINATING, DONE }

    private static final double FULL = 1.0 - 1e-9;

    private final Map<String, Integer> counts;
    private final Duration wait;
    private final Duration terminationWait;
    private final Duration timeout;
    private final TrafficRoutingConfig routing;
    /** Per step, green's share of each new variant's traffic, by lower-cased variant name. */
    private final List<Map<String, Double>> steps = new ArrayList<>();
    private Phase phase = Phase.PROVISIONING;
    private int step;
    /** Green's share of each variant's traffic while both fleets serve, by lower-cased variant name. */
    private Map<String, Double> greenShares = Map.of();

    /**
     * @param counts each new variant's instance count (InitialInstanceCount, or the live count kept
     *     by RetainAllVariantProperties), by lower-cased variant name
     * @param config the DeploymentConfig in force (recorded as LastDeploymentConfig), or null
     * @param allAtOnce ignore the config's policy and alarms: all at once, no baking (serverless)
     */
    BlueGreenDeployment(Sim sim, LiveEndpoint endpoint, EndpointConfigRecord next, Registry<ModelRecord> models,
            Map<String, Integer> counts, DeploymentConfig config, boolean allAtOnce, Predicate<String> alarmFiring) {
        super(sim, endpoint, next, models, config, !allAtOnce, alarmFiring);
        this.counts = counts;
        BlueGreenUpdatePolicy policy = allAtOnce || config == null ? null : config.blueGreenUpdatePolicy();
        this.routing = policy == null ? null : policy.trafficRoutingConfiguration();
        this.wait = routing == null || routing.waitIntervalInSeconds() == null ? Duration.ZERO
                : Duration.ofSeconds(routing.waitIntervalInSeconds());
        this.terminationWait = policy == null || policy.terminationWaitInSeconds() == null ? Duration.ZERO
                : Duration.ofSeconds(policy.terminationWaitInSeconds());
        this.timeout = policy == null || policy.maximumExecutionTimeoutInSeconds() == null
                ? sim.timings().rollingUpdateTimeout() : Duration.ofSeconds(policy.maximumExecutionTimeoutInSeconds());
    }

    /** The whole green fleet comes up beside blue. */
    @Override
    Map<String, Integer> extraInstances() {
        Map<String, Integer> extra = new LinkedHashMap<>();
        for (Fleet fleet : green.all()) {
            if (!fleet.serverless()) {
                extra.merge(fleet.instanceType(), counts.get(Arns.lower(fleet.variantName())), BatchSizes::sum);
            }
        }
        return extra;
    }

    @Override
    void start() {
        green.launch(counts);
        pendingStages.launching(green.all());
        armTimeout(timeout);
        armProvisioning(() -> {
            if (phase == Phase.PROVISIONING) {
                rollback(LiveEndpoint.CAPACITY_FAILURE);
            }
        });
        changed();
    }

    @Override
    void advance() {
        if (phase == Phase.PROVISIONING && green.ready()) {
            provisioned();
            planSteps();
            phase = Phase.SHIFTING;
            nextStep();
        }
    }

    /** Plans every step's green share per variant, from the green fleets' provisioned instance counts. */
    private void planSteps() {
        TrafficRoutingConfigType type = routing == null ? TrafficRoutingConfigType.ALL_AT_ONCE : routing.type();
        if (type == TrafficRoutingConfigType.CANARY) {
            steps.add(sharesOf(routing.canarySize()));
        } else if (type == TrafficRoutingConfigType.LINEAR) {
            Map<String, Double> stepShares = sharesOf(routing.linearStepSize());
            int partialSteps = 0;
            for (double stepShare : stepShares.values()) {
                int n = 0;
                for (double s = stepShare; s < FULL; s += stepShare) {
                    n++;
                }
                partialSteps = Math.max(partialSteps, n);
            }
            for (int i = 1; i <= partialSteps; i++) {
                Map<String, Double> shares = new LinkedHashMap<>();
                for (Map.Entry<String, Double> e : stepShares.entrySet()) {
                    double share = i * e.getValue();
                    shares.put(e.getKey(), share >= FULL ? 1.0 : share);
                }
                steps.add(shares);
            }
        }
        Map<String, Double> full = new LinkedHashMap<>();
        green.all().forEach(fleet -> full.put(Arns.lower(fleet.variantName()), 1.0));
        steps.add(full);
    }

    /** @return green's share of each new variant's traffic that {@code size} turns on */
    private Map<String, Double> sharesOf(CapacitySize size) {
        Map<String, Double> shares = new LinkedHashMap<>();
        for (Fleet fleet : green.all()) {
            shares.put(Arns.lower(fleet.variantName()), share(size, fleet));
        }
        return shares;
    }

    /** @return the share of the variant's traffic {@code size} turns on: a percentage, or green instances */
    private static double share(CapacitySize size, Fleet fleet) {
        if (size == null || size.value() == null) {
            return 1.0;
        }
        if (size.type() == CapacitySizeType.CAPACITY_PERCENT) {
            return Math.min(1.0, Math.max(0.01, size.value() / 100.0));
        }
        return Math.min(1.0, (double) size.value() / Math.max(1, fleet.desiredInstanceCount()));
    }

    private void nextStep() {
        if (step == steps.size()) {
            terminationBake();
            return;
        }
        Map<String, Double> shares = steps.get(step++);
        setStages(VariantStatus.ACTIVATING_TRAFFIC, fleet -> "Activating traffic on " + capacity(fleet, shares) + ".");
        activate(List.of(), () -> {
            greenShares = shares;
            endpoint.record(Kind.TRAFFIC_SHIFTED, "to config " + green.config.name() + ": " + percentages(shares));
            setStages(VariantStatus.BAKING, fleet -> "Baking for " + wait.toSeconds()
                    + " seconds (WaitIntervalInSeconds) with traffic enabled on " + capacity(fleet, shares) + ".");
            bake(wait, wait.toSeconds() + " s", this::nextStep);
        });
    }

    /** The last bake, on full capacity, before blue goes: {@code TerminationWaitInSeconds}. */
    private void terminationBake() {
        Map<String, Double> full = steps.get(steps.size() - 1);
        setStages(VariantStatus.BAKING, fleet -> "Baking for " + terminationWait.toSeconds()
                + " seconds (TerminationWaitInSeconds) with traffic enabled on " + capacity(fleet, full) + ".");
        bake(terminationWait, "termination wait, " + terminationWait.toSeconds() + " s", this::succeed);
    }

    /** @return the share green takes: one percentage when every variant shifts alike, else one per variant */
    private String percentages(Map<String, Double> shares) {
        TreeSet<Long> distinct = new TreeSet<>();
        shares.values().forEach(share -> distinct.add(Math.round(share * 100)));
        if (distinct.size() == 1) {
            return distinct.first() + " %";
        }
        List<String> each = new ArrayList<>();
        for (Fleet fleet : green.all()) {
            each.add(fleet.variantName() + " " + Math.round(shares.get(Arns.lower(fleet.variantName())) * 100) + " %");
        }
        return String.join(", ", each);
    }

    /** @return the variant's capacity a step turns traffic on for, as the stage messages name it */
    private String capacity(Fleet fleet, Map<String, Double> shares) {
        double share = shares.get(Arns.lower(fleet.variantName()));
        int all = fleet.desiredInstanceCount();
        String kind = share >= FULL ? "full" : step == 1 && routing != null
                && routing.type() == TrafficRoutingConfigType.CANARY ? "canary" : "linear step";
        if (all == 0) {
            return kind + " serverless capacity";
        }
        int instances = share >= FULL ? all : Math.max(1, (int) Math.ceil(share * all - 1e-9));
        return kind + " capacity of " + instances + " instance(s)";
    }

    private void setStages(VariantStatus status, Function<Fleet, String> message) {
        for (Fleet fleet : green.all()) {
            pendingStages.set(fleet.variantName(), status, message.apply(fleet));
        }
    }

    /**
     * Green serves alone and blue is terminated; the endpoint stays {@code Updating} on its old
     * config name until blue is gone, then green becomes its config.
     */
    private void succeed() {
        phase = Phase.TERMINATING;
        stopTimers();
        VariantSet blue = endpoint.active;
        endpoint.record(Kind.DEPLOYMENT_SUCCEEDED, "config " + green.config.name());
        pendingStages.clearAll();
        for (Fleet fleet : blue.all()) {
            if (fleet.desiredInstanceCount() > 0) {
                endpoint.stages.set(fleet.variantName(), VariantStatus.DELETING,
                        VariantStages.terminating(fleet.desiredInstanceCount()));
            }
        }
        sim.schedule(sim.timings().instanceTermination(), () -> {
            blue.terminateAll();
            phase = Phase.DONE;
            switchToGreen();
            finishSuccess();
        });
    }

    @Override
    void rollback(String reason) {
        if (phase != Phase.PROVISIONING && phase != Phase.SHIFTING) {
            return;
        }
        phase = Phase.DONE;
        stopTimers();
        endpoint.record(Kind.ROLLBACK_STARTED, reason);
        greenShares = Map.of();
        green.terminateAll();
        finishRollback();
    }

    @Override
    void containerFailed(VariantSet set, String variant) {
        if (set == green && phase == Phase.PROVISIONING) {
            rollback(healthCheckFailure(variant, "new"));
        }
    }

    /**
     * Blue's variants by the serving weights, each split with green by the variant's green share;
     * the new config's own variants by their new weight times that share; green alone while blue
     * is being terminated.
     */
    @Override
    List<VariantRoute> routes() {
        if (phase == Phase.TERMINATING) {
            return VariantRoute.allOf(green, this::serves);
        }
        VariantSet blue = endpoint.active;
        List<VariantRoute> routes = new ArrayList<>();
        for (Fleet fleet : blue.routedFleets()) {
            Fleet next = green.fleet(fleet.variantName());
            double share = next == null ? 0 : greenShares.getOrDefault(Arns.lower(fleet.variantName()), 0.0);
            routes.add(new VariantRoute(fleet.variantName(), blue.weights.get(fleet),
                    VariantRoute.Side.of(blue, fleet, this::serves),
                    share > 0 ? VariantRoute.Side.of(green, next, this::serves) : null, share));
        }
        for (Fleet next : green.routedFleets()) {
            if (blue.fleet(next.variantName()) == null) {
                double share = greenShares.getOrDefault(Arns.lower(next.variantName()), 0.0);
                routes.add(VariantRoute.single(next.variantName(), (float) (green.weights.get(next) * share),
                        share > 0 ? VariantRoute.Side.of(green, next, this::serves) : null));
            }
        }
        return routes;
    }
}
