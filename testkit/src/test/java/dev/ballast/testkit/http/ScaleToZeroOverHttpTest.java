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
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;
import software.amazon.awssdk.services.sagemaker.model.ManagedInstanceScalingStatus;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.ValidationErrorException;

/**
 * AWS's scale-down-to-zero walkthrough, call by call, through the Java SDK against {@link FakeServer}:
 * {@code MinInstanceCount 0}, {@code MinCapacity 0}, target tracking, the step policy and its
 * {@code NoCapacityInvocationFailures} alarm; the component idles to 0 copies and 0 instances, a
 * request fails with SageMaker's {@code ValidationError} and wakes it.
 */
class ScaleToZeroOverHttpTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerExecutionRole";
    private static final String IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/tgi:2.2.0";
    private static final String IC_ID = "inference-component/ic";
    private static final String IC_DIM = "sagemaker:inference-component:DesiredCopyCount";

    private FakeOverHttp http;
    private FakeSageMaker fake;
    private SageMakerClient sageMaker;
    private SageMakerRuntimeClient runtime;
    private CloudWatchClient cloudWatch;
    private ApplicationAutoScalingClient autoScaling;

    @BeforeEach
    void start() {
        http = FakeOverHttp.start();
        fake = http.fake;
        sageMaker = http.sageMaker();
        runtime = http.runtime();
        cloudWatch = http.cloudWatch();
        autoScaling = http.autoScaling();
    }

    @AfterEach
    void stop() {
        http.close();
    }

    private String invoke() {
        return runtime.invokeEndpoint(b -> b.endpointName("ep").inferenceComponentName("ic").contentType("application/json")
                .body(SdkBytes.fromUtf8String("{\"inputs\":\"hi\"}"))).body().asUtf8String();
    }

    private int instances() {
        return sageMaker.describeEndpoint(b -> b.endpointName("ep")).productionVariants().get(0).currentInstanceCount();
    }

    @Test
    @DisplayName("the blog's calls over HTTP: the component idles to zero, a request fails with ValidationError and wakes it")
    void scaleToZeroOverHttp() {
        sageMaker.createEndpointConfig(b -> b.endpointConfigName("cfg").executionRoleArn(ROLE)
                .productionVariants(v -> v.variantName("AllTraffic").instanceType("ml.g5.2xlarge").initialInstanceCount(1)
                        .managedInstanceScaling(m -> m.status(ManagedInstanceScalingStatus.ENABLED).minInstanceCount(0)
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
                .minCapacity(0).maxCapacity(4));
        autoScaling.putScalingPolicy(b -> b.policyName("tracking").serviceNamespace("sagemaker").resourceId(IC_ID)
                .scalableDimension(IC_DIM).policyType("TargetTrackingScaling")
                .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(1.0).scaleInCooldown(300).scaleOutCooldown(300)
                        .predefinedMetricSpecification(p -> p.predefinedMetricType("SageMakerInferenceComponentInvocationsPerCopy"))));
        String arn = autoScaling.putScalingPolicy(b -> b.policyName("from-zero").serviceNamespace("sagemaker").resourceId(IC_ID)
                .scalableDimension(IC_DIM).policyType("StepScaling")
                .stepScalingPolicyConfiguration(c -> c.adjustmentType("ChangeInCapacity").metricAggregationType("Maximum").cooldown(60)
                        .stepAdjustments(s -> s.metricIntervalLowerBound(0.0).scalingAdjustment(1)))).policyARN();
        cloudWatch.putMetricAlarm(b -> b.alarmName("ic-step-scaling-policy-alarm").alarmActions(arn)
                .metricName("NoCapacityInvocationFailures").namespace("AWS/SageMaker").statistic("Maximum")
                .dimensions(d -> d.name("InferenceComponentName").value("ic")).period(30).evaluationPeriods(1).datapointsToAlarm(1)
                .threshold(1.0).comparisonOperator("GreaterThanOrEqualToThreshold").treatMissingData("missing"));

        fake.clock().advance(Duration.ofMinutes(40));
        assertThat(sageMaker.describeInferenceComponent(b -> b.inferenceComponentName("ic")).runtimeConfig().currentCopyCount()).isZero();
        assertThat(instances()).isZero();

        assertThatThrownBy(this::invoke).isInstanceOfSatisfying(ValidationErrorException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorMessage()).startsWith("Inference Component has no capacity to process this request.");
        });
        fake.clock().advance(Duration.ofSeconds(10));
        assertThat(cloudWatch.describeAlarms(b -> b.alarmNames("ic-step-scaling-policy-alarm")).metricAlarms().get(0).stateValue())
                .isEqualTo(StateValue.ALARM);
        assertThat(sageMaker.describeInferenceComponent(b -> b.inferenceComponentName("ic")).runtimeConfig().desiredCopyCount()).isEqualTo(1);

        fake.clock().advance(fake.timings().instanceLaunch().plus(fake.timings().copyStartup()));
        assertThat(invoke()).isNotEmpty();
        assertThat(instances()).isEqualTo(1);
    }
}
