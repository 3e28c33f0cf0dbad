package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.InvalidNextTokenException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;

/** CloudWatch GetMetricData: MetricStat queries over published and invocation metrics, labels, order and paging. */
class GetMetricDataTest {

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final CloudWatchClient cw = fake.cloudWatchClient();
    private final Instant minute = fake.clock().now().truncatedTo(ChronoUnit.MINUTES);

    /** Orders: 1 and 3 in the first minute, 5 in the second, 10 (Seconds) in the fourth. */
    @BeforeEach
    void ordersPublished() {
        fake.clock().advance(Duration.ofMinutes(10));
        cw.putMetricData(b -> b.namespace("Shop").metricData(
                datum(1.0, minute, StandardUnit.COUNT), datum(3.0, minute.plusSeconds(30), StandardUnit.COUNT),
                datum(5.0, minute.plusSeconds(60), StandardUnit.COUNT),
                datum(10.0, minute.plusSeconds(180), StandardUnit.SECONDS)));
    }

    private static MetricDatum datum(double value, Instant at, StandardUnit unit) {
        return MetricDatum.builder().metricName("Orders").dimensions(d -> d.name("Shop").value("eu")).value(value)
                .timestamp(at).unit(unit).build();
    }

    private static MetricDataQuery query(String id, String stat, Consumer<MetricDataQuery.Builder> more) {
        MetricDataQuery.Builder q = MetricDataQuery.builder().id(id).metricStat(s -> s.stat(stat).period(60)
                .metric(m -> m.namespace("Shop").metricName("Orders").dimensions(d -> d.name("Shop").value("eu"))));
        more.accept(q);
        return q.build();
    }

    private GetMetricDataResponse get(Consumer<GetMetricDataRequest.Builder> more, MetricDataQuery... queries) {
        return cw.getMetricData(b -> {
            b.startTime(minute).endTime(minute.plus(Duration.ofMinutes(5))).metricDataQueries(queries);
            more.accept(b);
        });
    }

    @Test
    @DisplayName("statisticsPerPeriod: newest first by default, with labels and status")
    void statisticsPerPeriodNewestFirstByDefaultWithLabelsAndStatus() {
        GetMetricDataResponse response = get(b -> { }, query("sum", "Sum", q -> { }),
                query("avg", "Average", q -> q.label("Mean orders")), query("p50", "p50", q -> { }),
                query("n", "SampleCount", q -> q.returnData(false)));

        assertThat(response.metricDataResults()).extracting(MetricDataResult::id).containsExactly("sum", "avg", "p50");
        MetricDataResult sum = response.metricDataResults().get(0);
        assertThat(sum.label()).as("the metric name, and the statistic as the queries differ in it")
                .isEqualTo("Orders Sum");
        assertThat(sum.timestamps()).containsExactly(minute.plusSeconds(180), minute.plusSeconds(60), minute);
        assertThat(sum.values()).containsExactly(10.0, 5.0, 4.0);
        assertThat(sum.statusCode()).isEqualTo(StatusCode.COMPLETE);
        assertThat(response.metricDataResults().get(1).label()).isEqualTo("Mean orders");
        assertThat(response.metricDataResults().get(1).values()).containsExactly(10.0, 5.0, 2.0);
        assertThat(response.metricDataResults().get(2).values()).containsExactly(10.0, 5.0, 1.0);
        assertThat(response.nextToken()).isNull();
        assertThat(response.messages()).isEmpty();
    }

    @Test
    @DisplayName("ascendingOrder: unit filter, periods and plain labels")
    void ascendingOrderUnitFilterPeriodsAndPlainLabels() {
        MetricDataResult counted = get(b -> b.scanBy(ScanBy.TIMESTAMP_ASCENDING),
                query("c", "Sum", q -> q.metricStat(s -> s.stat("Sum").period(300).unit(StandardUnit.COUNT)
                        .metric(m -> m.namespace("Shop").metricName("Orders").dimensions(d -> d.name("Shop")
                                .value("eu")))))).metricDataResults().get(0);
        assertThat(counted.label()).isEqualTo("Orders");
        assertThat(counted.timestamps()).containsExactly(minute);
        assertThat(counted.values()).containsExactly(9.0);

        List<MetricDataResult> twoPeriods = get(b -> { }, query("a", "Sum", q -> { }),
                query("b", "Sum", q -> q.metricStat(s -> s.stat("Sum").period(120).metric(m -> m.namespace("Shop")
                        .metricName("Orders").dimensions(d -> d.name("Shop").value("eu")))))).metricDataResults();
        assertThat(twoPeriods).extracting(MetricDataResult::label).containsExactly("Orders 60", "Orders 120");
        assertThat(twoPeriods.get(1).values()).containsExactly(10.0, 9.0);
    }

    @Test
    @DisplayName("otherDimensionSets: and empty windows, give empty complete results")
    void otherDimensionSetsAndEmptyWindowsGiveEmptyCompleteResults() {
        MetricDataResult none = get(b -> { }, query("x", "Sum", q -> q.metricStat(s -> s.stat("Sum").period(60)
                .metric(m -> m.namespace("Shop").metricName("Orders"))))).metricDataResults().get(0);
        assertThat(none.values()).isEmpty();
        assertThat(none.timestamps()).isEmpty();
        assertThat(none.statusCode()).isEqualTo(StatusCode.COMPLETE);
    }

    @Test
    @DisplayName("invocationMetrics: are queried too")
    void invocationMetricsAreQueriedToo() {
        Fixtures.model(fake, "model-v1", "v1");
        Fixtures.modelConfig(fake, "cfg-v1", "model-v1", 1);
        fake.sageMakerClient().createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg-v1"));
        Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE);
        Instant now = fake.clock().now();
        Fixtures.invoke(fake, "ep", 3);

