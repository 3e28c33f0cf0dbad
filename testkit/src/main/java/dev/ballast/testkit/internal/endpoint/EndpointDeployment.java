package dev.ballast.testkit.internal.endpoint;

import dev.ballast.spi.Scheduler.Cancellable;
import dev.ballast.testkit.TimelineEvent.Kind;
import dev.ballast.testkit.internal.placement.Copy;
import dev.ballast.testkit.internal.sim.Registry;
import dev.ballast.testkit.internal.sim.Sim;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sagemaker.model.Alarm;
import software.amazon.awssdk.services.sagemaker.model.DeploymentConfig;

/**
 * What blue/green and rolling endpoint deployments
 * (<a href="https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails.html">deployment
 * guardrails</a>) share: the new config's variant set ("green") beside the serving one, the pending variants'
 * stages, the rollback alarms watched while baking, traffic activation, the execution and provisioning
 * timeouts, and the ending (success, rollback, failed rollback).
 *
 * <p>Every change of either variant set reaches {@link #changed()}, which lets the subclass
 * {@link #advance()} its state machine. Every other entry (start, timers, alarms, container
 * failures) runs through {@link #act(Runnable)}: changes the deployment causes while it acts are
 * folded into one more {@code advance()} afterwards instead of re-entering it half-way.
 */
abstract class EndpointDeployment {

    final Sim sim;
    final LiveEndpoint endpoint;
    final VariantSet green;
    final Instant startTime;
    /** The DeploymentConfig as requested (or retained), recorded as LastDeploymentConfig; may be null. */
    final DeploymentConfig config;
    final VariantStages pendingStages;
    /** Copies that run but get no traffic yet: their traffic is still being activated. */
    final Set<Copy> awaitingActivation = new HashSet<>();
    private final List<String> alarms;
    private final Predicate<String> alarmFiring;
    private boolean baking;
    /** The deployment ended (succeeded, rolled back, failed its rollback, or was abandoned). */
    private boolean finished;
    /** A step of the deployment runs ({@link #act(Runnable)}). */
    private boolean acting;
    /** Something changed while a step ran: advance once more after it. */
    private boolean changedWhileActing;
    private Cancellable bakeTimer;
    private Cancellable timeoutTimer;
    private Cancellable provisioningTimer;
    private Cancellable activationTimer;

    /**
     * @param config the DeploymentConfig in force, or null
     * @param watchAlarms whether the config's rollback alarms are watched (not for serverless fallbacks)
     */
    EndpointDeployment(Sim sim, LiveEndpoint endpoint, EndpointConfigRecord next, Registry<ModelRecord> models,
            DeploymentConfig config, boolean watchAlarms, Predicate<String> alarmFiring) {
        this.sim = sim;
        this.endpoint = endpoint;
        this.startTime = sim.now();
        this.config = config;
        this.alarmFiring = alarmFiring;
        this.green = new VariantSet(sim, next, models, endpoint::refresh, endpoint::containerFailed);
        this.pendingStages = new VariantStages(sim, endpoint.name, "pending config " + next.name());
        this.alarms = !watchAlarms || config == null || config.autoRollbackConfiguration() == null
                || !config.autoRollbackConfiguration().hasAlarms() ? List.of()
                : config.autoRollbackConfiguration().alarms().stream().map(Alarm::alarmName).toList();
    }

    /**
     * @return the instances the deployment runs at most beside the serving ones at any time, by
     *     instance type (what the account's instance quota must allow)
     */
    abstract Map<String, Integer> extraInstances();

    /** Starts the deployment (the endpoint is {@code Updating} already). */
    abstract void start();

    /** Moves on if what the current phase waits for has happened; must be idempotent. */
    abstract void advance();

    /** Starts the rollback, unless the deployment is past the point of rolling back. */
    abstract void rollback(String reason);

    /** A model container of {@code set}'s variant failed its startup health check. */
    abstract void containerFailed(VariantSet set, String variant);

    /**
     * @return the variants invocations of the endpoint are routed over while the deployment is
     *     attached, with their weights and the copies of either fleet that take their traffic
     */
    abstract List<VariantRoute> routes();

    /** @return whether the copy takes traffic: it runs and its traffic has been activated */
    final boolean serves(Copy copy) {
        return copy.state() == Copy.State.RUNNING && !awaitingActivation.contains(copy);
    }

    /**
     * @param configuration which configuration the variant belongs to: {@code new} or {@code old}
     * @return why a deployment step failed: a model container of the variant failed its health check
     */
    static String healthCheckFailure(String variant, String configuration) {
        return "the primary container for production variant " + variant + " of the " + configuration
                + " configuration did not pass the ping health check";
    }

    /** Called after any change of the serving or the new set. */
    final void changed() {
        if (finished) {
            return;
        }
        if (acting) {
            changedWhileActing = true;
            return;
        }
        act(this::advance);
    }

