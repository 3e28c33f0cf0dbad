package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.testkit.TimelineEvent.Kind;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantStatus;
import software.amazon.awssdk.services.sagemaker.model.VariantStatus;

/**
 * UpdateEndpoint with a
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_RollingUpdatePolicy.html">
 * RollingUpdatePolicy</a> on a model-based endpoint
 * (<a href="https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-rolling.html">rolling
 * deployments</a>).
 */
class EndpointRollingDeploymentTest {

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final SageMakerClient sm = fake.sageMakerClient();

    @BeforeEach
    void versionOneOnFourInstances() {
        deploy(fake);
    }

    private static void deploy(FakeSageMaker world) {
        Fixtures.model(world, "model-v1", "v1");
        Fixtures.model(world, "model-v2", "v2");
        Fixtures.modelConfig(world, "cfg-v1", "model-v1", 4);
        Fixtures.modelConfig(world, "cfg-v2", "model-v2", 4);
        world.sageMakerClient().createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg-v1"));
        Fixtures.awaitEndpoint(world, "ep", EndpointStatus.IN_SERVICE);
        Fixtures.fiveXxAlarm(world, "guard", "ep", "AllTraffic");
    }

    private static DeploymentConfig rolling(int batch, int wait, Integer rollbackBatch) {
        return DeploymentConfig.builder().rollingUpdatePolicy(p -> {
            p.maximumBatchSize(s -> s.type("INSTANCE_COUNT").value(batch)).waitIntervalInSeconds(wait);
            if (rollbackBatch != null) {
                p.rollbackMaximumBatchSize(s -> s.type("INSTANCE_COUNT").value(rollbackBatch));
            }
        }).autoRollbackConfiguration(a -> a.alarms(al -> al.alarmName("guard"))).build();
    }

    private void update(DeploymentConfig config) {
        sm.updateEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg-v2").deploymentConfig(config));
    }

    private boolean advanceUntil(Kind kind, int count) {
        return fake.clock().advanceUntil(() -> fake.timeline().eventsOf(kind).size() >= count, Duration.ofHours(4));
    }

