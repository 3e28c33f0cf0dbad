package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ObjectNotFoundException;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ValidationException;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;

class AutoScalingTest {

    private static final String IC_ID = "inference-component/ic";
    private static final String IC_DIM = "sagemaker:inference-component:DesiredCopyCount";

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final ApplicationAutoScalingClient aas = fake.autoScalingClient();

    @BeforeEach
    void deploy() {
        Fixtures.icEndpoint(fake, "ep", "ml.g5.12xlarge", 1, 1, 4);
        Fixtures.createComponent(fake, "ic", "ep", Fixtures.llm("m"), 1);
    }

    @Test
    @DisplayName("registering requires an in service component, then clamps its copy count")
    void registeringRequiresAnInServiceComponentThenClampsItsCopyCount() {
        assertThatThrownBy(() -> aas.registerScalableTarget(b -> b.serviceNamespace("sagemaker").resourceId(IC_ID)
                .scalableDimension(IC_DIM).minCapacity(2).maxCapacity(4))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("The status should be in 'InService' to register it as a scalable target");
        Fixtures.awaitComponent(fake, "ic", InferenceComponentStatus.IN_SERVICE);

        String arn = aas.registerScalableTarget(b -> b.serviceNamespace("sagemaker").resourceId(IC_ID)
                .scalableDimension(IC_DIM).minCapacity(2).maxCapacity(4)).scalableTargetARN();
        assertThat(arn).startsWith("arn:aws:application-autoscaling:us-east-1:123456789012:scalable-target/");
        assertThat(Fixtures.component(fake, "ic").runtimeConfig().desiredCopyCount()).isEqualTo(2);
        assertThat(Fixtures.awaitComponent(fake, "ic", InferenceComponentStatus.IN_SERVICE)).isTrue();
        assertThat(Fixtures.component(fake, "ic").runtimeConfig().currentCopyCount()).isEqualTo(2);

        ScalableTarget target = aas.describeScalableTargets(b -> b.serviceNamespace("sagemaker")).scalableTargets().get(0);
        assertThat(target.minCapacity()).isEqualTo(2);
        assertThat(target.maxCapacity()).isEqualTo(4);
        assertThat(target.scalableTargetARN()).isEqualTo(arn);
    }

    @Test
    @DisplayName("scalingPolicies: need a registered target, and target tracking creates its alarms")
    void scalingPoliciesNeedARegisteredTargetAndTargetTrackingCreatesItsAlarms() {
        assertThatThrownBy(() -> aas.putScalingPolicy(b -> b.policyName("p").serviceNamespace("sagemaker")
                .resourceId(IC_ID).scalableDimension(IC_DIM).policyType("TargetTrackingScaling")
                .targetTrackingScalingPolicyConfiguration(t -> t.targetValue(5.0))))
                .isInstanceOf(ObjectNotFoundException.class)
                .hasMessageStartingWith("No scalable target registered for service namespace: sagemaker, resource ID:"
                        + " inference-component/ic, scalable dimension: sagemaker:inference-component:DesiredCopyCount");
        Fixtures.awaitComponent(fake, "ic", InferenceComponentStatus.IN_SERVICE);
        aas.registerScalableTarget(b -> b.serviceNamespace("sagemaker").resourceId(IC_ID).scalableDimension(IC_DIM)
                .minCapacity(1).maxCapacity(4));
        PutScalingPolicyResponse policy = aas.putScalingPolicy(b -> b.policyName("p").serviceNamespace("sagemaker")
                .resourceId(IC_ID).scalableDimension(IC_DIM).policyType("TargetTrackingScaling")
                .targetTrackingScalingPolicyConfiguration(t -> t.targetValue(5.0)
                        .predefinedMetricSpecification(m -> m.predefinedMetricType(
                                "SageMakerInferenceComponentInvocationsPerCopy"))));
        assertThat(policy.policyARN()).contains(":scalingPolicy:").endsWith(":resource/sagemaker/" + IC_ID + ":policyName/p");
        assertThat(policy.alarms()).extracting(a -> a.alarmName()).allMatch(n -> n.startsWith("TargetTracking-" + IC_ID))
                .anyMatch(n -> n.contains("-AlarmHigh-")).anyMatch(n -> n.contains("-AlarmLow-"));
        MetricAlarm high = fake.cloudWatchClient().describeAlarms(b -> b.alarmNamePrefix("TargetTracking-")).metricAlarms()
                .stream().filter(a -> a.alarmName().contains("AlarmHigh")).findFirst().orElseThrow();
        assertThat(high.metricName()).isEqualTo("InvocationsPerCopy");
        assertThat(high.threshold()).isEqualTo(5.0);
        assertThat(aas.describeScalingPolicies(b -> b.serviceNamespace("sagemaker").resourceId(IC_ID)).scalingPolicies())
                .hasSize(1);

        aas.deregisterScalableTarget(b -> b.serviceNamespace("sagemaker").resourceId(IC_ID).scalableDimension(IC_DIM));
        assertThat(aas.describeScalingPolicies(b -> b.serviceNamespace("sagemaker")).scalingPolicies()).isEmpty();
        assertThat(fake.cloudWatchClient().describeAlarms(b -> b.alarmNamePrefix("TargetTracking-")).metricAlarms())
                .isEmpty();
        assertThatThrownBy(() -> aas.deleteScalingPolicy(b -> b.policyName("p").serviceNamespace("sagemaker")
                .resourceId(IC_ID).scalableDimension(IC_DIM))).isInstanceOf(ObjectNotFoundException.class);
    }

    private void invokeEachMinute(int perMinute, int minutes) {
        for (int m = 0; m < minutes; m++) {
            for (int i = 0; i < perMinute; i++) {
                fake.runtimeClient().invokeEndpoint(b -> b.endpointName("ep").inferenceComponentName("ic")
                        .body(software.amazon.awssdk.core.SdkBytes.fromUtf8String("{\"messages\":[]}")));
            }
            fake.clock().advance(java.time.Duration.ofMinutes(1));
        }
    }

    @Test
    @DisplayName("targetTracking: scales out under load, and back in when it fades")
    void targetTrackingScalesOutUnderLoadAndBackInWhenItFades() {
        Fixtures.awaitComponent(fake, "ic", InferenceComponentStatus.IN_SERVICE);
        aas.registerScalableTarget(b -> b.serviceNamespace("sagemaker").resourceId(IC_ID).scalableDimension(IC_DIM)
                .minCapacity(1).maxCapacity(3));
        aas.putScalingPolicy(b -> b.policyName("per-copy").serviceNamespace("sagemaker").resourceId(IC_ID)
                .scalableDimension(IC_DIM).policyType("TargetTrackingScaling")
                .targetTrackingScalingPolicyConfiguration(t -> t.targetValue(5.0).scaleInCooldown(60)
                        .predefinedMetricSpecification(m -> m.predefinedMetricType(
                                "SageMakerInferenceComponentInvocationsPerCopy"))));

        // 20 invocations per minute on one copy: 4x the target, for the three periods AlarmHigh needs
        invokeEachMinute(20, 4);
        assertThat(Fixtures.component(fake, "ic").runtimeConfig().desiredCopyCount()).isEqualTo(3);
        assertThat(Fixtures.awaitComponent(fake, "ic", InferenceComponentStatus.IN_SERVICE)).isTrue();
        assertThat(Fixtures.component(fake, "ic").runtimeConfig().currentCopyCount()).isEqualTo(3);

        // a trickle: 1 invocation per minute over 3 copies is far below the target for AlarmLow's 15 periods
        invokeEachMinute(1, 20);
        assertThat(Fixtures.component(fake, "ic").runtimeConfig().desiredCopyCount()).isEqualTo(1);
        assertThat(fake.timeline().valuesOf("ic", TimelineEvent.Kind.DESIRED_COPY_COUNT)).containsExactly("3", "1");
    }

    @Test
    @DisplayName("variantTargets: clamp the instance count of variants without managed scaling")
    void variantTargetsClampTheInstanceCountOfVariantsWithoutManagedScaling() {
        fake.sageMakerClient().createEndpointConfig(b -> b.endpointConfigName("plain").executionRoleArn(Fixtures.ROLE)
                .productionVariants(v -> v.variantName("AllTraffic").instanceType("ml.g5.2xlarge").initialInstanceCount(1)));
        fake.sageMakerClient().createEndpoint(b -> b.endpointName("plain").endpointConfigName("plain"));
        Fixtures.awaitEndpoint(fake, "plain", software.amazon.awssdk.services.sagemaker.model.EndpointStatus.IN_SERVICE);
        aas.registerScalableTarget(b -> b.serviceNamespace("sagemaker").resourceId("endpoint/plain/variant/AllTraffic")
                .scalableDimension("sagemaker:variant:DesiredInstanceCount").minCapacity(2).maxCapacity(3));
        assertThat(Fixtures.endpoint(fake, "plain").productionVariants().get(0).desiredInstanceCount()).isEqualTo(2);
        assertThatThrownBy(() -> aas.registerScalableTarget(b -> b.serviceNamespace("sagemaker")
                .resourceId("endpoint/plain/variant/Other").scalableDimension("sagemaker:variant:DesiredInstanceCount")
                .minCapacity(1).maxCapacity(2))).isInstanceOf(ValidationException.class);
    }
}
