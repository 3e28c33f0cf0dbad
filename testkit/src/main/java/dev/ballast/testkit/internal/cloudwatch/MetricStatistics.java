package dev.ballast.testkit.internal.cloudwatch;

import dev.ballast.testkit.internal.errors.CloudWatchErrors;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
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
 * start and the unit its data was published in ({@code Microseconds} for SageMaker's latency
 * metrics, else {@code None}, or what {@code PutMetricData} gave); without {@code Unit} a period whose
 * data came in several units has one datapoint per unit, as CloudWatch answers; periods without data
 * have no datapoint. Extended statistics are percentiles ({@code p0.0}-{@code p100}) by the
 * nearest-rank method, weighted by {@code Counts}; a percentile over statistic sets whose values are
 * unknown is left out of the datapoint (CloudWatch computes percentiles only from raw values).
 */
final class MetricStatistics {

    static final int MAX_DATAPOINTS = 1440;
    static final List<String> STATISTICS = List.of("SampleCount", "Average", "Sum", "Minimum", "Maximum");
    private static final Pattern PERCENTILE = Pattern.compile("p(\\d{1,2}(\\.\\d{1,2})?|100(\\.0{1,2})?)");

    private final CloudWatchErrors errors;

    MetricStatistics(CloudWatchErrors errors) {
        this.errors = errors;
    }

    GetMetricStatisticsResponse get(GetMetricStatisticsRequest request, MetricStore metrics) {
        validate(request);
        Map<String, String> dims = MetricKey.dimensions(request.hasDimensions() ? request.dimensions() : null);
        int period = request.period();
        Instant start = roundDown(request.startTime(), period);
        List<MetricStore.Sample> samples = metrics.samplesBefore(new MetricKey(request.namespace(),
                request.metricName(), dims), start, request.endTime());
        // without a Unit, one datapoint per unit the period's data was published in
        Map<String, List<MetricStore.Sample>> byUnit = new TreeMap<>();
        for (MetricStore.Sample sample : samples) {
            if (request.unit() == null || request.unitAsString().equals(sample.unit())) {
                byUnit.computeIfAbsent(sample.unit(), u -> new ArrayList<>()).add(sample);
            }
        }
        List<Datapoint> datapoints = new ArrayList<>();
        byUnit.forEach((unit, ofUnit) -> periods(ofUnit, start, period)
                .forEach((at, aggregate) -> datapoints.add(datapoint(at, aggregate, request, unit))));
        datapoints.sort(Comparator.comparing(Datapoint::timestamp));
        return GetMetricStatisticsResponse.builder().label(request.metricName()).datapoints(datapoints).build();
    }

    /**
     * @param samples samples of one metric, oldest first
     * @param start the first period's start (already rounded, see {@link #roundDown})
     * @param period the period in seconds
     * @return the aggregate of each period that has samples, by the period's start, oldest first
     */
    static NavigableMap<Instant, Aggregate> periods(List<MetricStore.Sample> samples, Instant start, int period) {
        NavigableMap<Instant, Aggregate> result = new TreeMap<>();
        Duration length = Duration.ofSeconds(period);
        for (MetricStore.Sample sample : samples) {
            long index = Math.floorDiv(Duration.between(start, sample.at()).toNanos(), length.toNanos());
            result.computeIfAbsent(start.plus(length.multipliedBy(index)), k -> new Aggregate()).add(sample);
        }
        return result;
    }

    /** @return whether the fake computes this statistic: the five basic ones and percentiles {@code p0}-{@code p100} */
    static boolean computes(String statistic) {
        return statistic != null && (STATISTICS.contains(statistic) || PERCENTILE.matcher(statistic).matches());
    }

    /** @return whether CloudWatch accepts the period: 1, 5, 10, 20, 30 or a multiple of 60 seconds */
    static boolean validPeriod(int period) {
        return period == 1 || period == 5 || period == 10 || period == 20 || period == 30
                || (period > 0 && period % 60 == 0);
    }

