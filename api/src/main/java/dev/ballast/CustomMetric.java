package dev.ballast;

import dev.ballast.internal.validation.Rules;
import dev.ballast.spec.CustomMetricSpec;
import dev.ballast.spec.Statistic;
import java.util.function.UnaryOperator;

/**
 * A CloudWatch metric of your own for target tracking, for example the queue depth your service
 * publishes with {@code PutMetricData}. Immutable.
 *
 * <pre>{@code
 * AutoScaling.between(1, 8).target(CustomMetric.named("QueueDepth").namespace("Custom/LLM")
 *     .dimension("Model", "llama").statistic(Statistic.MAXIMUM), 5);
 * }</pre>
 *
 * <p>Pick a metric that falls as capacity grows; the policy's dimensions must be the ones the
 * metric is published with
 * (<a href="https://docs.aws.amazon.com/autoscaling/application/APIReference/API_CustomizedMetricSpecification.html">
 * CustomizedMetricSpecification</a>).
 */
public final class CustomMetric extends DslValue<CustomMetricSpec> {

    private CustomMetric(CustomMetricSpec spec) {
        super(spec);
    }

    /** A metric by name; say its {@link #namespace(String) namespace} too. Averaged unless {@link #statistic(Statistic)} says otherwise. */
    public static CustomMetric named(String metricName) {
        Rules.given(metricName, "autoScaling.customMetric.metricName", "metricName", "name the metric, for example CustomMetric.named(\"QueueDepth\")");
        return new CustomMetric(CustomMetricSpec.builder().metricName(metricName).build());
    }

    /** @return a metric that starts from an existing spec */
    public static CustomMetric from(CustomMetricSpec spec) {
        return new CustomMetric(Rules.given(spec, "autoScaling.customMetric", "spec", "give a spec, or start with CustomMetric.named(..)"));
    }

    private CustomMetric with(UnaryOperator<CustomMetricSpec.Builder> change) {
        CustomMetricSpec.Builder builder = CustomMetricSpec.builder();
        builder.from(spec());
        return new CustomMetric(change.apply(builder).build());
    }

    /** Sets the namespace the metric is published in (required). */
    public CustomMetric namespace(String namespace) {
        Rules.given(namespace, "autoScaling.customMetric.namespace", "namespace", "give the namespace, for example Custom/LLM");
        return with(b -> b.namespace(namespace));
    }

    /** Adds a dimension the metric is published with. */
    public CustomMetric dimension(String name, String value) {
        Rules.given(name, "autoScaling.customMetric.dimensions", "name", "name the dimension, for example dimension(\"Model\", \"llama\")");
        Rules.given(value, "autoScaling.customMetric.dimensions[" + Rules.key(name) + "]", "value", "give the dimension's value");
        return with(b -> b.putDimension(name, value));
    }

    /** Sets the statistic over each period ({@code AVERAGE} by default). */
    public CustomMetric statistic(Statistic statistic) {
        Rules.given(statistic, "autoScaling.customMetric.statistic", "statistic", "pick a Statistic, for example Statistic.AVERAGE");
        return with(b -> b.statistic(statistic));
    }

    /** Sets the metric's unit, for example {@code Count}, when it is published with one. */
    public CustomMetric unit(String unit) {
        Rules.given(unit, "autoScaling.customMetric.unit", "unit", "give a CloudWatch unit such as Count, or leave it out");
        return with(b -> b.unit(unit));
    }
}
