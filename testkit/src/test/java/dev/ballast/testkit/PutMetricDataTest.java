package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.testkit.TimelineEvent.Kind;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsRequest;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.MissingRequiredParameterException;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/** CloudWatch PutMetricData: a test's own metrics, read back and alarmed on like the fake's. */
class PutMetricDataTest {

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final CloudWatchClient cw = fake.cloudWatchClient();
    private final Instant minute = fake.clock().now().truncatedTo(ChronoUnit.MINUTES);

    private void put(MetricDatum... data) {
        cw.putMetricData(b -> b.namespace("Shop").metricData(data));
    }

    private static MetricDatum datum(Consumer<MetricDatum.Builder> more) {
        MetricDatum.Builder b = MetricDatum.builder().metricName("QueueDepth")
                .dimensions(d -> d.name("Queue").value("orders"));
        more.accept(b);
        return b.build();
    }

    private List<Datapoint> stats(Consumer<GetMetricStatisticsRequest.Builder> more) {
        return cw.getMetricStatistics(b -> {
            b.namespace("Shop").metricName("QueueDepth").dimensions(d -> d.name("Queue").value("orders"))
                    .startTime(minute.minus(Duration.ofHours(1))).endTime(minute.plus(Duration.ofHours(1))).period(60);
            more.accept(b);
        }).datapoints();
    }

    @Test
    @DisplayName("values: values with counts, and statistic sets, are read back per period and unit")
    void valuesValuesWithCountsAndStatisticSetsAreReadBackPerPeriodAndUnit() {
        put(datum(b -> b.value(4.0).unit(StandardUnit.COUNT).timestamp(minute)),
                datum(b -> b.values(1.0, 10.0).counts(3.0, 1.0).unit(StandardUnit.COUNT).timestamp(minute.plusSeconds(20))),
                datum(b -> b.statisticValues(s -> s.sampleCount(2.0).sum(30.0).minimum(10.0).maximum(20.0))
                        .unit(StandardUnit.COUNT).timestamp(minute.plusSeconds(60))),
                datum(b -> b.value(7.0).timestamp(minute.plusSeconds(60))));

        assertThat(stats(b -> b.statistics(Statistic.SAMPLE_COUNT, Statistic.SUM, Statistic.MINIMUM, Statistic.MAXIMUM,
                Statistic.AVERAGE))).containsExactly(
                Datapoint.builder().timestamp(minute).sampleCount(5.0).sum(17.0).minimum(1.0).maximum(10.0)
                        .average(3.4).unit(StandardUnit.COUNT).build(),
                Datapoint.builder().timestamp(minute.plusSeconds(60)).sampleCount(2.0).sum(30.0).minimum(10.0)
                        .maximum(20.0).average(15.0).unit(StandardUnit.COUNT).build(),
                Datapoint.builder().timestamp(minute.plusSeconds(60)).sampleCount(1.0).sum(7.0).minimum(7.0)
                        .maximum(7.0).average(7.0).unit(StandardUnit.NONE).build());
        assertThat(stats(b -> b.statistics(Statistic.SUM).unit(StandardUnit.NONE))).extracting(Datapoint::sum)
                .containsExactly(7.0);

        // percentiles need raw values: counts weigh them, a statistic set of unknown values has none
        List<Datapoint> percentiles = stats(b -> b.extendedStatistics("p50", "p90").unit(StandardUnit.COUNT));
        assertThat(percentiles.get(0).extendedStatistics()).containsEntry("p50", 1.0).containsEntry("p90", 10.0);
        assertThat(percentiles.get(1).extendedStatistics()).isEmpty();
    }

    @Test
    @DisplayName("timestamp defaults to now, and other dimension sets are other metrics")
    void timestampDefaultsToNowAndOtherDimensionSetsAreOtherMetrics() {
        fake.clock().advance(Duration.ofSeconds(30));
        put(datum(b -> b.value(1.0)), datum(b -> b.value(5.0).dimensions(d -> d.name("Queue").value("returns"))));

        assertThat(stats(b -> b.statistics(Statistic.SUM))).singleElement()
                .satisfies(p -> assertThat(p.timestamp()).isEqualTo(minute))
                .satisfies(p -> assertThat(p.sum()).isEqualTo(1.0));
    }

