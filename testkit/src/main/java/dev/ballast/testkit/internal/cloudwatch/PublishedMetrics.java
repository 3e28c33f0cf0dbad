package dev.ballast.testkit.internal.cloudwatch;

import dev.ballast.testkit.internal.errors.CloudWatchErrors;
import dev.ballast.testkit.internal.sim.Sim;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.model.DimensionFilter;
import software.amazon.awssdk.services.cloudwatch.model.EntityMetricData;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsRequest;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.StatisticSet;

/**
 * CloudWatch {@code PutMetricData} and {@code ListMetrics}: a test publishes its own metrics into
 * the same {@link MetricStore} invocations feed, so {@code GetMetricStatistics},
 * {@code GetMetricData} and alarms read them like the fake's {@code AWS/SageMaker} metrics.
 *
 * <p>{@code PutMetricData}'s rules, each with CloudWatch's code; where CloudWatch's text is not
 * known the rule says "chosen":
 * <ul>
 *   <li>a namespace starting with {@code AWS/}: {@code InvalidParameterValue} "The value AWS/ for
 *       parameter Namespace is invalid." (the service's answer, boto/boto3#1847);</li>
 *   <li>no datum at all: {@code MissingParameter} "The parameter MetricData is required." (the
 *       service's answer to an empty list, awslabs/cloudwatch-fluent-metrics#13);</li>
 *   <li>{@code EntityMetricData} without {@code StrictEntityValidation}, which the API reference
 *       says is then required: {@code MissingParameter} "The parameter StrictEntityValidation is
 *       required." (text chosen); the entity itself is accepted unchecked and its metric data is
 *       stored like {@code MetricData}'s;</li>
 *   <li>{@code Value} with {@code Values}, or {@code Value} with {@code StatisticValues}:
 *       {@code InvalidParameterCombination} "The parameters MetricData.member.N.Value and
 *       MetricData.member.N.Values are mutually exclusive and you have specified both." (recorded
 *       from AWS in LocalStack's validated snapshot); {@code Values} with {@code StatisticValues}
 *       is accepted, as AWS accepts it, and both are stored;</li>
 *   <li>none of {@code Value}, {@code Values}, {@code StatisticValues}:
 *       {@code InvalidParameterCombination} "At least one of the parameters must be specified."
 *       (the service's answer, boto/boto3#2790);</li>
 *   <li>{@code Values} and {@code Counts} of different sizes: {@code InvalidParameterValue} "The
 *       parameters MetricData.member.N.Values and MetricData.member.N.Counts must be of the same
 *       size." (LocalStack's validated snapshot); {@code Counts} without {@code Values} are
 *       ignored (chosen, the docs are silent);</li>
 *   <li>a value that is NaN, infinite or beyond the documented range -2^360..2^360:
 *       {@code InvalidParameterValue} "The value V for parameter MetricData.member.N.Value is
 *       invalid." (text chosen; the docs say such values are rejected);</li>
 *   <li>{@code StatisticValues} whose maximum is below its minimum: {@code InvalidParameterValue}
 *       "The parameter MetricData.member.N.StatisticValues.Maximum must be greater than
 *       MetricData.member.N.StatisticValues.Minimum." (chosen, the wording of the old
 *       {@code mon-put-data} tool's own check);</li>
 *   <li>{@code StorageResolution} other than 1 or 60 (the documented values):
 *       {@code InvalidParameterValue} "The value V for parameter
 *       MetricData.member.N.StorageResolution is invalid." (text chosen); the resolution is kept
 *       as given otherwise: every datapoint keeps its own timestamp;</li>
 *   <li>a timestamp more than two weeks old or more than two hours ahead (the documented window):
 *       {@code InvalidParameterValue} "The parameter MetricData.member.N.Timestamp must specify a
 *       time within the past two weeks." (the service's text, cloud-custodian#2559) or "... must
 *       specify a time no more than two hours in the future." (chosen by analogy), one line per
 *       datum joined by line breaks, as the service reports several.</li>
 * </ul>
 * A request breaking a rule stores nothing. The timestamp defaults to the time of the call, the
 * unit to {@code None}.
 *
 * <p>{@code ListMetrics} lists every metric (namespace, name, exact dimension set) with data
 * published in the last two weeks, as CloudWatch does, or the last three hours with
 * {@code RecentlyActive=PT3H}; a new metric is listed at once (CloudWatch may take up to fifteen
 * minutes). Filters: {@code Namespace}, {@code MetricName} and {@code Dimensions} (each filter's
 * name must be among the metric's dimensions, with the filter's value when it has one); at most
 * 500 metrics a page, sorted by namespace, name and dimensions, with an opaque {@code NextToken}
 * ({@code InvalidNextToken} for a token it did not hand out). {@code IncludeLinkedAccounts} adds the
 * world's own account as {@code OwningAccounts}; {@code OwningAccount} naming another account lists
 * nothing.
 */
