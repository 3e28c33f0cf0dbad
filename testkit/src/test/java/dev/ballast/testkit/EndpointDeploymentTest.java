package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.testkit.TimelineEvent.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.DeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;

/**
 * UpdateEndpoint on model-based endpoints:
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-blue-green.html">blue/green
 * deployments</a>.
 */
class EndpointDeploymentTest {

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final SageMakerClient sm = fake.sageMakerClient();

    @BeforeEach
    void deployVersionOne() {
        for (String version : new String[] {"v1", "v2"}) {
            sm.createModel(b -> b.modelName("model-" + version).executionRoleArn(Fixtures.ROLE).primaryContainer(
                    ContainerDefinition.builder().image(Fixtures.IMAGE).environment(Map.of("VERSION", version)).build()));
            fake.givenContainerWithEnv("VERSION", version, ContainerBehavior.always(ContainerResponse.ok(version)));
            sm.createEndpointConfig(b -> b.endpointConfigName("cfg-" + version).productionVariants(
                    ProductionVariant.builder().variantName("AllTraffic").modelName("model-" + version)
                            .instanceType("ml.m5.xlarge").initialInstanceCount(2).build()));
        }
        sm.createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg-v1"));
        Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE);
        fake.cloudWatchClient().putMetricAlarm(b -> b.alarmName("guard").namespace("AWS/SageMaker")
                .metricName("Invocation5XXErrors").statistic("Sum").period(60).evaluationPeriods(1).threshold(1.0)
                .comparisonOperator("GreaterThanOrEqualToThreshold")
                .dimensions(d -> d.name("EndpointName").value("ep"), d -> d.name("VariantName").value("AllTraffic")));
    }

    private Map<String, Integer> invoke(int times) {
        Map<String, Integer> answers = new HashMap<>();
        for (int i = 0; i < times; i++) {
            answers.merge(fake.runtimeClient().invokeEndpoint(b -> b.endpointName("ep")
                    .body(SdkBytes.fromUtf8String("{}"))).body().asUtf8String(), 1, Integer::sum);
        }
        return answers;
    }

    private static DeploymentConfig blueGreen(String type, int wait, String alarm) {
        return DeploymentConfig.builder().blueGreenUpdatePolicy(p -> p.terminationWaitInSeconds(60)
                        .trafficRoutingConfiguration(r -> {
                            r.type(type).waitIntervalInSeconds(wait);
                            if (type.equals("CANARY")) {
                                r.canarySize(s -> s.type("CAPACITY_PERCENT").value(50));
                            } else if (type.equals("LINEAR")) {
                                r.linearStepSize(s -> s.type("CAPACITY_PERCENT").value(34));
                            }
                        }))
                .autoRollbackConfiguration(a -> a.alarms(al -> al.alarmName(alarm))).build();
    }

    @Test
    @DisplayName("withoutAPolicy: green is provisioned then takes all traffic at once")
    void withoutAPolicyGreenIsProvisionedThenTakesAllTrafficAtOnce() {
        sm.updateEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg-v2"));
        DescribeEndpointResponse updating = Fixtures.endpoint(fake, "ep");
        assertThat(updating.endpointStatus()).isEqualTo(EndpointStatus.UPDATING);
        assertThat(updating.endpointConfigName()).isEqualTo("cfg-v1");
        assertThat(updating.pendingDeploymentSummary().endpointConfigName()).isEqualTo("cfg-v2");
        assertThat(updating.pendingDeploymentSummary().productionVariants().get(0).desiredInstanceCount()).isEqualTo(2);
        assertThat(invoke(20)).containsOnlyKeys("v1");
        assertThatThrownBy(() -> sm.updateEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg-v1")))
                .hasMessageStartingWith("Cannot update in-progress endpoint \"arn:aws:sagemaker:us-east-1:123456789012:endpoint/ep\".");

        assertThat(Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE)).isTrue();
        DescribeEndpointResponse done = Fixtures.endpoint(fake, "ep");
        assertThat(done.endpointConfigName()).isEqualTo("cfg-v2");
        assertThat(done.pendingDeploymentSummary()).isNull();
        assertThat(done.productionVariants().get(0).currentInstanceCount()).isEqualTo(2);
        assertThat(invoke(20)).containsOnlyKeys("v2");
        assertThat(fake.timeline().eventsOf(Kind.TRAFFIC_SHIFTED)).extracting(TimelineEvent::detail)
                .containsExactly("to config cfg-v2: 100 %");
    }

    @Test
    @DisplayName("canary: shares traffic while baking, and an alarm rolls back to blue")
    void canarySharesTrafficWhileBakingAndAnAlarmRollsBackToBlue() {
        sm.updateEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg-v2")
                .deploymentConfig(blueGreen("CANARY", 600, "guard")));
        fake.clock().advanceUntil(() -> !fake.timeline().eventsOf(Kind.TRAFFIC_SHIFTED).isEmpty(), Duration.ofHours(1));
        Map<String, Integer> split = invoke(200);
        assertThat(split.get("v1")).isBetween(70, 130);
        assertThat(split.get("v2")).isBetween(70, 130);

        fake.cloudWatchClient().setAlarmState(b -> b.alarmName("guard").stateValue(StateValue.ALARM).stateReason("x"));
        DescribeEndpointResponse after = Fixtures.endpoint(fake, "ep");
        assertThat(after.endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
        assertThat(after.endpointConfigName()).isEqualTo("cfg-v1");
        assertThat(after.lastDeploymentConfig()).isEqualTo(blueGreen("CANARY", 600, "guard"));
        assertThat(invoke(20)).containsOnlyKeys("v1");
        assertThat(fake.timeline().eventsOf(Kind.ROLLBACK_STARTED)).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("guard"));
    }

    @Test
    @DisplayName("greenModelAnswering500s: drives its variants five xx alarm into alarm, and the canary rolls back")
    void greenModelAnswering500sDrivesItsVariantsFiveXxAlarmIntoAlarmAndTheCanaryRollsBack() {
        // copies pick their behaviour when they start: only the new model's copies answer 500s
        fake.givenContainerFor("model-v2", ContainerBehavior.always(ContainerResponse.error(500, "model v2 crashed")));
        sm.updateEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg-v2")
                .deploymentConfig(blueGreen("CANARY", 600, "guard")));
        Instant start = fake.clock().now();
        Map<String, Integer> answers = new HashMap<>();
        while (fake.timeline().eventsOf(Kind.ROLLBACK_STARTED).isEmpty()
                && fake.clock().now().isBefore(start.plus(Duration.ofHours(1)))) {
            Fixtures.invoke(fake, "ep", 5).forEach((answer, n) -> answers.merge(answer, n, Integer::sum));
            fake.clock().advance(Duration.ofSeconds(15));
        }

        assertThat(answers).containsKeys("v1", "error");
        assertThat(fake.timeline().valuesOf("guard", Kind.ALARM_STATE)).contains("ALARM");
        assertThat(fake.timeline().eventsOf(Kind.ROLLBACK_STARTED)).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("guard"));
        assertThat(Fixtures.endpoint(fake, "ep").endpointConfigName()).isEqualTo("cfg-v1");
        assertThat(Fixtures.endpoint(fake, "ep").endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
        assertThat(invoke(20)).containsOnlyKeys("v1");
        // the new fleet's errors are also reported under its config, as SageMaker does for the new fleet
        assertThat(fake.cloudWatchClient().getMetricStatistics(b -> b.namespace("AWS/SageMaker")
                .metricName("Invocation5XXErrors").startTime(start).endTime(fake.clock().now()).period(3600)
                .statistics(Statistic.SUM).dimensions(d -> d.name("EndpointName").value("ep"),
                        d -> d.name("VariantName").value("AllTraffic"), d -> d.name("EndpointConfigName")
                                .value("cfg-v2"))).datapoints()).singleElement()
                .satisfies(p -> assertThat(p.sum()).isEqualTo((double) answers.get("error")));
    }

    @Test
    @DisplayName("linear: shifts in steps, baking after each, then terminates blue")
    void linearShiftsInStepsBakingAfterEachThenTerminatesBlue() {
        sm.updateEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg-v2")
                .deploymentConfig(blueGreen("LINEAR", 300, "guard")));
        assertThat(Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE)).isTrue();
        assertThat(fake.timeline().eventsOf(Kind.TRAFFIC_SHIFTED)).extracting(TimelineEvent::detail)
                .containsExactly("to config cfg-v2: 34 %", "to config cfg-v2: 68 %", "to config cfg-v2: 100 %");
        var shifts = fake.timeline().eventsOf(Kind.TRAFFIC_SHIFTED);
        // each step bakes 300 s, then the next one's traffic takes the activation time to come on
        assertThat(shifts.get(1).at()).isEqualTo(shifts.get(0).at().plusSeconds(300)
                .plus(fake.timings().trafficActivation()));
        assertThat(fake.timeline().eventsOf(Kind.DEPLOYMENT_SUCCEEDED)).hasSize(1);
        assertThat(Fixtures.endpoint(fake, "ep").endpointConfigName()).isEqualTo("cfg-v2");
        assertThat(Fixtures.instances(fake, "ep")).isEqualTo(2);
    }

    @Test
    @DisplayName("green containers failing their health check, roll back")
    void greenContainersFailingTheirHealthCheckRollBack() {
        fake.givenContainerWithEnv("VERSION", "v2", ContainerBehavior.neverHealthy());
        sm.updateEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg-v2"));
        assertThat(Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE)).isTrue();
        assertThat(Fixtures.endpoint(fake, "ep").endpointConfigName()).isEqualTo("cfg-v1");
        assertThat(fake.timeline().eventsOf(Kind.ROLLBACK_STARTED)).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("did not pass the ping health check"));
        assertThat(invoke(5)).containsOnlyKeys("v1");
    }

    @Test
    @DisplayName("retain all variant properties, keeps the live instance count")
    void retainAllVariantPropertiesKeepsTheLiveInstanceCount() {
        sm.updateEndpointWeightsAndCapacities(b -> b.endpointName("ep")
                .desiredWeightsAndCapacities(d -> d.variantName("AllTraffic").desiredInstanceCount(3)));
        Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE);
        sm.updateEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg-v2").retainAllVariantProperties(true));
        assertThat(Fixtures.endpoint(fake, "ep").pendingDeploymentSummary().productionVariants().get(0)
                .desiredInstanceCount()).isEqualTo(3);
        Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE);
        assertThat(Fixtures.instances(fake, "ep")).isEqualTo(3);
    }

    @Test
    @DisplayName("unknownConfig: and inference component endpoints, are refused")
    void unknownConfigAndInferenceComponentEndpointsAreRefused() {
        assertThatThrownBy(() -> sm.updateEndpoint(b -> b.endpointName("ep").endpointConfigName("nope")))
                .hasMessageStartingWith("Could not find endpoint configuration");
        assertThatThrownBy(() -> sm.updateEndpoint(b -> b.endpointName("ghost").endpointConfigName("cfg-v2")))
                .hasMessageStartingWith("Could not find endpoint \"arn:aws:sagemaker:us-east-1:123456789012:endpoint/ghost\".");
        Fixtures.icEndpoint(fake, "ic-ep", "ml.g5.2xlarge", 1, 1, 2);
        assertThatThrownBy(() -> sm.updateEndpoint(b -> b.endpointName("ic-ep").endpointConfigName("cfg-v2")))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