    @Test
    @DisplayName("an alarm on a custom metric, goes to alarm, and back to ok")
    void anAlarmOnACustomMetricGoesToAlarmAndBackToOk() {
        cw.putMetricAlarm(b -> b.alarmName("orders-backlog").namespace("Shop").metricName("QueueDepth")
                .dimensions(d -> d.name("Queue").value("orders")).statistic(Statistic.MAXIMUM).period(60)
                .evaluationPeriods(1).threshold(100.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));

        put(datum(b -> b.value(150.0)));
        fake.clock().advance(fake.timings().alarmEvaluationInterval());
        MetricAlarm alarm = cw.describeAlarms(b -> b.alarmNames("orders-backlog")).metricAlarms().get(0);
        assertThat(alarm.stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(alarm.stateReason()).isEqualTo("Threshold Crossed: 1 out of the last 1 datapoints [150.0] was"
                + " greater than the threshold (100.0).");

        put(datum(b -> b.value(20.0)));
        fake.clock().advance(Duration.ofMinutes(1));
        assertThat(cw.describeAlarms(b -> b.alarmNames("orders-backlog")).metricAlarms().get(0).stateValue())
                .isEqualTo(StateValue.OK);
        assertThat(fake.timeline().valuesOf("orders-backlog", Kind.ALARM_STATE)).containsExactly("ALARM", "OK");
    }

    @Test
    @DisplayName("an alarm with a unit, sees only data of that unit")
    void anAlarmWithAUnitSeesOnlyDataOfThatUnit() {
        cw.putMetricAlarm(b -> b.alarmName("slow").namespace("Shop").metricName("QueueDepth")
                .dimensions(d -> d.name("Queue").value("orders")).statistic(Statistic.MAXIMUM).period(60)
                .evaluationPeriods(1).threshold(100.0).unit(StandardUnit.SECONDS)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));

        put(datum(b -> b.value(500.0).unit(StandardUnit.MILLISECONDS)));
        fake.clock().advance(Duration.ofMinutes(1));
        assertThat(cw.describeAlarms(b -> b.alarmNames("slow")).metricAlarms().get(0).stateValue())
                .isEqualTo(StateValue.INSUFFICIENT_DATA);
    }

