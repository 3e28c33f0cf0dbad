package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.testkit.TimelineEvent.Kind;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsForMetricRequest;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.DashboardNotFoundErrorException;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;

class CloudWatchAlarmTest {

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final CloudWatchClient cw = fake.cloudWatchClient();

    private void put(String name, Consumer<PutMetricAlarmRequest.Builder> more) {
        cw.putMetricAlarm(b -> {
            b.alarmName(name).namespace("AWS/SageMaker").metricName("Invocation4XXErrors").statistic(Statistic.SUM)
                    .period(60).evaluationPeriods(1).threshold(2.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                    .dimensions(d -> d.name("InferenceComponentName").value("ic"));
            more.accept(b);
        });
    }

    private MetricAlarm describe(String name) {
        return cw.describeAlarms(b -> b.alarmNames(name)).metricAlarms().get(0);
    }

    private void deploy() {
        Fixtures.icEndpoint(fake, "ep", "ml.g5.2xlarge", 1, 1, 2);
        Fixtures.createComponent(fake, "ic", "ep", Fixtures.llm("m"), 1);
        Fixtures.awaitComponent(fake, "ic", InferenceComponentStatus.IN_SERVICE);
    }

    private void invoke(String body, int times) {
        for (int i = 0; i < times; i++) {
            try {
                fake.runtimeClient().invokeEndpoint(b -> b.endpointName("ep").inferenceComponentName("ic")
                        .body(SdkBytes.fromUtf8String(body)));
            } catch (ModelErrorException e) {
                // counted by the metrics
            }
        }
    }

    @Test
    @DisplayName("newAlarm: is insufficient data, and overwrite keeps the state")
    void newAlarmIsInsufficientDataAndOverwriteKeepsTheState() {
        put("a", b -> { });
        MetricAlarm created = describe("a");
        assertThat(created.stateValue()).isEqualTo(StateValue.INSUFFICIENT_DATA);
        assertThat(created.stateReason()).isEqualTo("Unchecked: Initial alarm creation");
        assertThat(created.alarmArn()).isEqualTo("arn:aws:cloudwatch:us-east-1:123456789012:alarm:a");

        cw.setAlarmState(b -> b.alarmName("a").stateValue(StateValue.ALARM).stateReason("lever"));
        put("a", b -> b.threshold(9.0));
        MetricAlarm overwritten = describe("a");
        assertThat(overwritten.stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(overwritten.threshold()).isEqualTo(9.0);
    }

    @Test
    @DisplayName("describeAlarms: by names and prefix, ignores unknown names")
    void describeAlarmsByNamesAndPrefixIgnoresUnknownNames() {
        put("app-1", b -> { });
        put("app-2", b -> { });
        put("other", b -> { });
        assertThat(cw.describeAlarms(b -> b.alarmNames("app-1", "ghost")).metricAlarms())
                .extracting(MetricAlarm::alarmName).containsExactly("app-1");
        assertThat(cw.describeAlarms(b -> b.alarmNamePrefix("app-")).metricAlarms())
                .extracting(MetricAlarm::alarmName).containsExactly("app-1", "app-2");
        cw.deleteAlarms(b -> b.alarmNames("app-1", "ghost"));
        assertThat(cw.describeAlarms(b -> { }).metricAlarms()).extracting(MetricAlarm::alarmName)
                .containsExactly("app-2", "other");
    }

    @Test
    @DisplayName("describeAlarms: pages with tokens, and refuses tokens it did not hand out")
    void describeAlarmsPagesWithTokensAndRefusesTokensItDidNotHandOut() {
        put("a", b -> { });
        put("b", b -> { });
        put("c", b -> { });

        var first = cw.describeAlarms(b -> b.maxRecords(2));
        var second = cw.describeAlarms(b -> b.maxRecords(2).nextToken(first.nextToken()));

        assertThat(first.metricAlarms()).hasSize(2);
        assertThat(second.metricAlarms()).hasSize(1);
        assertThat(second.nextToken()).isNull();
        assertThatThrownBy(() -> cw.describeAlarms(b -> b.nextToken("abc")))
                .isInstanceOfSatisfying(software.amazon.awssdk.services.cloudwatch.model.InvalidNextTokenException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidNextToken"));
        assertThatThrownBy(() -> cw.describeAlarms(b -> b.nextToken("-1")))
                .isInstanceOf(software.amazon.awssdk.services.cloudwatch.model.InvalidNextTokenException.class);
        assertThatThrownBy(() -> cw.describeAlarms(b -> b.maxRecords(0)))
                .hasMessageContaining("at 'maxRecords' failed to satisfy constraint: Member must have value greater than or equal to 1");
    }

    @Test
    @DisplayName("setAlarmState: on unknown alarm, or with a bad value, fails")
    void setAlarmStateOnUnknownAlarmOrWithABadValueFails() {
        assertThatThrownBy(() -> cw.setAlarmState(b -> b.alarmName("ghost").stateValue(StateValue.OK).stateReason("r")))
                .isInstanceOfSatisfying(DashboardNotFoundErrorException.class, e -> {
                    // The class a real Java SDK 2.40 client throws for the wire code ResourceNotFound.
                    org.assertj.core.api.Assertions.assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFound");
                    org.assertj.core.api.Assertions.assertThat(e.statusCode()).isEqualTo(404);
                });
        put("a", b -> { });
        assertThatThrownBy(() -> cw.setAlarmState(b -> b.alarmName("a").stateValue("BROKEN").stateReason("r")))
                .isInstanceOf(CloudWatchException.class).hasMessageStartingWith("1 validation error detected: Value"
                        + " 'BROKEN' at 'stateValue' failed to satisfy constraint: Member must satisfy enum value set:"
                        + " [INSUFFICIENT_DATA, ALARM, OK]");
    }

    @Test
    @DisplayName("invocationErrors: drive the alarm to alarm, and back to ok")
    void invocationErrorsDriveTheAlarmToAlarmAndBackToOk() {
        deploy();
        put("errors", b -> { });
        invoke("{\"nope\":1}", 3);
        fake.clock().advance(fake.timings().alarmEvaluationInterval());
        MetricAlarm alarm = describe("errors");
        assertThat(alarm.stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(alarm.stateReason()).startsWith("Threshold Crossed: 1 out of the last 1 datapoints [3.0] was greater"
                + " than the threshold (2.0).");

        invoke("{\"messages\":[]}", 3);
        fake.clock().advance(Duration.ofMinutes(1));
        assertThat(describe("errors").stateValue()).isEqualTo(StateValue.OK);
        fake.clock().advance(Duration.ofMinutes(5));
        assertThat(describe("errors").stateValue()).isEqualTo(StateValue.INSUFFICIENT_DATA);
        assertThat(fake.timeline().valuesOf("errors", Kind.ALARM_STATE))
                .containsExactly("ALARM", "OK", "INSUFFICIENT_DATA");
    }

    @Test
    @DisplayName("treatMissingData: and datapoints to alarm, are honoured")
    void treatMissingDataAndDatapointsToAlarmAreHonoured() {
        deploy();
        put("quiet", b -> b.treatMissingData("notBreaching"));
        put("two-of-three", b -> b.evaluationPeriods(3).datapointsToAlarm(2).threshold(0.0));
        fake.clock().advance(Duration.ofMinutes(1));
        assertThat(describe("quiet").stateValue()).isEqualTo(StateValue.OK);

        invoke("{\"nope\":1}", 1);
        fake.clock().advance(Duration.ofMinutes(1));
        assertThat(describe("two-of-three").stateValue()).isNotEqualTo(StateValue.ALARM);
        invoke("{\"nope\":1}", 1);
        fake.clock().advance(Duration.ofMinutes(1));
        assertThat(describe("two-of-three").stateValue()).isEqualTo(StateValue.ALARM);
    }

    @Test
    @DisplayName("variantMetrics: carry endpoint and variant dimensions")
    void variantMetricsCarryEndpointAndVariantDimensions() {
        deploy();
        cw.putMetricAlarm(b -> b.alarmName("variant-latency").namespace("AWS/SageMaker").metricName("ModelLatency")
                .statistic(Statistic.AVERAGE).period(60).evaluationPeriods(1).threshold(500_000.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .dimensions(d -> d.name("EndpointName").value("ep"), d -> d.name("VariantName").value("AllTraffic")));
        // the default container answers chat payloads in 850 ms = 850,000 microseconds
        invoke("{\"messages\":[]}", 2);
        fake.clock().advance(Duration.ofMinutes(1));
        assertThat(describe("variant-latency").stateValue()).isEqualTo(StateValue.ALARM);
    }

    @Test
    @DisplayName("setAlarmState: holds until new data arrives")
    void setAlarmStateHoldsUntilNewDataArrives() {
        deploy();
        put("held", b -> { });
        cw.setAlarmState(b -> b.alarmName("held").stateValue(StateValue.ALARM).stateReason("lever"));
        fake.clock().advance(Duration.ofMinutes(30));
        assertThat(describe("held").stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(describe("held").stateReason()).isEqualTo("lever");

        invoke("{\"messages\":[]}", 1);
        fake.clock().advance(Duration.ofMinutes(1));
        assertThat(describe("held").stateValue()).isEqualTo(StateValue.OK);
    }

    @Test
    @DisplayName("describe alarms for metric, finds the alarms on exactly that metric, in describe alarms shape")
    void describeAlarmsForMetricFindsTheAlarmsOnExactlyThatMetricInDescribeAlarmsShape() {
        put("errors-sum", b -> { });
        put("errors-max", b -> b.statistic(Statistic.MAXIMUM).period(300));
        put("errors-unit", b -> b.unit(StandardUnit.COUNT));
        put("other-ic", b -> b.dimensions(d -> d.name("InferenceComponentName").value("other")));
        put("no-dimensions", b -> b.dimensions((java.util.Collection<Dimension>) null));
        put("5xx", b -> b.metricName("Invocation5XXErrors"));
        put("p90", b -> b.statistic((String) null).extendedStatistic("p90"));

        assertThat(forMetric(b -> { })).extracting(MetricAlarm::alarmName)
                .containsExactly("errors-max", "errors-sum", "errors-unit", "p90");
        assertThat(forMetric(b -> b.statistic(Statistic.SUM))).extracting(MetricAlarm::alarmName)
                .containsExactly("errors-sum", "errors-unit");
        assertThat(forMetric(b -> b.period(300))).extracting(MetricAlarm::alarmName).containsExactly("errors-max");
        assertThat(forMetric(b -> b.unit(StandardUnit.COUNT))).extracting(MetricAlarm::alarmName)
                .containsExactly("errors-unit");
        assertThat(forMetric(b -> b.extendedStatistic("p90"))).extracting(MetricAlarm::alarmName).containsExactly("p90");
        assertThat(forMetric(b -> b.dimensions((java.util.Collection<Dimension>) null))).extracting(MetricAlarm::alarmName)
                .as("a metric's dimensions must all be given").containsExactly("no-dimensions");
        assertThat(forMetric(b -> b.namespace("Shop"))).isEmpty();
        assertThat(forMetric(b -> b.statistic(Statistic.SUM)).get(0)).isEqualTo(describe("errors-sum"));
    }

    @Test
    @DisplayName("describe alarms for metric, leaves out alarms on metric math")
    void describeAlarmsForMetricLeavesOutAlarmsOnMetricMath() {
        cw.putMetricAlarm(b -> b.alarmName("math").evaluationPeriods(1).threshold(1.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).metrics(q -> q.id("m1")
                        .metricStat(s -> s.stat("Sum").period(60).metric(m -> m.namespace("AWS/SageMaker")
                                .metricName("Invocation4XXErrors").dimensions(d -> d.name("InferenceComponentName")
                                        .value("ic"))))));
        assertThat(forMetric(b -> { })).isEmpty();
    }

    private java.util.List<MetricAlarm> forMetric(Consumer<DescribeAlarmsForMetricRequest.Builder> more) {
        return cw.describeAlarmsForMetric(b -> {
            b.namespace("AWS/SageMaker").metricName("Invocation4XXErrors")
                    .dimensions(d -> d.name("InferenceComponentName").value("ic"));
            more.accept(b);
        }).metricAlarms();
    }

    @Test
    @DisplayName("invalidPeriod: is rejected")
    void invalidPeriodIsRejected() {
        assertThatThrownBy(() -> put("bad", b -> b.period(45))).isInstanceOf(CloudWatchException.class)
                .hasMessageContaining("Period");
    }
}
