package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.testkit.TimelineEvent.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantStatus;
import software.amazon.awssdk.services.sagemaker.model.VariantStatus;

/**
 * {@code VariantStatus} of serving and pending variants
 * (<a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeEndpoint.html">
 * DescribeEndpoint</a>: {@code ProductionVariants} and {@code PendingDeploymentSummary}).
 */
class EndpointVariantStatusTest {

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final SageMakerClient sm = fake.sageMakerClient();

    private void versionOneOnTwoInstances() {
        Fixtures.model(fake, "model-v1", "v1");
        Fixtures.model(fake, "model-v2", "v2");
        Fixtures.modelConfig(fake, "cfg-v1", "model-v1", 2);
        Fixtures.modelConfig(fake, "cfg-v2", "model-v2", 2);
        sm.createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg-v1"));
        Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE);
        Fixtures.fiveXxAlarm(fake, "guard", "ep", "AllTraffic");
    }

    private static DeploymentConfig canary(int wait, int terminationWait) {
        return DeploymentConfig.builder().blueGreenUpdatePolicy(p -> p.terminationWaitInSeconds(terminationWait)
                        .trafficRoutingConfiguration(r -> r.type("CANARY").waitIntervalInSeconds(wait)
                                .canarySize(s -> s.type("INSTANCE_COUNT").value(1))))
                .autoRollbackConfiguration(a -> a.alarms(al -> al.alarmName("guard"))).build();
    }

    private ProductionVariantStatus pendingStage() {
        return Fixtures.endpoint(fake, "ep").pendingDeploymentSummary().productionVariants().get(0).variantStatus()
                .get(0);
    }

    @Test
    @DisplayName("createEndpoint: shows creating until in service, then nothing")
    void createEndpointShowsCreatingUntilInServiceThenNothing() {
        Fixtures.model(fake, "model-v1", "v1");
        Fixtures.modelConfig(fake, "cfg-v1", "model-v1", 2);
        Instant created = fake.clock().now();
        sm.createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg-v1"));

        assertThat(Fixtures.endpoint(fake, "ep").productionVariants().get(0).variantStatus()).singleElement()
                .isEqualTo(ProductionVariantStatus.builder().status(VariantStatus.CREATING)
                        .statusMessage("Launching 2 instance(s).").startTime(created).build());
        fake.clock().advance(fake.timings().instanceLaunch());
        assertThat(Fixtures.stages(fake, "ep")).as("instances up, model still loading").containsExactly("Creating");

        assertThat(Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE)).isTrue();
        assertThat(Fixtures.stages(fake, "ep")).isEmpty();
    }

    @Test
    @DisplayName("capacityChange: shows updating with the new count")
    void capacityChangeShowsUpdatingWithTheNewCount() {
        versionOneOnTwoInstances();
        sm.updateEndpointWeightsAndCapacities(b -> b.endpointName("ep")
                .desiredWeightsAndCapacities(d -> d.variantName("AllTraffic").desiredInstanceCount(3)));
        assertThat(Fixtures.endpoint(fake, "ep").productionVariants().get(0).variantStatus()).singleElement()
                .satisfies(s -> {
                    assertThat(s.status()).isEqualTo(VariantStatus.UPDATING);
                    assertThat(s.statusMessage()).isEqualTo("Scaling out desired instance count to 3.");
                });
        assertThat(Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE)).isTrue();
        assertThat(Fixtures.stages(fake, "ep")).isEmpty();
    }

    @Test
    @DisplayName("blueGreenCanary: steps the pending variant through its stages, then terminates the old fleet")
    void blueGreenCanaryStepsThePendingVariantThroughItsStagesThenTerminatesTheOldFleet() {
        versionOneOnTwoInstances();
        Instant start = fake.clock().now();
        sm.updateEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg-v2").deploymentConfig(canary(600, 300)));

        assertThat(pendingStage().status()).isEqualTo(VariantStatus.CREATING);
        assertThat(pendingStage().statusMessage()).isEqualTo("Launching 2 instance(s).");
        assertThat(Fixtures.stages(fake, "ep")).as("the serving variant shows no stage meanwhile").isEmpty();

        fake.clock().advanceUntil(() -> pendingStage().status() != VariantStatus.CREATING, Duration.ofHours(1));
        assertThat(pendingStage().statusMessage()).isEqualTo("Activating traffic on canary capacity of 1 instance(s).");
        fake.clock().advance(fake.timings().trafficActivation());
        assertThat(pendingStage()).isEqualTo(ProductionVariantStatus.builder().status(VariantStatus.BAKING)
                .statusMessage("Baking for 600 seconds (WaitIntervalInSeconds) with traffic enabled on canary"
                        + " capacity of 1 instance(s).").startTime(fake.clock().now()).build());

        fake.clock().advance(Duration.ofSeconds(600));
        assertThat(pendingStage().statusMessage()).isEqualTo("Activating traffic on full capacity of 2 instance(s).");
        fake.clock().advance(fake.timings().trafficActivation().plusSeconds(600));
        assertThat(pendingStage().statusMessage()).isEqualTo("Baking for 300 seconds (TerminationWaitInSeconds)"
                + " with traffic enabled on full capacity of 2 instance(s).");
        assertThat(Fixtures.endpoint(fake, "ep").endpointConfigName()).as("blue still up").isEqualTo("cfg-v1");

        fake.clock().advance(Duration.ofSeconds(300));
        assertThat(Fixtures.endpoint(fake, "ep").endpointConfigName()).as("blue being terminated").isEqualTo("cfg-v1");
        assertThat(Fixtures.endpoint(fake, "ep").pendingDeploymentSummary().endpointConfigName()).isEqualTo("cfg-v2");
        assertThat(Fixtures.endpoint(fake, "ep").productionVariants().get(0).variantStatus()).singleElement()
                .satisfies(s -> {
                    assertThat(s.status()).isEqualTo(VariantStatus.DELETING);
                    assertThat(s.statusMessage()).isEqualTo("Terminating 2 instance(s).");
                });

        assertThat(Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE)).isTrue();
        assertThat(Fixtures.endpoint(fake, "ep").endpointConfigName()).isEqualTo("cfg-v2");
        assertThat(Fixtures.stages(fake, "ep")).isEmpty();
        List<String> sequence = fake.timeline().eventsOf(Kind.VARIANT_STATUS).stream()
                .filter(e -> !e.at().isBefore(start) && e.to() != null).map(TimelineEvent::to).toList();
        assertThat(sequence).containsExactly("Creating", "ActivatingTraffic", "Baking", "ActivatingTraffic", "Baking",
                "Baking", "Deleting");
    }

    @Test
    @DisplayName("while blue is terminated, the endpoint is updating on its old config with the pending summary, and green serves")
    void whileBlueIsTerminatedTheEndpointIsUpdatingOnItsOldConfigWithThePendingSummaryAndGreenServes() {
        versionOneOnTwoInstances();
        sm.updateEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg-v2"));
        assertThat(fake.clock().advanceUntil(() -> !fake.timeline().eventsOf(Kind.DEPLOYMENT_SUCCEEDED).isEmpty(),
                Duration.ofHours(1))).isTrue();

        DescribeEndpointResponse terminating = Fixtures.endpoint(fake, "ep");
        assertThat(terminating.endpointStatus()).isEqualTo(EndpointStatus.UPDATING);
        assertThat(terminating.endpointConfigName()).isEqualTo("cfg-v1");
        assertThat(terminating.pendingDeploymentSummary().endpointConfigName()).isEqualTo("cfg-v2");
        assertThat(terminating.productionVariants().get(0).variantStatus()).singleElement()
                .isEqualTo(ProductionVariantStatus.builder().status(VariantStatus.DELETING)
                        .statusMessage("Terminating 2 instance(s).").startTime(fake.clock().now()).build());
        assertThat(Fixtures.invoke(fake, "ep", 20)).containsOnlyKeys("v2");

        fake.clock().advance(fake.timings().instanceTermination());
        DescribeEndpointResponse done = Fixtures.endpoint(fake, "ep");
        assertThat(done.endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
        assertThat(done.endpointConfigName()).isEqualTo("cfg-v2");
        assertThat(done.pendingDeploymentSummary()).isNull();
        assertThat(done.productionVariants().get(0).variantStatus()).isEmpty();
        assertThat(Fixtures.invoke(fake, "ep", 20)).containsOnlyKeys("v2");
    }

    @Test
    @DisplayName("an alarm during the termination wait, still rolls back to blue")
    void anAlarmDuringTheTerminationWaitStillRollsBackToBlue() {
        versionOneOnTwoInstances();
        sm.updateEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg-v2").deploymentConfig(canary(60, 600)));
        fake.clock().advanceUntil(() -> pendingStage().statusMessage().contains("TerminationWaitInSeconds"),
                Duration.ofHours(1));

        fake.cloudWatchClient().setAlarmState(b -> b.alarmName("guard").stateValue(StateValue.ALARM).stateReason("t"));

        assertThat(Fixtures.endpoint(fake, "ep").endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
        assertThat(Fixtures.endpoint(fake, "ep").endpointConfigName()).isEqualTo("cfg-v1");
        assertThat(Fixtures.endpoint(fake, "ep").pendingDeploymentSummary()).isNull();
        assertThat(Fixtures.stages(fake, "ep")).isEmpty();
        assertThat(Fixtures.invoke(fake, "ep", 20)).containsOnlyKeys("v1");
    }
}
