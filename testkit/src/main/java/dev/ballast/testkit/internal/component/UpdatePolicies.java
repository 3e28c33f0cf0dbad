package dev.ballast.testkit.internal.component;

import dev.ballast.testkit.internal.errors.SageMakerErrors;
import dev.ballast.testkit.internal.errors.ValidationReport;
import dev.ballast.testkit.internal.placement.BatchSizes;
import dev.ballast.testkit.internal.placement.Revision;
import dev.ballast.testkit.internal.sim.Sim;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sagemaker.model.Alarm;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentCapacitySize;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentDeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentRollingUpdatePolicy;

/**
 * Validates an inference-component {@code DeploymentConfig} and resolves it into a {@link ComponentRollout}:
 * batch sizes, wait, timeout, rollback alarms
 * (<a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_InferenceComponentRollingUpdatePolicy.html">
 * InferenceComponentRollingUpdatePolicy</a>). How {@code CAPACITY_PERCENT} rounds is undocumented:
 * {@link BatchSizes} says the fake's rule, and {@code FakeSageMaker.Builder#enforceBatchSizeRule} turns the
 * 5-50 % check off.
 */
final class UpdatePolicies {

    private final Sim sim;
    private final SageMakerErrors errors;
    private final Predicate<String> alarmFiring;

    UpdatePolicies(Sim sim, SageMakerErrors errors, Predicate<String> alarmFiring) {
        this.sim = sim;
        this.errors = errors;
        this.alarmFiring = alarmFiring;
    }

    ComponentRollout rollingUpdate(InferenceComponent ic, Revision next, int target,
            InferenceComponentDeploymentConfig config) {
        if (config == null) {
            // no policy: replace every copy in one batch, no baking (SageMaker does not document
            // the default; this is the fake's choice)
            return new ComponentRollout(ic, next, target, target, Math.max(1, ic.desiredCopyCount), Duration.ZERO,
                    sim.timings().rollingUpdateTimeout(), List.of(), null, alarmFiring);
        }
        InferenceComponentRollingUpdatePolicy policy = config.rollingUpdatePolicy();
        int batch = BatchSizes.resolve(policy.maximumBatchSize(), target);
        if (sim.options().enforceBatchSizeRule() && !BatchSizes.withinRule(batch, target)) {
            throw errors.validation("The MaximumBatchSize of " + batch + " copies must be between 5% and 50% of the"
                    + " inference component's copy count (" + target + ").");
        }
        InferenceComponentCapacitySize rollback = policy.rollbackMaximumBatchSize();
        int oldCount = Math.max(1, ic.desiredCopyCount);
        int rollbackBatch = rollback == null ? oldCount : BatchSizes.resolve(rollback, oldCount);
        Duration timeout = policy.maximumExecutionTimeoutInSeconds() == null ? sim.timings().rollingUpdateTimeout()
                : Duration.ofSeconds(policy.maximumExecutionTimeoutInSeconds());
        List<String> alarms = config.autoRollbackConfiguration() == null
                || !config.autoRollbackConfiguration().hasAlarms() ? List.of()
                : config.autoRollbackConfiguration().alarms().stream().map(Alarm::alarmName).toList();
        return new ComponentRollout(ic, next, target, batch, rollbackBatch,
                Duration.ofSeconds(policy.waitIntervalInSeconds()), timeout, alarms, config, alarmFiring);
    }

    /**
     * Adds what the API model cannot say about {@code config} (null: nothing to check): a
     * {@code CAPACITY_PERCENT} batch size is at most 100. The shapes were checked against the model
     * before the request got here.
     */
    void check(ValidationReport v, InferenceComponentDeploymentConfig config) {
        if (config == null) {
            return;
        }
        String p = "deploymentConfig.rollingUpdatePolicy";
        InferenceComponentRollingUpdatePolicy policy = config.rollingUpdatePolicy();
        percentAtMost100(v, policy.maximumBatchSize(), p + ".maximumBatchSize");
        percentAtMost100(v, policy.rollbackMaximumBatchSize(), p + ".rollbackMaximumBatchSize");
    }

    private static void percentAtMost100(ValidationReport v, InferenceComponentCapacitySize size, String path) {
        if (size != null && "CAPACITY_PERCENT".equals(size.typeAsString())) {
            v.max(size.value(), 100, path + ".value");
        }
    }
}
