package dev.ballast.scenario;

import static dev.ballast.testkit.assertions.FakeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.Alarm;
import dev.ballast.AutoScaling;
import dev.ballast.Component;
import dev.ballast.CustomMetric;
import dev.ballast.Endpoint;
import dev.ballast.StepScaling;
import dev.ballast.Variant;
import dev.ballast.engine.BallastEngine;
import dev.ballast.plan.ApiCall;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spec.Statistic;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.testkit.FakeSageMaker;
import dev.ballast.testkit.TimelineEvent;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * Step scaling and custom-metric target tracking through the engine on the fake: the test plays
 * the service that publishes a queue depth with {@code PutMetricData}.
 */
class ScalingPolicyScenarioTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerRole";
    private static final String IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/tgi:2.2.0";
    private static final Alarm QUEUE = Alarm.metric("QueueDepth").namespace("Custom/LLM").dimension("Model", "llama")
            .statistic(Statistic.MAXIMUM);

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final BallastEngine ballast = fake.engineBuilder().build();

    private static ComponentEndpointSpec queueScaled(Duration outCooldown) {
        return Endpoint.on("ml.g5.12xlarge").scale(1, 2).executionRole(ROLE)
                .component(Component.named("llm").image(IMAGE).env("HF_MODEL_ID", "meta-llama/Llama-3.1-8B-Instruct")
                        .accelerators(1).memoryMb(1024).copies(1)
                        .autoScaling(AutoScaling.between(1, 4)
                                .stepScaling(StepScaling.on(QUEUE.atOrAbove(10)).add(1).to(25).add(2).from(25).cooldown(outCooldown))
                                .stepScaling(StepScaling.on(QUEUE.below(2).evaluationPeriods(3)).remove(1)
                                        .cooldown(Duration.ofMinutes(1)))))
                .named("queue-demo");
    }

    /** Publishes the queue depth once and lets a minute pass, so alarms are evaluated on it. */
    private void queueDepth(double value, int minutes) {
        for (int m = 0; m < minutes; m++) {
            fake.cloudWatchClient().putMetricData(b -> b.namespace("Custom/LLM").metricData(d -> d.metricName("QueueDepth")
                    .dimensions(x -> x.name("Model").value("llama")).value(value)));
            fake.clock().advance(Duration.ofMinutes(1));
        }
    }

    private int copies() {
        return fake.sageMakerClient().describeInferenceComponent(b -> b.inferenceComponentName("llm")).runtimeConfig().desiredCopyCount();
    }

    @Test
    @DisplayName("step scaling: a queue put by the test scales the component out by the step that holds it, and back in")
    void stepScalingOutAndIn() {
        ComponentEndpointSpec spec = queueScaled(Duration.ofMinutes(2));
        assertThat(ballast.apply(spec).await()).isSucceeded();

        ScalingPolicy high = fake.autoScalingClient().describeScalingPolicies(b -> b.serviceNamespace("sagemaker")
                .policyNames("llm-step-queuedepth-high")).scalingPolicies().get(0);
        MetricAlarm alarm = fake.cloudWatchClient().describeAlarms(b -> b.alarmNames("queue-demo-llm-step-queuedepth-high"))
                .metricAlarms().get(0);
        assertThat(alarm.alarmActions()).as("the alarm names the ARN the policy got").containsExactly(high.policyARN());
        assertThat(ballast.plan(spec)).as("policies and alarms in place: nothing to do").isEmpty();

        queueDepth(5, 2);
        assertThat(copies()).as("between the thresholds").isEqualTo(1);
        queueDepth(30, 1);
        assertThat(copies()).as("30 is 20 above the threshold of 10: the [25..) step adds 2").isEqualTo(3);
        fake.clock().advance(Duration.ofMinutes(10));
        queueDepth(12, 1);
        assertThat(copies()).as("12 holds the [10..25) step: one more, at the maximum").isEqualTo(4);
        queueDepth(0, 10);
        assertThat(copies()).as("below 2 for three periods, one copy fewer a minute, down to the minimum").isEqualTo(1);
        assertThat(fake.timeline().valuesOf("llm", TimelineEvent.Kind.DESIRED_COPY_COUNT)).containsExactly("3", "4", "3", "2", "1");
    }

    @Test
    @DisplayName("step scaling: a changed policy is put again alone, its alarm already names it; delete removes the alarms")
    void changedPolicyAndDelete() {
        assertThat(ballast.apply(queueScaled(Duration.ofMinutes(2))).await()).isSucceeded();

        ComponentEndpointSpec slower = queueScaled(Duration.ofMinutes(10));
        assertThat(ballast.plan(slower).calls()).extracting(ApiCall::target, ApiCall::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ApplicationAutoScaling.PutScalingPolicy",
                        "step-scaling policy llm-step-queuedepth-high of component llm is configured differently"));
        assertThat(ballast.apply(slower).await()).isSucceeded();
        assertThat(ballast.plan(slower)).isEmpty();

        fake.cloudWatchClient().putMetricAlarm(b -> b.alarmName("queue-demo-llm-step-queuedepth-low").namespace("Custom/LLM")
                .metricName("QueueDepth").statistic("Maximum").period(60).evaluationPeriods(3).threshold(2.0)
                .comparisonOperator("LessThanThreshold").dimensions(d -> d.name("Model").value("llama")));
        assertThat(ballast.plan(slower).calls()).extracting(ApiCall::reason).singleElement().asString()
                .endsWith("is configured differently");

        assertThat(ballast.delete(slower).await()).isSucceeded();
        assertThat(fake.cloudWatchClient().describeAlarms(b -> b.alarmNamePrefix("queue-demo-")).metricAlarms()).isEmpty();
    }

    @Test
    @DisplayName("step scaling: a policy the spec drops is deleted with its alarm; the other stays")
    void droppedPolicy() {
        assertThat(ballast.apply(queueScaled(Duration.ofMinutes(2))).await()).isSucceeded();
        ComponentEndpointSpec outOnly = Endpoint.on("ml.g5.12xlarge").scale(1, 2).executionRole(ROLE)
                .component(Component.named("llm").image(IMAGE).env("HF_MODEL_ID", "meta-llama/Llama-3.1-8B-Instruct")
                        .accelerators(1).memoryMb(1024).copies(1)
                        .autoScaling(AutoScaling.between(1, 4)
                                .stepScaling(StepScaling.on(QUEUE.atOrAbove(10)).add(1).to(25).add(2).from(25)
                                        .cooldown(Duration.ofMinutes(2)))))
                .named("queue-demo");

        assertThat(ballast.plan(outOnly).calls()).extracting(ApiCall::target).containsExactly(
                "ApplicationAutoScaling.DeleteScalingPolicy", "CloudWatch.DeleteAlarms");
        assertThat(ballast.apply(outOnly).await()).isSucceeded();
        assertThat(fake.autoScalingClient().describeScalingPolicies(b -> b.serviceNamespace("sagemaker")).scalingPolicies())
                .extracting(ScalingPolicy::policyName).containsExactly("llm-step-queuedepth-high");
        assertThat(fake.cloudWatchClient().describeAlarms(b -> b.alarmNamePrefix("queue-demo-")).metricAlarms())
                .extracting(MetricAlarm::alarmName).containsExactly("queue-demo-llm-step-queuedepth-high");
        assertThat(ballast.plan(outOnly)).isEmpty();
    }

    @Test
    @DisplayName("custom-metric target tracking: a variant keeps the queue per instance near its target")
    void customMetricTargetTracking() {
        VariantEndpointSpec spec = Endpoint.serving(Variant.named("AllTraffic")
                        .model(ABTestSpecs.model("my-model", ABTestSpecs.IMAGE + "2.3-cpu")).on("ml.m5.xlarge")
                        .autoScaling(AutoScaling.between(1, 3).target(CustomMetric.named("QueueDepth").namespace("Custom/LLM")
                                .dimension("Model", "llama").statistic(Statistic.MAXIMUM), 5).scaleOutCooldown(Duration.ofMinutes(1))))
                .named("tracked-demo");
        assertThat(ballast.apply(spec).await()).isSucceeded();
        assertThat(ballast.plan(spec)).isEmpty();

        queueDepth(12, 3);
        assertThat(fake.sageMakerClient().describeEndpoint(b -> b.endpointName("tracked-demo")).productionVariants().get(0)
                .desiredInstanceCount()).as("ceil(1 x 12 / 5) after AlarmHigh's three periods").isEqualTo(3);
    }
}
