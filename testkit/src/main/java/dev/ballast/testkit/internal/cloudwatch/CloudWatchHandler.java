package dev.ballast.testkit.internal.cloudwatch;

import dev.ballast.spi.Scheduler.Cancellable;
import dev.ballast.testkit.TimelineEvent.Kind;
import dev.ballast.testkit.TimelineEvent.ResourceType;
import dev.ballast.testkit.internal.errors.CloudWatchErrors;
import dev.ballast.testkit.internal.sim.Sim;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsForMetricRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsForMetricResponse;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsResponse;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsRequest;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmResponse;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.SetAlarmStateRequest;
import software.amazon.awssdk.services.cloudwatch.model.SetAlarmStateResponse;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * CloudWatch metric alarms
 * (<a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html">
 * PutMetricAlarm</a>,
 * <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html">Using
 * Amazon CloudWatch alarms</a>) over the simulated metrics, evaluated every
 * {@link dev.ballast.testkit.FakeTimings#alarmEvaluationInterval()} while any alarm exists,
 * {@code DescribeAlarmsForMetric}, and over the same metrics (the fake's {@code AWS/SageMaker} ones and those a
 * test publishes) {@code PutMetricData} and {@code ListMetrics} ({@link PublishedMetrics}),
 * {@code GetMetricStatistics} ({@link MetricStatistics}) and {@code GetMetricData} ({@link MetricDataQueries}).
 *
 * <p>A high-resolution alarm (a period of 10, 20 or 30 s) is also evaluated every 10 s, as
 * CloudWatch does ("If the alarm period is 10 seconds or 30 seconds, the alarm is evaluated every
 * 10 seconds", <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html">
 * Using Amazon CloudWatch alarms</a>), and Application Auto Scaling acts after those evaluations
 * too: the 30-second {@code NoCapacityInvocationFailures} alarm of a component that scaled to zero
 * would otherwise miss a failure older than its period at the next minute's evaluation.
 *
 * <p>A state set by {@code SetAlarmState} holds until the next {@code SetAlarmState}; evaluation
 * overrides it only once a datapoint newer than that call exists for the alarm's metric, so a test
 * lever is not undone by an empty metric.
 */
public final class CloudWatchHandler {

    private static final List<String> STATES = List.of("INSUFFICIENT_DATA", "ALARM", "OK");

    private final Sim sim;
    private final CloudWatchErrors errors;
    private final MetricStore metrics = new MetricStore();
    private final MetricStatistics statistics;
    private final PublishedMetrics published;
    private final MetricDataQueries queries;
    private final Map<String, AlarmRecord> alarms = new TreeMap<>();
    private final BiConsumer<String, Boolean> onStateChange;
    private Cancellable evaluation;
    private Cancellable highResolutionEvaluation;
    /** How often CloudWatch evaluates alarms with a period under a minute. */
    private static final Duration HIGH_RESOLUTION_EVALUATION = Duration.ofSeconds(10);
    private Runnable afterEvaluation = () -> { };

    public CloudWatchHandler(Sim sim, CloudWatchErrors errors, BiConsumer<String, Boolean> onStateChange) {
        this.sim = sim;
        this.errors = errors;
        this.onStateChange = onStateChange;
        this.statistics = new MetricStatistics(errors);
        this.published = new PublishedMetrics(sim, errors, metrics);
        this.queries = new MetricDataQueries(errors, metrics);
    }

    /** @return the metrics invocations emit to and alarms evaluate */
    public MetricStore metrics() {
        return metrics;
    }

    public GetMetricStatisticsResponse getMetricStatistics(GetMetricStatisticsRequest request) {
        return statistics.get(request, metrics);
    }

    public PutMetricAlarmResponse putMetricAlarm(PutMetricAlarmRequest request) {
        String name = request.alarmName();
        if (name == null || name.isBlank() || name.length() > 255) {
            throw errors.validation("1 validation error detected: Value '" + name
                    + "' at 'alarmName' failed to satisfy constraint: Member must have length between 1 and 255");
        }
        if (request.metricName() == null && !request.hasMetrics()) {
            throw errors.validation("One of MetricName, Metrics or EvaluationCriteria must be specified.");
        }
        Integer period = request.period();
        if (period != null && !(period == 10 || period == 20 || period == 30 || (period > 0 && period % 60 == 0))) {
            throw errors.validation("The parameter Period must be 10, 20, 30 or a multiple of 60.");
        }
        AlarmRecord existing = alarms.get(name);
        if (existing == null) {
            alarms.put(name, new AlarmRecord(name, sim.arns().alarm(name), request, sim.now()));
            sim.timeline().record(ResourceType.ALARM, name, Kind.CREATED, null, StateValue.INSUFFICIENT_DATA,
                    "Unchecked: Initial alarm creation");
        } else {
            existing.config = request;
            existing.configUpdated = sim.now();
        }
        ensureEvaluation();
        return PutMetricAlarmResponse.builder().build();
    }

    public DescribeAlarmsResponse describeAlarms(DescribeAlarmsRequest request) {
        List<MetricAlarm> result = described(alarm -> (!request.hasAlarmNames() || request.alarmNames().contains(alarm.name))
                && (request.alarmNamePrefix() == null || alarm.name.startsWith(request.alarmNamePrefix()))
                && (request.stateValue() == null || request.stateValue() == alarm.state));
        if (request.maxRecords() != null && (request.maxRecords() < 1 || request.maxRecords() > 100)) {
            throw errors.validation("1 validation error detected: Value '" + request.maxRecords() + "' at 'maxRecords'"
                    + " failed to satisfy constraint: Member must have value " + (request.maxRecords() < 1
                    ? "greater than or equal to 1" : "less than or equal to 100"));
        }
        int max = request.maxRecords() == null ? 50 : request.maxRecords();
        int from = CloudWatchPages.start("DescribeAlarms", request.nextToken(), result.size(), errors);
        int to = Math.min(result.size(), from + max);
        return DescribeAlarmsResponse.builder().metricAlarms(result.subList(from, to))
                .nextToken(to < result.size() ? CloudWatchPages.token("DescribeAlarms", to) : null).build();
    }

    /**
     * {@code DescribeAlarmsForMetric}: the metric alarms on exactly this metric (namespace, name and
     * dimension set; an alarm on metric math is not one), narrowed by {@code Statistic},
     * {@code ExtendedStatistic}, {@code Period} and {@code Unit} when given, in the shape
     * {@code DescribeAlarms} answers, all at once (the operation does not page).
     */
    public DescribeAlarmsForMetricResponse describeAlarmsForMetric(DescribeAlarmsForMetricRequest request) {
        Map<String, String> dimensions = MetricKey.dimensions(request.hasDimensions() ? request.dimensions() : null);
        return DescribeAlarmsForMetricResponse.builder().metricAlarms(described(alarm -> !alarm.config.hasMetrics()
                && Objects.equals(request.namespace(), alarm.config.namespace())
                && Objects.equals(request.metricName(), alarm.config.metricName())
                && alarm.metricKey().dimensions().equals(dimensions)
                && (request.statistic() == null || request.statisticAsString().equals(alarm.config.statisticAsString()))
                && (request.extendedStatistic() == null
                        || request.extendedStatistic().equals(alarm.config.extendedStatistic()))
                && (request.period() == null || request.period().equals(alarm.config.period()))
                && (request.unit() == null || request.unitAsString().equals(alarm.config.unitAsString())))).build();
    }

    /** @return the alarms {@code which} selects, by name, as {@code DescribeAlarms} shows them */
    private List<MetricAlarm> described(Predicate<AlarmRecord> which) {
        List<MetricAlarm> result = new ArrayList<>();
        for (AlarmRecord alarm : alarms.values()) {
            if (which.test(alarm)) {
                result.add(alarm.describe());
            }
        }
        return result;
    }

    public PutMetricDataResponse putMetricData(PutMetricDataRequest request) {
        return published.put(request);
    }

    public ListMetricsResponse listMetrics(ListMetricsRequest request) {
        return published.list(request);
    }

    public GetMetricDataResponse getMetricData(GetMetricDataRequest request) {
        return queries.get(request);
    }

    public DeleteAlarmsResponse deleteAlarms(DeleteAlarmsRequest request) {
        if (request.hasAlarmNames()) {
            for (String name : request.alarmNames()) {
                // unknown names are ignored, as the documentation says:
                // https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DeleteAlarms.html
                if (alarms.remove(name) != null) {
                    sim.timeline().record(ResourceType.ALARM, name, Kind.DELETED, null, null, "");
                }
            }
        }
        if (alarms.isEmpty() && evaluation != null) {
            evaluation.cancel();
            evaluation = null;
        }
        if (alarms.values().stream().noneMatch(CloudWatchHandler::highResolution) && highResolutionEvaluation != null) {
            highResolutionEvaluation.cancel();
            highResolutionEvaluation = null;
        }
        return DeleteAlarmsResponse.builder().build();
    }

    public SetAlarmStateResponse setAlarmState(SetAlarmStateRequest request) {
        String value = request.stateValueAsString();
        if (value == null || !STATES.contains(value)) {
            throw errors.validation("1 validation error detected: Value '" + value
                    + "' at 'stateValue' failed to satisfy constraint: Member must satisfy enum value set: "
                    + "[INSUFFICIENT_DATA, ALARM, OK]");
        }
        AlarmRecord alarm = alarms.get(request.alarmName());
        if (alarm == null) {
            throw errors.alarmNotFound(request.alarmName());
        }
        alarm.pinnedAtSequence = metrics.lastSequence(alarm.metricKey());
        transition(alarm, request.stateValue(), request.stateReason() == null ? "" : request.stateReason());
        return SetAlarmStateResponse.builder().build();
    }

    /** @return whether the named alarm exists and is in ALARM */
    public boolean inAlarm(String name) {
        AlarmRecord alarm = alarms.get(name);
        return alarm != null && alarm.state == StateValue.ALARM;
    }

    /**
     * @param actionArn a scaling policy's ARN
     * @return the alarms in {@code ALARM}, with actions enabled, whose {@code AlarmActions} name
     *     {@code actionArn}: CloudWatch invokes such an Application Auto Scaling action at every
     *     evaluation while the alarm stays in {@code ALARM}, not only on the transition
     */
    public List<MetricAlarm> alarmingWithAction(String actionArn) {
        List<MetricAlarm> result = new ArrayList<>();
        for (AlarmRecord alarm : alarms.values()) {
            if (alarm.state == StateValue.ALARM && !Boolean.FALSE.equals(alarm.config.actionsEnabled())
                    && alarm.config.hasAlarmActions() && alarm.config.alarmActions().contains(actionArn)) {
                result.add(alarm.describe());
            }
        }
        return result;
    }

    /** Registers what runs after each periodic evaluation (Application Auto Scaling acting on its alarms). */
    public void afterEvaluation(Runnable action) {
        afterEvaluation = action;
    }

    /**
     * @return the newest period's statistic of the named alarm's metric, or null when the alarm is
     *     unknown or the period has no data
     */
    public Double newestValue(String name) {
        AlarmRecord alarm = alarms.get(name);
        if (alarm == null) {
            return null;
        }
        Duration period = AlarmEvaluator.period(alarm.config);
        return AlarmEvaluator.value(alarm, metrics, sim.now().minus(period), sim.now());
    }

    /** Evaluates every alarm now. */
    public void evaluateAll() {
        evaluate(List.copyOf(alarms.values()));
    }

    private static boolean highResolution(AlarmRecord alarm) {
        return alarm.config.period() != null && alarm.config.period() < 60;
    }

    private void evaluate(List<AlarmRecord> which) {
        Instant now = sim.now();
        for (AlarmRecord alarm : which) {
            if (alarm.pinnedAtSequence >= 0 && alarm.config.hasMetrics() && !alarm.config.metrics().isEmpty()) {
                alarm.pinnedAtSequence = -1; // an alarm on metric math has no one metric to wait for
            } else if (alarm.pinnedAtSequence >= 0) {
                if (metrics.lastSequence(alarm.metricKey()) <= alarm.pinnedAtSequence) {
                    continue;
                }
                alarm.pinnedAtSequence = -1;
            }
            AlarmEvaluator.Verdict verdict = AlarmEvaluator.evaluate(alarm, metrics, now);
            if (verdict != null) {
                transition(alarm, verdict.state(), verdict.reason());
            }
        }
    }

    private void transition(AlarmRecord alarm, StateValue next, String reason) {
        alarm.stateUpdated = sim.now();
        alarm.reason = reason;
        if (next == alarm.state) {
            return;
        }
        sim.timeline().record(ResourceType.ALARM, alarm.name, Kind.ALARM_STATE, alarm.state, next, "");
        alarm.state = next;
        alarm.stateTransitioned = sim.now();
        onStateChange.accept(alarm.name, next == StateValue.ALARM);
    }

    private void ensureEvaluation() {
        if (evaluation == null) {
            scheduleEvaluation();
        }
        if (highResolutionEvaluation == null && alarms.values().stream().anyMatch(CloudWatchHandler::highResolution)
                && HIGH_RESOLUTION_EVALUATION.compareTo(sim.timings().alarmEvaluationInterval()) < 0) {
            scheduleHighResolutionEvaluation();
        }
    }

    private void scheduleHighResolutionEvaluation() {
        highResolutionEvaluation = sim.schedule(HIGH_RESOLUTION_EVALUATION, () -> {
            highResolutionEvaluation = null;
            List<AlarmRecord> highResolution = alarms.values().stream().filter(CloudWatchHandler::highResolution).toList();
            if (highResolution.isEmpty()) {
                return;
            }
            evaluate(highResolution);
            afterEvaluation.run();
            scheduleHighResolutionEvaluation();
        });
    }

    private void scheduleEvaluation() {
        evaluation = sim.schedule(sim.timings().alarmEvaluationInterval(), () -> {
            evaluation = null;
            if (alarms.isEmpty()) {
                return;
            }
            evaluateAll();
            afterEvaluation.run();
            scheduleEvaluation();
        });
    }
}
