package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingMetricDataQuery;
import software.amazon.awssdk.services.applicationautoscaling.model.ValidationException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;

/**
 * Target tracking on metric math in the fake's Application Auto Scaling
 * (<a href="https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-target-tracking-metric-math.html">
 * target tracking with metric math</a>): the policy's alarms evaluate the expression over the metrics a test puts.
 */
class MetricMathTrackingTest {

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

    private static TargetTrackingMetricDataQuery metric(String id, String name, String stat) {
        return TargetTrackingMetricDataQuery.builder().id(id).returnData(false).metricStat(s -> s.stat(stat)
                .metric(m -> m.metricName(name).namespace("Custom/LLM").dimensions(d -> d.name("Model").value("llama")))).build();
    }

    private static TargetTrackingMetricDataQuery expression(String id, String expression, Boolean returnData) {
        return TargetTrackingMetricDataQuery.builder().id(id).expression(expression).returnData(returnData).build();
    }

    private PutScalingPolicyResponse track(double target, TargetTrackingMetricDataQuery... queries) {
        return aas.putScalingPolicy(b -> b.policyName("math").serviceNamespace("sagemaker").resourceId(IC_ID)
                .scalableDimension(IC_DIM).policyType("TargetTrackingScaling")
                .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(target).scaleOutCooldown(60)
                        .customizedMetricSpecification(m -> m.metrics(queries))));
    }

    private void put(String name, double value) {
        cw.putMetricData(b -> b.namespace("Custom/LLM").metricData(d -> d.metricName(name)
                .dimensions(x -> x.name("Model").value("llama")).value(value)));
    }

    private int copies() {
        return Fixtures.component(fake, "ic").runtimeConfig().desiredCopyCount();
    }

    @Test
    @DisplayName("backlog per worker, m1 / m2: its alarms carry the queries and the quotient scales the component")
    void quotientOfTwoMetricsScales() {
        PutScalingPolicyResponse policy = track(5, metric("m1", "QueueDepth", "Sum"), metric("m2", "Workers", "Average"),
                expression("e1", "m1 / m2", true));
        MetricAlarm high = cw.describeAlarms(b -> b.alarmNames(policy.alarms().get(0).alarmName())).metricAlarms().get(0);
        assertThat(high.metricName()).isNull();
        assertThat(high.metrics()).extracting(q -> q.id() + ":" + q.returnData()).containsExactly("m1:false", "m2:false", "e1:true");

        for (int minute = 0; minute < 3; minute++) {
            put("QueueDepth", 40);
            put("Workers", 2); // 40 / 2 = 20, four times the target
            fake.clock().advance(Duration.ofMinutes(1));
        }
        assertThat(high.alarmName()).satisfies(n -> assertThat(cw.describeAlarms(b -> b.alarmNames(n)).metricAlarms().get(0)
                .stateReason()).contains("20.0"));
        assertThat(copies()).as("ceil(1 * 20 / 5) = 4").isEqualTo(4);
    }

    @Test
    @DisplayName("SUM(METRICS()) adds the metric queries per period; an expression naming an intermediate one waits for it")
    void sumOfMetricsAndIntermediateExpressions() {
        track(10, metric("m1", "QueueDepth", "Maximum"), metric("m2", "Retries", "Maximum"),
                expression("e2", "SUM(METRICS())", false), expression("e1", "(e2 - 4) / 2", true));
        for (int minute = 0; minute < 3; minute++) {
            put("QueueDepth", 30);
            put("Retries", 4); // (30 + 4 - 4) / 2 = 15 > 10
            fake.clock().advance(Duration.ofMinutes(1));
        }
        assertThat(copies()).as("ceil(1 * 15 / 10) = 2").isEqualTo(2);
    }

    @Test
    @DisplayName("Application Auto Scaling's rules: one ReturnData, ids known and well formed, Expression or MetricStat; an expression it cannot evaluate is unsupported")
    void rulesAndUnsupportedExpressions() {
        assertThatThrownBy(() -> track(5, metric("m1", "QueueDepth", "Sum"), expression("e1", "m1 * 2", null),
                expression("e2", "m1 + 1", null)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("Exactly one of the metric data queries must have ReturnData")
                .hasMessageContaining("2 do");
        assertThatThrownBy(() -> track(5, metric("M1", "QueueDepth", "Sum"), expression("e1", "m9 / 2", true)))
                .isInstanceOf(ValidationException.class).hasMessageStartingWith("2 validation errors detected: ")
                .hasMessageContaining("Id 'M1' must start with a lowercase letter")
                .hasMessageContaining("refers to 'm9'");
        assertThatThrownBy(() -> track(5, metric("m1", "QueueDepth", "Sum"), TargetTrackingMetricDataQuery.builder().id("e1")
                .expression("m1").metricStat(metric("x", "QueueDepth", "Sum").metricStat()).returnData(true).build()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("either Expression or MetricStat, but not both");
        assertThatThrownBy(() -> track(5, metric("m1", "QueueDepth", "Sum"), expression("e1", "FILL(m1, 0)", true)))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("does not evaluate the metric math expression 'FILL(m1, 0)'")
                .hasMessageContaining("METRICS()");
        assertThat(aas.describeScalingPolicies(b -> b.serviceNamespace("sagemaker")).scalingPolicies()).isEmpty();
    }
}