    @Test
    @DisplayName("awsNamespaces: are refused")
    void awsNamespacesAreRefused() {
        assertThatThrownBy(() -> cw.putMetricData(b -> b.namespace("AWS/SageMaker").metricData(datum(d -> d.value(1.0)))))
                .isInstanceOfSatisfying(InvalidParameterValueException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The value AWS/ for parameter Namespace is invalid.");
                    assertThat(e.statusCode()).isEqualTo(400);
                });
    }

    @Test
    @DisplayName("valueCombinations: follow cloud watch")
    void valueCombinationsFollowCloudWatch() {
        assertThatThrownBy(() -> put(datum(b -> b.value(1.0)), datum(b -> b.value(1.0).values(1.0, 2.0))))
                .isInstanceOf(InvalidParameterCombinationException.class)
                .hasMessageStartingWith("The parameters MetricData.member.2.Value and MetricData.member.2.Values are"
                        + " mutually exclusive and you have specified both.");
        assertThatThrownBy(() -> put(datum(b -> b.value(1.0)
                .statisticValues(s -> s.sampleCount(1.0).sum(1.0).minimum(1.0).maximum(1.0)))))
                .isInstanceOf(InvalidParameterCombinationException.class)
                .hasMessageStartingWith("The parameters MetricData.member.1.Value and MetricData.member.1.StatisticValues"
                        + " are mutually exclusive and you have specified both.");
        assertThatThrownBy(() -> put(datum(b -> { })))
                .isInstanceOf(InvalidParameterCombinationException.class)
                .hasMessageStartingWith("At least one of the parameters must be specified.");
        assertThatThrownBy(() -> put(datum(b -> b.values(1.0, 2.0).counts(1.0))))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith("The parameters MetricData.member.1.Values and MetricData.member.1.Counts must be"
                        + " of the same size.");
        assertThatThrownBy(() -> put(datum(b -> b.value(Double.NaN))))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith("The value NaN for parameter MetricData.member.1.Value is invalid.");
        assertThatThrownBy(() -> put(datum(b -> b.statisticValues(s -> s.sampleCount(2.0).sum(3.0).minimum(2.0)
                .maximum(1.0))))).isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("StatisticValues.Maximum must be greater than");
        assertThatThrownBy(() -> put(datum(b -> b.value(1.0).storageResolution(5))))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith("The value 5 for parameter MetricData.member.1.StorageResolution is invalid.");

        // CloudWatch accepts Values with StatisticValues, and stores both
        put(datum(b -> b.values(1.0, 2.0).statisticValues(s -> s.sampleCount(2.0).sum(10.0).minimum(4.0).maximum(6.0))
                .timestamp(minute)));
        assertThat(stats(b -> b.statistics(Statistic.SAMPLE_COUNT, Statistic.SUM))).singleElement()
                .satisfies(p -> assertThat(p.sampleCount()).isEqualTo(4.0))
                .satisfies(p -> assertThat(p.sum()).isEqualTo(13.0));
    }

    @Test
    @DisplayName("timestamps outside two weeks back or two hours ahead, are refused, and nothing is stored")
    void timestampsOutsideTwoWeeksBackOrTwoHoursAheadAreRefusedAndNothingIsStored() {
        Instant now = fake.clock().now();
        assertThatThrownBy(() -> put(datum(b -> b.value(1.0).timestamp(now.minus(Duration.ofDays(15)))),
                datum(b -> b.value(1.0).timestamp(now)),
                datum(b -> b.value(1.0).timestamp(now.plus(Duration.ofHours(3))))))
                .isInstanceOfSatisfying(InvalidParameterValueException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).isEqualTo("The parameter MetricData.member.1.Timestamp must"
                        + " specify a time within the past two weeks.\nThe parameter MetricData.member.3.Timestamp must"
                        + " specify a time no more than two hours in the future."));
        assertThat(stats(b -> b.statistics(Statistic.SUM))).isEmpty();

        put(datum(b -> b.value(1.0).timestamp(now.minus(Duration.ofDays(14)))),
                datum(b -> b.value(2.0).timestamp(now.plus(Duration.ofHours(2)))));
        assertThat(cw.getMetricStatistics(b -> b.namespace("Shop").metricName("QueueDepth")
                .dimensions(d -> d.name("Queue").value("orders")).startTime(now.minus(Duration.ofDays(15)))
                .endTime(now.plus(Duration.ofDays(1))).period(3600).statistics(Statistic.SUM)).datapoints())
                .extracting(Datapoint::sum).containsExactly(1.0, 2.0);
    }

    @Test
    @DisplayName("missingData: and entity data without strict validation, are missing parameters")
    void missingDataAndEntityDataWithoutStrictValidationAreMissingParameters() {
        assertThatThrownBy(() -> cw.putMetricData(b -> b.namespace("Shop")))
                .isInstanceOf(MissingRequiredParameterException.class)
                .hasMessageStartingWith("The parameter MetricData is required.");
        assertThatThrownBy(() -> cw.putMetricData(b -> b.namespace("Shop").entityMetricData(e -> e
                .entity(n -> n.keyAttributes(java.util.Map.of("Type", "Service", "Name", "shop")))
                .metricData(datum(d -> d.value(1.0)))))).isInstanceOf(MissingRequiredParameterException.class)
                .hasMessageStartingWith("The parameter StrictEntityValidation is required.");

        cw.putMetricData(b -> b.namespace("Shop").strictEntityValidation(true).entityMetricData(e -> e
                .entity(n -> n.keyAttributes(java.util.Map.of("Type", "Service", "Name", "shop")))
                .metricData(datum(d -> d.value(3.0).timestamp(minute)))));
        assertThat(stats(b -> b.statistics(Statistic.SUM))).extracting(Datapoint::sum).containsExactly(3.0);
    }

    @Test
    @DisplayName("is served through execute, and errors are cloud watch exceptions")
    void isServedThroughExecuteAndErrorsAreCloudWatchExceptions() {
        fake.execute(software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest.builder().namespace("Shop")
                .metricData(datum(b -> b.value(2.0).timestamp(minute))).build());
        assertThat(stats(b -> b.statistics(Statistic.SUM))).extracting(Datapoint::sum).containsExactly(2.0);
        assertThatThrownBy(() -> put(datum(b -> { }))).isInstanceOf(CloudWatchException.class);
    }
}
