package dev.ballast.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.Alarm;
import dev.ballast.AutoScaling;
import dev.ballast.Component;
import dev.ballast.CustomMetric;
import dev.ballast.Endpoint;
import dev.ballast.MetricMath;
import dev.ballast.Model;
import dev.ballast.StepScaling;
import dev.ballast.Variant;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spec.Statistic;
import dev.ballast.spec.VariantEndpointSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Pins the plans of step scaling and custom-metric target tracking: each step policy's
 * {@code PutScalingPolicy} comes before the {@code PutMetricAlarm} whose {@code AlarmActions}
 * refer to it, bounds are sent relative to the alarm's threshold.
 */
class ScalingPolicyGoldenTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerRole";
    private static final Alarm QUEUE = Alarm.metric("QueueDepth").namespace("Custom/LLM").dimension("Model", "llama")
            .statistic(Statistic.MAXIMUM);

    private static String golden(String file) throws IOException {
        try (InputStream in = ScalingPolicyGoldenTest.class.getResourceAsStream("/golden/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
        }
    }

    static ComponentEndpointSpec stepScaledComponent() {
        return Endpoint.on("ml.g5.12xlarge").scale(1, 2).executionRole(ROLE)
                .component(Component.named("llm").image("763104351884.dkr.ecr.us-east-1.amazonaws.com/tgi:2.2.0")
                        .env("HF_MODEL_ID", "meta-llama/Llama-3.1-8B-Instruct").accelerators(1).memoryMb(1024).copies(1)
                        .autoScaling(AutoScaling.between(1, 4)
                                .stepScaling(StepScaling.on(QUEUE.atOrAbove(10)).add(1).to(25).add(2).from(25)
                                        .cooldown(Duration.ofMinutes(2)))
                                .stepScaling(StepScaling.on(QUEUE.below(2).evaluationPeriods(5)).remove(1)
                                        .cooldown(Duration.ofMinutes(5)))))
                .named("queue-demo");
    }

    static VariantEndpointSpec customTrackedVariant() {
        return Endpoint.serving(Variant.named("AllTraffic")
                        .model(Model.named("my-model").image("763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.3-cpu-py311")
                                .modelData("s3://my-models/my-model/model.tar.gz").executionRole(ROLE))
                        .on("ml.m5.xlarge")
                        .autoScaling(AutoScaling.between(1, 3).target(CustomMetric.named("QueueDepth").namespace("Custom/LLM")
                                .dimension("Model", "llama").statistic(Statistic.MAXIMUM), 5).scaleOutCooldown(Duration.ofMinutes(1))))
                .named("tracked-demo");
    }

    static VariantEndpointSpec provisionedServerless() {
        return Endpoint.serving(Variant.named("AllTraffic")
                        .model(Model.named("my-model").image("763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.3-cpu-py311")
                                .modelData("s3://my-models/my-model/model.tar.gz").executionRole(ROLE))
                        .serverless(2048, 20).provisionedConcurrency(2)
                        .autoScaling(AutoScaling.between(1, 10).provisionedConcurrencyUtilization(0.5)
                                .scaleInCooldown(Duration.ofMinutes(10))))
                .named("serverless-demo");
    }

    static VariantEndpointSpec metricMathVariant() {
        return Endpoint.serving(Variant.named("AllTraffic")
                        .model(Model.named("my-model").image("763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.3-cpu-py311")
                                .modelData("s3://my-models/my-model/model.tar.gz").executionRole(ROLE))
                        .on("ml.m5.xlarge")
                        .autoScaling(AutoScaling.between(1, 4).target(MetricMath.of("m1 / m2").label("Backlog per worker")
                                .metric("m1", CustomMetric.named("QueueDepth").namespace("Custom/LLM").dimension("Model", "llama")
                                        .statistic(Statistic.SUM))
                                .metric("m2", CustomMetric.named("Workers").namespace("Custom/LLM").dimension("Model", "llama")), 5)))
                .named("math-demo");
    }

    @Test
    @DisplayName("target tracking on metric math sends CustomizedMetricSpecification.Metrics, ReturnData on every query")
    void metricMathPlan() throws IOException {
        assertThat(Planner.create(metricMathVariant()).toString()).isEqualTo(golden("metric-math-create-plan.txt"));
    }

    @Test
    @DisplayName("a serverless variant's provisioned concurrency: registered on DesiredProvisionedConcurrency, tracked on its utilization")
    void provisionedConcurrencyPlan() throws IOException {
        assertThat(Planner.create(provisionedServerless()).toString()).isEqualTo(golden("provisioned-concurrency-create-plan.txt"));
    }

    @Test
    @DisplayName("a component's step policies: each policy, then its alarm naming the policy's ARN")
    void stepScalingPlan() throws IOException {
        assertThat(Planner.create(stepScaledComponent()).toString()).isEqualTo(golden("step-scaling-create-plan.txt"));
    }

    @Test
    @DisplayName("a variant's target tracking on a custom metric sends CustomizedMetricSpecification")
    void customMetricPlan() throws IOException {
        assertThat(Planner.create(customTrackedVariant()).toString()).isEqualTo(golden("custom-metric-create-plan.txt"));
    }
}
