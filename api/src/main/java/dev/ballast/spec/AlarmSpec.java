package dev.ballast.spec;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.immutables.value.Value;

/**
 * A CloudWatch metric alarm that Ballast creates with the deployment and that rolls an update back
 * when it goes into {@code ALARM}.
 *
 * <p>No dimension is written by hand: an alarm on a SageMaker metric (namespace
 * {@code AWS/SageMaker}) is bound to the {@code InferenceComponentName} of the component whose
 * rolling update names it. Only alarms on a custom namespace may carry their own
 * {@link #dimensions()}; without any they are bound the same way.
 *
 * <p>Unless named explicitly, the alarm is named deterministically from the endpoint, the
 * component and the metric: {@code <endpoint>-<component>-<metric>} in lower case (see
 * {@link #resolvedName(String, String)}).
 */
@Value.Immutable
public abstract class AlarmSpec {

    /** For the implementation Immutables generates; build one with {@link #builder()}. */
    protected AlarmSpec() {
    }

    /** The namespace of SageMaker's own endpoint metrics. */
    public static final String SAGEMAKER_NAMESPACE = "AWS/SageMaker";

    /** @return the explicit alarm name, if any */
    public abstract Optional<String> name();

    /** @return the metric, for example {@code Invocation4XXErrors} */
    public abstract String metricName();

    /** @return the metric's namespace; {@code AWS/SageMaker} unless a custom metric says otherwise */
    @Value.Default
    public String namespace() {
        return SAGEMAKER_NAMESPACE;
    }

    /** @return the statistic applied over each period */
    @Value.Default
    public Statistic statistic() {
        return Statistic.SUM;
    }

    /** @return how the statistic is compared with the threshold */
    @Value.Default
    public Comparison comparison() {
        return Comparison.GREATER_THAN;
    }

    /** @return the threshold; required (a missing threshold is a validation error) */
    public abstract Optional<Double> threshold();

    /** @return the length of one period: 10, 20 or 30 seconds or a multiple of a minute */
    @Value.Default
    public Duration period() {
        return Duration.ofMinutes(1);
    }

    /** @return how many of the latest periods are evaluated */
    @Value.Default
    public int evaluationPeriods() {
        return 1;
    }

    /** @return how many of the evaluated periods must breach; all of them when absent */
    public abstract Optional<Integer> datapointsToAlarm();

    /** @return how periods without data are treated; CloudWatch's default ({@code missing}) when absent */
    public abstract Optional<MissingData> treatMissingData();

    /** @return the alarm's description; Ballast writes one that says what it watches when absent */
    public abstract Optional<String> description();

    /** @return explicit dimensions, allowed only on custom namespaces */
    public abstract Map<String, String> dimensions();

    /**
     * @param endpointName the endpoint the alarm guards
     * @param componentName the component whose metric it watches
     * @return the name the alarm has in CloudWatch: the explicit name, or
     *     {@code <endpoint>-<component>-<metric>} in lower case
     */
    public final String resolvedName(String endpointName, String componentName) {
        return name().orElseGet(() ->
                (endpointName + "-" + componentName + "-" + metricName()).toLowerCase(Locale.ROOT));
    }

    /**
     * @param componentName the component whose metric it watches
     * @return the description CloudWatch shows: the explicit one, or a sentence that says what the
     *     alarm watches
     */
    public final String resolvedDescription(String componentName) {
        return describing("rollback alarm", "inference component " + componentName);
    }

    /**
     * @param role what the alarm is for, for example {@code rollback alarm}
     * @param subject whose metric it watches, for example {@code variant v2 of endpoint my-endpoint}
     * @return the explicit description, or a sentence that says what the alarm watches
     */
    public final String describing(String role, String subject) {
        return description().orElseGet(() -> "Ballast " + role + ": " + metricName() + " " + statistic().awsName()
                + " " + comparison().symbol() + " " + threshold().map(AlarmSpec::number).orElse("?")
                + " over " + evaluationPeriods() + " x " + period().toSeconds() + " s for " + subject);
    }

    /**
     * @param value a statistic's value
     * @return whether the value breaches the threshold (false when no threshold is set)
     */
    public final boolean breaches(double value) {
        return threshold().map(t -> switch (comparison()) {
            case GREATER_THAN -> value > t;
            case GREATER_THAN_OR_EQUAL -> value >= t;
            case LESS_THAN -> value < t;
            case LESS_THAN_OR_EQUAL -> value <= t;
        }).orElse(false);
    }

    /** @return a builder; {@code metricName} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link AlarmSpec}. */
    public static class Builder extends ImmutableAlarmSpec.Builder {

        /** An empty builder; {@code builder()} is the usual way to get one. */
        public Builder() {
        }
    }

    static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** @return a one-line summary, for example {@code Invocation4XXErrors Sum > 5 per 300 s} */
    @Override
    public String toString() {
        return "Alarm{" + name().map(n -> n + ": ").orElse("") + metricName()
                + (namespace().equals(SAGEMAKER_NAMESPACE) ? "" : " in " + namespace())
                + " " + statistic().awsName() + " " + comparison().symbol() + " "
                + threshold().map(AlarmSpec::number).orElse("?") + " per " + period().toSeconds() + " s"
                + (evaluationPeriods() == 1 ? "" : " x " + evaluationPeriods())
                + datapointsToAlarm().map(d -> ", " + d + " to alarm").orElse("")
                + treatMissingData().map(m -> ", missing data " + m.awsName()).orElse("")
                + (dimensions().isEmpty() ? "" : ", dimensions " + dimensions()) + "}";
    }
}
