package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.testkit.TimelineEvent.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentResponse;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentCapacitySize;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentCapacitySizeType;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentDeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentRollingUpdatePolicy;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;

class RollingUpdateTest {

    private final FakeSageMaker fake = FakeSageMaker.create();

    private static InferenceComponentCapacitySize copies(int n) {
        return InferenceComponentCapacitySize.builder().type(InferenceComponentCapacitySizeType.COPY_COUNT).value(n).build();
    }

    private static InferenceComponentCapacitySize percent(int n) {
        return InferenceComponentCapacitySize.builder().type(InferenceComponentCapacitySizeType.CAPACITY_PERCENT)
                .value(n).build();
    }

    private static InferenceComponentDeploymentConfig policy(InferenceComponentCapacitySize batch,
            InferenceComponentCapacitySize rollback, Integer timeout, String alarm) {
        InferenceComponentDeploymentConfig.Builder config = InferenceComponentDeploymentConfig.builder()
                .rollingUpdatePolicy(InferenceComponentRollingUpdatePolicy.builder().maximumBatchSize(batch)
                        .waitIntervalInSeconds(120).rollbackMaximumBatchSize(rollback)
                        .maximumExecutionTimeoutInSeconds(timeout).build());
        if (alarm != null) {
            config.autoRollbackConfiguration(a -> a.alarms(al -> al.alarmName(alarm)));
        }
        return config.build();
    }

    private void deploy(int copies) {
        Fixtures.icEndpoint(fake, "ep", "ml.g5.48xlarge", 2, 1, 4);
        Fixtures.createComponent(fake, "ic", "ep", Fixtures.llm("old-model"), copies);
        Fixtures.awaitComponent(fake, "ic", InferenceComponentStatus.IN_SERVICE);
    }

    private void update(InferenceComponentDeploymentConfig config) {
        fake.sageMakerClient().updateInferenceComponent(b -> b.inferenceComponentName("ic")
                .specification(Fixtures.llm("new-model")).deploymentConfig(config));
    }

    private String modelId() {
        return Fixtures.component(fake, "ic").specification().container().environment().get("HF_MODEL_ID");
    }

    /** Steps the clock in 10 s ticks while the component updates, recording every description. */
    private List<DescribeInferenceComponentResponse> watchUpdate() {
        List<DescribeInferenceComponentResponse> seen = new ArrayList<>();
        DescribeInferenceComponentResponse d = Fixtures.component(fake, "ic");
        while (d.inferenceComponentStatus() == InferenceComponentStatus.UPDATING && seen.size() < 5000) {
            seen.add(d);
            fake.clock().advance(Duration.ofSeconds(10));
            d = Fixtures.component(fake, "ic");
        }
        seen.add(d);
        return seen;
    }

    private void alarm(String name) {
        fake.cloudWatchClient().putMetricAlarm(b -> b.alarmName(name).namespace("AWS/SageMaker")
                .metricName("Invocation5XXErrors").statistic(Statistic.SUM).period(60).evaluationPeriods(1)
                .threshold(1.0).comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .dimensions(dim -> dim.name("InferenceComponentName").value("ic")));
    }

