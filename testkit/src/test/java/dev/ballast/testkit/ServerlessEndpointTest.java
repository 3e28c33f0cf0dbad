package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.testkit.TimelineEvent.Kind;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantServerlessConfig;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;

/**
 * Serverless production variants
 * (<a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariantServerlessConfig.html">
 * ServerlessConfig</a>; <a href="https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails.html">
 * deployment guardrails</a> do not apply to them).
 */
class ServerlessEndpointTest {

    private static final ProductionVariantServerlessConfig SERVERLESS = ProductionVariantServerlessConfig.builder()
            .memorySizeInMB(2048).maxConcurrency(5).build();

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final SageMakerClient sm = fake.sageMakerClient();

    private void serverlessConfig(String config, String model) {
        sm.createEndpointConfig(b -> b.endpointConfigName(config).productionVariants(ProductionVariant.builder()
                .variantName("AllTraffic").modelName(model).serverlessConfig(SERVERLESS).build()));
    }

    private void serverlessEndpoint() {
        Fixtures.model(fake, "model-v1", "v1");
        Fixtures.model(fake, "model-v2", "v2");
        serverlessConfig("cfg-v1", "model-v1");
        serverlessConfig("cfg-v2", "model-v2");
        sm.createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg-v1"));
    }

    @Test
    @DisplayName("createsWithoutInstances: describes its serverless config, and serves invocations")
    void createsWithoutInstancesDescribesItsServerlessConfigAndServesInvocations() {
        serverlessEndpoint();
        ProductionVariantSummary creating = Fixtures.endpoint(fake, "ep").productionVariants().get(0);
        assertThat(creating.variantStatus().get(0).statusMessage()).isEqualTo("Launching serverless capacity.");

        assertThat(Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE)).isTrue();
        ProductionVariantSummary variant = Fixtures.endpoint(fake, "ep").productionVariants().get(0);
        assertThat(variant.currentServerlessConfig()).isEqualTo(SERVERLESS);
        assertThat(variant.desiredServerlessConfig()).isEqualTo(SERVERLESS);
        assertThat(variant.currentInstanceCount()).isNull();
        assertThat(variant.desiredInstanceCount()).isNull();
        assertThat(variant.variantStatus()).isEmpty();
        assertThat(fake.timeline().eventsOf(Kind.INSTANCE_COUNT)).isEmpty();

