package dev.ballast.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.testkit.FakeSageMaker;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.StepAdjustment;
import software.amazon.awssdk.services.applicationautoscaling.model.ValidationException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;
import software.amazon.awssdk.services.sagemaker.model.ManagedInstanceScalingStatus;

/** Step scaling over Application Auto Scaling's JSON 1.1 wire, through the Java SDK against {@link FakeServer}. */
class StepScalingOverHttpTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerExecutionRole";
    private static final String IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/tgi:2.2.0";
    private static final String IC_ID = "inference-component/ic";
    private static final String IC_DIM = "sagemaker:inference-component:DesiredCopyCount";

    private FakeOverHttp http;
    private FakeSageMaker fake;
    private SageMakerClient sageMaker;
    private CloudWatchClient cloudWatch;
    private ApplicationAutoScalingClient autoScaling;

    @BeforeEach
    void start() {
        http = FakeOverHttp.start();
        fake = http.fake;
        sageMaker = http.sageMaker();
        cloudWatch = http.cloudWatch();
        autoScaling = http.autoScaling();
    }

    @AfterEach
    void stop() {
        http.close();
    }

    @Test
    @DisplayName("a step policy put over HTTP reads back whole and scales a component when its alarm fires")
    void stepPolicyOverHttp() {
        sageMaker.createEndpointConfig(b -> b.endpointConfigName("cfg").executionRoleArn(ROLE)
                .productionVariants(v -> v.variantName("AllTraffic").instanceType("ml.g5.12xlarge").initialInstanceCount(1)
                        .managedInstanceScaling(m -> m.status(ManagedInstanceScalingStatus.ENABLED).minInstanceCount(1)
                                .maxInstanceCount(2))));
        sageMaker.createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg"));
        assertThat(fake.clock().advanceUntil(() -> sageMaker.describeEndpoint(b -> b.endpointName("ep"))
                .endpointStatus() == EndpointStatus.IN_SERVICE, Duration.ofHours(1))).isTrue();
        sageMaker.createInferenceComponent(b -> b.inferenceComponentName("ic").endpointName("ep").variantName("AllTraffic")
                .specification(s -> s.container(c -> c.image(IMAGE).environment(Map.of("HF_MODEL_ID", "m")))
                        .computeResourceRequirements(r -> r.numberOfAcceleratorDevicesRequired(1f).minMemoryRequiredInMb(1024)))
                .runtimeConfig(r -> r.copyCount(1)));
        assertThat(fake.clock().advanceUntil(() -> sageMaker.describeInferenceComponent(b -> b.inferenceComponentName("ic"))
                .inferenceComponentStatus() == InferenceComponentStatus.IN_SERVICE, Duration.ofHours(1))).isTrue();
        autoScaling.registerScalableTarget(b -> b.serviceNamespace("sagemaker").resourceId(IC_ID).scalableDimension(IC_DIM)
                .minCapacity(1).maxCapacity(3));

        StepAdjustment up = StepAdjustment.builder().metricIntervalLowerBound(0.0).scalingAdjustment(2).build();
        String arn = autoScaling.putScalingPolicy(b -> b.policyName("queue-out").serviceNamespace("sagemaker")
                .resourceId(IC_ID).scalableDimension(IC_DIM).policyType("StepScaling")
                .stepScalingPolicyConfiguration(c -> c.adjustmentType("ChangeInCapacity").cooldown(120)
                        .metricAggregationType("Maximum").stepAdjustments(up))).policyARN();
        ScalingPolicy read = autoScaling.describeScalingPolicies(b -> b.serviceNamespace("sagemaker").resourceId(IC_ID))
                .scalingPolicies().get(0);
        assertThat(read.policyTypeAsString()).isEqualTo("StepScaling");
        assertThat(read.stepScalingPolicyConfiguration().stepAdjustments()).containsExactly(up);
        assertThat(read.stepScalingPolicyConfiguration().cooldown()).isEqualTo(120);
        assertThat(read.stepScalingPolicyConfiguration().metricAggregationTypeAsString()).isEqualTo("Maximum");

        cloudWatch.putMetricAlarm(b -> b.alarmName("queue-high").namespace("Custom/LLM").metricName("QueueDepth")
                .statistic("Maximum").period(60).evaluationPeriods(1).threshold(10.0)
                .comparisonOperator("GreaterThanThreshold").alarmActions(arn));
        cloudWatch.putMetricData(b -> b.namespace("Custom/LLM").metricData(d -> d.metricName("QueueDepth").value(30.0)));
        fake.clock().advance(Duration.ofMinutes(1));
        assertThat(sageMaker.describeInferenceComponent(b -> b.inferenceComponentName("ic")).runtimeConfig()
                .desiredCopyCount()).isEqualTo(3);

        assertThatThrownBy(() -> autoScaling.putScalingPolicy(b -> b.policyName("bad").serviceNamespace("sagemaker")
                .resourceId(IC_ID).scalableDimension(IC_DIM).policyType("StepScaling")
                .stepScalingPolicyConfiguration(c -> c.stepAdjustments(up))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .contains("AdjustmentType is required"));
    }
}