    @Test
    @DisplayName("copyCountBatches: add new copies beside old ones, and finish with the new specification")
    void copyCountBatchesAddNewCopiesBesideOldOnesAndFinishWithTheNewSpecification() {
        deploy(4);
        update(policy(copies(2), copies(1), null, null));
        List<DescribeInferenceComponentResponse> seen = watchUpdate();

        assertThat(seen).allSatisfy(d -> {
            assertThat(d.runtimeConfig().desiredCopyCount()).isEqualTo(4);
            assertThat(d.runtimeConfig().currentCopyCount()).isBetween(2, 6);
        });
        assertThat(seen).extracting(d -> d.runtimeConfig().currentCopyCount()).contains(6);
        assertThat(seen.subList(0, seen.size() - 1)).allSatisfy(d -> assertThat(d.specification().container()
                .environment().get("HF_MODEL_ID")).isEqualTo("old-model"));
        assertThat(modelId()).isEqualTo("new-model");
        assertThat(fake.timeline().eventsOf(Kind.BATCH_STARTED)).extracting(TimelineEvent::detail)
                .containsExactly("batch 1/2: +2 new copies", "batch 2/2: +2 new copies");
        assertThat(fake.timeline().eventsOf(Kind.BAKE_STARTED)).hasSize(2);
        // batch 2 starts once batch 1 has baked 120 s and its old copies have drained
        assertThat(fake.timeline().eventsOf(Kind.BATCH_STARTED).get(1).at()).isEqualTo(fake.timeline()
                .eventsOf(Kind.BAKE_STARTED).get(0).at().plusSeconds(120).plus(fake.timings().copyShutdown()));
        assertThat(Fixtures.component(fake, "ic").lastDeploymentConfig()).isEqualTo(policy(copies(2), copies(1), null, null));
    }

    @Test
    @DisplayName("hundred copies in batches of ten, take ten batches and scale the fleet out and in")
    void hundredCopiesInBatchesOfTenTakeTenBatchesAndScaleTheFleetOutAndIn() {
        Fixtures.icEndpoint(fake, "ep", "ml.g5.48xlarge", 13, 1, 20);
        Fixtures.createComponent(fake, "ic", "ep", Fixtures.llm("old-model"), 100);
        Fixtures.awaitComponent(fake, "ic", InferenceComponentStatus.IN_SERVICE);
        update(policy(copies(10), null, null, null));
        List<DescribeInferenceComponentResponse> seen = watchUpdate();

        assertThat(fake.timeline().eventsOf(Kind.BATCH_STARTED)).hasSize(10);
        assertThat(seen).extracting(d -> d.runtimeConfig().currentCopyCount()).allMatch(n -> n >= 90 && n <= 110)
                .contains(110);
        assertThat(modelId()).isEqualTo("new-model");
        assertThat(Fixtures.component(fake, "ic").runtimeConfig().currentCopyCount()).isEqualTo(100);
        assertThat(fake.timeline().valuesOf("ep", Kind.INSTANCE_COUNT)).contains("14");
        fake.clock().advance(Duration.ofMinutes(30));
        // idle release frees only empty instances (no consolidation), and 100 GPUs need at least 13
        assertThat(Fixtures.instances(fake, "ep")).isBetween(13, 14);
    }

    @Test
    @DisplayName("capacityPercentBatches: are floored with a minimum of one")
    void capacityPercentBatchesAreFlooredWithAMinimumOfOne() {
        deploy(8);
        update(policy(percent(30), null, null, null));
        watchUpdate();
        // 30 % of 8 = 2.4 -> 2 copies per batch, 4 batches
        assertThat(fake.timeline().eventsOf(Kind.BATCH_STARTED)).hasSize(4);
        assertThat(modelId()).isEqualTo("new-model");
    }