final class PublishedMetrics {

    static final Duration PAST = Duration.ofDays(14);
    static final Duration FUTURE = Duration.ofHours(2);
    static final Duration RECENTLY_ACTIVE = Duration.ofHours(3);
    static final int METRICS_PER_PAGE = 500;
    private static final double LIMIT = Math.pow(2, 360);

    private final Sim sim;
    private final CloudWatchErrors errors;
    private final MetricStore metrics;

    PublishedMetrics(Sim sim, CloudWatchErrors errors, MetricStore metrics) {
        this.sim = sim;
        this.errors = errors;
        this.metrics = metrics;
    }

    private record Published(String path, MetricDatum datum) {
    }

    PutMetricDataResponse put(PutMetricDataRequest request) {
        if (request.namespace() != null && request.namespace().startsWith("AWS/")) {
            throw errors.invalidParameterValue("The value AWS/ for parameter Namespace is invalid.");
        }
        List<Published> data = new ArrayList<>();
        if (request.hasMetricData()) {
            for (int i = 0; i < request.metricData().size(); i++) {
                data.add(new Published("MetricData.member." + (i + 1), request.metricData().get(i)));
            }
        }
        if (request.hasEntityMetricData() && !request.entityMetricData().isEmpty()) {
            if (request.strictEntityValidation() == null) {
                throw errors.missingParameter("The parameter StrictEntityValidation is required.");
            }
            for (int e = 0; e < request.entityMetricData().size(); e++) {
                EntityMetricData entity = request.entityMetricData().get(e);
                if (entity.hasMetricData()) {
                    for (int i = 0; i < entity.metricData().size(); i++) {
                        data.add(new Published("EntityMetricData.member." + (e + 1) + ".MetricData.member." + (i + 1),
                                entity.metricData().get(i)));
                    }
                }
            }
        }
        if (data.isEmpty()) {
            throw errors.missingParameter("The parameter MetricData is required.");
        }
        Instant now = sim.now();
        List<String> badTimes = new ArrayList<>();
        for (Published p : data) {
            check(p.path(), p.datum());
            Instant at = p.datum().timestamp();
            if (at != null && at.isBefore(now.minus(PAST))) {
                badTimes.add("The parameter " + p.path() + ".Timestamp must specify a time within the past two weeks.");
            } else if (at != null && at.isAfter(now.plus(FUTURE))) {
                badTimes.add("The parameter " + p.path() + ".Timestamp must specify a time no more than two hours"
                        + " in the future.");
            }
        }
        if (!badTimes.isEmpty()) {
            throw errors.invalidParameterValue(String.join("\n", badTimes));
        }
        for (Published p : data) {
            store(request.namespace(), p.datum(), now);
        }
        return PutMetricDataResponse.builder().build();
    }

