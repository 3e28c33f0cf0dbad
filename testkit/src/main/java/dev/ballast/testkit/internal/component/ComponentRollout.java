package dev.ballast.testkit.internal.component;

import dev.ballast.spi.Scheduler.Cancellable;
import dev.ballast.testkit.TimelineEvent.Kind;
import dev.ballast.testkit.TimelineEvent.ResourceType;
import dev.ballast.testkit.internal.placement.Copy;
import dev.ballast.testkit.internal.placement.Revision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentDeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;

/**
 * Inference-component rolling update and rollback
 * (<a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateInferenceComponent.html">
 * UpdateInferenceComponent</a>,
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_InferenceComponentRollingUpdatePolicy.html">
 * InferenceComponentRollingUpdatePolicy</a>).
 *
 * <p>Each batch adds new-revision copies beside the old ones (traffic goes to every serving copy),
 * waits until they serve, bakes for the wait interval while the rollback alarms are watched, then
 * removes as many old copies and waits until they are gone. An alarm in {@code ALARM} during a
 * bake, a failing new copy, a copy that cannot be placed in time or the execution timeout start a
 * rollback: copies not serving yet are dropped, old-revision copies are restored in rollback
 * batches (each followed by the removal of as many new copies), then the remaining new copies are
 * removed. The component ends {@code InService} with its old specification either way.
 */
final class ComponentRollout extends ComponentOperation {

    private enum Phase { ADDING, BAKING, REMOVING, ROLLBACK_ADDING, ROLLBACK_REMOVING, DONE }

    private final Revision from;
    private final Revision to;
    private final int oldTarget;
    private final int newTarget;
    private final int batchSize;
    private final int rollbackBatchSize;
    private final Duration bake;
    private final Duration timeout;
    private final List<String> alarms;
    private final InferenceComponentDeploymentConfig config;
    private final Predicate<String> alarmFiring;
    private final List<Copy> adding = new ArrayList<>();
    private final List<Copy> removing = new ArrayList<>();
    private Phase phase = Phase.ADDING;
    private int batchNumber;
    private int lastBatchAdded;
    private int rollbackBatchNumber;
    private Cancellable bakeTimer;
    private Cancellable timeoutTimer;

    /**
     * @param ic the component
     * @param to the new revision
     * @param newTarget the copy count after the update
     * @param batchSize copies per batch (resolved)
     * @param rollbackBatchSize copies per rollback batch (resolved; the old count means all at once)
     * @param bake the wait interval of each batch
     * @param timeout the maximum execution time
     * @param alarms the rollback alarms
     * @param config the DeploymentConfig as requested, recorded as LastDeploymentConfig, or null
     * @param alarmFiring tells whether a named alarm is in ALARM
     */
    ComponentRollout(InferenceComponent ic, Revision to, int newTarget, int batchSize, int rollbackBatchSize,
            Duration bake, Duration timeout, List<String> alarms, InferenceComponentDeploymentConfig config,
            Predicate<String> alarmFiring) {
        super(ic);
        this.from = ic.revision;
        this.to = to;
        this.oldTarget = ic.desiredCopyCount;
        this.newTarget = newTarget;
        this.batchSize = batchSize;
        this.rollbackBatchSize = rollbackBatchSize;
        this.bake = bake;
        this.timeout = timeout;
        this.alarms = List.copyOf(alarms);
        this.config = config;
        this.alarmFiring = alarmFiring;
    }

    @Override
    void start() {
        ic.setDesired(newTarget);
        timeoutTimer = ic.sim.schedule(timeout, () -> {
            timeoutTimer = null;
            if (phase == Phase.ADDING || phase == Phase.BAKING || phase == Phase.REMOVING) {
                rollback("deployment exceeded MaximumExecutionTimeoutInSeconds (" + timeout.toSeconds() + " s)");
            }
        });
        nextBatch();
    }

    private List<Copy> liveOf(Revision revision) {
        List<Copy> result = new ArrayList<>();
        for (Copy c : ic.copies) {
            if (c.revision() == revision && c.state() != Copy.State.STOPPING) {
                result.add(c);
            }
        }
        return result;
    }

    private void nextBatch() {
        int toAdd = Math.min(batchSize, newTarget - liveOf(to).size());
        if (toAdd > 0) {
            batchNumber++;
            lastBatchAdded = toAdd;
            int total = (newTarget + batchSize - 1) / batchSize;
            ic.record(Kind.BATCH_STARTED, "batch " + batchNumber + "/" + total + ": +" + toAdd + " new copies");
            phase = Phase.ADDING;
            adding.clear();
            for (int i = 0; i < toAdd; i++) {
                adding.add(ic.addCopy(to));
            }
            return;
        }
        List<Copy> old = liveOf(from);
        if (!old.isEmpty()) {
            removeOld(Math.min(batchSize, old.size()));
            return;
        }
        succeed();
    }

    private void startBake() {
        phase = Phase.BAKING;
        ic.record(Kind.BAKE_STARTED, "batch " + batchNumber + ", " + bake.toSeconds() + " s");
        if (anyAlarmFiring()) {
            rollback("alarm in ALARM during baking: " + firingAlarms());
            return;
        }
        bakeTimer = ic.sim.schedule(bake, () -> {
            bakeTimer = null;
            if (phase == Phase.BAKING) {
                if (anyAlarmFiring()) {
                    rollback("alarm in ALARM during baking: " + firingAlarms());
                } else {
                    removeOld(Math.min(lastBatchAdded, liveOf(from).size()));
                }
            }
        });
    }

