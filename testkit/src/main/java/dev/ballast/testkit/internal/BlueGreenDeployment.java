package dev.ballast.testkit.internal;

import dev.ballast.spi.Scheduler.Cancellable;
import dev.ballast.testkit.TimelineEvent.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sagemaker.model.Alarm;
import software.amazon.awssdk.services.sagemaker.model.BlueGreenUpdatePolicy;
import software.amazon.awssdk.services.sagemaker.model.CapacitySize;
import software.amazon.awssdk.services.sagemaker.model.CapacitySizeType;
import software.amazon.awssdk.services.sagemaker.model.DeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.TrafficRoutingConfig;
import software.amazon.awssdk.services.sagemaker.model.TrafficRoutingConfigType;

/**
 * UpdateEndpoint as a blue/green deployment (reference §7.1): the green fleet (the new config) is
 * provisioned in full beside the blue one; traffic moves to green in steps (all at once, canary
 * then the rest, or linear steps), each followed by a bake of {@code WaitIntervalInSeconds} during
 * which the rollback alarms are watched; then blue is terminated after
 * {@code TerminationWaitInSeconds}. An alarm in {@code ALARM} during a bake, a green container
 * failing its health check, missing capacity or the execution timeout send all traffic back to
 * blue and tear green down: the endpoint returns to {@code InService} on its old config. Without
 * a policy the shift is all at once without baking.
 */
final class BlueGreenDeployment {

    private enum Phase { PROVISIONING, BAKING, TERMINATING, DONE }

    private final Sim sim;
    private final Endpoint endpoint;
    final VariantSet green;
    final Instant startTime;
    private final Map<String, Integer> retainedCounts;
    private final DeploymentConfig config;
    private final Predicate<String> alarmFiring;
    private final Duration wait;
    private final Duration terminationWait;
    private final Duration timeout;
    private final List<String> alarms;
    private final TrafficRoutingConfig routing;
    private final List<Double> steps = new ArrayList<>();
    private Phase phase = Phase.PROVISIONING;
    private int step;
    /** Share of traffic green takes while both fleets serve. */
    double greenShare;
    private Cancellable bakeTimer;
    private Cancellable timeoutTimer;
    private Cancellable provisioningTimer;

    BlueGreenDeployment(Sim sim, Endpoint endpoint, EndpointConfigRecord next, Map<String, ModelRecord> models,
            Map<String, Integer> retainedCounts, DeploymentConfig config, Predicate<String> alarmFiring) {
        this.sim = sim;
        this.endpoint = endpoint;
        this.startTime = sim.now();
        this.retainedCounts = retainedCounts;
        this.config = config;
        this.alarmFiring = alarmFiring;
        this.green = new VariantSet(sim, next, models, this::greenChanged,
                variant -> rollback("the primary container for production variant " + variant
                        + " of the new configuration did not pass the ping health check"));
        BlueGreenUpdatePolicy policy = config == null ? null : config.blueGreenUpdatePolicy();
        this.routing = policy == null ? null : policy.trafficRoutingConfiguration();
        this.wait = routing == null || routing.waitIntervalInSeconds() == null ? Duration.ZERO
                : Duration.ofSeconds(routing.waitIntervalInSeconds());
        this.terminationWait = policy == null || policy.terminationWaitInSeconds() == null ? Duration.ZERO
                : Duration.ofSeconds(policy.terminationWaitInSeconds());
        this.timeout = policy == null || policy.maximumExecutionTimeoutInSeconds() == null
                ? sim.timings.rollingUpdateTimeout() : Duration.ofSeconds(policy.maximumExecutionTimeoutInSeconds());
        this.alarms = config == null || config.autoRollbackConfiguration() == null
                || !config.autoRollbackConfiguration().hasAlarms() ? List.of()
                : config.autoRollbackConfiguration().alarms().stream().map(Alarm::alarmName).toList();
    }

    void start() {
        green.launch(retainedCounts);
        timeoutTimer = sim.schedule(timeout, () -> {
            timeoutTimer = null;
            rollback("deployment exceeded MaximumExecutionTimeoutInSeconds (" + timeout.toSeconds() + " s)");
        });
        provisioningTimer = sim.schedule(sim.timings.instanceProvisioningTimeout(), () -> {
            provisioningTimer = null;
            if (phase == Phase.PROVISIONING) {
                rollback(Endpoint.CAPACITY_FAILURE);
            }
        });
        greenChanged();
    }

    private void greenChanged() {
        if (phase == Phase.PROVISIONING && green.ready()) {
            cancel(provisioningTimer);
            planSteps();
            phase = Phase.BAKING;
            nextStep();
        }
    }

    private void planSteps() {
        TrafficRoutingConfigType type = routing == null ? TrafficRoutingConfigType.ALL_AT_ONCE : routing.type();
        if (type == TrafficRoutingConfigType.CANARY) {
            steps.add(Math.min(0.5, share(routing.canarySize())));
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
            return Math.max(0.01, size.value() / 100.0);
        }
        return Math.min(1.0, (double) size.value() / Math.max(1, green.instances()));
    }

    private void nextStep() {
        if (step == steps.size()) {
            succeed();
            return;
        }
        greenShare = steps.get(step++);
        endpoint.record(Kind.TRAFFIC_SHIFTED, "to config " + green.config.name() + ": "
                + Math.round(greenShare * 100) + " %");
        endpoint.record(Kind.BAKE_STARTED, wait.toSeconds() + " s");
        if (anyAlarmFiring()) {
            rollback("alarm in ALARM during baking");
            return;
        }
        bakeTimer = sim.schedule(wait, () -> {
            bakeTimer = null;
            if (phase != Phase.BAKING) {
                return;
            }
            if (anyAlarmFiring()) {
                rollback("alarm in ALARM during baking");
            } else {
                nextStep();
            }
        });
    }

    void alarmChanged(String alarmName, boolean inAlarm) {
        if (phase == Phase.BAKING && inAlarm && alarms.contains(alarmName)) {
            rollback("alarm " + alarmName + " in ALARM during baking");
        }
    }

    private boolean anyAlarmFiring() {
        return alarms.stream().anyMatch(alarmFiring);
    }

    private void succeed() {
        phase = Phase.TERMINATING;
        cancel(timeoutTimer);
        VariantSet blue = endpoint.active;
        endpoint.switchTo(green);
        endpoint.record(Kind.DEPLOYMENT_SUCCEEDED, "config " + green.config.name());
        sim.schedule(terminationWait, () -> {
            blue.terminateAll();
            phase = Phase.DONE;
            endpoint.deploymentFinished(config);
        });
    }

    private void rollback(String reason) {
        if (phase != Phase.PROVISIONING && phase != Phase.BAKING) {
            return;
        }
        phase = Phase.DONE;
        cancel(bakeTimer);
        cancel(timeoutTimer);
        cancel(provisioningTimer);
        endpoint.record(Kind.ROLLBACK_STARTED, reason);
        greenShare = 0;
        green.terminateAll();
        endpoint.record(Kind.ROLLBACK_FINISHED, "back to config " + endpoint.config.name());
        endpoint.deploymentFinished(config);
    }

    /** @return whether green serves part of the traffic right now */
    boolean splitting() {
        return phase == Phase.BAKING && greenShare > 0;
    }

    private static void cancel(Cancellable timer) {
        if (timer != null) {
            timer.cancel();
        }
    }
}