    @Test
    @DisplayName("rolls out batch by batch, old and new serve together while baking, with only one batch of extra capacity")
    void rollsOutBatchByBatchOldAndNewServeTogetherWhileBakingWithOnlyOneBatchOfExtraCapacity() {
        fake.givenInstanceCapacity("ml.m5.xlarge", 6);
        update(rolling(2, 300, null));

        DescribeEndpointResponse starting = Fixtures.endpoint(fake, "ep");
        assertThat(starting.endpointStatus()).isEqualTo(EndpointStatus.UPDATING);
        assertThat(starting.endpointConfigName()).isEqualTo("cfg-v1");
        assertThat(starting.pendingDeploymentSummary().endpointConfigName()).isEqualTo("cfg-v2");
        assertThat(starting.pendingDeploymentSummary().productionVariants().get(0).variantStatus()).singleElement()
                .satisfies(s -> {
                    assertThat(s.status()).isEqualTo(VariantStatus.CREATING);
                    assertThat(s.statusMessage()).isEqualTo("Launching 2 instance(s).");
                    assertThat(s.startTime()).isEqualTo(fake.clock().now());
                });

        assertThat(advanceUntil(Kind.TRAFFIC_SHIFTED, 1)).isTrue();
        assertThat(Fixtures.pendingStages(fake, "ep")).containsExactly("Baking");
        Map<String, Integer> mixed = Fixtures.invoke(fake, "ep", 300);
        assertThat(mixed.get("v1")).as("4 old of 6 serving instances").isBetween(160, 240);
        assertThat(mixed.get("v2")).as("2 new of 6 serving instances").isBetween(60, 140);

        assertThat(Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE)).isTrue();
        DescribeEndpointResponse done = Fixtures.endpoint(fake, "ep");
        assertThat(done.endpointConfigName()).isEqualTo("cfg-v2");
        assertThat(done.pendingDeploymentSummary()).isNull();
        assertThat(done.productionVariants().get(0).currentInstanceCount()).isEqualTo(4);
        assertThat(done.productionVariants().get(0).variantStatus()).isEmpty();
        assertThat(done.lastDeploymentConfig()).isEqualTo(rolling(2, 300, null));
        assertThat(Fixtures.invoke(fake, "ep", 20)).containsOnlyKeys("v2");
        assertThat(fake.timeline().eventsOf(Kind.BATCH_STARTED)).extracting(TimelineEvent::detail)
                .containsExactly("batch 1/2: +2 new instance(s)", "batch 2/2: +2 new instance(s)");
        assertThat(fake.timeline().eventsOf(Kind.VARIANT_STATUS)).filteredOn(e -> "Deleting".equals(e.to()))
                .extracting(TimelineEvent::detail)
                .containsExactly("variant AllTraffic (serving): Terminating 2 instance(s).",
                        "variant AllTraffic (serving): Terminating 2 instance(s).");
        assertThat(fake.timeline().eventsOf(Kind.ROLLBACK_STARTED)).isEmpty();
    }

    @Test
    @DisplayName("pendingVariant: steps through creating activating traffic and baking, and the old one through deleting")
    void pendingVariantStepsThroughCreatingActivatingTrafficAndBakingAndTheOldOneThroughDeleting() {
        java.time.Instant updated = fake.clock().now();
        update(rolling(2, 0, null));
        assertThat(Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE)).isTrue();
        assertThat(fake.timeline().eventsOf(Kind.VARIANT_STATUS)).filteredOn(e -> !e.at().isBefore(updated))
                .filteredOn(e -> e.to() != null).extracting(e -> e.to() + ": " + e.detail()).containsExactly(
                        "Creating: variant AllTraffic (pending config cfg-v2): Launching 2 instance(s).",
                        "ActivatingTraffic: variant AllTraffic (pending config cfg-v2): Activating traffic on 2"
                                + " instance(s).",
                        "Baking: variant AllTraffic (pending config cfg-v2): Baking for 0 seconds"
                                + " (WaitIntervalInSeconds) with traffic enabled on 2 of 4 instance(s).",
                        "Deleting: variant AllTraffic (serving): Terminating 2 instance(s).",
                        "Creating: variant AllTraffic (pending config cfg-v2): Launching 2 instance(s).",
                        "ActivatingTraffic: variant AllTraffic (pending config cfg-v2): Activating traffic on 2"
                                + " instance(s).",
                        "Baking: variant AllTraffic (pending config cfg-v2): Baking for 0 seconds"
                                + " (WaitIntervalInSeconds) with traffic enabled on 4 of 4 instance(s).",
                        "Deleting: variant AllTraffic (serving): Terminating 2 instance(s).");
    }

    @Test
    @DisplayName("alarm during a bake, brings old capacity back in rollback batches, and ends in service on the old config")
    void alarmDuringABakeBringsOldCapacityBackInRollbackBatchesAndEndsInServiceOnTheOldConfig() {
        update(rolling(2, 600, 1));
        assertThat(advanceUntil(Kind.TRAFFIC_SHIFTED, 2)).as("second batch baking").isTrue();
        assertThat(Fixtures.invoke(fake, "ep", 100)).containsOnlyKeys("v1", "v2");

        fake.cloudWatchClient().setAlarmState(b -> b.alarmName("guard").stateValue(StateValue.ALARM).stateReason("t"));
        assertThat(fake.timeline().eventsOf(Kind.ROLLBACK_STARTED)).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("alarm guard in ALARM during baking"));
        assertThat(Fixtures.endpoint(fake, "ep").endpointStatus()).isEqualTo(EndpointStatus.UPDATING);

        assertThat(Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE)).isTrue();
        DescribeEndpointResponse after = Fixtures.endpoint(fake, "ep");
        assertThat(after.endpointConfigName()).isEqualTo("cfg-v1");
        assertThat(after.pendingDeploymentSummary()).isNull();
        assertThat(after.failureReason()).isNull();
        assertThat(after.lastDeploymentConfig()).isEqualTo(rolling(2, 600, 1));
        assertThat(after.productionVariants().get(0).currentInstanceCount()).isEqualTo(4);
        assertThat(Fixtures.invoke(fake, "ep", 40)).containsOnlyKeys("v1");
        assertThat(fake.timeline().eventsOf(Kind.ROLLBACK_BATCH_STARTED)).extracting(TimelineEvent::detail)
                .containsExactly("rollback batch 1: +1 old instance(s)", "rollback batch 2: +1 old instance(s)");
        assertThat(fake.timeline().eventsOf(Kind.ROLLBACK_FINISHED)).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("back to config cfg-v1"));
    }

    @Test
    @DisplayName("without rollback maximum batch size, the old capacity comes back all at once")
    void withoutRollbackMaximumBatchSizeTheOldCapacityComesBackAllAtOnce() {
        update(rolling(2, 600, null));
        assertThat(advanceUntil(Kind.TRAFFIC_SHIFTED, 2)).isTrue();
        fake.cloudWatchClient().setAlarmState(b -> b.alarmName("guard").stateValue(StateValue.ALARM).stateReason("t"));
        assertThat(Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE)).isTrue();
        assertThat(fake.timeline().eventsOf(Kind.ROLLBACK_BATCH_STARTED)).extracting(TimelineEvent::detail)
                .containsExactly("rollback batch 1: +2 old instance(s)");
        assertThat(Fixtures.endpoint(fake, "ep").endpointConfigName()).isEqualTo("cfg-v1");
    }

    @Test
    @DisplayName("a variant only the old config has, comes back in batches of rollback maximum batch size too")
    void aVariantOnlyTheOldConfigHasComesBackInBatchesOfRollbackMaximumBatchSizeToo() {
        // terminations take long, so the execution timeout hits while the old-only variant shrinks
        FakeSageMaker world = FakeSageMaker.builder().timings(FakeTimings.defaults().toBuilder()
                .instanceTermination(Duration.ofHours(2)).build()).build();
        Fixtures.model(world, "model-v1", "v1");
        Fixtures.model(world, "model-v2", "v2");
        world.sageMakerClient().createEndpointConfig(b -> b.endpointConfigName("old").productionVariants(
                ProductionVariant.builder().variantName("B").modelName("model-v1").instanceType("ml.m5.xlarge")
                        .initialInstanceCount(4).build()));
        world.sageMakerClient().createEndpointConfig(b -> b.endpointConfigName("new").productionVariants(
                ProductionVariant.builder().variantName("C").modelName("model-v2").instanceType("ml.m5.xlarge")
                        .initialInstanceCount(4).build()));
        world.sageMakerClient().createEndpoint(b -> b.endpointName("ep").endpointConfigName("old"));
        Fixtures.awaitEndpoint(world, "ep", EndpointStatus.IN_SERVICE);
        world.sageMakerClient().updateEndpoint(b -> b.endpointName("ep").endpointConfigName("new").deploymentConfig(
                DeploymentConfig.builder().rollingUpdatePolicy(p -> p.maximumBatchSize(s -> s.type("INSTANCE_COUNT")
                        .value(2)).waitIntervalInSeconds(0).maximumExecutionTimeoutInSeconds(3600)
                        .rollbackMaximumBatchSize(s -> s.type("INSTANCE_COUNT").value(1))).build()));

        assertThat(Fixtures.awaitEndpoint(world, "ep", EndpointStatus.IN_SERVICE)).isTrue();
        assertThat(world.timeline().eventsOf(Kind.ROLLBACK_STARTED)).singleElement().satisfies(e -> assertThat(
                e.detail()).isEqualTo("deployment exceeded MaximumExecutionTimeoutInSeconds (3600 s)"));
        assertThat(world.timeline().eventsOf(Kind.VARIANT_STATUS)).filteredOn(e -> "Deleting".equals(e.to()))
                .extracting(TimelineEvent::detail).startsWith("variant B (serving): Terminating 2 instance(s).");
        assertThat(world.timeline().eventsOf(Kind.ROLLBACK_BATCH_STARTED)).extracting(TimelineEvent::detail)
                .containsExactly("rollback batch 1: +1 old instance(s)", "rollback batch 2: +1 old instance(s)");
        DescribeEndpointResponse after = Fixtures.endpoint(world, "ep");
        assertThat(after.endpointConfigName()).isEqualTo("old");
        assertThat(after.productionVariants().get(0).currentInstanceCount()).isEqualTo(4);
    }

    @Test
    @DisplayName("new containers failing their health check, roll back before any traffic reaches them")
    void newContainersFailingTheirHealthCheckRollBackBeforeAnyTrafficReachesThem() {
        fake.givenContainerFor("model-v2", ContainerBehavior.neverHealthy());
        update(rolling(1, 300, null));
        assertThat(Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE)).isTrue();
        assertThat(fake.timeline().eventsOf(Kind.ROLLBACK_STARTED)).singleElement().satisfies(e -> assertThat(
                e.detail()).isEqualTo("the primary container for production variant AllTraffic of the new"
                + " configuration did not pass the ping health check"));
        assertThat(fake.timeline().eventsOf(Kind.TRAFFIC_SHIFTED)).isEmpty();
        assertThat(fake.timeline().eventsOf(Kind.ROLLBACK_BATCH_STARTED)).as("no old capacity was lost").isEmpty();
        DescribeEndpointResponse after = Fixtures.endpoint(fake, "ep");
        assertThat(after.endpointConfigName()).isEqualTo("cfg-v1");
        assertThat(after.productionVariants().get(0).currentInstanceCount()).isEqualTo(4);
        assertThat(Fixtures.invoke(fake, "ep", 20)).containsOnlyKeys("v1");
    }

    @Test
    @DisplayName("exceeding maximum execution timeout, rolls back")
    void exceedingMaximumExecutionTimeoutRollsBack() {
        update(DeploymentConfig.builder().rollingUpdatePolicy(p -> p.maximumBatchSize(s -> s.type("INSTANCE_COUNT")
                .value(1)).waitIntervalInSeconds(3600).maximumExecutionTimeoutInSeconds(1200)).build());
        assertThat(Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE)).isTrue();
        assertThat(fake.timeline().eventsOf(Kind.ROLLBACK_STARTED)).singleElement().satisfies(e -> {
            assertThat(e.detail()).isEqualTo("deployment exceeded MaximumExecutionTimeoutInSeconds (1200 s)");
            assertThat(e.at()).isEqualTo(fake.timeline().eventsOf(Kind.BATCH_STARTED).get(0).at().plusSeconds(1200));
        });
        assertThat(Fixtures.endpoint(fake, "ep").endpointConfigName()).isEqualTo("cfg-v1");
        assertThat(Fixtures.invoke(fake, "ep", 20)).containsOnlyKeys("v1");
    }

    @Test
    @DisplayName("rollback that cannot bring old capacity back, leaves the endpoint update rollback failed serving the mix")
    void rollbackThatCannotBringOldCapacityBackLeavesTheEndpointUpdateRollbackFailedServingTheMix() {
        update(rolling(2, 600, null));
        assertThat(advanceUntil(Kind.TRAFFIC_SHIFTED, 2)).isTrue();
        fake.givenNoCapacity("ml.m5.xlarge");
        fake.cloudWatchClient().setAlarmState(b -> b.alarmName("guard").stateValue(StateValue.ALARM).stateReason("t"));

        assertThat(Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.UPDATE_ROLLBACK_FAILED)).isTrue();
        DescribeEndpointResponse failed = Fixtures.endpoint(fake, "ep");
        assertThat(failed.failureReason()).startsWith("the old configuration's capacity could not be provisioned again");
        assertThat(failed.endpointConfigName()).isEqualTo("cfg-v1");
        assertThat(failed.pendingDeploymentSummary().productionVariants().get(0).currentInstanceCount()).isEqualTo(4);
        assertThat(failed.productionVariants().get(0).currentInstanceCount()).isEqualTo(2);
        assertThat(Fixtures.invoke(fake, "ep", 100)).containsOnlyKeys("v1", "v2");
        assertThatThrownBy(() -> sm.updateEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg-v1")))
                .hasMessageStartingWith("Cannot update in-progress endpoint");

        sm.deleteEndpoint(b -> b.endpointName("ep"));
        fake.clock().advance(fake.timings().endpointDeletion());
        assertThat(Fixtures.gone(fake, () -> Fixtures.endpoint(fake, "ep"))).isTrue();
    }

    @Test
    @DisplayName("old containers failing during the rollback, fail it, with the scripted failure reason")
    void oldContainersFailingDuringTheRollbackFailItWithTheScriptedFailureReason() {
        FakeSageMaker world = FakeSageMaker.builder().rollbackFailureReason("Rollback failed: see the logs.").build();
        deploy(world);
        world.sageMakerClient().updateEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg-v2")
                .deploymentConfig(rolling(2, 600, null)));
        assertThat(world.clock().advanceUntil(() -> world.timeline().eventsOf(Kind.TRAFFIC_SHIFTED).size() == 2,
                Duration.ofHours(2))).isTrue();
        // the old model's new copies will not come up: the rollback cannot restore old capacity
        world.givenContainerFor("model-v1", ContainerBehavior.neverHealthy());
        world.cloudWatchClient().setAlarmState(b -> b.alarmName("guard").stateValue(StateValue.ALARM).stateReason("t"));

        assertThat(Fixtures.awaitEndpoint(world, "ep", EndpointStatus.UPDATE_ROLLBACK_FAILED)).isTrue();
        assertThat(Fixtures.endpoint(world, "ep").failureReason()).isEqualTo("Rollback failed: see the logs.");
        assertThat(world.timeline().valuesOf("ep", Kind.STATUS)).endsWith("Updating", "UpdateRollbackFailed");
    }

    @Test
    @DisplayName("a batch outside five to fifty percent of the variant, is refused, unless the rule is off")
    void aBatchOutsideFiveToFiftyPercentOfTheVariantIsRefusedUnlessTheRuleIsOff() {
        assertThatThrownBy(() -> update(rolling(3, 60, null))).hasMessageStartingWith("The MaximumBatchSize of 3 instances must be"
                + " between 5% and 50% of the instance count (4) of production variant AllTraffic.");
        assertThatThrownBy(() -> update(DeploymentConfig.builder().rollingUpdatePolicy(p -> p
                .maximumBatchSize(s -> s.type("CAPACITY_PERCENT").value(75)).waitIntervalInSeconds(60)).build()))
                .hasMessageContaining("MaximumBatchSize of 3 instances");
        assertThat(Fixtures.endpoint(fake, "ep").endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);

        FakeSageMaker lenient = FakeSageMaker.builder().enforceBatchSizeRule(false).build();
        deploy(lenient);
        lenient.sageMakerClient().updateEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg-v2")
                .deploymentConfig(rolling(3, 60, null)));
        assertThat(Fixtures.awaitEndpoint(lenient, "ep", EndpointStatus.IN_SERVICE)).isTrue();
        assertThat(Fixtures.endpoint(lenient, "ep").endpointConfigName()).isEqualTo("cfg-v2");
    }

    @Test
    @DisplayName("policy ranges and required members, fail as model constraints")
    void policyRangesAndRequiredMembersFailAsModelConstraints() {
        assertThatThrownBy(() -> update(DeploymentConfig.builder().rollingUpdatePolicy(p -> p
                .maximumBatchSize(s -> s.type("INSTANCE_COUNT").value(1)).waitIntervalInSeconds(3601)
                .maximumExecutionTimeoutInSeconds(599)).build()))
                .hasMessageStartingWith("2 validation errors detected: Value '3601' at"
                        + " 'deploymentConfig.rollingUpdatePolicy.waitIntervalInSeconds' failed to satisfy constraint:"
                        + " Member must have value less than or equal to 3600; Value '599' at"
                        + " 'deploymentConfig.rollingUpdatePolicy.maximumExecutionTimeoutInSeconds' failed to satisfy"
                        + " constraint: Member must have value greater than or equal to 600");
        assertThatThrownBy(() -> update(DeploymentConfig.builder().rollingUpdatePolicy(p -> p
                .maximumBatchSize(s -> s.type("COPY_COUNT").value(0))).build()))
                .hasMessageContaining("Value null at 'deploymentConfig.rollingUpdatePolicy.waitIntervalInSeconds'"
                        + " failed to satisfy constraint: Member must not be null")
                .hasMessageContaining("Value 'COPY_COUNT' at 'deploymentConfig.rollingUpdatePolicy.maximumBatchSize.type'"
                        + " failed to satisfy constraint: Member must satisfy enum value set: [INSTANCE_COUNT,"
                        + " CAPACITY_PERCENT]")
                .hasMessageContaining("Member must have value greater than or equal to 1");
    }

    @Test
    @DisplayName("stageStartTimes: follow the deployment")
    void stageStartTimesFollowTheDeployment() {
        update(rolling(2, 300, null));
        assertThat(advanceUntil(Kind.TRAFFIC_SHIFTED, 1)).isTrue();
        ProductionVariantStatus baking = Fixtures.endpoint(fake, "ep").pendingDeploymentSummary().productionVariants()
                .get(0).variantStatus().get(0);
        assertThat(baking.startTime()).isEqualTo(fake.timeline().eventsOf(Kind.TRAFFIC_SHIFTED).get(0).at());
        assertThat(baking.statusMessage()).isEqualTo("Baking for 300 seconds (WaitIntervalInSeconds) with traffic"
                + " enabled on 2 of 4 instance(s).");
    }
}
