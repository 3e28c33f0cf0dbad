package dev.ballast.testkit.internal.cloudwatch;

import java.time.Duration;
import java.time.Instant;
import dev.ballast.internal.metricmath.Expression;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * Evaluates a metric alarm as CloudWatch does
 * (<a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html">Using
 * Amazon CloudWatch alarms</a>): the last {@code EvaluationPeriods} periods ending now, each aggregated by the
 * statistic (or extended statistic) over the data of the alarm's unit, whatever the namespace (the fake's
 * {@code AWS/SageMaker} metrics or a test's own from {@code PutMetricData}); {@code ALARM} when at least
 * {@code DatapointsToAlarm} (default: all) of them breach; missing periods per {@code TreatMissingData}
 * ({@code missing} by default). An alarm on metric math ({@code Metrics}) takes, per period, the value of
 * its query that returns data, computed by {@link #value}.
 */
final class AlarmEvaluator {

    record Verdict(StateValue state, String reason) {
    }

    private AlarmEvaluator() {
    }

    /** @return the new state, or null to keep the current one ({@code TreatMissingData=ignore}) */
    static Verdict evaluate(AlarmRecord alarm, MetricStore metrics, Instant now) {
        PutMetricAlarmRequest c = alarm.config;
        int periods = c.evaluationPeriods() == null ? 1 : c.evaluationPeriods();
        int needed = c.datapointsToAlarm() == null ? periods : c.datapointsToAlarm();
        Duration period = period(c);
        String missing = c.treatMissingData() == null ? "missing" : c.treatMissingData();
        double threshold = c.threshold() == null ? 0 : c.threshold();
        int breaching = 0;
        int present = 0;
        List<String> shown = new ArrayList<>();
        for (int k = 0; k < periods; k++) {
            Instant end = now.minus(period.multipliedBy(k));
            Instant start = end.minus(period);
            // periods are [start, end); the newest one also takes datapoints stamped exactly now
            Double value = value(alarm, metrics, start, k == 0 ? end : end.minusNanos(1));
            if (value == null) {
                if ("breaching".equals(missing)) {
                    breaching++;
                }
                continue;
            }
            present++;
            double v = value;
            shown.add(format(v));
            if (breaches(c.comparisonOperatorAsString(), v, threshold)) {
                breaching++;
            }
        }
        String comparison = describe(c.comparisonOperatorAsString());
        if (breaching >= needed) {
            return new Verdict(StateValue.ALARM, "Threshold Crossed: " + breaching + " out of the last " + periods
                    + " datapoints " + shown + " " + (breaching == 1 ? "was" : "were") + " " + comparison
                    + " the threshold (" + format(threshold) + ").");
        }
        if (present == 0) {
            return switch (missing) {
                case "notBreaching" -> new Verdict(StateValue.OK, "Threshold Crossed: no datapoints were received for "
                        + periods + " periods and " + periods + " missing datapoints were treated as [NonBreaching].");
                case "ignore" -> null;
                default -> new Verdict(StateValue.INSUFFICIENT_DATA, "Insufficient Data: " + periods
                        + " datapoint" + (periods == 1 ? " was" : "s were") + " unknown.");
            };
        }
        return new Verdict(StateValue.OK, "Threshold Crossed: " + (periods - breaching) + " out of the last " + periods
                + " datapoints " + shown + " " + ((periods - breaching) == 1 ? "was" : "were") + " not " + comparison
                + " the threshold (" + format(threshold) + ").");
    }

    /** @return the alarm's period: its {@code Period}, else its metric queries' (60 s when none says) */
    static Duration period(PutMetricAlarmRequest c) {
        if (c.period() != null) {
            return Duration.ofSeconds(c.period());
        }
        if (c.hasMetrics()) {
            for (MetricDataQuery q : c.metrics()) {
                if (q.metricStat() != null && q.metricStat().period() != null) {
                    return Duration.ofSeconds(q.metricStat().period());
                }
            }
        }
        return Duration.ofSeconds(60);
    }

    /**
     * @return the alarm's value over one period: its metric's statistic, or for an alarm on metric math
     *     ({@code Metrics}) the value of the query that returns data, computed from the other queries'
     *     values over the same period; null when there is none. Metric math is evaluated in the subset
     *     {@link Expression} describes; an alarm with an expression outside it has no value (it stays
     *     {@code INSUFFICIENT_DATA}), as the fake cannot compute it.
     */
    static Double value(AlarmRecord alarm, MetricStore metrics, Instant from, Instant to) {
        PutMetricAlarmRequest c = alarm.config;
        if (!c.hasMetrics() || c.metrics().isEmpty()) {
            return statistic(alarm, metrics.samples(alarm.metricKey(), from, to));
        }
        Map<String, Double> values = new HashMap<>();
        List<String> metricIds = new ArrayList<>();
        Map<String, Expression> expressions = new LinkedHashMap<>();
        String returned = null;
        for (MetricDataQuery q : c.metrics()) {
            if (!Boolean.FALSE.equals(q.returnData())) {
                returned = q.id();
            }
            if (q.metricStat() != null) {
                metricIds.add(q.id());
                MetricStat stat = q.metricStat();
                MetricKey key = new MetricKey(String.valueOf(stat.metric().namespace()), String.valueOf(stat.metric().metricName()),
                        MetricKey.dimensions(stat.metric().hasDimensions() ? stat.metric().dimensions() : null));
                MetricStatistics.Aggregate aggregate = new MetricStatistics.Aggregate();
                for (MetricStore.Sample sample : metrics.samples(key, from, to)) {
                    if (stat.unit() == null || stat.unitAsString().equals(sample.unit())) {
                        aggregate.add(sample);
                    }
                }
                values.put(q.id(), aggregate.value(stat.stat()));
            } else if (q.expression() != null) {
                try {
                    expressions.put(q.id(), Expression.parse(q.expression()));
                } catch (Expression.Unsupported e) {
                    return null;
                }
            }
        }
        // expressions may name each other: evaluate those whose ids are known until none is left to do
        boolean progress = true;
        while (!expressions.isEmpty() && progress) {
            progress = false;
            for (var it = expressions.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                boolean ready = e.getValue().ids().stream().allMatch(id -> values.containsKey(id) || !expressionsContain(expressions, id));
                if (ready) {
                    values.put(e.getKey(), e.getValue().evaluate(values, metricIds));
                    it.remove();
                    progress = true;
                }
            }
        }
        return returned == null ? null : values.get(returned);
    }

    private static boolean expressionsContain(Map<String, Expression> pending, String id) {
        return pending.containsKey(id);
    }

    /**
     * @param samples the samples of one period of the alarm's metric
     * @return the alarm's statistic ({@code Statistic}, else {@code ExtendedStatistic}, else
     *     {@code Average}) over those published in the alarm's {@code Unit} (any unit when it has
     *     none), or null when there are none or the statistic cannot be computed from them
     */
    static Double statistic(AlarmRecord alarm, List<MetricStore.Sample> samples) {
        PutMetricAlarmRequest c = alarm.config;
        MetricStatistics.Aggregate aggregate = new MetricStatistics.Aggregate();
        for (MetricStore.Sample sample : samples) {
            if (c.unit() == null || c.unitAsString().equals(sample.unit())) {
                aggregate.add(sample);
            }
        }
        return aggregate.value(c.statistic() != null ? c.statisticAsString() : c.extendedStatistic());
    }

    static boolean breaches(String operator, double value, double threshold) {
        return switch (operator == null ? "GreaterThanThreshold" : operator) {
            case "GreaterThanOrEqualToThreshold" -> value >= threshold;
            case "LessThanThreshold" -> value < threshold;
            case "LessThanOrEqualToThreshold" -> value <= threshold;
            default -> value > threshold;
        };
    }

    private static String describe(String operator) {
        return switch (operator == null ? "GreaterThanThreshold" : operator) {
            case "GreaterThanOrEqualToThreshold" -> "greater than or equal to";
            case "LessThanThreshold" -> "less than";
            case "LessThanOrEqualToThreshold" -> "less than or equal to";
            default -> "greater than";
        };
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
