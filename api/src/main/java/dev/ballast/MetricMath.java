package dev.ballast;

import dev.ballast.internal.validation.Rules;
import dev.ballast.spec.CustomMetricSpec;
import dev.ballast.spec.CustomMetricSpec.MathQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Target tracking on metric math: a series computed from your metrics, for example the backlog
 * per worker, {@code m1 / m2}
 * (<a href="https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-target-tracking-metric-math.html">
 * target tracking with metric math</a>). The expression given to {@link #of(String)} is the series
 * the policy tracks ({@code ReturnData} true, id {@code e1} unless {@link #id(String)} says
 * otherwise); each {@link #metric(String, CustomMetric) metric} and {@link #expression(String, String)
 * intermediate expression} is a query it names by id. Immutable.
 *
 * <pre>{@code
 * AutoScaling.between(1, 8).target(MetricMath.of("m1 / m2")
 *     .metric("m1", CustomMetric.named("QueueDepth").namespace("Custom/LLM").statistic(Statistic.SUM))
 *     .metric("m2", CustomMetric.named("Workers").namespace("Custom/LLM")), 5);
 * }</pre>
 *
 * <p>Ballast supports a subset of metric math, which its fake also evaluates: numbers, query ids,
 * {@code + - * /} and parentheses, and {@code SUM}, {@code AVG}, {@code MIN} or {@code MAX} of
 * {@code METRICS()} or of an array such as {@code [m1, m2]}. Validation refuses any other expression.
 */
public final class MetricMath extends DslValue<List<MathQuery>> {

    private MetricMath(List<MathQuery> queries) {
        super(List.copyOf(queries));
    }

    /** The expression the policy tracks, over the ids of the {@link #metric metrics} and other expressions. */
    public static MetricMath of(String expression) {
        Rules.given(expression, "autoScaling.metricMath.expression", "expression", "give the expression, for example \"m1 / m2\"");
        return new MetricMath(List.of(new MathQuery("e1", Optional.empty(), Optional.of(expression), Optional.empty(), true)));
    }

    /** @return metric math that starts from existing queries */
    public static MetricMath from(List<MathQuery> queries) {
        Rules.given(queries, "autoScaling.metricMath", "queries", "give the queries, or start with MetricMath.of(..)");
        return new MetricMath(queries);
    }

    private MetricMath add(MathQuery query) {
        List<MathQuery> queries = new ArrayList<>(spec());
        queries.add(query);
        return new MetricMath(queries);
    }

    /** Adds a metric the expressions name by {@code id} (its statistic and unit are the metric's). */
    public MetricMath metric(String id, CustomMetric metric) {
        Rules.given(id, "autoScaling.metricMath.id", "id", "give the id the expression uses, for example \"m1\"");
        Rules.given(metric, "autoScaling.metricMath[" + Rules.key(id) + "]", "metric", "give the metric, for example CustomMetric.named(\"QueueDepth\").namespace(\"Custom/LLM\")");
        CustomMetricSpec spec = metric.spec();
        return add(new MathQuery(id, Optional.of(spec), Optional.empty(), Optional.empty(), false));
    }

    /** Adds an intermediate expression the tracked one names by {@code id}. */
    public MetricMath expression(String id, String expression) {
        Rules.given(id, "autoScaling.metricMath.id", "id", "give the id the tracked expression uses, for example \"e2\"");
        Rules.given(expression, "autoScaling.metricMath[" + Rules.key(id) + "].expression", "expression", "give the expression, for example \"m1 + m2\"");
        return add(new MathQuery(id, Optional.empty(), Optional.of(expression), Optional.empty(), false));
    }

    /** Sets the id of the tracked expression ({@code e1} by default). */
    public MetricMath id(String id) {
        Rules.given(id, "autoScaling.metricMath.id", "id", "give an id, for example \"e1\"");
        return replaceReturned(q -> new MathQuery(id, q.metric(), q.expression(), q.label(), true));
    }

    /** Labels the tracked expression's series. */
    public MetricMath label(String label) {
        Rules.given(label, "autoScaling.metricMath.label", "label", "give a label, for example \"Backlog per worker\"");
        return replaceReturned(q -> new MathQuery(q.id(), q.metric(), q.expression(), Optional.of(label), true));
    }

    private MetricMath replaceReturned(java.util.function.UnaryOperator<MathQuery> change) {
        List<MathQuery> queries = new ArrayList<>();
        for (MathQuery q : spec()) {
            queries.add(q.returnData() ? change.apply(q) : q);
        }
        return new MetricMath(queries);
    }
}
