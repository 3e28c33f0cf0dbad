package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.StepAdjustment;
import software.amazon.awssdk.services.applicationautoscaling.model.ValidationException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantServerlessConfig;

/**
 * Application Auto Scaling of a serverless variant's provisioned concurrency
 * (<a href="https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints-autoscale.html">automatically
 * scale Provisioned Concurrency for a serverless endpoint</a>).
 */
class ProvisionedConcurrencyScalingTest {

    private static final String ID = "endpoint/ep/variant/AllTraffic";
    private static final String DIM = "sagemaker:variant:DesiredProvisionedConcurrency";

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final SageMakerClient sm = fake.sageMakerClient();
    private final ApplicationAutoScalingClient aas = fake.autoScalingClient();
    private final CloudWatchClient cw = fake.cloudWatchClient();

    /** A serverless endpoint whose container takes {@code latency} per invocation. */
    private void serverless(Integer provisioned, Duration latency) {
        Fixtures.model(fake, "m", "v1");
        fake.givenContainerFor("m", ContainerBehavior.always(ContainerResponse.ok("v1").withLatency(latency)));
        sm.createEndpointConfig(b -> b.endpointConfigName("c").productionVariants(ProductionVariant.builder()
                .variantName("AllTraffic").modelName("m").serverlessConfig(s -> s.memorySizeInMB(2048).maxConcurrency(10)
                        .provisionedConcurrency(provisioned)).build()));
        sm.createEndpoint(b -> b.endpointName("ep").endpointConfigName("c"));
        assertThat(Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE)).isTrue();
    }

    private void register(int min, int max) {
        aas.registerScalableTarget(b -> b.serviceNamespace("sagemaker").resourceId(ID).scalableDimension(DIM)
                .minCapacity(min).maxCapacity(max));
    }

    private ProductionVariantServerlessConfig current() {
        return Fixtures.endpoint(fake, "ep").productionVariants().get(0).currentServerlessConfig();
    }

    @Test
    @DisplayName("target tracking on provisioned concurrency utilization scales the provisioned concurrency out under load and back in")
    void targetTrackingScalesProvisionedConcurrencyOutAndIn() {
        serverless(2, Duration.ofSeconds(4));
        register(1, 8);
        var policy = aas.putScalingPolicy(b -> b.policyName("pc").serviceNamespace("sagemaker").resourceId(ID)
                .scalableDimension(DIM).policyType("TargetTrackingScaling")
                .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(0.5).scaleOutCooldown(60).scaleInCooldown(60)
                        .predefinedMetricSpecification(m -> m.predefinedMetricType("SageMakerVariantProvisionedConcurrencyUtilization"))));
        MetricAlarm high = cw.describeAlarms(b -> b.alarmNames(policy.alarms().get(0).alarmName())).metricAlarms().get(0);
        assertThat(high.metricName()).isEqualTo("ServerlessProvisionedConcurrencyUtilization");
        assertThat(high.statistic()).isEqualTo(Statistic.AVERAGE);
        assertThat(high.dimensions()).extracting(d -> d.name() + "=" + d.value())
                .containsExactly("EndpointName=ep", "VariantName=AllTraffic");

        // one invocation a second taking 4 s: 4 at once, more than the 2 provisioned
        Traffic busy = fake.traffic().toEndpoint("ep").every(Duration.ofSeconds(1)).start();
        java.util.List<Integer> seen = new java.util.ArrayList<>();
        for (int minute = 0; minute < 8; minute++) {
            fake.clock().advance(Duration.ofMinutes(1));
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(current().provisionedConcurrency())) {
                seen.add(current().provisionedConcurrency());
            }
        }
        // utilization 1 over a target of 0.5: ceil(2 * 1 / 0.5) = 4, then 8 (the maximum) while it stays high;
        // then the load of 4 is 0.5 of 8 and nothing moves
        assertThat(seen).containsExactly(2, 4, 8);
        assertThat(Fixtures.endpoint(fake, "ep").productionVariants().get(0).desiredServerlessConfig().provisionedConcurrency())
                .isEqualTo(8);
        assertThat(fake.cloudWatchClient().getMetricStatistics(b -> b.namespace("AWS/SageMaker")
                        .metricName("ServerlessProvisionedConcurrencySpilloverInvocations")
                        .dimensions(d -> d.name("EndpointName").value("ep"), d -> d.name("VariantName").value("AllTraffic"))
                        .startTime(fake.clock().now().minus(Duration.ofMinutes(8))).endTime(fake.clock().now())
                        .period(480).statistics(Statistic.SUM)).datapoints().get(0).sum()).isPositive();
        busy.stop();

        // one invocation every 10 s taking 4 s: 1 at once, 1/8 of 8 for a quarter of an hour
        Traffic quiet = fake.traffic().toEndpoint("ep").every(Duration.ofSeconds(10)).start();
        fake.clock().advance(Duration.ofMinutes(40));
        quiet.stop();
        assertThat(current().provisionedConcurrency()).isBetween(1, 2);
        assertThat(current().maxConcurrency()).isEqualTo(10);
        assertThat(busy.failed() + quiet.failed()).isZero();
    }

    @Test
    @DisplayName("registering clamps the provisioned concurrency into the bounds, never above MaxConcurrency")
    void registeringClampsIntoTheBoundsNeverAboveMaxConcurrency() {
        serverless(2, Duration.ofMillis(100));
        register(3, 20);
        assertThat(current().provisionedConcurrency()).isEqualTo(3);
        assertThat(Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE)).isTrue();

        // a step policy adds 20, but ProvisionedConcurrency stops at the variant's MaxConcurrency of 10
        String arn = aas.putScalingPolicy(b -> b.policyName("up").serviceNamespace("sagemaker").resourceId(ID)
                .scalableDimension(DIM).policyType("StepScaling").stepScalingPolicyConfiguration(c -> c
                        .adjustmentType("ChangeInCapacity").cooldown(60).stepAdjustments(StepAdjustment.builder()
                                .metricIntervalLowerBound(0.0).scalingAdjustment(20).build()))).policyARN();
        cw.putMetricAlarm(b -> b.alarmName("queue").namespace("Custom/LLM").metricName("Queue").statistic("Maximum")
                .period(60).evaluationPeriods(1).threshold(1.0).comparisonOperator("GreaterThanOrEqualToThreshold")
                .alarmActions(arn));
        cw.putMetricData(b -> b.namespace("Custom/LLM").metricData(d -> d.metricName("Queue").value(5.0)));
        fake.clock().advance(Duration.ofMinutes(1));
        assertThat(current().provisionedConcurrency()).isEqualTo(10);
    }

    @Test
    @DisplayName("registration is refused for a variant on instances, a serverless variant without provisioned concurrency, and a minimum of 0")
    void registrationIsRefusedWhereProvisionedConcurrencyCannotScale() {
        serverless(null, Duration.ofMillis(100));
        assertThatThrownBy(() -> register(1, 4)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("has no ProvisionedConcurrency");
        sm.updateEndpointWeightsAndCapacities(b -> b.endpointName("ep").desiredWeightsAndCapacities(d -> d
                .variantName("AllTraffic").serverlessUpdateConfig(s -> s.provisionedConcurrency(2))));
        assertThat(Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE)).isTrue();
        assertThatThrownBy(() -> register(0, 4)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("must be at least 1");
        register(1, 4);
        assertThatThrownBy(() -> aas.putScalingPolicy(b -> b.policyName("p").serviceNamespace("sagemaker").resourceId(ID)
                .scalableDimension(DIM).policyType("TargetTrackingScaling").targetTrackingScalingPolicyConfiguration(c -> c
                        .targetValue(70.0).predefinedMetricSpecification(m -> m.predefinedMetricType("SageMakerVariantInvocationsPerInstance")))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("SageMakerVariantProvisionedConcurrencyUtilization");

        Fixtures.modelConfig(fake, "c2", "m", 1);
        sm.createEndpoint(b -> b.endpointName("ep2").endpointConfigName("c2"));
        assertThat(Fixtures.awaitEndpoint(fake, "ep2", EndpointStatus.IN_SERVICE)).isTrue();
        assertThatThrownBy(() -> aas.registerScalableTarget(b -> b.serviceNamespace("sagemaker")
                .resourceId("endpoint/ep2/variant/AllTraffic").scalableDimension(DIM).minCapacity(1).maxCapacity(4)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("supported only for serverless variants");
    }
}
