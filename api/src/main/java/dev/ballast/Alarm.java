package dev.ballast;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import dev.ballast.error.SpecValidationException;
import dev.ballast.error.Violation;
import dev.ballast.internal.validation.Rules;
import dev.ballast.spec.AlarmSpec;
import dev.ballast.spec.Comparison;
import dev.ballast.spec.MissingData;
import dev.ballast.spec.Statistic;

/**
 * A CloudWatch alarm as code, created with the component whose rolling update names it and
 * bound to that component's metrics, so nobody writes a dimension by hand. Immutable.
 *
 * <pre>{@code
 * Alarm errors = Alarm.invocation4xxErrors().above(5).per(Duration.ofMinutes(5));
 * Alarm slow = Alarm.modelLatency().statistic(Statistic.AVERAGE).above(2_000_000)   // microseconds
 *     .per(Duration.ofMinutes(1)).evaluationPeriods(3).datapointsToAlarm(2);
 * }</pre>
 *
 * <p>Unless {@link #named(String) named}, an alarm is called {@code <endpoint>-<component>-<metric>}.
 */
public final class Alarm extends DslValue<AlarmSpec> {

    private Alarm(AlarmSpec spec) {
        super(spec);
    }

    /** Client errors returned by the model ({@code Invocation4XXErrors}, summed). */
    public static Alarm invocation4xxErrors() {
        return metric("Invocation4XXErrors");
    }

    /** Server errors returned by the model ({@code Invocation5XXErrors}, summed). */
    public static Alarm invocation5xxErrors() {
        return metric("Invocation5XXErrors");
    }

    /** Requests sent to the model ({@code Invocations}, summed). */
    public static Alarm invocations() {
        return metric("Invocations");
    }

    /** Time the model takes to answer, in microseconds ({@code ModelLatency}, averaged). */
    public static Alarm modelLatency() {
        return metric("ModelLatency").statistic(Statistic.AVERAGE);
    }

    /** Time SageMaker adds to the model's, in microseconds ({@code OverheadLatency}, averaged). */
    public static Alarm overheadLatency() {
        return metric("OverheadLatency").statistic(Statistic.AVERAGE);
    }

    /**
     * Any metric by name, in {@code AWS/SageMaker} unless {@link #namespace(String)} says otherwise.
     * Summed per period unless {@link #statistic(Statistic)} says otherwise.
     */
    public static Alarm metric(String metricName) {
        Rules.given(metricName, "alarm.metric", "metricName", "name the metric, for example Alarm.metric(\"Invocation4XXErrors\")");
        return new Alarm(AlarmSpec.builder().metricName(metricName).build());
    }

    /** @return an alarm that starts from an existing spec, for example one read from configuration */
    public static Alarm from(AlarmSpec spec) {
        return new Alarm(Rules.given(spec, "alarm", "spec", "give a spec, or start with Alarm.metric(..)"));
    }


    private Alarm with(UnaryOperator<AlarmSpec.Builder> change) {
        AlarmSpec.Builder builder = AlarmSpec.builder();
        builder.from(spec());
        return new Alarm(change.apply(builder).build());
    }

    /** Fires when the statistic is greater than {@code threshold}. */
    public Alarm above(double threshold) {
        return compare(Comparison.GREATER_THAN, threshold);
    }

    /** Fires when the statistic is greater than or equal to {@code threshold}. */
    public Alarm atOrAbove(double threshold) {
        return compare(Comparison.GREATER_THAN_OR_EQUAL, threshold);
    }

    /** Fires when the statistic is less than {@code threshold}. */
    public Alarm below(double threshold) {
        return compare(Comparison.LESS_THAN, threshold);
    }

    /** Fires when the statistic is less than or equal to {@code threshold}. */
    public Alarm atOrBelow(double threshold) {
        return compare(Comparison.LESS_THAN_OR_EQUAL, threshold);
    }

    private Alarm compare(Comparison comparison, double threshold) {
        if (Double.isNaN(threshold) || Double.isInfinite(threshold)) {
            throw new SpecValidationException(List.of(Violation.of("alarm.threshold", threshold, "must be a finite number", "use a number such as above(5)")));
        }
        return with(b -> b.comparison(comparison).threshold(threshold));
    }

    /** Sets the period the statistic is computed over: 10, 20 or 30 s or a multiple of a minute. */
    public Alarm per(Duration period) {
        Rules.given(period, "alarm.period", "period", "give a period, for example per(Duration.ofMinutes(1))");
        Rules.require(Rules.alarmPeriod("alarm.period", period));
        return with(b -> b.period(period));
    }

    /** Sets the statistic: {@code SUM} for the error and invocation metrics, {@code AVERAGE} for latencies by default. */
    public Alarm statistic(Statistic statistic) {
        Rules.given(statistic, "alarm.statistic", "statistic", "pick a Statistic, for example Statistic.SUM");
        return with(b -> b.statistic(statistic));
    }

    /** Sets how many of the latest periods are evaluated (1 by default). */
    public Alarm evaluationPeriods(int periods) {
        Rules.require(Rules.atLeast("alarm.evaluationPeriods", periods, 1, "evaluate at least one period"));
        return with(b -> b.evaluationPeriods(periods));
    }

    /** Sets how many evaluated periods must breach for the alarm to fire (all by default). */
    public Alarm datapointsToAlarm(int datapoints) {
        Rules.require(Rules.atLeast("alarm.datapointsToAlarm", datapoints, 1, "require at least one breaching period"));
        return with(b -> b.datapointsToAlarm(datapoints));
    }

    /** Sets how periods without data count. */
    public Alarm treatMissingData(MissingData treatment) {
        Rules.given(treatment, "alarm.treatMissingData", "treatment", "pick a MissingData, for example MissingData.NOT_BREACHING");
        return with(b -> b.treatMissingData(treatment));
    }

    /** Names the alarm explicitly instead of {@code <endpoint>-<component>-<metric>}. */
    public Alarm named(String alarmName) {
        Rules.given(alarmName, "alarm.name", "alarmName", "give a name, or leave the alarm unnamed for <endpoint>-<component>-<metric>");
        return with(b -> b.name(alarmName));
    }

    /** Sets the alarm's description. */
    public Alarm description(String description) {
        Rules.given(description, "alarm.description", "description", "give a description, or leave it to Ballast");
        return with(b -> b.description(description));
    }

    /** Moves a custom metric to its own namespace. */
    public Alarm namespace(String namespace) {
        Rules.given(namespace, "alarm.namespace", "namespace", "give the custom metric's namespace, for example Custom/LLM");
        return with(b -> b.namespace(namespace));
    }

    /** Adds a dimension to a metric in a custom namespace (SageMaker metrics are bound automatically). */
    public Alarm dimension(String name, String value) {
        Rules.given(name, "alarm.dimensions", "name", "name the dimension, for example dimension(\"Model\", \"llama\")");
        Rules.given(value, "alarm.dimensions[" + Rules.key(name) + "]", "value", "give the dimension's value");
        return with(b -> b.putDimension(name, value));
    }

}
