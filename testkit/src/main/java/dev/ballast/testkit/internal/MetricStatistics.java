package dev.ballast.testkit.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsResponse;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * CloudWatch {@code GetMetricStatistics} over the simulated metrics: the datapoints of exactly the
 * requested namespace, metric and dimension set (as CloudWatch matches them), between
 * {@code StartTime} (inclusive) and {@code EndTime} (exclusive), aggregated per {@code Period}.
 *
 * <p>As CloudWatch does for recent data, the start time is rounded down to a multiple of the
 * period below one minute, else to the whole minute; periods are 1, 5, 10, 20, 30 or a multiple
 * of 60 seconds; at most 1,440 datapoints may be asked for; each datapoint carries the period's
 * start and the metric's unit ({@code Microseconds} for the latency metrics, else {@code None});
 * periods without data have no datapoint. Extended statistics are percentiles
 * ({@code p0.0}-{@code p100}) by the nearest-rank method.
 */
final class MetricStatistics {

    static final int MAX_DATAPOINTS = 1440;
    private static final List<String> STATISTICS = List.of("SampleCount", "Average", "Sum", "Minimum", "Maximum");
    private static final Pattern PERCENTILE = Pattern.compile("p(\\d{1,2}(\\.\\d{1,2})?|100(\\.0{1,2})?)");

    private final CloudWatchErrors errors;

    MetricStatistics(CloudWatchErrors errors) {
        this.errors = errors;
    }

    GetMetricStatisticsResponse get(GetMetricStatisticsRequest request, MetricStore metrics) {
        validate(request);
        Map<String, String> dims = new TreeMap<>();
        if (request.hasDimensions()) {
            for (Dimension d : request.dimensions()) {
                dims.put(d.name(), d.value());
            }
        }
        String unit = unitOf(request.metricName());
        Duration period = Duration.ofSeconds(request.period());
        Instant start = roundDown(request.startTime(), request.period());
        List<Datapoint> datapoints = new ArrayList<>();
        if (request.unit() == null || request.unitAsString().equals(unit)) {
            Map<Instant, List<Double>> byPeriod = new LinkedHashMap<>();
            for (MetricStore.Datapoint p : metrics.points(new MetricKey(request.namespace(), request.metricName(), dims),
                    start, request.endTime())) {
                long index = Duration.between(start, p.at()).toNanos() / period.toNanos();
                byPeriod.computeIfAbsent(start.plus(period.multipliedBy(index)), k -> new ArrayList<>()).add(p.value());
            }
            byPeriod.forEach((at, values) -> datapoints.add(datapoint(at, values, request, unit)));
        }
        datapoints.sort(Comparator.comparing(Datapoint::timestamp));
        return GetMetricStatisticsResponse.builder().label(request.metricName()).datapoints(datapoints).build();
    }

    private void validate(GetMetricStatisticsRequest request) {
        requirePresent(request.namespace(), "Namespace");
        requirePresent(request.metricName(), "MetricName");
        requirePresent(request.startTime(), "StartTime");
        requirePresent(request.endTime(), "EndTime");
        requirePresent(request.period(), "Period");
        boolean statistics = request.hasStatistics() && !request.statistics().isEmpty();
        boolean extended = request.hasExtendedStatistics() && !request.extendedStatistics().isEmpty();
        if (statistics == extended) {
            throw errors.invalidParameterCombination("Must specify either Statistics or ExtendedStatistics, but not both.");
        }
        if (statistics) {
            for (String s : request.statisticsAsStrings()) {
                if (!STATISTICS.contains(s)) {
                    throw errors.validation("1 validation error detected: Value '[" + s + "]' at 'statistics' failed to"
                            + " satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set:"
                            + " " + STATISTICS + "]");
                }
            }
        }
        if (extended) {
            for (String s : request.extendedStatistics()) {
                if (!PERCENTILE.matcher(s).matches()) {
                    throw errors.invalidParameterValue("The value " + s + " for parameter ExtendedStatistics is not"
                            + " supported.");
                }
            }
        }
        if (request.hasDimensions() && request.dimensions().size() > 30) {
            throw errors.invalidParameterValue("The collection Dimensions must not have a size greater than 30.");
        }
        int period = request.period();
        if (period < 1 || !(period == 1 || period == 5 || period == 10 || period == 20 || period == 30
                || period % 60 == 0)) {
            throw errors.invalidParameterValue("The parameter Period must be 1, 5, 10, 20, 30, 60, or a multiple of 60.");
        }
        if (!request.startTime().isBefore(request.endTime())) {
            throw errors.invalidParameterValue("The parameter StartTime must be less than the parameter EndTime.");
        }
        Instant start = roundDown(request.startTime(), period);
        long seconds = Duration.between(start, request.endTime()).toSeconds();
        long requested = (seconds + period - 1) / period;
        if (requested > MAX_DATAPOINTS) {
            throw errors.invalidParameterCombination("You have requested up to " + String.format("%,d", requested)
                    + " datapoints, which exceeds the limit of 1,440. You may reduce the datapoints requested by"
                    + " increasing Period, or decreasing the time range.");
        }
    }

    private void requirePresent(Object value, String name) {
        if (value == null) {
            throw errors.missingParameter("The parameter " + name + " is required.");
        }
    }

    private static Instant roundDown(Instant start, int period) {
        Instant seconds = start.truncatedTo(ChronoUnit.SECONDS);
        long step = period < 60 ? period : 60;
        return Instant.ofEpochSecond(Math.floorDiv(seconds.getEpochSecond(), step) * step);
    }

    private static Datapoint datapoint(Instant at, List<Double> values, GetMetricStatisticsRequest request,
            String unit) {
        Datapoint.Builder point = Datapoint.builder().timestamp(at).unit(unit);
        if (request.hasStatistics()) {
            for (String s : request.statisticsAsStrings()) {
                double v = AlarmEvaluator.aggregate(s, values);
                switch (s) {
                    case "SampleCount" -> point.sampleCount(v);
                    case "Sum" -> point.sum(v);
                    case "Minimum" -> point.minimum(v);
                    case "Maximum" -> point.maximum(v);
                    default -> point.average(v);
                }
            }
        }
        if (request.hasExtendedStatistics() && !request.extendedStatistics().isEmpty()) {
            Map<String, Double> percentiles = new LinkedHashMap<>();
            for (String p : request.extendedStatistics()) {
                percentiles.put(p, percentile(values, Double.parseDouble(p.substring(1))));
            }
            point.extendedStatistics(percentiles);
        }
        return point.build();
    }

    /** Nearest rank: the smallest value with at least {@code p} % of the values at or below it. */
    static double percentile(List<Double> values, double p) {
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    /** @return the unit SageMaker publishes the metric in */
    static String unitOf(String metricName) {
        return metricName != null && metricName.endsWith("Latency") ? StandardUnit.MICROSECONDS.toString()
                : StandardUnit.NONE.toString();
    }
}