        assertThat(Fixtures.invoke(fake, "ep", 5)).containsExactly(java.util.Map.entry("v1", 5));
        assertThat(fake.runtimeClient().invokeEndpoint(b -> b.endpointName("ep").body(SdkBytes.fromUtf8String("{}")))
                .invokedProductionVariant()).isEqualTo("AllTraffic");
        Instant now = fake.clock().now();
        assertThat(fake.cloudWatchClient().getMetricStatistics(b -> b.namespace("AWS/SageMaker")
                .metricName("Invocations").startTime(now.minusSeconds(60)).endTime(now.plusSeconds(60)).period(60)
                .statistics(Statistic.SUM).dimensions(d -> d.name("EndpointName").value("ep"),
                        d -> d.name("VariantName").value("AllTraffic"))).datapoints()).singleElement()
                .satisfies(p -> assertThat(p.sum()).isEqualTo(6.0));
    }

    @Test
    @DisplayName("blue green on a serverless variant, falls back to all at once without baking")
    void blueGreenOnAServerlessVariantFallsBackToAllAtOnceWithoutBaking() {
        serverlessEndpoint();
        Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE);
        Fixtures.fiveXxAlarm(fake, "guard", "ep", "AllTraffic");
        fake.cloudWatchClient().setAlarmState(b -> b.alarmName("guard").stateValue(StateValue.ALARM).stateReason("t"));
        DeploymentConfig canary = DeploymentConfig.builder().blueGreenUpdatePolicy(p -> p.terminationWaitInSeconds(600)
                        .trafficRoutingConfiguration(r -> r.type("CANARY").waitIntervalInSeconds(600)
                                .canarySize(s -> s.type("CAPACITY_PERCENT").value(10))))
                .autoRollbackConfiguration(a -> a.alarms(al -> al.alarmName("guard"))).build();

        Instant start = fake.clock().now();
        sm.updateEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg-v2").deploymentConfig(canary));
        assertThat(Fixtures.endpoint(fake, "ep").pendingDeploymentSummary().productionVariants().get(0)
                .currentServerlessConfig()).isEqualTo(SERVERLESS);
        assertThat(Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE)).isTrue();

        assertThat(Fixtures.endpoint(fake, "ep").endpointConfigName()).as("the alarm in ALARM is not watched")
                .isEqualTo("cfg-v2");
        assertThat(fake.timeline().eventsOf(Kind.TRAFFIC_SHIFTED)).extracting(TimelineEvent::detail)
                .containsExactly("to config cfg-v2: 100 %");
        assertThat(fake.timeline().eventsOf(Kind.BAKE_STARTED)).extracting(TimelineEvent::detail)
                .containsExactly("0 s", "termination wait, 0 s");
        assertThat(Duration.between(start, fake.timeline().eventsOf(Kind.DEPLOYMENT_SUCCEEDED).get(0).at()))
                .isLessThan(Duration.ofMinutes(10));
        assertThat(Fixtures.endpoint(fake, "ep").lastDeploymentConfig()).isEqualTo(canary);
        assertThat(Fixtures.invoke(fake, "ep", 5)).containsOnlyKeys("v2");
    }

    @Test
    @DisplayName("serverlessUpdateConfig: changes concurrency, and instance counts are refused")
    void serverlessUpdateConfigChangesConcurrencyAndInstanceCountsAreRefused() {
        serverlessEndpoint();
        Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE);
        assertThatThrownBy(() -> sm.updateEndpointWeightsAndCapacities(b -> b.endpointName("ep")
                .desiredWeightsAndCapacities(d -> d.variantName("AllTraffic").desiredInstanceCount(2))))
                .hasMessageStartingWith("DesiredInstanceCount cannot be set for serverless variant AllTraffic");
        sm.updateEndpointWeightsAndCapacities(b -> b.endpointName("ep").desiredWeightsAndCapacities(d -> d
                .variantName("AllTraffic").serverlessUpdateConfig(s -> s.maxConcurrency(20).provisionedConcurrency(2))));
        Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE);
        assertThat(Fixtures.endpoint(fake, "ep").productionVariants().get(0).currentServerlessConfig())
                .isEqualTo(SERVERLESS.toBuilder().maxConcurrency(20).provisionedConcurrency(2).build());
    }

    @Test
    @DisplayName("invalidServerlessConfigs: are refused")
    void invalidServerlessConfigsAreRefused() {
        Fixtures.model(fake, "model-v1", "v1");
        assertThatThrownBy(() -> sm.createEndpointConfig(b -> b.endpointConfigName("c").productionVariants(
                ProductionVariant.builder().variantName("v").modelName("model-v1").serverlessConfig(s -> s
                        .memorySizeInMB(512).maxConcurrency(201)).build())))
                .hasMessageStartingWith("2 validation errors detected: ")
                .hasMessageContaining("Value '512' at 'productionVariants.1.member.serverlessConfig.memorySizeInMB'"
                        + " failed to satisfy constraint: Member must have value greater than or equal to 1024")
                .hasMessageContaining("Member must have value less than or equal to 200");
        assertThatThrownBy(() -> sm.createEndpointConfig(b -> b.endpointConfigName("c").productionVariants(
                ProductionVariant.builder().variantName("v").modelName("model-v1").instanceType("ml.m5.xlarge")
                        .serverlessConfig(SERVERLESS).build())))
                .hasMessageStartingWith("A production variant cannot specify both ServerlessConfig and InstanceType");
        assertThatThrownBy(() -> sm.createEndpointConfig(b -> b.endpointConfigName("c").productionVariants(
                ProductionVariant.builder().variantName("v").modelName("model-v1").serverlessConfig(s -> s
                        .memorySizeInMB(1500).maxConcurrency(5)).build())))
                .hasMessageStartingWith("MemorySizeInMB of serverless variant v must be a multiple of 1024");
        assertThatThrownBy(() -> sm.createEndpointConfig(b -> b.endpointConfigName("c").productionVariants(
                ProductionVariant.builder().variantName("v").modelName("model-v1").serverlessConfig(s -> s
                        .memorySizeInMB(1024).maxConcurrency(2).provisionedConcurrency(3)).build())))
                .hasMessageStartingWith("ProvisionedConcurrency (3) of serverless variant v must be less than or"
                        + " equal to MaxConcurrency (2).");
    }
}
