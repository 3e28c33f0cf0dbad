package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.testkit.TimelineEvent.Kind;
import java.util.Collections;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.Alarm;
import software.amazon.awssdk.services.sagemaker.model.BlueGreenUpdatePolicy;
import software.amazon.awssdk.services.sagemaker.model.DeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.TrafficRoutingConfig;

/**
 * DeploymentConfig rules of
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateEndpoint.html">
 * UpdateEndpoint</a> and
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpoint.html">
 * CreateEndpoint</a> (see also
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-blue-green.html">blue/green
 * deployments</a>).
 */
class EndpointDeploymentPolicyTest {

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final SageMakerClient sm = fake.sageMakerClient();

    @BeforeEach
    void versionOneOnFourInstances() {
        Fixtures.model(fake, "model-v1", "v1");
        Fixtures.model(fake, "model-v2", "v2");
        Fixtures.modelConfig(fake, "cfg-v1", "model-v1", 4);
        Fixtures.modelConfig(fake, "cfg-v2", "model-v2", 4);
        sm.createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg-v1"));
        Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE);
    }

    private static DeploymentConfig blueGreen(Consumer<TrafficRoutingConfig.Builder> routing,
            Consumer<BlueGreenUpdatePolicy.Builder> policy) {
        return DeploymentConfig.builder().blueGreenUpdatePolicy(p -> {
            p.trafficRoutingConfiguration(routing);
            policy.accept(p);
        }).build();
    }

    private void update(DeploymentConfig config) {
        sm.updateEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg-v2").deploymentConfig(config));
    }

    @Test
    @DisplayName("canary: may take at most half of the variant")
    void canaryMayTakeAtMostHalfOfTheVariant() {
        assertThatThrownBy(() -> update(blueGreen(r -> r.type("CANARY").waitIntervalInSeconds(60)
                .canarySize(s -> s.type("INSTANCE_COUNT").value(3)), p -> { })))
                .hasMessageStartingWith("The CanarySize of 3 instances must be at most 50% of the instance count (4)"
                        + " of production variant AllTraffic.");
        assertThatThrownBy(() -> update(blueGreen(r -> r.type("CANARY").waitIntervalInSeconds(60)
                .canarySize(s -> s.type("CAPACITY_PERCENT").value(60)), p -> { })))
                .hasMessageStartingWith("The CanarySize of 60% must be at most 50%");
        update(blueGreen(r -> r.type("CANARY").waitIntervalInSeconds(60)
                .canarySize(s -> s.type("INSTANCE_COUNT").value(2)), p -> { }));
        assertThat(Fixtures.endpoint(fake, "ep").endpointStatus()).isEqualTo(EndpointStatus.UPDATING);
    }

    @Test
    @DisplayName("linearStep: is ten to fifty percent of the variant")
    void linearStepIsTenToFiftyPercentOfTheVariant() {
        assertThatThrownBy(() -> update(blueGreen(r -> r.type("LINEAR").waitIntervalInSeconds(60)
                .linearStepSize(s -> s.type("CAPACITY_PERCENT").value(5)), p -> { })))
                .hasMessageStartingWith("The LinearStepSize of 5% must be between 10% and 50%");
        assertThatThrownBy(() -> update(blueGreen(r -> r.type("LINEAR").waitIntervalInSeconds(60)
                .linearStepSize(s -> s.type("CAPACITY_PERCENT").value(51)), p -> { })))
                .hasMessageStartingWith("The LinearStepSize of 51% must be between 10% and 50%");
        assertThatThrownBy(() -> update(blueGreen(r -> r.type("LINEAR").waitIntervalInSeconds(60)
                .linearStepSize(s -> s.type("INSTANCE_COUNT").value(3)), p -> { })))
                .hasMessageStartingWith("The LinearStepSize of 3 instances must be between 10% and 50% of the instance"
                        + " count (4) of production variant AllTraffic.");
        update(blueGreen(r -> r.type("LINEAR").waitIntervalInSeconds(60)
                .linearStepSize(s -> s.type("CAPACITY_PERCENT").value(50)), p -> { }));
        assertThat(Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE)).isTrue();
        assertThat(fake.timeline().eventsOf(Kind.TRAFFIC_SHIFTED)).extracting(TimelineEvent::detail)
                .containsExactly("to config cfg-v2: 50 %", "to config cfg-v2: 100 %");
    }

    @Test
    @DisplayName("waitsAndTimeouts: are model constraints")
    void waitsAndTimeoutsAreModelConstraints() {
        assertThatThrownBy(() -> update(blueGreen(r -> r.type("ALL_AT_ONCE").waitIntervalInSeconds(3601),
                p -> p.terminationWaitInSeconds(-1).maximumExecutionTimeoutInSeconds(28801))))
                .hasMessageStartingWith("3 validation errors detected: ")
                .hasMessageContaining("Value '-1' at 'deploymentConfig.blueGreenUpdatePolicy.terminationWaitInSeconds'"
                        + " failed to satisfy constraint: Member must have value greater than or equal to 0")
                .hasMessageContaining("Value '28801' at"
                        + " 'deploymentConfig.blueGreenUpdatePolicy.maximumExecutionTimeoutInSeconds' failed to satisfy"
                        + " constraint: Member must have value less than or equal to 28800")
                .hasMessageContaining("Value '3601' at"
                        + " 'deploymentConfig.blueGreenUpdatePolicy.trafficRoutingConfiguration.waitIntervalInSeconds'"
                        + " failed to satisfy constraint: Member must have value less than or equal to 3600");
        assertThatThrownBy(() -> update(blueGreen(r -> r.type("ALL_AT_ONCE").waitIntervalInSeconds(0),
                p -> p.maximumExecutionTimeoutInSeconds(599).terminationWaitInSeconds(3601))))
                .hasMessageContaining("Member must have value greater than or equal to 600")
                .hasMessageContaining("Member must have value less than or equal to 3600");
        assertThatThrownBy(() -> update(blueGreen(r -> r.type("CANARY").waitIntervalInSeconds(0)
                .canarySize(s -> s.type("PERCENT").value(0)), p -> { })))
                .hasMessageContaining("Value 'PERCENT' at"
                        + " 'deploymentConfig.blueGreenUpdatePolicy.trafficRoutingConfiguration.canarySize.type' failed to"
                        + " satisfy constraint: Member must satisfy enum value set: [INSTANCE_COUNT, CAPACITY_PERCENT]")
                .hasMessageContaining("Value '0' at"
                        + " 'deploymentConfig.blueGreenUpdatePolicy.trafficRoutingConfiguration.canarySize.value' failed"
                        + " to satisfy constraint: Member must have value greater than or equal to 1");
        assertThat(Fixtures.endpoint(fake, "ep").endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
    }

    @Test
    @DisplayName("exactlyOnePolicy: and one to ten alarms")
    void exactlyOnePolicyAndOneToTenAlarms() {
        DeploymentConfig both = blueGreen(r -> r.type("ALL_AT_ONCE").waitIntervalInSeconds(0), p -> { }).toBuilder()
                .rollingUpdatePolicy(p -> p.maximumBatchSize(s -> s.type("INSTANCE_COUNT").value(1))
                        .waitIntervalInSeconds(0)).build();
        assertThatThrownBy(() -> update(both)).hasMessageStartingWith("DeploymentConfig must contain exactly one of"
                + " BlueGreenUpdatePolicy and RollingUpdatePolicy.");
        assertThatThrownBy(() -> update(DeploymentConfig.builder()
                .autoRollbackConfiguration(a -> a.alarms(al -> al.alarmName("guard"))).build()))
                .hasMessageStartingWith("DeploymentConfig must contain exactly one of");
        assertThatThrownBy(() -> update(blueGreen(r -> r.type("ALL_AT_ONCE").waitIntervalInSeconds(0), p -> { })
                .toBuilder().autoRollbackConfiguration(a -> a.alarms(Collections.emptyList())).build()))
                .hasMessageContaining("at 'deploymentConfig.autoRollbackConfiguration.alarms' failed to satisfy"
                        + " constraint: Member must have length greater than or equal to 1");
        assertThatThrownBy(() -> update(blueGreen(r -> r.type("ALL_AT_ONCE").waitIntervalInSeconds(0), p -> { })
                .toBuilder().autoRollbackConfiguration(a -> a.alarms(IntStream.range(0, 11)
                        .mapToObj(i -> Alarm.builder().alarmName("a" + i).build()).toList())).build()))
                .hasMessageContaining("Member must have length less than or equal to 10");
        assertThat(Fixtures.endpoint(fake, "ep").endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
    }

    @Test
    @DisplayName("createEndpoint: validates and stores its deployment config, which retain deployment config reuses")
    void createEndpointValidatesAndStoresItsDeploymentConfigWhichRetainDeploymentConfigReuses() {
        DeploymentConfig canary = blueGreen(r -> r.type("CANARY").waitIntervalInSeconds(120)
                .canarySize(s -> s.type("CAPACITY_PERCENT").value(25)), p -> p.terminationWaitInSeconds(0));
        assertThatThrownBy(() -> sm.createEndpoint(b -> b.endpointName("ep2").endpointConfigName("cfg-v1")
                .deploymentConfig(canary.toBuilder().rollingUpdatePolicy(p -> p.waitIntervalInSeconds(0)
                        .maximumBatchSize(s -> s.type("INSTANCE_COUNT").value(1))).build())))
                .hasMessageStartingWith("DeploymentConfig must contain exactly one of");
        sm.createEndpoint(b -> b.endpointName("ep2").endpointConfigName("cfg-v1").deploymentConfig(canary));
        assertThat(Fixtures.endpoint(fake, "ep2").lastDeploymentConfig()).isEqualTo(canary);
        assertThat(fake.timeline().eventsOf(Kind.TRAFFIC_SHIFTED)).as("creation does not apply it").isEmpty();
        Fixtures.awaitEndpoint(fake, "ep2", EndpointStatus.IN_SERVICE);

        sm.updateEndpoint(b -> b.endpointName("ep2").endpointConfigName("cfg-v2").retainDeploymentConfig(true));
        assertThat(Fixtures.awaitEndpoint(fake, "ep2", EndpointStatus.IN_SERVICE)).isTrue();
        assertThat(fake.timeline().eventsOf(Kind.TRAFFIC_SHIFTED)).extracting(TimelineEvent::detail)
                .containsExactly("to config cfg-v2: 25 %", "to config cfg-v2: 100 %");
        assertThat(Fixtures.endpoint(fake, "ep2").lastDeploymentConfig()).isEqualTo(canary);
    }

    @Test
    @DisplayName("without retain deployment config, an update without policy is all at once, and keeps the stored config")
    void withoutRetainDeploymentConfigAnUpdateWithoutPolicyIsAllAtOnceAndKeepsTheStoredConfig() {
        DeploymentConfig canary = blueGreen(r -> r.type("CANARY").waitIntervalInSeconds(120)
                .canarySize(s -> s.type("CAPACITY_PERCENT").value(25)), p -> { });
        sm.createEndpoint(b -> b.endpointName("ep2").endpointConfigName("cfg-v1").deploymentConfig(canary));
        Fixtures.awaitEndpoint(fake, "ep2", EndpointStatus.IN_SERVICE);
        sm.updateEndpoint(b -> b.endpointName("ep2").endpointConfigName("cfg-v2"));
        assertThat(Fixtures.awaitEndpoint(fake, "ep2", EndpointStatus.IN_SERVICE)).isTrue();
        assertThat(fake.timeline().eventsOf(Kind.TRAFFIC_SHIFTED)).extracting(TimelineEvent::detail)
                .containsExactly("to config cfg-v2: 100 %");
        assertThat(Fixtures.endpoint(fake, "ep2").lastDeploymentConfig()).isEqualTo(canary);
    }
}