    private void removeOld(int count) {
        phase = Phase.REMOVING;
        removing.clear();
        List<Copy> old = liveOf(from);
        for (int i = 0; i < count; i++) {
            Copy copy = old.get(i);
            if (!ic.removeCopy(copy)) {
                removing.add(copy);
            }
        }
        if (removing.isEmpty()) {
            nextBatch();
        }
    }

    @Override
    void copyRunning(Copy copy) {
        if (adding.remove(copy) && adding.isEmpty()) {
            if (phase == Phase.ADDING) {
                startBake();
            } else if (phase == Phase.ROLLBACK_ADDING) {
                rollbackRemove(Math.min(lastBatchAdded, liveOf(to).size()));
            }
        }
    }

    @Override
    void copyGone(Copy copy) {
        if (removing.remove(copy) && removing.isEmpty()) {
            if (phase == Phase.REMOVING) {
                nextBatch();
            } else if (phase == Phase.ROLLBACK_REMOVING) {
                rollbackStep();
            }
        }
    }

    @Override
    void copyFailed(Copy copy) {
        adding.remove(copy);
        if (phase == Phase.ADDING) {
            rollback("a new copy did not pass the container health check");
        } else if (phase == Phase.ROLLBACK_ADDING && adding.isEmpty()) {
            rollbackRemove(Math.min(lastBatchAdded, liveOf(to).size()));
        }
    }

    @Override
    void placementTimedOut(Copy copy) {
        if (phase == Phase.ADDING) {
            rollback("insufficient capacity to place new copies within the placement timeout");
        } else if (phase == Phase.ROLLBACK_ADDING) {
            adding.remove(copy);
            ic.removeCopy(copy);
            if (adding.isEmpty()) {
                rollbackRemove(Math.min(lastBatchAdded, liveOf(to).size()));
            }
        }
    }

    @Override
    void alarmChanged(String alarmName, boolean inAlarm) {
        if (phase == Phase.BAKING && inAlarm && alarms.contains(alarmName)) {
            rollback("alarm " + alarmName + " in ALARM during baking");
        }
    }

    private boolean anyAlarmFiring() {
        return alarms.stream().anyMatch(alarmFiring);
    }

    private String firingAlarms() {
        return String.join(", ", alarms.stream().filter(alarmFiring).toList());
    }

    private void rollback(String reason) {
        cancelTimers();
        ic.record(Kind.ROLLBACK_STARTED, reason);
        removing.clear();
        adding.clear();
        for (Copy copy : List.copyOf(ic.copies)) {
            if (copy.revision() == to && copy.state() != Copy.State.RUNNING) {
                ic.removeCopy(copy);
            }
        }
        ic.setDesired(oldTarget);
        rollbackStep();
    }

    private void rollbackStep() {
        int missing = oldTarget - liveOf(from).size();
        if (missing > 0) {
            int count = Math.min(rollbackBatchSize, missing);
            rollbackBatchNumber++;
            lastBatchAdded = count;
            ic.record(Kind.ROLLBACK_BATCH_STARTED, "rollback batch " + rollbackBatchNumber + ": +" + count
                    + " old copies");
            phase = Phase.ROLLBACK_ADDING;
            for (int i = 0; i < count; i++) {
                adding.add(ic.addCopy(from));
            }
            return;
        }
        List<Copy> remaining = liveOf(to);
        if (!remaining.isEmpty()) {
            rollbackRemove(remaining.size());
            return;
        }
        finishRollback();
    }

    private void rollbackRemove(int count) {
        phase = Phase.ROLLBACK_REMOVING;
        removing.clear();
        List<Copy> fresh = liveOf(to);
        for (int i = 0; i < Math.min(count, fresh.size()); i++) {
            Copy copy = fresh.get(i);
            if (!ic.removeCopy(copy)) {
                removing.add(copy);
            }
        }
        if (removing.isEmpty()) {
            rollbackStep();
        }
    }

    private void finishRollback() {
        phase = Phase.DONE;
        if (config != null) {
            ic.lastDeploymentConfig = config;
        }
        ic.failureReason = ic.sim.options().rollbackFailureReason();
        ic.record(Kind.ROLLBACK_FINISHED, "back to revision " + from.number());
        ic.finish(InferenceComponentStatus.IN_SERVICE, "rolled back");
    }

    private void succeed() {
        phase = Phase.DONE;
        cancelTimers();
        ic.revision = to;
        if (config != null) {
            ic.lastDeploymentConfig = config;
        }
        ic.failureReason = null;
        ic.sim.timeline().record(ResourceType.INFERENCE_COMPONENT, ic.name, Kind.SPECIFICATION,
                "revision " + from.number(), "revision " + to.number(), "");
        ic.record(Kind.DEPLOYMENT_SUCCEEDED, batchNumber + " batches");
        ic.finish(InferenceComponentStatus.IN_SERVICE, null);
    }

    @Override
    void abandon() {
        phase = Phase.DONE;
        cancelTimers();
    }

    private void cancelTimers() {
        if (bakeTimer != null) {
            bakeTimer.cancel();
            bakeTimer = null;
        }
        if (timeoutTimer != null) {
            timeoutTimer.cancel();
            timeoutTimer = null;
        }
    }
}
