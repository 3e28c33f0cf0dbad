package dev.ballast.testkit.internal;

import dev.ballast.testkit.TimelineEvent.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sagemaker.model.BlueGreenUpdatePolicy;
import software.amazon.awssdk.services.sagemaker.model.CapacitySize;
import software.amazon.awssdk.services.sagemaker.model.CapacitySizeType;
import software.amazon.awssdk.services.sagemaker.model.DeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.TrafficRoutingConfig;
import software.amazon.awssdk.services.sagemaker.model.TrafficRoutingConfigType;
import software.amazon.awssdk.services.sagemaker.model.VariantStatus;

/**
 * UpdateEndpoint as a blue/green deployment (reference §7.1): the green fleet (the new config) is
 * provisioned in full beside the blue one ({@code Creating}); traffic moves to green in steps (all
 * at once, canary then the rest, or linear steps), each turned on ({@code ActivatingTraffic}, see
 * {@link dev.ballast.testkit.FakeTimings#trafficActivation()}) and then baked for
 * {@code WaitIntervalInSeconds} while the rollback alarms are watched ({@code Baking}). With all
 * traffic on green, a last bake of {@code TerminationWaitInSeconds} follows (the developer guide's
 * stage message names that wait), during which the alarms are still watched and blue still runs;
 * then green becomes the endpoint's config and blue is terminated ({@code Deleting}, taking
 * {@link dev.ballast.testkit.FakeTimings#instanceTermination()}).
 *
 * <p>An alarm in {@code ALARM} during a bake, a green container failing its health check, missing
 * capacity or the execution timeout send all traffic back to blue and tear green down: the
 * endpoint returns to {@code InService} on its old config. Without a policy, and on serverless
 * variants (deployment guardrails do not apply to them), the shift is all at once without baking.
 */
final class BlueGreenDeployment extends EndpointDeployment {

    private enum Phase { PROVISIONING, SHIFTING, TERMINATING, DONE }

    private final Map<String, Integer> retainedCounts;
    private final Duration wait;
    private final Duration terminationWait;
    private final Duration timeout;
    private final TrafficRoutingConfig routing;
    private final List<Double> steps = new ArrayList<>();
    private Phase phase = Phase.PROVISIONING;
    private int step;
    /** Share of traffic green takes while both fleets serve. */
    private double greenShare;

    /**
     * @param retainedCounts instance counts kept by RetainAllVariantProperties, by lower-cased variant name
     * @param config the DeploymentConfig in force (recorded as LastDeploymentConfig), or null
     * @param allAtOnce ignore the config's policy and alarms: all at once, no baking (serverless)
     */
    BlueGreenDeployment(Sim sim, Endpoint endpoint, EndpointConfigRecord next, Map<String, ModelRecord> models,
            Map<String, Integer> retainedCounts, DeploymentConfig config, boolean allAtOnce,
            Predicate<String> alarmFiring) {
        super(sim, endpoint, next, models, config, !allAtOnce, alarmFiring);
        this.retainedCounts = retainedCounts;
        BlueGreenUpdatePolicy policy = allAtOnce || config == null ? null : config.blueGreenUpdatePolicy();
        this.routing = policy == null ? null : policy.trafficRoutingConfiguration();
        this.wait = routing == null || routing.waitIntervalInSeconds() == null ? Duration.ZERO
                : Duration.ofSeconds(routing.waitIntervalInSeconds());
        this.terminationWait = policy == null || policy.terminationWaitInSeconds() == null ? Duration.ZERO
                : Duration.ofSeconds(policy.terminationWaitInSeconds());
        this.timeout = policy == null || policy.maximumExecutionTimeoutInSeconds() == null
                ? sim.timings.rollingUpdateTimeout() : Duration.ofSeconds(policy.maximumExecutionTimeoutInSeconds());
    }

