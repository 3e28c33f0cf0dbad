package dev.ballast.spec;

import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A CloudWatch metric of the user's choosing that a target-tracking policy keeps near its target
 * (Application Auto Scaling's
 * <a href="https://docs.aws.amazon.com/autoscaling/application/APIReference/API_CustomizedMetricSpecification.html">
 * CustomizedMetricSpecification</a>): name, namespace, dimensions, statistic and unit. The
 * documentation asks for a metric that falls as capacity grows (a queue depth per copy, a latency).
 * Metric math ({@code Metrics}) is a list of {@link MathQuery queries}, in {@link AutoScalingSpec#metricMath()}.
 */
@Value.Immutable
public abstract class CustomMetricSpec {

    /** For the implementation Immutables generates; build one with {@link #builder()}. */
    protected CustomMetricSpec() {
    }

    /** @return the metric's name, for example {@code QueueDepth} */
    public abstract String metricName();

    /** @return the metric's namespace (required), for example {@code Custom/LLM} */
    public abstract Optional<String> namespace();

    /** @return the dimensions the metric was published with; the policy must name the same ones */
    public abstract Map<String, String> dimensions();

    /** @return the statistic over each period; {@code Average} unless set */
    @Value.Default
    public Statistic statistic() {
        return Statistic.AVERAGE;
    }

    /** @return the metric's unit, for example {@code Count}, if the policy names one */
    public abstract Optional<String> unit();

    /**
     * One query of target tracking on metric math (Application Auto Scaling's
     * <a href="https://docs.aws.amazon.com/autoscaling/application/APIReference/API_TargetTrackingMetricDataQuery.html">
     * TargetTrackingMetricDataQuery</a>): a metric ({@code MetricStat}) or an expression over other
     * queries' ids, exactly one of them; exactly one query of a policy returns its data, the one
     * the policy tracks.
     *
     * @param id the query's id: letters, digits and underscores, starting with a lowercase letter
     * @param metric the metric, its statistic and unit ({@code MetricStat}), or empty for an expression
     * @param expression the expression, or empty for a metric
     * @param label a label for the query's data, if any
     * @param returnData whether this is the series the policy tracks ({@code ReturnData})
     */
    public record MathQuery(String id, Optional<CustomMetricSpec> metric, Optional<String> expression, Optional<String> label,
                            boolean returnData) {

        /** Checks only for nulls; the rules are the validation's, which reports them all at once. */
        public MathQuery {
            java.util.Objects.requireNonNull(id, "id");
            java.util.Objects.requireNonNull(metric, "metric (Optional.empty() for an expression)");
            java.util.Objects.requireNonNull(expression, "expression (Optional.empty() for a metric)");
            java.util.Objects.requireNonNull(label, "label (Optional.empty() for none)");
        }

        /** @return for example {@code e1 = m1 / m2 (returned)} or {@code m1 = QueueDepth in Custom/LLM Sum} */
        @Override
        public String toString() {
            return id + " = " + expression.orElseGet(() -> metric.map(CustomMetricSpec::toString).orElse("?"))
                    + label.map(l -> " \"" + l + "\"").orElse("") + (returnData ? " (returned)" : "");
        }
    }

    /** @return a builder; {@code metricName} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link CustomMetricSpec}. */
    public static class Builder extends ImmutableCustomMetricSpec.Builder {

        /** An empty builder; {@code builder()} is the usual way to get one. */
        public Builder() {
        }
    }

    /** @return for example {@code QueueDepth in Custom/LLM Maximum {Model=llama}} */
    @Override
    public String toString() {
        return metricName() + " in " + namespace().orElse("?") + " " + statistic().awsName()
                + unit().map(u -> " (" + u + ")").orElse("") + (dimensions().isEmpty() ? "" : " " + dimensions());
    }
}