    private void check(String path, MetricDatum d) {
        boolean value = d.value() != null;
        boolean values = d.hasValues() && !d.values().isEmpty();
        StatisticSet set = d.statisticValues();
        if (value && values) {
            throw errors.invalidParameterCombination("The parameters " + path + ".Value and " + path
                    + ".Values are mutually exclusive and you have specified both.");
        }
        if (value && set != null) {
            throw errors.invalidParameterCombination("The parameters " + path + ".Value and " + path
                    + ".StatisticValues are mutually exclusive and you have specified both.");
        }
        if (!value && !values && set == null) {
            throw errors.invalidParameterCombination("At least one of the parameters must be specified.");
        }
        if (values && d.hasCounts() && !d.counts().isEmpty() && d.counts().size() != d.values().size()) {
            throw errors.invalidParameterValue("The parameters " + path + ".Values and " + path
                    + ".Counts must be of the same size.");
        }
        if (value) {
            requireNumber(d.value(), path + ".Value");
        }
        if (values) {
            for (int i = 0; i < d.values().size(); i++) {
                requireNumber(d.values().get(i), path + ".Values.member." + (i + 1));
            }
            if (d.hasCounts()) {
                for (int i = 0; i < d.counts().size(); i++) {
                    requireNumber(d.counts().get(i), path + ".Counts.member." + (i + 1));
                }
            }
        }
        if (set != null) {
            requireNumber(set.sampleCount(), path + ".StatisticValues.SampleCount");
            requireNumber(set.sum(), path + ".StatisticValues.Sum");
            requireNumber(set.minimum(), path + ".StatisticValues.Minimum");
            requireNumber(set.maximum(), path + ".StatisticValues.Maximum");
            if (set.maximum() < set.minimum()) {
                throw errors.invalidParameterValue("The parameter " + path + ".StatisticValues.Maximum must be greater"
                        + " than " + path + ".StatisticValues.Minimum.");
            }
        }
        Integer resolution = d.storageResolution();
        if (resolution != null && resolution != 1 && resolution != 60) {
            throw errors.invalidParameterValue("The value " + resolution + " for parameter " + path
                    + ".StorageResolution is invalid.");
        }
    }

    private void requireNumber(Double v, String parameter) {
        // a statistic set's members are required by the model: the shape validator refuses a missing one
        if (v != null && (!Double.isFinite(v) || Math.abs(v) > LIMIT)) {
            throw errors.invalidParameterValue("The value " + v + " for parameter " + parameter + " is invalid.");
        }
    }

    private void store(String namespace, MetricDatum d, Instant now) {
        MetricKey key = new MetricKey(namespace, d.metricName(), MetricKey.dimensions(d.dimensions()));
        Instant at = d.timestamp() == null ? now : d.timestamp();
        String unit = d.unit() == null ? "None" : d.unitAsString();
        if (d.value() != null) {
            metrics.put(key, MetricStore.Sample.single(at, unit, d.value()), now);
        }
        if (d.hasValues() && !d.values().isEmpty()) {
            double[] values = d.values().stream().mapToDouble(Double::doubleValue).toArray();
            double[] counts = d.hasCounts() && !d.counts().isEmpty()
                    ? d.counts().stream().mapToDouble(Double::doubleValue).toArray() : null;
            metrics.put(key, MetricStore.Sample.values(at, unit, values, counts), now);
        }
        StatisticSet set = d.statisticValues();
        if (set != null) {
            metrics.put(key, MetricStore.Sample.statisticSet(at, unit, set.sampleCount(), set.sum(), set.minimum(),
                    set.maximum()), now);
        }
    }

    ListMetricsResponse list(ListMetricsRequest request) {
        Instant now = sim.now();
        Instant since = now.minus("PT3H".equals(request.recentlyActiveAsString()) ? RECENTLY_ACTIVE : PAST);
        String account = sim.options().accountId();
        List<MetricKey> found = new ArrayList<>();
        if (request.owningAccount() == null || request.owningAccount().equals(account)) {
            for (MetricKey key : metrics.publishedSince(since).keySet()) {
                if ((request.namespace() == null || request.namespace().equals(key.namespace()))
                        && (request.metricName() == null || request.metricName().equals(key.name()))
                        && matches(request.dimensions(), key)) {
                    found.add(key);
                }
            }
        }
        found.sort(MetricStore.LISTING_ORDER);
        int from = CloudWatchPages.start("ListMetrics", request.nextToken(), found.size(), errors);
        int to = Math.min(found.size(), from + METRICS_PER_PAGE);
        List<MetricKey> page = found.subList(from, to);
        ListMetricsResponse.Builder response = ListMetricsResponse.builder()
                .metrics(page.stream().map(key -> Metric.builder().namespace(key.namespace()).metricName(key.name())
                        .dimensions(key.sdkDimensions()).build()).toList())
                .nextToken(to < found.size() ? CloudWatchPages.token("ListMetrics", to) : null);
        if (Boolean.TRUE.equals(request.includeLinkedAccounts())) {
            response.owningAccounts(page.stream().map(key -> account).toList());
        }
        return response.build();
    }

    private static boolean matches(List<DimensionFilter> filters, MetricKey key) {
        if (filters == null) {
            return true;
        }
        for (DimensionFilter filter : filters) {
            String value = key.dimensions().get(filter.name());
            if (value == null || (filter.value() != null && !filter.value().equals(value))) {
                return false;
            }
        }
        return true;
    }
}
