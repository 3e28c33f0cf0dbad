package dev.ballast.testkit.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * Evaluates a metric alarm as CloudWatch does (reference §9): the last {@code EvaluationPeriods}
 * periods ending now, each aggregated by the statistic; {@code ALARM} when at least
 * {@code DatapointsToAlarm} (default: all) of them breach; missing periods per
 * {@code TreatMissingData} ({@code missing} by default).
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
        Duration period = Duration.ofSeconds(c.period() == null ? 60 : c.period());
        String missing = c.treatMissingData() == null ? "missing" : c.treatMissingData();
        double threshold = c.threshold() == null ? 0 : c.threshold();
        MetricKey key = alarm.metricKey();
        int breaching = 0;
        int present = 0;
        List<String> shown = new ArrayList<>();
        for (int k = 0; k < periods; k++) {
            Instant end = now.minus(period.multipliedBy(k));
            Instant start = end.minus(period);
            // periods are [start, end); the newest one also takes datapoints stamped exactly now
            List<Double> values = metrics.values(key, start, k == 0 ? end : end.minusNanos(1));
            if (values.isEmpty()) {
                if ("breaching".equals(missing)) {
                    breaching++;
                }
                continue;
            }
            present++;
            double v = aggregate(c.statisticAsString(), values);
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

    static double aggregate(String statistic, List<Double> values) {
        return switch (statistic == null ? "Average" : statistic) {
            case "Sum" -> values.stream().mapToDouble(Double::doubleValue).sum();
            case "SampleCount" -> values.size();
            case "Minimum" -> values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
            case "Maximum" -> values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            default -> values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        };
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
