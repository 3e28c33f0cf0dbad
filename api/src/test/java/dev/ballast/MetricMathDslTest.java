package dev.ballast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.ballast.error.SpecValidationException;
import dev.ballast.error.Violation;
import dev.ballast.internal.metricmath.Expression;
import dev.ballast.spec.AutoScalingSpec;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spec.CustomMetricSpec.MathQuery;
import dev.ballast.spec.Statistic;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Target tracking on metric math, as the DSL reads and validates it, and the subset of expressions it accepts. */
class MetricMathDslTest {

    private static final CustomMetric QUEUE = CustomMetric.named("QueueDepth").namespace("Custom/LLM").statistic(Statistic.SUM);
    private static final CustomMetric WORKERS = CustomMetric.named("Workers").namespace("Custom/LLM");

    private static ComponentEndpointSpec scaled(AutoScaling scaling) {
        return SeedSpecs.endpoint().component(SeedSpecs.llama("t").copies(1).autoScaling(scaling)).named("ep");
    }

    @Test
    @DisplayName("the expression given first is the one tracked (e1, ReturnData); metrics and intermediate expressions follow")
    void readsAsTheTrackedExpressionAndItsQueries() {
        AutoScalingSpec a = scaled(AutoScaling.between(1, 4).target(MetricMath.of("e2 / m2").id("backlog").label("Backlog per worker")
                .metric("m1", QUEUE).metric("m2", WORKERS).expression("e2", "SUM([m1, m2])"), 5))
                .component("llm").orElseThrow().autoScaling().orElseThrow();
        assertThat(a.tracks()).isTrue();
        assertThat(a.metricMath()).extracting(MathQuery::id, MathQuery::returnData)
                .containsExactly(tuple("backlog", true), tuple("m1", false), tuple("m2", false), tuple("e2", false));
        assertThat(a.metricMath().get(0).label()).contains("Backlog per worker");
        assertThat(a.toString()).contains("metric math [backlog = e2 / m2 \"Backlog per worker\" (returned)");
    }

    @Test
    @DisplayName("every violation at once: an unsupported function, an unknown id, a duplicate id, a malformed id")
    void everyViolationAtOnce() {
        assertThatThrownBy(() -> scaled(AutoScaling.between(1, 4).target(MetricMath.of("FILL(m1, 0) / m9")
                .metric("m1", QUEUE).metric("m1", WORKERS).metric("Queue", QUEUE), 5)))
                .isInstanceOfSatisfying(SpecValidationException.class, e -> assertThat(e.violations())
                        .extracting(Violation::path, Violation::rule)
                        .contains(
                                tuple("component[llm].autoScaling.metricMath[e1].expression", "is outside the metric math Ballast"
                                        + " supports (and its fake evaluates): the expression uses the function FILL(..), which Ballast"
                                        + " does not support; supported: " + Expression.SUBSET),
                                tuple("component[llm].autoScaling.metricMath[m1].id", "is the id of another query of this policy"),
                                tuple("component[llm].autoScaling.metricMath[Queue].id",
                                        "must be letters, digits and underscores starting with a lowercase letter (at most 255 characters)")));
        assertThatThrownBy(() -> scaled(AutoScaling.between(1, 4).target(MetricMath.of("m1 / m9").metric("m1", QUEUE), 5)))
                .isInstanceOfSatisfying(SpecValidationException.class, e -> assertThat(e.violations())
                        .extracting(Violation::path, Violation::rule)
                        .contains(tuple("component[llm].autoScaling.metricMath[e1].expression",
                                "names m9, which is not a query of this policy")));
    }

    @Test
    @DisplayName("the subset evaluates arithmetic with precedence, aggregates of series, and no datapoint where an input has none")
    void subsetEvaluates() {
        Map<String, Double> values = new java.util.HashMap<>(Map.of("m1", 30.0, "m2", 4.0, "m3", 2.0));
        List<String> metrics = List.of("m1", "m2", "m3");
        assertThat(Expression.parse("m1 / m2").evaluate(values, metrics)).isEqualTo(7.5);
        assertThat(Expression.parse("m1 - m2 * m3 + -1").evaluate(values, metrics)).isEqualTo(21.0);
        assertThat(Expression.parse("(m1 - m2) * m3").evaluate(values, metrics)).isEqualTo(52.0);
        assertThat(Expression.parse("SUM(METRICS())").evaluate(values, metrics)).isEqualTo(36.0);
        assertThat(Expression.parse("AVG([m2, m3]) / 3").evaluate(values, metrics)).isEqualTo(1.0);
        assertThat(Expression.parse("MAX(METRICS()) - MIN(METRICS())").evaluate(values, metrics)).isEqualTo(28.0);
        assertThat(Expression.parse("m1 / 0").evaluate(values, metrics)).isNull();
        values.put("m2", null);
        assertThat(Expression.parse("m1 / m2").evaluate(values, metrics)).isNull();
        assertThat(Expression.parse("SUM(METRICS())").evaluate(values, metrics)).isEqualTo(32.0);
        for (String unsupported : List.of("SEARCH('{AWS/SQS}', 'Sum')", "IF(m1 > 1, m1, 0)", "SUM(m1)", "m1 ^ 2", "SUM(METRICS(\"m\"))", "")) {
            assertThatThrownBy(() -> Expression.parse(unsupported)).as(unsupported).isInstanceOf(Expression.Unsupported.class);
        }
    }
}
