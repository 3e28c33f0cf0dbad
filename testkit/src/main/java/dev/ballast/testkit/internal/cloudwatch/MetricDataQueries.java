package dev.ballast.testkit.internal.cloudwatch;

import dev.ballast.testkit.internal.errors.CloudWatchErrors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * CloudWatch {@code GetMetricData} over the {@link MetricStore}: each {@code MetricStat} query is
 * the metric of exactly its namespace, name and dimension set, aggregated per period by
 * {@link MetricStatistics} (the start rounded down as {@code GetMetricStatistics} rounds it, the end
 * exclusive), only data of its {@code Unit} when it has one (without one, every unit's data
 * together; CloudWatch then picks one unit and adds a {@code MultipleUnits} message, which the fake
 * does not). Statistics: {@code SampleCount}, {@code Average}, {@code Sum}, {@code Minimum},
 * {@code Maximum} and percentiles {@code p0}-{@code p100}; the other extended statistics
 * ({@code tm}, {@code wm}, {@code tc}, {@code ts}, {@code PR(..)}, {@code IQM}) are refused as not
 * supported, and so is every {@code Expression} (the fake has no metric math or Metrics Insights):
 * {@code InvalidParameterValue} naming the query, so a test learns at once what the fake does not do.
 *
 * <p>Results: one per query with {@code ReturnData} (default true), in the request's order, with
 * {@code Id}, {@code Label} (the query's own, else the metric name, followed by the statistic and
 * the period when the request's queries differ in them, as CloudWatch labels), the periods that
 * have data newest first ({@code ScanBy=TimestampDescending}, the default) or oldest first, and
 * {@code StatusCode} {@code Complete}, or {@code PartialData} while later pages hold more of its
 * datapoints. At most {@code MaxDatapoints} (default 100,800) datapoints over all results a page;
 * every page lists every result; {@code NextToken} continues ({@code InvalidNextToken} for a token
 * it did not hand out). {@code LabelOptions} and dynamic labels are not interpreted.
 *
 * <p>Semantic rules, answered with CloudWatch's {@code ValidationError} and a text ending in a line
 * break, as the service's do (several joined):
 * <ul>
 *   <li>{@code StartTime} equal to {@code EndTime}: "The parameter StartTime must not equal
 *       parameter EndTime." (the service's text, elastic/beats#32687); {@code StartTime} after
 *       {@code EndTime}: "The parameter EndTime must be greater than StartTime." (Moto's text,
 *       getmoto/moto#6380);</li>
 *   <li>two queries with one {@code Id}: "The values for parameter id in MetricDataQueries are not
 *       unique." (the service's text, as the AWS CLI printed it);</li>
 *   <li>a query with {@code Period} and {@code MetricStat}: "The parameters
 *       MetricDataQueries.member.N.Period and MetricDataQueries.member.N.MetricStat are mutually
 *       exclusive and you have specified both." (the service's text); with {@code Expression} and
 *       {@code MetricStat}: the same form (chosen by analogy); with neither: "The parameter
 *       MetricDataQueries.member.N.MetricStat or MetricDataQueries.member.N.Expression must be
 *       specified." (chosen, the docs say only that one of them is needed);</li>
 *   <li>a statistic CloudWatch does not know: "The value S for parameter
 *       MetricDataQueries.member.N.MetricStat.Stat is not a valid statistic." (the service's text,
 *       prometheus-community/yet-another-cloudwatch-exporter#385); a period other than 1, 5, 10,
 *       20, 30 or a multiple of 60: "The parameter MetricDataQueries.member.N.MetricStat.Period must
 *       be 1, 5, 10, 20, 30, 60, or a multiple of 60." (chosen, after {@code GetMetricStatistics}'s
 *       text);</li>
 *   <li>{@code MaxDatapoints} below 1: "The value M for parameter MaxDatapoints is invalid."
 *       (chosen).</li>
 * </ul>
 */
final class MetricDataQueries {

    static final int DEFAULT_MAX_DATAPOINTS = 100_800;
    /** CloudWatch's extended statistics other than percentiles: valid, but the fake does not compute them. */
    private static final Pattern OTHER_EXTENDED = Pattern.compile(
            "(tm|wm|tc|ts)\\d{1,2}(\\.\\d{1,10})?|(TM|WM|TC|TS|PR|tm|wm|tc|ts)\\(.*\\)|IQM");

    private final CloudWatchErrors errors;
    private final MetricStore metrics;

    MetricDataQueries(CloudWatchErrors errors, MetricStore metrics) {
        this.errors = errors;
        this.metrics = metrics;
    }

    /** One result before paging: its query and its datapoints in the order asked. */
    private record Series(MetricDataQuery query, String label, List<Instant> timestamps, List<Double> values) {
    }

    GetMetricDataResponse get(GetMetricDataRequest request) {
        List<MetricDataQuery> queries = request.hasMetricDataQueries() ? request.metricDataQueries() : List.of();
        validate(request, queries);
        boolean differentStats = queries.stream().filter(q -> q.metricStat() != null)
                .map(q -> q.metricStat().stat()).distinct().count() > 1;
        boolean differentPeriods = queries.stream().filter(q -> q.metricStat() != null)
                .map(q -> q.metricStat().period()).distinct().count() > 1;
        List<Series> all = new ArrayList<>();
        int total = 0;
        for (MetricDataQuery query : queries) {
            if (Boolean.FALSE.equals(query.returnData())) {
                continue;
            }
            Series series = series(query, request, label(query, differentStats, differentPeriods));
            all.add(series);
            total += series.values().size();
        }
        int max = request.maxDatapoints() == null ? DEFAULT_MAX_DATAPOINTS : request.maxDatapoints();
        int from = CloudWatchPages.start("GetMetricData", request.nextToken(), total, errors);
        int to = (int) Math.min(total, (long) from + max);
        List<MetricDataResult> results = new ArrayList<>();
        int offset = 0;
        for (Series series : all) {
            int size = series.values().size();
            int first = Math.min(size, Math.max(0, from - offset));
            int last = Math.max(first, Math.min(size, to - offset));
            results.add(MetricDataResult.builder().id(series.query().id()).label(series.label())
                    .timestamps(series.timestamps().subList(first, last)).values(series.values().subList(first, last))
                    .statusCode(offset + size > to ? StatusCode.PARTIAL_DATA : StatusCode.COMPLETE).build());
            offset += size;
        }
        return GetMetricDataResponse.builder().metricDataResults(results).messages(List.of())
                .nextToken(to < total ? CloudWatchPages.token("GetMetricData", to) : null).build();
    }

    private void validate(GetMetricDataRequest request, List<MetricDataQuery> queries) {
        Instant start = request.startTime();
        Instant end = request.endTime();
        if (start != null && start.equals(end)) {
            throw errors.validation("The parameter StartTime must not equal parameter EndTime.\n");
        }
        if (start != null && end != null && start.isAfter(end)) {
            throw errors.validation("The parameter EndTime must be greater than StartTime.\n");
        }
        Set<String> ids = new HashSet<>();
        for (MetricDataQuery q : queries) {
            if (!ids.add(q.id())) {
                throw errors.validation("The values for parameter id in MetricDataQueries are not unique.\n");
            }
        }
        StringBuilder problems = new StringBuilder();
        for (int i = 0; i < queries.size(); i++) {
            MetricDataQuery q = queries.get(i);
            String path = "MetricDataQueries.member." + (i + 1);
            MetricStat stat = q.metricStat();
            if (stat != null && q.expression() != null) {
                problems.append("The parameters ").append(path).append(".Expression and ").append(path)
                        .append(".MetricStat are mutually exclusive and you have specified both.\n");
            } else if (stat == null && q.expression() == null) {
                problems.append("The parameter ").append(path).append(".MetricStat or ").append(path)
                        .append(".Expression must be specified.\n");
            }
            if (stat != null && q.period() != null) {
                problems.append("The parameters ").append(path).append(".Period and ").append(path)
                        .append(".MetricStat are mutually exclusive and you have specified both.\n");
            }
            if (stat != null && !MetricStatistics.computes(stat.stat()) && !otherExtended(stat.stat())) {
                problems.append("The value ").append(stat.stat()).append(" for parameter ").append(path)
                        .append(".MetricStat.Stat is not a valid statistic.\n");
            }
            if (stat != null && stat.period() != null && !MetricStatistics.validPeriod(stat.period())) {
                problems.append("The parameter ").append(path).append(".MetricStat.Period must be 1, 5, 10, 20, 30,")
                        .append(" 60, or a multiple of 60.\n");
            }
        }
        if (request.maxDatapoints() != null && request.maxDatapoints() < 1) {
            problems.append("The value ").append(request.maxDatapoints())
                    .append(" for parameter MaxDatapoints is invalid.\n");
        }
        if (!problems.isEmpty()) {
            throw errors.validation(problems.toString());
        }
        for (int i = 0; i < queries.size(); i++) {
            MetricDataQuery q = queries.get(i);
            String path = "MetricDataQueries.member." + (i + 1);
            if (q.expression() != null) {
                throw errors.invalidParameterValue("The fake does not evaluate expressions (" + path + ".Expression):"
                        + " it has no metric math or Metrics Insights. Query each metric with MetricStat.");
            }
            if (otherExtended(q.metricStat().stat())) {
                throw errors.invalidParameterValue("The fake does not compute the statistic " + q.metricStat().stat()
                        + " (" + path + ".MetricStat.Stat); it computes SampleCount, Average, Sum, Minimum, Maximum"
                        + " and percentiles p0-p100.");
            }
        }
    }

    private static boolean otherExtended(String stat) {
        return stat != null && OTHER_EXTENDED.matcher(stat).matches();
    }

    private static String label(MetricDataQuery query, boolean differentStats, boolean differentPeriods) {
        if (query.label() != null) {
            return query.label();
        }
        MetricStat stat = query.metricStat();
        StringBuilder label = new StringBuilder(String.valueOf(stat.metric() == null ? null : stat.metric().metricName()));
        if (differentStats) {
            label.append(' ').append(stat.stat());
        }
        if (differentPeriods) {
            label.append(' ').append(stat.period());
        }
        return label.toString();
    }

    private Series series(MetricDataQuery query, GetMetricDataRequest request, String label) {
        MetricStat stat = query.metricStat();
        Metric metric = stat.metric() == null ? Metric.builder().build() : stat.metric();
        MetricKey key = new MetricKey(String.valueOf(metric.namespace()), String.valueOf(metric.metricName()),
                MetricKey.dimensions(metric.hasDimensions() ? metric.dimensions() : null));
        int period = stat.period();
        Instant start = MetricStatistics.roundDown(request.startTime(), period);
        List<MetricStore.Sample> samples = new ArrayList<>();
        for (MetricStore.Sample sample : metrics.samplesBefore(key, start, request.endTime())) {
            if (stat.unit() == null || stat.unitAsString().equals(sample.unit())) {
                samples.add(sample);
            }
        }
        NavigableMap<Instant, MetricStatistics.Aggregate> periods = MetricStatistics.periods(samples, start, period);
        List<Instant> timestamps = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        periods.forEach((at, aggregate) -> {
            Double value = aggregate.value(stat.stat());
            if (value != null) {
                timestamps.add(at);
                values.add(value);
            }
        });
        if (request.scanBy() != ScanBy.TIMESTAMP_ASCENDING) {
            Collections.reverse(timestamps);
            Collections.reverse(values);
        }
        return new Series(query, label, timestamps, values);
    }
}
