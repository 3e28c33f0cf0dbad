package dev.ballast.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.testkit.FakeSageMaker;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.InvalidNextTokenException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

@DisplayName("A test's own metrics over HTTP: PutMetricData, GetMetricData, ListMetrics, DescribeAlarmsForMetric")
class CustomMetricsOverHttpTest {

    private FakeSageMaker fake;
    private FakeServer server;
    private CloudWatchClient cloudWatch;
    private Instant minute;

    @BeforeEach
    void start() {
        fake = FakeSageMaker.create();
        fake.clock().advance(Duration.ofMinutes(10));
        minute = fake.clock().now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(5));
        server = FakeServer.builder(fake).build().start();
        cloudWatch = SdkClients.cloudWatch(server);
    }

    @AfterEach
    void stop() {
        cloudWatch.close();
        server.close();
        fake.close();
    }

    @Test
    @DisplayName("the Java SDK (awsQuery) publishes nested data and reads it back through every new operation")
    void javaSdk() {
        cloudWatch.putMetricAlarm(b -> b.alarmName("backlog").namespace("Shop").metricName("QueueDepth")
                .dimensions(d -> d.name("Queue").value("orders"), d -> d.name("Region").value("eu"))
                .statistic(Statistic.MAXIMUM).period(60).evaluationPeriods(1).threshold(100.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
        cloudWatch.putMetricData(b -> b.namespace("Shop").metricData(
                d -> d.metricName("QueueDepth").dimensions(x -> x.name("Queue").value("orders"),
                        x -> x.name("Region").value("eu")).values(40.0, 120.0).counts(3.0, 1.0).timestamp(minute)
                        .unit(StandardUnit.COUNT),
                d -> d.metricName("QueueDepth").dimensions(x -> x.name("Queue").value("orders"),
                        x -> x.name("Region").value("eu")).timestamp(minute.plusSeconds(60)).unit(StandardUnit.COUNT)
                        .statisticValues(s -> s.sampleCount(2.0).sum(50.0).minimum(20.0).maximum(30.0)),
                d -> d.metricName("Orders").value(1.5E10).timestamp(minute)));
        cloudWatch.putMetricData(b -> b.namespace("Shop").strictEntityValidation(false).entityMetricData(e -> e
                .entity(n -> n.keyAttributes(java.util.Map.of("Type", "Service", "Name", "shop"))
                        .attributes(java.util.Map.of("PlatformType", "Generic")))
                .metricData(d -> d.metricName("Orders").value(2.0).timestamp(minute.plusSeconds(60)))));

        GetMetricDataResponse data = cloudWatch.getMetricData(b -> b.startTime(minute)
                .endTime(minute.plus(Duration.ofMinutes(3))).scanBy(ScanBy.TIMESTAMP_ASCENDING).metricDataQueries(
                        q -> q.id("depth").label("Depth").metricStat(s -> s.stat("Maximum").period(60).metric(m -> m
                                .namespace("Shop").metricName("QueueDepth").dimensions(x -> x.name("Queue").value("orders"),
                                        x -> x.name("Region").value("eu")))),
                        q -> q.id("p75").metricStat(s -> s.stat("p75").period(60).unit(StandardUnit.COUNT).metric(m -> m
                                .namespace("Shop").metricName("QueueDepth").dimensions(x -> x.name("Region").value("eu"),
                                        x -> x.name("Queue").value("orders")))),
                        q -> q.id("orders").returnData(true).metricStat(s -> s.stat("Sum").period(60).metric(m -> m
                                .namespace("Shop").metricName("Orders")))));
        assertThat(data.metricDataResults()).extracting(MetricDataResult::id).containsExactly("depth", "p75", "orders");
        assertThat(data.metricDataResults().get(0).label()).isEqualTo("Depth");
        assertThat(data.metricDataResults().get(0).timestamps()).containsExactly(minute, minute.plusSeconds(60));
        assertThat(data.metricDataResults().get(0).values()).containsExactly(120.0, 30.0);
        assertThat(data.metricDataResults().get(0).statusCode()).isEqualTo(StatusCode.COMPLETE);
        assertThat(data.metricDataResults().get(1).label()).isEqualTo("QueueDepth p75");
        assertThat(data.metricDataResults().get(1).values()).containsExactly(40.0);
        assertThat(data.metricDataResults().get(2).values()).containsExactly(1.5E10, 2.0);
        assertThat(data.nextToken()).isNull();

        ListMetricsResponse listed = cloudWatch.listMetrics(b -> b.namespace("Shop")
                .dimensions(f -> f.name("Queue").value("orders"), f -> f.name("Region")));
        assertThat(listed.metrics()).singleElement().satisfies(m -> {
            assertThat(m.metricName()).isEqualTo("QueueDepth");
            assertThat(m.dimensions()).extracting(d -> d.name() + "=" + d.value()).containsExactly("Queue=orders",
                    "Region=eu");
        });

        List<MetricAlarm> alarms = cloudWatch.describeAlarmsForMetric(b -> b.namespace("Shop").metricName("QueueDepth")
                .dimensions(d -> d.name("Region").value("eu"), d -> d.name("Queue").value("orders"))
                .statistic(Statistic.MAXIMUM).period(60)).metricAlarms();
        assertThat(alarms).extracting(MetricAlarm::alarmName).containsExactly("backlog");
        assertThat(alarms.get(0).dimensions()).hasSize(2);

        cloudWatch.putMetricData(b -> b.namespace("Shop").metricData(d -> d.metricName("QueueDepth")
                .dimensions(x -> x.name("Queue").value("orders"), x -> x.name("Region").value("eu")).value(500.0)));
        fake.clock().advance(fake.timings().alarmEvaluationInterval());
        assertThat(cloudWatch.describeAlarms(b -> b.alarmNames("backlog")).metricAlarms().get(0).stateValue())
                .isEqualTo(StateValue.ALARM);
    }

    @Test
    @DisplayName("the Java SDK raises CloudWatch's modeled exceptions and pages with the server's tokens")
    void javaSdkErrorsAndPaging() {
        assertThatThrownBy(() -> cloudWatch.putMetricData(b -> b.namespace("AWS/EC2").metricData(d -> d.metricName("m")
                .value(1.0)))).isInstanceOfSatisfying(InvalidParameterValueException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).isEqualTo("The value AWS/ for parameter Namespace is invalid."));
        assertThatThrownBy(() -> cloudWatch.putMetricData(b -> b.namespace("Shop").metricData(d -> d.metricName("m")
                .value(1.0).statisticValues(s -> s.sampleCount(1.0).sum(1.0).minimum(1.0).maximum(1.0)))))
                .isInstanceOf(InvalidParameterCombinationException.class);
        assertThatThrownBy(() -> cloudWatch.getMetricData(b -> b.startTime(minute).endTime(minute).metricDataQueries(
                q -> q.id("a").metricStat(s -> s.stat("Sum").period(60).metric(m -> m.namespace("Shop")
                        .metricName("m")))))).isInstanceOfSatisfying(CloudWatchException.class, e -> {
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                            assertThat(e.awsErrorDetails().errorMessage())
                                    .isEqualTo("The parameter StartTime must not equal parameter EndTime.\n");
                        });

        for (int i = 0; i < 3; i++) {
            int n = i;
            cloudWatch.putMetricData(b -> b.namespace("Shop").metricData(d -> d.metricName("Ticks").value((double) n)
                    .timestamp(minute.plusSeconds(60L * n))));
        }
        GetMetricDataResponse first = cloudWatch.getMetricData(b -> b.startTime(minute)
                .endTime(minute.plus(Duration.ofMinutes(5))).maxDatapoints(2).metricDataQueries(q -> q.id("t")
                        .metricStat(s -> s.stat("Sum").period(60).metric(m -> m.namespace("Shop").metricName("Ticks")))));
        assertThat(first.metricDataResults().get(0).values()).containsExactly(2.0, 1.0);
        assertThat(first.metricDataResults().get(0).statusCode()).isEqualTo(StatusCode.PARTIAL_DATA);
        GetMetricDataResponse second = cloudWatch.getMetricData(b -> b.startTime(minute)
                .endTime(minute.plus(Duration.ofMinutes(5))).maxDatapoints(2).nextToken(first.nextToken())
                .metricDataQueries(q -> q.id("t").metricStat(s -> s.stat("Sum").period(60)
                        .metric(m -> m.namespace("Shop").metricName("Ticks")))));
        assertThat(second.metricDataResults().get(0).values()).containsExactly(0.0);
        assertThat(second.nextToken()).isNull();
        assertThatThrownBy(() -> cloudWatch.listMetrics(b -> b.nextToken(first.nextToken())))
                .isInstanceOf(InvalidNextTokenException.class);
    }

    @Test
    @DisplayName("boto3 (CloudWatch JSON 1.0) publishes, queries, lists and finds the alarm")
    void boto3() throws Exception {
        String missing = ExternalClients.unavailable("python3", "-c", "import boto3");
        Assumptions.assumeTrue(missing == null, "boto3 is not installed: " + missing);
        fake.cloudWatchClient().putMetricAlarm(b -> b.alarmName("backlog").namespace("Shop").metricName("QueueDepth")
                .dimensions(d -> d.name("Queue").value("orders")).statistic(Statistic.MAXIMUM).period(60)
                .evaluationPeriods(1).threshold(100.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));

        ExternalClients.Result result = ExternalClients.run(List.of("python3", script().toString(),
                server.uri().toString(), Long.toString(minute.getEpochSecond())), 180);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout().lines()).containsExactly(
                "depth=[('" + minute.plusSeconds(60) + "', 30.0), ('" + minute + "', 120.0)] status=Complete label=QueueDepth",
                "p75=[40.0]",
                "next_token=False messages=[]",
                "metrics=QueueDepth Queue=orders",
                "alarms=backlog",
                "error_code=InvalidParameterCombination",
                "error_message=The parameters MetricData.member.1.Value and MetricData.member.1.Values are mutually"
                        + " exclusive and you have specified both.",
                "validation_code=ValidationError");
    }

    private static Path script() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(CustomMetricsOverHttpTest.class.getResource("/http/custom_metrics_with_boto3.py"),
                "custom_metrics_with_boto3.py on the test classpath").toURI());
    }
}
