package dev.ballast.testkit.internal.autoscaling;

import dev.ballast.internal.metricmath.Expression;
import dev.ballast.testkit.internal.errors.AutoScalingErrors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingMetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;

/**
 * Target tracking on metric math ({@code CustomizedMetricSpecification.Metrics},
 * <a href="https://docs.aws.amazon.com/autoscaling/application/APIReference/API_TargetTrackingMetricDataQuery.html">
 * TargetTrackingMetricDataQuery</a>,
 * <a href="https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-target-tracking-metric-math.html">
 * target tracking with metric math</a>). {@code PutScalingPolicy}'s documented rules, refused with
 * {@code ValidationException} (the texts are the fake's own): an {@code Id} of letters, digits and
 * underscores starting with a lowercase letter, unique within the policy; each query exactly one of
 * {@code Expression} and {@code MetricStat}; a {@code MetricStat} with its metric's name, namespace and
 * {@code Stat}; exactly one query with {@code ReturnData} true ({@code ReturnData} defaults to true, so
 * every other query must say false). An expression outside the subset the fake evaluates
 * ({@link Expression#SUBSET}) throws {@link UnsupportedOperationException}: AWS accepts it, the fake
 * cannot evaluate it. The policy's alarms carry the same queries as CloudWatch {@code Metrics} with a
 * period of 60 s.
 */
final class MathAlarms {

    private static final Pattern ID = Pattern.compile("[a-z][A-Za-z0-9_]*");

    private MathAlarms() {
    }

    static void check(List<TargetTrackingMetricDataQuery> queries, String policyName, AutoScalingErrors errors) {
        List<String> wrong = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        queries.forEach(q -> ids.add(q.id()));
        Set<String> seen = new HashSet<>();
        int returned = 0;
        List<Expression> parsed = new ArrayList<>();
        for (TargetTrackingMetricDataQuery q : queries) {
            if (q.id() == null || !ID.matcher(q.id()).matches() || q.id().length() > 255) {
                wrong.add("Id '" + q.id() + "' must start with a lowercase letter and contain only letters, numbers and underscores");
            } else if (!seen.add(q.id())) {
                wrong.add("Id '" + q.id() + "' is not unique among the metric data queries");
            }
            if (!Boolean.FALSE.equals(q.returnData())) {
                returned++;
            }
            if ((q.expression() == null) == (q.metricStat() == null)) {
                wrong.add("Query '" + q.id() + "' must specify either Expression or MetricStat, but not both");
            }
            if (q.metricStat() != null && (q.metricStat().metric() == null || q.metricStat().metric().metricName() == null
                    || q.metricStat().metric().namespace() == null || q.metricStat().stat() == null)) {
                wrong.add("MetricStat of query '" + q.id() + "' needs Metric.MetricName, Metric.Namespace and Stat");
            }
            if (q.expression() != null) {
                try {
                    Expression e = Expression.parse(q.expression());
                    for (String id : e.ids()) {
                        if (!ids.contains(id)) {
                            wrong.add("Expression of query '" + q.id() + "' refers to '" + id + "', which is not an Id of"
                                    + " the metric data queries");
                        }
                    }
                    parsed.add(e);
                } catch (Expression.Unsupported u) {
                    throw new UnsupportedOperationException("FakeSageMaker does not evaluate the metric math expression '"
                            + q.expression() + "' of policy " + policyName + " (which AWS may accept): the expression "
                            + u.getMessage() + ". It evaluates " + Expression.SUBSET + ".");
                }
            }
        }
        if (returned != 1) {
            wrong.add("Exactly one of the metric data queries must have ReturnData set to true (ReturnData defaults to"
                    + " true); " + returned + " do");
        }
        if (!wrong.isEmpty()) {
            throw errors.validation(wrong.size() + " validation error" + (wrong.size() == 1 ? "" : "s") + " detected: "
                    + String.join("; ", wrong));
        }
    }

    /** @return the policy's queries as a CloudWatch alarm's {@code Metrics}, each metric over 60 s */
    static List<MetricDataQuery> queries(List<TargetTrackingMetricDataQuery> queries) {
        List<MetricDataQuery> result = new ArrayList<>();
        for (TargetTrackingMetricDataQuery q : queries) {
            MetricDataQuery.Builder b = MetricDataQuery.builder().id(q.id()).expression(q.expression()).label(q.label())
                    .returnData(!Boolean.FALSE.equals(q.returnData()));
            if (q.metricStat() != null) {
                var m = q.metricStat().metric();
                b.metricStat(s -> s.stat(q.metricStat().stat()).unit(q.metricStat().unit()).period(60)
                        .metric(x -> x.metricName(m.metricName()).namespace(m.namespace())
                                .dimensions(m.hasDimensions() ? m.dimensions().stream()
                                        .map(d -> Dimension.builder().name(d.name()).value(d.value()).build()).toList() : List.of())));
            }
            result.add(b.build());
        }
        return result;
    }
}