    /**
     * The statistics of a set of samples, the one place the fake aggregates metric data (alarms,
     * {@code GetMetricStatistics}, {@code GetMetricData}).
     */
    static final class Aggregate {
        private double sampleCount;
        private double sum;
        private double minimum = Double.POSITIVE_INFINITY;
        private double maximum = Double.NEGATIVE_INFINITY;
        /** the raw values with their counts; null once a statistic set without known values was added */
        private List<double[]> weighted = new ArrayList<>();

        /** @return the aggregate of {@code samples} */
        static Aggregate of(List<MetricStore.Sample> samples) {
            Aggregate aggregate = new Aggregate();
            samples.forEach(aggregate::add);
            return aggregate;
        }

        void add(MetricStore.Sample sample) {
            sampleCount += sample.sampleCount();
            sum += sample.sum();
            minimum = Math.min(minimum, sample.minimum());
            maximum = Math.max(maximum, sample.maximum());
            if (weighted != null && sample.values() == null) {
                weighted = null;
            } else if (weighted != null) {
                for (int i = 0; i < sample.values().length; i++) {
                    weighted.add(new double[] {sample.values()[i], sample.counts() == null ? 1 : sample.counts()[i]});
                }
            }
        }

        /** @return whether no sample was added */
        boolean isEmpty() {
            return sampleCount == 0 && minimum == Double.POSITIVE_INFINITY;
        }

        /**
         * @param statistic {@code SampleCount}, {@code Average}, {@code Sum}, {@code Minimum},
         *     {@code Maximum} or a percentile {@code pNN}; null means {@code Average}
         * @return its value, or null when it cannot be computed: nothing was added, or a percentile
         *     over statistic sets whose values are unknown (CloudWatch needs the raw values)
         */
        Double value(String statistic) {
            if (isEmpty()) {
                return null;
            }
            String s = statistic == null ? "Average" : statistic;
            return switch (s) {
                case "SampleCount" -> sampleCount;
                case "Sum" -> sum;
                case "Minimum" -> minimum;
                case "Maximum" -> maximum;
                case "Average" -> sampleCount == 0 ? null : sum / sampleCount;
                default -> percentile(Double.parseDouble(s.substring(1)));
            };
        }

        /** Nearest rank: the smallest value with at least {@code p} % of the values (by count) at or below it. */
        private Double percentile(double p) {
            if (weighted == null || weighted.isEmpty()) {
                return null;
            }
            List<double[]> sorted = new ArrayList<>(weighted);
            sorted.sort(Comparator.comparingDouble(v -> v[0]));
            double total = 0;
            for (double[] v : sorted) {
                total += v[1];
            }
            double rank = p * total / 100.0;
            double seen = 0;
            for (double[] v : sorted) {
                seen += v[1];
                if (seen >= rank && seen > 0) {
                    return v[0];
                }
            }
            return sorted.get(sorted.size() - 1)[0];
        }
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
        if (!validPeriod(period)) {
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

    /**
     * @return {@code start} rounded down as CloudWatch does for recent data: to a multiple of the
     *     period below one minute, else to the whole minute
     */
    static Instant roundDown(Instant start, int period) {
        Instant seconds = start.truncatedTo(ChronoUnit.SECONDS);
        long step = period < 60 ? period : 60;
        return Instant.ofEpochSecond(Math.floorDiv(seconds.getEpochSecond(), step) * step);
    }

    private static Datapoint datapoint(Instant at, Aggregate aggregate, GetMetricStatisticsRequest request,
            String unit) {
        Datapoint.Builder point = Datapoint.builder().timestamp(at).unit(unit);
        if (request.hasStatistics()) {
            for (String s : request.statisticsAsStrings()) {
                Double v = aggregate.value(s);
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
            // a percentile over statistic sets of unknown values is left out (CloudWatch needs raw values)
            Map<String, Double> percentiles = new LinkedHashMap<>();
            for (String p : request.extendedStatistics()) {
                Double v = aggregate.value(p);
                if (v != null) {
                    percentiles.put(p, v);
                }
            }
            point.extendedStatistics(percentiles);
        }
        return point.build();
    }

    /** @return the unit SageMaker publishes the metric in */
    static String unitOf(String metricName) {
        return metricName != null && metricName.endsWith("Latency") ? StandardUnit.MICROSECONDS.toString()
                : StandardUnit.NONE.toString();
    }
}