    @Override
    void start() {
        green.launch(retainedCounts);
        for (Fleet fleet : green.all()) {
            pendingStages.set(fleet.variantName, VariantStatus.CREATING, fleet.serverless
                    ? "Launching serverless capacity." : VariantStages.launching(fleet.desiredInstanceCount()));
        }
        armTimeout(timeout);
        armProvisioning(() -> {
            if (phase == Phase.PROVISIONING) {
                rollback(Endpoint.CAPACITY_FAILURE);
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

    private void planSteps() {
        TrafficRoutingConfigType type = routing == null ? TrafficRoutingConfigType.ALL_AT_ONCE : routing.type();
        if (type == TrafficRoutingConfigType.CANARY) {
            steps.add(share(routing.canarySize()));
        } else if (type == TrafficRoutingConfigType.LINEAR) {
            double stepShare = share(routing.linearStepSize());
            for (double s = stepShare; s < 1.0 - 1e-9; s += stepShare) {
                steps.add(s);
            }
        }
        steps.add(1.0);
    }

    private double share(CapacitySize size) {
        if (size == null || size.value() == null) {
            return 1.0;
        }
        if (size.type() == CapacitySizeType.CAPACITY_PERCENT) {
            return Math.min(1.0, Math.max(0.01, size.value() / 100.0));
        }
        return Math.min(1.0, (double) size.value() / Math.max(1, green.instances()));
    }

    private void nextStep() {
        if (step == steps.size()) {
            terminationBake();
            return;
        }
        double share = steps.get(step++);
        String capacity = capacity(share);
        setStages(VariantStatus.ACTIVATING_TRAFFIC, "Activating traffic on " + capacity + ".");
        activate(List.of(), () -> {
            greenShare = share;
            endpoint.record(Kind.TRAFFIC_SHIFTED, "to config " + green.config.name() + ": "
                    + Math.round(share * 100) + " %");
            setStages(VariantStatus.BAKING, "Baking for " + wait.toSeconds()
                    + " seconds (WaitIntervalInSeconds) with traffic enabled on " + capacity + ".");
            bake(wait, wait.toSeconds() + " s", this::nextStep);
        });
    }

    /** The last bake, on full capacity, before blue goes: {@code TerminationWaitInSeconds}. */
    private void terminationBake() {
        setStages(VariantStatus.BAKING, "Baking for " + terminationWait.toSeconds()
                + " seconds (TerminationWaitInSeconds) with traffic enabled on " + capacity(1.0) + ".");
        bake(terminationWait, "termination wait, " + terminationWait.toSeconds() + " s", this::succeed);
    }

    /** @return the capacity a step turns traffic on for, as the stage messages name it */
    private String capacity(double share) {
        int all = green.instances();
        String kind = share >= 1.0 - 1e-9 ? "full" : step == 1 && routing != null
                && routing.type() == TrafficRoutingConfigType.CANARY ? "canary" : "linear step";
        if (all == 0) {
            return kind + " serverless capacity";
        }
        int instances = share >= 1.0 - 1e-9 ? all : Math.max(1, (int) Math.ceil(share * all - 1e-9));
        return kind + " capacity of " + instances + " instance(s)";
    }

    private void setStages(VariantStatus status, String message) {
        for (Fleet fleet : green.all()) {
            pendingStages.set(fleet.variantName, status, message);
        }
    }

    private void succeed() {
        phase = Phase.TERMINATING;
        stopTimers();
        VariantSet blue = endpoint.active;
        switchToGreen();
        endpoint.record(Kind.DEPLOYMENT_SUCCEEDED, "config " + green.config.name());
        for (Fleet fleet : blue.all()) {
            if (fleet.desiredInstanceCount() > 0) {
                endpoint.stages.set(fleet.variantName, VariantStatus.DELETING,
                        VariantStages.terminating(fleet.desiredInstanceCount()));
            }
        }
        sim.schedule(sim.timings.instanceTermination(), () -> {
            blue.terminateAll();
            phase = Phase.DONE;
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
        greenShare = 0;
        green.terminateAll();
        finishRollback();
    }

    @Override
    void containerFailed(VariantSet set, String variant) {
        if (set == green && phase == Phase.PROVISIONING) {
            rollback("the primary container for production variant " + variant
                    + " of the new configuration did not pass the ping health check");
        }
    }

    @Override
    VariantSet routeSet(VariantSet active, DoubleSupplier draw) {
        return phase == Phase.SHIFTING && greenShare > 0 && draw.getAsDouble() < greenShare ? green : active;
    }
}
