package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.StepAdjustment;
import software.amazon.awssdk.services.applicationautoscaling.model.ValidationException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;

/** Step scaling and custom-metric target tracking in the fake's Application Auto Scaling. */
class StepScalingTest {

    private static final String IC_ID = "inference-component/ic";
    private static final String IC_DIM = "sagemaker:inference-component:DesiredCopyCount";

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final ApplicationAutoScalingClient aas = fake.autoScalingClient();
    private final CloudWatchClient cw = fake.cloudWatchClient();

    @BeforeEach
    void deploy() {
        Fixtures.icEndpoint(fake, "ep", "ml.g5.12xlarge", 1, 1, 4);
        Fixtures.createComponent(fake, "ic", "ep", Fixtures.llm("m"), 1);
        Fixtures.awaitComponent(fake, "ic", InferenceComponentStatus.IN_SERVICE);
        aas.registerScalableTarget(b -> b.serviceNamespace("sagemaker").resourceId(IC_ID).scalableDimension(IC_DIM)
                .minCapacity(1).maxCapacity(4));
    }

    private String putStepPolicy(String name, String adjustmentType, int cooldown, StepAdjustment... steps) {
        return aas.putScalingPolicy(b -> b.policyName(name).serviceNamespace("sagemaker").resourceId(IC_ID)
                .scalableDimension(IC_DIM).policyType("StepScaling")
                .stepScalingPolicyConfiguration(c -> c.adjustmentType(adjustmentType).cooldown(cooldown)
                        .stepAdjustments(steps))).policyARN();
    }

    private static StepAdjustment step(Double lower, Double upper, int adjustment) {
        return StepAdjustment.builder().metricIntervalLowerBound(lower).metricIntervalUpperBound(upper)
                .scalingAdjustment(adjustment).build();
    }

    private void queueAlarm(String name, String comparison, double threshold, String policyArn) {
        cw.putMetricAlarm(b -> b.alarmName(name).namespace("Custom/LLM").metricName("QueueDepth")
                .dimensions(d -> d.name("Model").value("llama")).statistic("Maximum").period(60).evaluationPeriods(1)
                .threshold(threshold).comparisonOperator(comparison).alarmActions(policyArn));
    }

    /** Puts the queue depth once and lets one minute pass, so the alarms are evaluated on it. */
    private void queueDepth(double value) {
        cw.putMetricData(b -> b.namespace("Custom/LLM").metricData(d -> d.metricName("QueueDepth")
                .dimensions(x -> x.name("Model").value("llama")).value(value)));
        fake.clock().advance(Duration.ofMinutes(1));
    }

    private int desiredCopies() {
        return Fixtures.component(fake, "ic").runtimeConfig().desiredCopyCount();
    }

    @Test
    @DisplayName("a step policy scales out by the step that holds the breach, waits out its cooldown, and scales back in")
    void stepPolicyScalesOutByTheStepThatHoldsTheBreachAndBackIn() {
        String out = putStepPolicy("queue-out", "ChangeInCapacity", 900, step(0.0, 10.0, 1), step(10.0, null, 2));
        String in = putStepPolicy("queue-in", "ChangeInCapacity", 60, step(null, 0.0, -1));
        queueAlarm("queue-high", "GreaterThanOrEqualToThreshold", 10, out);
        queueAlarm("queue-low", "LessThanThreshold", 2, in);

        queueDepth(5); // between the two alarms' thresholds: nothing happens
        assertThat(desiredCopies()).isEqualTo(1);
        queueDepth(12); // breach 2: the [0, 10) step adds one copy
        assertThat(desiredCopies()).isEqualTo(2);
        java.time.Instant scaledOut = fake.clock().now();
        assertThat(Fixtures.awaitComponent(fake, "ic", InferenceComponentStatus.IN_SERVICE)).isTrue();
        // breach 15 holds the [10, +inf) step, but not before the 900 s cooldown has passed
        while (desiredCopies() == 2 && fake.clock().now().isBefore(scaledOut.plus(Duration.ofMinutes(20)))) {
            queueDepth(25);
        }
        assertThat(Duration.between(scaledOut, fake.clock().now())).isBetween(Duration.ofSeconds(900), Duration.ofSeconds(960));
        assertThat(desiredCopies()).isEqualTo(4); // +2, capped at the maximum of 4
        assertThat(Fixtures.awaitComponent(fake, "ic", InferenceComponentStatus.IN_SERVICE)).isTrue();

        for (int minute = 0; minute < 6; minute++) {
            queueDepth(0); // one copy fewer per minute (60 s cooldown), never below the minimum
        }
        assertThat(desiredCopies()).isEqualTo(1);
        assertThat(fake.timeline().valuesOf("ic", TimelineEvent.Kind.DESIRED_COPY_COUNT))
                .containsExactly("2", "4", "3", "2", "1");
        // deleting a step policy leaves the alarm that named it, as AWS does
        aas.deleteScalingPolicy(b -> b.policyName("queue-out").serviceNamespace("sagemaker").resourceId(IC_ID)
                .scalableDimension(IC_DIM));
        assertThat(cw.describeAlarms(b -> b.alarmNames("queue-high")).metricAlarms()).hasSize(1);
    }

