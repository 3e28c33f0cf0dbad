package dev.ballast.testkit.internal.cloudwatch;

import java.time.Instant;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/** A metric alarm: its latest configuration and its state. */
final class AlarmRecord {

    final String name;
    final String arn;
    PutMetricAlarmRequest config;
    Instant configUpdated;
    StateValue state = StateValue.INSUFFICIENT_DATA;
    String reason = "Unchecked: Initial alarm creation";
    Instant stateUpdated;
    Instant stateTransitioned;
    /** Metric sequence at the last SetAlarmState; evaluation waits for newer data. -1 when not pinned. */
    long pinnedAtSequence = -1;

    AlarmRecord(String name, String arn, PutMetricAlarmRequest config, Instant now) {
        this.name = name;
        this.arn = arn;
        this.config = config;
        this.configUpdated = now;
        this.stateUpdated = now;
        this.stateTransitioned = now;
    }

    MetricKey metricKey() {
        return new MetricKey(String.valueOf(config.namespace()), String.valueOf(config.metricName()),
                MetricKey.dimensions(config.hasDimensions() ? config.dimensions() : null));
    }

    MetricAlarm describe() {
        return MetricAlarm.builder().alarmName(name).alarmArn(arn).alarmDescription(config.alarmDescription())
                .actionsEnabled(config.actionsEnabled() == null ? Boolean.TRUE : config.actionsEnabled())
                .okActions(config.okActions()).alarmActions(config.alarmActions())
                .insufficientDataActions(config.insufficientDataActions())
                .alarmConfigurationUpdatedTimestamp(configUpdated).stateValue(state).stateReason(reason)
                .stateUpdatedTimestamp(stateUpdated).stateTransitionedTimestamp(stateTransitioned)
                .metricName(config.metricName()).namespace(config.namespace()).statistic(config.statisticAsString())
                .extendedStatistic(config.extendedStatistic()).dimensions(config.dimensions()).period(config.period())
                .unit(config.unitAsString()).evaluationPeriods(config.evaluationPeriods())
                .datapointsToAlarm(config.datapointsToAlarm()).threshold(config.threshold())
                .comparisonOperator(config.comparisonOperatorAsString())
                .treatMissingData(config.treatMissingData() == null ? "missing" : config.treatMissingData())
                .metrics(config.metrics()).thresholdMetricId(config.thresholdMetricId()).build();
    }
}