    @Test
    @DisplayName("alarmDuringBaking: rolls back in rollback batches, to the old specification")
    void alarmDuringBakingRollsBackInRollbackBatchesToTheOldSpecification() {
        deploy(4);
        alarm("ic-5xx");
        update(policy(copies(2), copies(1), null, "ic-5xx"));
        assertThat(fake.clock().advanceUntil(() -> fake.timeline().eventsOf(Kind.BAKE_STARTED).size() == 2,
                Duration.ofHours(1))).isTrue();
        fake.cloudWatchClient().setAlarmState(b -> b.alarmName("ic-5xx").stateValue(StateValue.ALARM)
                .stateReason("test lever"));
        List<DescribeInferenceComponentResponse> seen = watchUpdate();

        DescribeInferenceComponentResponse after = seen.get(seen.size() - 1);
        assertThat(after.inferenceComponentStatus()).isEqualTo(InferenceComponentStatus.IN_SERVICE);
        assertThat(after.runtimeConfig().currentCopyCount()).isEqualTo(4);
        assertThat(after.runtimeConfig().desiredCopyCount()).isEqualTo(4);
        assertThat(after.failureReason()).isNull();
        assertThat(after.lastDeploymentConfig()).isEqualTo(policy(copies(2), copies(1), null, "ic-5xx"));
        assertThat(modelId()).isEqualTo("old-model");
        assertThat(fake.timeline().eventsOf(Kind.ROLLBACK_STARTED)).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("ic-5xx"));
        // two old copies were removed after batch 1, so two rollback batches of one copy restore them
        assertThat(fake.timeline().eventsOf(Kind.ROLLBACK_BATCH_STARTED)).hasSize(2);
        assertThat(fake.timeline().eventsOf(Kind.DEPLOYMENT_SUCCEEDED)).isEmpty();
    }

    @Test
    @DisplayName("rollback without rollback batch size, restores everything at once")
    void rollbackWithoutRollbackBatchSizeRestoresEverythingAtOnce() {
        deploy(4);
        alarm("ic-5xx");
        update(policy(copies(1), null, null, "ic-5xx"));
        fake.clock().advanceUntil(() -> fake.timeline().eventsOf(Kind.BATCH_STARTED).size() == 3, Duration.ofHours(2));
        fake.cloudWatchClient().setAlarmState(b -> b.alarmName("ic-5xx").stateValue(StateValue.ALARM).stateReason("x"));
        watchUpdate();
        assertThat(fake.timeline().eventsOf(Kind.ROLLBACK_BATCH_STARTED)).singleElement()
                .satisfies(e -> assertThat(e.detail()).endsWith("+2 old copies"));
        assertThat(modelId()).isEqualTo("old-model");
        assertThat(Fixtures.component(fake, "ic").runtimeConfig().currentCopyCount()).isEqualTo(4);
    }

    @Test
    @DisplayName("exceeding the maximum execution timeout, rolls back")
    void exceedingTheMaximumExecutionTimeoutRollsBack() {
        deploy(2);
        // new copies hang in their health check (12 min) for longer than the 600 s execution timeout
        fake.givenContainerWithEnv("HF_MODEL_ID", "new-model", ContainerBehavior.neverHealthy());
        update(policy(copies(1), null, 600, null));
        watchUpdate();
        assertThat(fake.timeline().eventsOf(Kind.ROLLBACK_STARTED)).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("MaximumExecutionTimeoutInSeconds"));
        assertThat(fake.timeline().eventsOf(Kind.ROLLBACK_STARTED).get(0).at())
                .isEqualTo(fake.timeline().eventsOf(Kind.BATCH_STARTED).get(0).at().plusSeconds(600));
        assertThat(modelId()).isEqualTo("old-model");
        assertThat(Fixtures.component(fake, "ic").inferenceComponentStatus()).isEqualTo(InferenceComponentStatus.IN_SERVICE);
    }

    @Test
    @DisplayName("insufficient capacity during an update, rolls back after the placement timeout")
    void insufficientCapacityDuringAnUpdateRollsBackAfterThePlacementTimeout() {
        Fixtures.icEndpoint(fake, "ep", "ml.g5.2xlarge", 2, 1, 2);
        Fixtures.createComponent(fake, "ic", "ep", Fixtures.llm("old-model"), 2);
        Fixtures.awaitComponent(fake, "ic", InferenceComponentStatus.IN_SERVICE);
        update(policy(copies(1), null, null, null));
        watchUpdate();
        assertThat(fake.timeline().eventsOf(Kind.ROLLBACK_STARTED)).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("insufficient capacity"));
        assertThat(modelId()).isEqualTo("old-model");
        assertThat(Fixtures.component(fake, "ic").runtimeConfig().currentCopyCount()).isEqualTo(2);
    }

    @Test
    @DisplayName("new copies failing their health check, roll back")
    void newCopiesFailingTheirHealthCheckRollBack() {
        deploy(2);
        fake.givenContainerWithEnv("HF_MODEL_ID", "new-model", ContainerBehavior.neverHealthy());
        update(policy(copies(1), null, null, null));
        watchUpdate();
        assertThat(fake.timeline().eventsOf(Kind.ROLLBACK_STARTED)).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("health check"));
        assertThat(modelId()).isEqualTo("old-model");
    }

    @Test
    @DisplayName("specification update without deployment config, replaces all copies in one batch")
    void specificationUpdateWithoutDeploymentConfigReplacesAllCopiesInOneBatch() {
        deploy(3);
        fake.sageMakerClient().updateInferenceComponent(b -> b.inferenceComponentName("ic")
                .specification(Fixtures.llm("new-model")));
        watchUpdate();
        // no baking: the six copies exist for an instant, then the old three drain
        assertThat(fake.timeline().valuesOf("ic", Kind.COPY_COUNT)).contains("6");
        assertThat(fake.timeline().eventsOf(Kind.BATCH_STARTED)).hasSize(1);
        assertThat(modelId()).isEqualTo("new-model");
        assertThat(Fixtures.component(fake, "ic").lastDeploymentConfig()).isNull();
    }

    @Test
    @DisplayName("update changing the copy count, ends at the new count")
    void updateChangingTheCopyCountEndsAtTheNewCount() {
        deploy(2);
        fake.sageMakerClient().updateInferenceComponent(b -> b.inferenceComponentName("ic")
                .specification(Fixtures.llm("new-model")).runtimeConfig(r -> r.copyCount(4))
                .deploymentConfig(policy(copies(2), null, null, null)));
        watchUpdate();
        assertThat(Fixtures.component(fake, "ic").runtimeConfig().currentCopyCount()).isEqualTo(4);
        assertThat(modelId()).isEqualTo("new-model");
    }

    @Test
    @DisplayName("invalidPolicies: are rejected")
    void invalidPoliciesAreRejected() {
        deploy(10);
        assertThatThrownBy(() -> update(policy(copies(6), null, null, null)))
                .hasMessageStartingWith("The MaximumBatchSize of 6 copies must be between 5% and 50%");
        assertThatThrownBy(() -> update(policy(copies(1), null, 100, null))).hasMessageStartingWith(
                "1 validation error detected: Value '100' at 'deploymentConfig.rollingUpdatePolicy"
                        + ".maximumExecutionTimeoutInSeconds' failed to satisfy constraint: Member must have value"
                        + " greater than or equal to 600");
        assertThatThrownBy(() -> update(policy(percent(150), null, null, null)))
                .hasMessageContaining("'deploymentConfig.rollingUpdatePolicy.maximumBatchSize.value'");
        assertThat(Fixtures.component(fake, "ic").inferenceComponentStatus()).isEqualTo(InferenceComponentStatus.IN_SERVICE);
    }

    @Test
    @DisplayName("rollbackFailureReason: is configurable")
    void rollbackFailureReasonIsConfigurable() {
        FakeSageMaker custom = FakeSageMaker.builder().rollbackFailureReason("Rolled back: alarm").build();
        Fixtures.icEndpoint(custom, "ep", "ml.g5.48xlarge", 1, 1, 2);
        Fixtures.createComponent(custom, "ic", "ep", Fixtures.llm("old-model"), 2);
        Fixtures.awaitComponent(custom, "ic", InferenceComponentStatus.IN_SERVICE);
        custom.givenContainerWithEnv("HF_MODEL_ID", "new-model", ContainerBehavior.neverHealthy());
        custom.sageMakerClient().updateInferenceComponent(b -> b.inferenceComponentName("ic")
                .specification(Fixtures.llm("new-model")).deploymentConfig(policy(copies(1), null, null, null)));
        custom.clock().advanceUntil(() -> !custom.timeline().eventsOf(Kind.ROLLBACK_FINISHED).isEmpty(), Duration.ofHours(2));
        assertThat(Fixtures.component(custom, "ic").failureReason()).isEqualTo("Rolled back: alarm");
    }
}