    @Test
    @DisplayName("PercentChangeInCapacity rounds and honours MinAdjustmentMagnitude; ExactCapacity sets the count")
    void percentAndExactAdjustments() {
        String pct = aas.putScalingPolicy(b -> b.policyName("pct").serviceNamespace("sagemaker").resourceId(IC_ID)
                .scalableDimension(IC_DIM).policyType("StepScaling")
                .stepScalingPolicyConfiguration(c -> c.adjustmentType("PercentChangeInCapacity").cooldown(0)
                        .minAdjustmentMagnitude(2).stepAdjustments(step(0.0, null, 10)))).policyARN();
        queueAlarm("queue-high", "GreaterThanThreshold", 10, pct);
        queueDepth(11); // 10 % of 1 copy is 0.1, rounded to 1, enlarged to the magnitude 2
        assertThat(desiredCopies()).isEqualTo(3);
        assertThat(Fixtures.awaitComponent(fake, "ic", InferenceComponentStatus.IN_SERVICE)).isTrue();

        String exact = putStepPolicy("exact", "ExactCapacity", 0, step(null, 0.0, 1));
        cw.deleteAlarms(b -> b.alarmNames("queue-high"));
        queueAlarm("queue-low", "LessThanOrEqualToThreshold", 0, exact);
        queueDepth(0);
        assertThat(desiredCopies()).isEqualTo(1);
    }

    @Test
    @DisplayName("step configurations are refused with every rule they break")
    void stepConfigurationsAreRefusedWithEveryRuleTheyBreak() {
        assertThatThrownBy(() -> putStepPolicy("bad", "ChangeInCapacity", 60,
                step(0.0, 10.0, 1), step(5.0, null, 2), step(null, null, 1)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("validation errors detected")
                .hasMessageContaining("The upper and lower bound cannot both be null in the same StepAdjustment")
                .hasMessageContaining("At most one StepAdjustment can have a null upper bound");
        assertThatThrownBy(() -> putStepPolicy("gap", "ChangeInCapacity", 60, step(0.0, 10.0, 1), step(15.0, null, 2)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("cannot overlap or have a gap");
        assertThatThrownBy(() -> putStepPolicy("negative", "ChangeInCapacity", 60, step(-5.0, null, 1)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("one must have a null lower bound");
        assertThatThrownBy(() -> aas.putScalingPolicy(b -> b.policyName("mag").serviceNamespace("sagemaker")
                .resourceId(IC_ID).scalableDimension(IC_DIM).policyType("StepScaling")
                .stepScalingPolicyConfiguration(c -> c.adjustmentType("ChangeInCapacity").minAdjustmentMagnitude(2)
                        .stepAdjustments(step(0.0, null, 1)))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("MinAdjustmentMagnitude is only valid with AdjustmentType PercentChangeInCapacity");
        assertThat(aas.describeScalingPolicies(b -> b.serviceNamespace("sagemaker")).scalingPolicies()).isEmpty();
    }

    @Test
    @DisplayName("custom-metric target tracking makes its alarms on that metric and scales a variant")
    void customMetricTargetTrackingScalesAVariant() {
        fake.sageMakerClient().createEndpointConfig(b -> b.endpointConfigName("plain").executionRoleArn(Fixtures.ROLE)
                .productionVariants(v -> v.variantName("AllTraffic").instanceType("ml.g5.2xlarge").initialInstanceCount(1)));
        fake.sageMakerClient().createEndpoint(b -> b.endpointName("plain").endpointConfigName("plain"));
        Fixtures.awaitEndpoint(fake, "plain", EndpointStatus.IN_SERVICE);
        String id = "endpoint/plain/variant/AllTraffic";
        String dim = "sagemaker:variant:DesiredInstanceCount";
        aas.registerScalableTarget(b -> b.serviceNamespace("sagemaker").resourceId(id).scalableDimension(dim)
                .minCapacity(1).maxCapacity(3));
        aas.putScalingPolicy(b -> b.policyName("queue").serviceNamespace("sagemaker").resourceId(id)
                .scalableDimension(dim).policyType("TargetTrackingScaling")
                .targetTrackingScalingPolicyConfiguration(t -> t.targetValue(5.0).scaleOutCooldown(60)
                        .customizedMetricSpecification(m -> m.metricName("QueueDepth").namespace("Custom/LLM")
                                .dimensions(d -> d.name("Model").value("llama")).statistic("Maximum"))));
        MetricAlarm high = cw.describeAlarms(b -> b.alarmNamePrefix("TargetTracking-" + id + "-AlarmHigh")).metricAlarms().get(0);
        assertThat(high.namespace()).isEqualTo("Custom/LLM");
        assertThat(high.metricName()).isEqualTo("QueueDepth");
        assertThat(high.statisticAsString()).isEqualTo("Maximum");
        assertThat(high.dimensions()).extracting(d -> d.name() + "=" + d.value()).containsExactly("Model=llama");

        // a queue of 12 against a target of 5 on one instance: ceil(1 * 12 / 5) = 3 after AlarmHigh's three periods
        for (int minute = 0; minute < 3; minute++) {
            queueDepth(12);
        }
        assertThat(Fixtures.endpoint(fake, "plain").productionVariants().get(0).desiredInstanceCount()).isEqualTo(3);
        assertThatThrownBy(() -> aas.putScalingPolicy(b -> b.policyName("both").serviceNamespace("sagemaker").resourceId(id)
                .scalableDimension(dim).policyType("TargetTrackingScaling")
                .targetTrackingScalingPolicyConfiguration(t -> t.targetValue(5.0)
                        .predefinedMetricSpecification(p -> p.predefinedMetricType("SageMakerVariantInvocationsPerInstance"))
                        .customizedMetricSpecification(m -> m.metricName("QueueDepth").namespace("Custom/LLM").statistic("Maximum")))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("Exactly one of");
    }
}