        MetricDataResult invocations = cw.getMetricData(b -> b.startTime(now.minusSeconds(60))
                .endTime(now.plusSeconds(60)).metricDataQueries(q -> q.id("inv").metricStat(s -> s.stat("Sum")
                        .period(60).metric(m -> m.namespace("AWS/SageMaker").metricName("Invocations")
                                .dimensions(d -> d.name("EndpointName").value("ep"),
                                        d -> d.name("VariantName").value("AllTraffic")))))).metricDataResults().get(0);
        assertThat(invocations.values()).containsExactly(3.0);
    }

    @Test
    @DisplayName("maxDatapoints: pages over all results, with partial data until the last page")
    void maxDatapointsPagesOverAllResultsWithPartialDataUntilTheLastPage() {
        GetMetricDataResponse first = get(b -> b.maxDatapoints(4), query("a", "Sum", q -> { }),
                query("b", "Maximum", q -> { }));
        assertThat(first.metricDataResults().get(0).values()).containsExactly(10.0, 5.0, 4.0);
        assertThat(first.metricDataResults().get(0).statusCode()).isEqualTo(StatusCode.COMPLETE);
        assertThat(first.metricDataResults().get(1).values()).containsExactly(10.0);
        assertThat(first.metricDataResults().get(1).statusCode()).isEqualTo(StatusCode.PARTIAL_DATA);
        assertThat(first.nextToken()).isNotNull();

        GetMetricDataResponse second = get(b -> b.maxDatapoints(4).nextToken(first.nextToken()),
                query("a", "Sum", q -> { }), query("b", "Maximum", q -> { }));
        assertThat(second.metricDataResults().get(0).values()).isEmpty();
        assertThat(second.metricDataResults().get(1).values()).containsExactly(5.0, 3.0);
        assertThat(second.metricDataResults().get(1).statusCode()).isEqualTo(StatusCode.COMPLETE);
        assertThat(second.nextToken()).isNull();

        List<Double> all = new ArrayList<>();
        cw.getMetricDataPaginator(b -> b.startTime(minute).endTime(minute.plus(Duration.ofMinutes(5))).maxDatapoints(1)
                .metricDataQueries(query("a", "Sum", q -> { }))).forEach(page -> all.addAll(
                        page.metricDataResults().get(0).values()));
        assertThat(all).containsExactly(10.0, 5.0, 4.0);

        assertThatThrownBy(() -> get(b -> b.nextToken("bm9wZQ"), query("a", "Sum", q -> { })))
                .isInstanceOf(InvalidNextTokenException.class);
    }

    @Test
    @DisplayName("semanticRules: answer validation errors")
    void semanticRulesAnswerValidationErrors() {
        assertThatThrownBy(() -> get(b -> b.endTime(minute), query("a", "Sum", q -> { })))
                .isInstanceOfSatisfying(CloudWatchException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The parameter StartTime must not equal parameter EndTime.\n");
                });
        assertThatThrownBy(() -> get(b -> b.endTime(minute.minusSeconds(60)), query("a", "Sum", q -> { })))
                .hasMessageStartingWith("The parameter EndTime must be greater than StartTime.");
        assertThatThrownBy(() -> get(b -> { }, query("a", "Sum", q -> { }), query("a", "Average", q -> { })))
                .isInstanceOfSatisfying(CloudWatchException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("The values for parameter id in MetricDataQueries are not unique.\n"));
        assertThatThrownBy(() -> get(b -> { }, query("a", "Sum", q -> q.period(60)),
                MetricDataQuery.builder().id("b").build(), query("c", "Median", q -> { })))
                .isInstanceOfSatisfying(CloudWatchException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("The parameters MetricDataQueries.member.1.Period and MetricDataQueries.member.1"
                                + ".MetricStat are mutually exclusive and you have specified both.\n"
                                + "The parameter MetricDataQueries.member.2.MetricStat or MetricDataQueries.member.2"
                                + ".Expression must be specified.\n"
                                + "The value Median for parameter MetricDataQueries.member.3.MetricStat.Stat is not a"
                                + " valid statistic.\n"));
        assertThatThrownBy(() -> get(b -> { }, query("a", "Sum", q -> q.expression("a * 2"))))
                .hasMessageStartingWith("The parameters MetricDataQueries.member.1.Expression and"
                        + " MetricDataQueries.member.1.MetricStat are mutually exclusive and you have specified both.");
        assertThatThrownBy(() -> get(b -> { }, query("a", "Sum", q -> q.metricStat(s -> s.stat("Sum").period(45)
                .metric(m -> m.namespace("Shop").metricName("Orders"))))))
                .hasMessageStartingWith("The parameter MetricDataQueries.member.1.MetricStat.Period must be 1, 5, 10, 20,"
                        + " 30, 60, or a multiple of 60.");
    }

    @Test
    @DisplayName("expressions: and statistics the fake does not compute, are named as not supported")
    void expressionsAndStatisticsTheFakeDoesNotComputeAreNamedAsNotSupported() {
        assertThatThrownBy(() -> get(b -> { }, query("m1", "Sum", q -> { }),
                MetricDataQuery.builder().id("e1").expression("m1 * 2").build()))
                .isInstanceOfSatisfying(InvalidParameterValueException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).startsWith("The fake does not evaluate expressions"
                        + " (MetricDataQueries.member.2.Expression)"));
        assertThatThrownBy(() -> get(b -> { }, query("t", "tm90", q -> { })))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith("The fake does not compute the statistic tm90"
                        + " (MetricDataQueries.member.1.MetricStat.Stat)");
    }
}