    /**
     * Runs one step of the deployment, then advances as long as that step changed something.
     * Nested calls run at once (the outer call is already guarded).
     */
    final void act(Runnable step) {
        if (acting) {
            step.run();
            changedWhileActing = true;
            return;
        }
        acting = true;
        try {
            step.run();
            while (changedWhileActing && !finished) {
                changedWhileActing = false;
                advance();
            }
        } finally {
            acting = false;
            changedWhileActing = false;
        }
    }

    final void alarmChanged(String alarmName, boolean inAlarm) {
        if (baking && inAlarm && alarms.contains(alarmName)) {
            act(() -> rollback("alarm " + alarmName + " in ALARM during baking"));
        }
    }

    /** Arms the {@code MaximumExecutionTimeoutInSeconds} of the deployment: exceeding it rolls back. */
    final void armTimeout(Duration timeout) {
        timeoutTimer = sim.schedule(timeout, () -> {
            timeoutTimer = null;
            act(() -> rollback("deployment exceeded MaximumExecutionTimeoutInSeconds (" + timeout.toSeconds()
                    + " s)"));
        });
    }

    /** Gives new capacity the instance provisioning timeout to come up; then {@code onTimeout} runs. */
    final void armProvisioning(Runnable onTimeout) {
        cancel(provisioningTimer);
        provisioningTimer = sim.schedule(sim.timings().instanceProvisioningTimeout(), () -> {
            provisioningTimer = null;
            act(onTimeout);
        });
    }

    final void provisioned() {
        cancel(provisioningTimer);
        provisioningTimer = null;
    }

    /** Turns traffic on for {@code copies} after {@link dev.ballast.testkit.FakeTimings#trafficActivation()}. */
    final void activate(List<Copy> copies, Runnable then) {
        activationTimer = sim.schedule(sim.timings().trafficActivation(), () -> {
            activationTimer = null;
            copies.forEach(awaitingActivation::remove);
            act(then);
        });
    }

    /**
     * Bakes: watches the rollback alarms for {@code wait}, then runs {@code then}. An alarm already
     * in {@code ALARM} when the bake starts, or entering it during the bake, rolls back.
     */
    final void bake(Duration wait, String detail, Runnable then) {
        baking = true;
        endpoint.record(Kind.BAKE_STARTED, detail);
        if (anyAlarmFiring()) {
            rollback("alarm in ALARM during baking: " + firingAlarms());
            return;
        }
        bakeTimer = sim.schedule(wait, () -> {
            bakeTimer = null;
            if (!baking) {
                return;
            }
            act(() -> {
                if (anyAlarmFiring()) {
                    rollback("alarm in ALARM during baking: " + firingAlarms());
                } else {
                    baking = false;
                    then.run();
                }
            });
        });
    }

    private boolean anyAlarmFiring() {
        return alarms.stream().anyMatch(alarmFiring);
    }

    private String firingAlarms() {
        return String.join(", ", alarms.stream().filter(alarmFiring).toList());
    }

    /** Stops baking and every timer (a rollback starts, or the deployment ends). */
    final void stopTimers() {
        baking = false;
        cancel(bakeTimer);
        cancel(timeoutTimer);
        cancel(provisioningTimer);
        cancel(activationTimer);
        bakeTimer = null;
        timeoutTimer = null;
        provisioningTimer = null;
        activationTimer = null;
    }

    /** The new config serves alone: it becomes the endpoint's config. */
    final void switchToGreen() {
        pendingStages.clearAll();
        endpoint.stages.clearAll();
        endpoint.switchTo(green);
        endpoint.failureReason = null;
    }

    /** The deployment is over and the endpoint back on the old config: {@code InService}. */
    final void finishRollback() {
        finished = true;
        stopTimers();
        pendingStages.clearAll();
        endpoint.stages.clearAll();
        endpoint.failureReason = sim.options().rollbackFailureReason();
        endpoint.record(Kind.ROLLBACK_FINISHED, "back to config " + endpoint.config.name());
        endpoint.deploymentFinished(config);
    }

    /** The deployment is over (succeeded). */
    final void finishSuccess() {
        finished = true;
        stopTimers();
        endpoint.stages.clearAll();
        endpoint.deploymentFinished(config);
    }

    /**
     * The rollback could not restore the old capacity: the endpoint is {@code UpdateRollbackFailed} and keeps
     * serving from what runs of both configs
     * (<a href="https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-rolling.html">rolling
     * deployments</a>).
     */
    final void failRollback(String reason) {
        finished = true;
        stopTimers();
        String configured = sim.options().rollbackFailureReason();
        endpoint.rollbackFailed(configured != null ? configured : reason, config);
    }

    /** The endpoint is deleted: everything the deployment launched goes. */
    final void abandon() {
        finished = true;
        stopTimers();
        green.terminateAll();
        awaitingActivation.clear();
    }

    static void cancel(Cancellable timer) {
        if (timer != null) {
            timer.cancel();
        }
    }
}
