package dev.ballast.engine.internal.run;

import dev.ballast.engine.internal.call.ResilientCaller;
import dev.ballast.spec.AlarmSpec;
import dev.ballast.spec.MissingData;
import dev.ballast.spi.TimeSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsResponse;

/**
 * Evaluates an alarm-like condition once, the way CloudWatch would over its latest whole periods, from
 * {@code GetMetricStatistics}: the condition is met when at least {@code datapointsToAlarm} (all by
 * default) of the latest {@code evaluationPeriods} periods breach. Periods without a datapoint count
 * as breaching only when missing data is treated as breaching.
 */
final class MetricCheck {

    private final ResilientCaller calls;
    private final TimeSource time;

    MetricCheck(ResilientCaller calls, TimeSource time) {
        this.calls = calls;
        this.time = time;
    }

    record Result(boolean passed, String detail) {
    }

    static String describe(AlarmSpec m) {
        return m.metricName() + " " + m.statistic().awsName() + " " + m.comparison().symbol() + " "
                + m.threshold().map(MetricCheck::number).orElse("?") + " per " + m.period().toSeconds() + " s"
                + (m.evaluationPeriods() == 1 ? "" : " x " + m.evaluationPeriods());
    }

    CompletableFuture<Result> evaluate(AlarmSpec m, Map<String, String> boundDimensions) {
        long period = m.period().getSeconds();
        // Whole periods only, as CloudWatch evaluates: the period still running is left out.
        Instant end = Instant.ofEpochSecond(Math.floorDiv(time.now().getEpochSecond(), period) * period);
        Instant start = end.minusSeconds(period * m.evaluationPeriods());
        List<Dimension> dimensions = new ArrayList<>();
        (m.dimensions().isEmpty() ? boundDimensions : m.dimensions()).forEach((k, v) -> dimensions.add(Dimension.builder().name(k).value(v).build()));
        GetMetricStatisticsRequest request = GetMetricStatisticsRequest.builder()
                .namespace(m.namespace()).metricName(m.metricName()).dimensions(dimensions)
                .startTime(start).endTime(end).period((int) period)
                .statisticsWithStrings(m.statistic().awsName())
                .build();
        return calls.call(request, GetMetricStatisticsResponse.class).thenApply(r -> judge(m, r.datapoints()));
    }

    private static Result judge(AlarmSpec m, List<Datapoint> datapoints) {
        List<Datapoint> latest = datapoints.stream().sorted(Comparator.comparing(Datapoint::timestamp).reversed())
                .limit(m.evaluationPeriods()).toList();
        int breaching = 0;
        List<String> values = new ArrayList<>();
        for (Datapoint d : latest) {
            double v = value(m, d);
            values.add(number(v));
            if (m.breaches(v)) {
                breaching++;
            }
        }
        int missing = m.evaluationPeriods() - latest.size();
        if (m.treatMissingData().orElse(MissingData.MISSING) == MissingData.BREACHING) {
            breaching += missing;
        }
        int needed = m.datapointsToAlarm().orElse(m.evaluationPeriods());
        boolean met = breaching >= needed;
        String seen = latest.isEmpty() ? "no data" : m.statistic().awsName() + " " + String.join(", ", values);
        return new Result(!met, seen + (met ? " (" + breaching + " of " + m.evaluationPeriods() + " periods " + m.comparison().symbol() + " "
                + m.threshold().map(MetricCheck::number).orElse("?") + ")" : ""));
    }

    private static double value(AlarmSpec m, Datapoint d) {
        Double v = switch (m.statistic()) {
            case SUM -> d.sum();
            case AVERAGE -> d.average();
            case MINIMUM -> d.minimum();
            case MAXIMUM -> d.maximum();
            case SAMPLE_COUNT -> d.sampleCount();
        };
        return v == null ? 0 : v;
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
