package dev.ballast.testkit.internal.cloudwatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Datapoints of the metrics: those invocations emit ({@code AWS/SageMaker}) and those a test
 * publishes with {@code PutMetricData}, one series per metric (namespace, name and exact dimension
 * set), with a sequence number per metric so alarms know what is new and the time each metric last
 * had data published, for {@code ListMetrics}.
 */
public final class MetricStore {

    /**
     * One published sample: a single value, a statistic set or values with their counts, with the
     * unit it was published in.
     *
     * @param at the datapoint's timestamp
     * @param unit the unit ({@code None} when none was given)
     * @param sampleCount how many values it stands for
     * @param sum their sum
     * @param minimum their minimum
     * @param maximum their maximum
     * @param values the raw values (percentiles need them), or null for a statistic set whose values
     *     cannot be known
     * @param counts how often each of {@code values} occurred, or null for once each
     */
    public record Sample(Instant at, String unit, double sampleCount, double sum, double minimum, double maximum,
            double[] values, double[] counts) {

        /** @return a single value */
        static Sample single(Instant at, String unit, double value) {
            return new Sample(at, unit, 1, value, value, value, new double[] {value}, null);
        }

        /** @return values each occurring {@code counts[i]} times ({@code counts} null: once each) */
        static Sample values(Instant at, String unit, double[] values, double[] counts) {
            double n = 0;
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < values.length; i++) {
                double count = counts == null ? 1 : counts[i];
                n += count;
                sum += values[i] * count;
                min = Math.min(min, values[i]);
                max = Math.max(max, values[i]);
            }
            return new Sample(at, unit, n, sum, min, max, values, counts);
        }

        /**
         * A statistic set. CloudWatch computes percentiles over it only when its values are known:
         * one value ({@code SampleCount} 1 and minimum, maximum and sum equal) or all values equal
         * (minimum equals maximum and the sum is minimum times the count).
         */
        static Sample statisticSet(Instant at, String unit, double sampleCount, double sum, double minimum,
                double maximum) {
            boolean known = minimum == maximum && sum == minimum * sampleCount;
            return new Sample(at, unit, sampleCount, sum, minimum, maximum, known ? new double[] {minimum} : null,
                    known ? new double[] {sampleCount} : null);
        }
    }

    /**
     * How long datapoints are kept. The fake's own {@code AWS/} metrics: CloudWatch evaluates at most
     * one day (period x evaluation periods), so older points can never count again; without this a
     * long-running server under load would grow without bound. Published metrics: the two weeks
     * {@code PutMetricData} accepts and {@code ListMetrics} looks back, and a day more.
     */
    static final Duration RETENTION = Duration.ofDays(1).plusHours(1);
    static final Duration PUBLISHED_RETENTION = Duration.ofDays(15);

    private static final class Series {
        final NavigableMap<Instant, List<Sample>> points = new TreeMap<>();
        final Duration retention;
        long lastSequence;
        Instant lastPublished;

        Series(Duration retention) {
            this.retention = retention;
        }
    }

    private final Map<MetricKey, Series> series = new HashMap<>();
    private long sequence;

    /**
     * Adds a single value emitted by the fake itself, in the unit SageMaker publishes that metric in.
     *
     * @param key the metric
     * @param at its timestamp, which is also when it was published
     * @param value the value
     */
    public synchronized void put(MetricKey key, Instant at, double value) {
        put(key, Sample.single(at, MetricStatistics.unitOf(key.name()), value), at);
    }

    /**
     * @param key the metric
     * @param sample the sample
     * @param now when it is published (its timestamp may lie up to two weeks before)
     */
    public synchronized void put(MetricKey key, Sample sample, Instant now) {
        Series s = series.computeIfAbsent(key, k -> new Series(k.namespace().startsWith("AWS/") ? RETENTION
                : PUBLISHED_RETENTION));
        s.points.computeIfAbsent(sample.at(), at -> new ArrayList<>(1)).add(sample);
        s.lastSequence = ++sequence;
        s.lastPublished = s.lastPublished == null || now.isAfter(s.lastPublished) ? now : s.lastPublished;
        s.points.headMap(now.minus(s.retention), false).clear();
    }

    /** @return samples with {@code from <= at <= to}, oldest first */
    public synchronized List<Sample> samples(MetricKey key, Instant from, Instant to) {
        Series s = series.get(key);
        List<Sample> result = new ArrayList<>();
        if (s != null && !from.isAfter(to)) {
            s.points.subMap(from, true, to, true).values().forEach(result::addAll);
        }
        return result;
    }

    /** @return samples with {@code from <= at < toExclusive}, oldest first */
    public synchronized List<Sample> samplesBefore(MetricKey key, Instant from, Instant toExclusive) {
        Series s = series.get(key);
        List<Sample> result = new ArrayList<>();
        if (s != null && from.isBefore(toExclusive)) {
            s.points.subMap(from, true, toExclusive, false).values().forEach(result::addAll);
        }
        return result;
    }

    /**
     * @param publishedSince the earliest publication time of interest
     * @return the metrics with data published at or after it, with that time, in no particular order
     */
    public synchronized Map<MetricKey, Instant> publishedSince(Instant publishedSince) {
        Map<MetricKey, Instant> result = new HashMap<>();
        series.forEach((key, s) -> {
            if (!s.lastPublished.isBefore(publishedSince)) {
                result.put(key, s.lastPublished);
            }
        });
        return result;
    }

    /** @return the sequence number of the newest datapoint of the metric, 0 if none */
    public synchronized long lastSequence(MetricKey key) {
        Series s = series.get(key);
        return s == null ? 0 : s.lastSequence;
    }

    /** Orders metrics as {@code ListMetrics} lists them: namespace, name, then dimensions by name and value. */
    static final Comparator<MetricKey> LISTING_ORDER = Comparator.comparing(MetricKey::namespace)
            .thenComparing(MetricKey::name).thenComparing(k -> new TreeMap<>(k.dimensions()).toString());
}
