package dev.ballast;

import dev.ballast.spec.AlarmSpec;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.spec.TrafficShiftSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import dev.ballast.internal.validation.Rules;
import java.util.function.UnaryOperator;

/**
 * A guarded shift of traffic between an endpoint's live variants, as code. Immutable; carry it out
 * with {@link Ballast#shiftTraffic(TrafficShift)}.
 *
 * <pre>{@code
 * TrafficShift toV2 = TrafficShift.of(spec).to("model-v2-variant")
 *     .steps(10, 25, 50, 100)
 *     .waitEach(Duration.ofMinutes(5))
 *     .checkAlarm(Alarm.invocation5xxErrors().above(0).per(Duration.ofMinutes(1)))
 *     .checkMetric(Alarm.modelLatency().above(500_000).per(Duration.ofMinutes(1)));
 * Outcome o = ballast.shiftTraffic(toV2).await();   // ROLLED_BACK if a check failed
 * }</pre>
 *
 * <p>By default the steps are 10, 25, 50 and 100 percent and each waits 5 minutes; a shift
 * without any check is allowed, but then nothing stops it.
 */
public final class TrafficShift extends DslValue<TrafficShiftSpec> {

    private static final List<Integer> DEFAULT_STEPS = List.of(10, 25, 50, 100);
    private static final Duration DEFAULT_WAIT = Duration.ofMinutes(5);

    private TrafficShift(TrafficShiftSpec spec) {
        super(spec);
    }

    /** Starts a shift on this endpoint; name the variant that receives the traffic with {@link Target#to(String)}. */
    public static Target of(VariantEndpointSpec endpoint) {
        Rules.given(endpoint, "endpoint", "endpoint", "give the endpoint's spec: TrafficShift.of(spec)");
        return variantName -> new TrafficShift(TrafficShiftSpec.builder().endpoint(endpoint)
                .targetVariant(Rules.given(variantName, "to", "variantName", "name the variant that receives the traffic, for example to(\"model-v2-variant\")"))
                .steps(DEFAULT_STEPS).waitPerStep(DEFAULT_WAIT).build());
    }

    /** @return a shift that starts from an existing spec */
    public static TrafficShift from(TrafficShiftSpec spec) {
        return new TrafficShift(Rules.given(spec, "trafficShift", "spec", "give a spec, or start with TrafficShift.of(..)"));
    }

    /** The second word of a shift: which variant gets the traffic. */
    @FunctionalInterface
    public interface Target {
        /**
         * @param variantName the variant that receives the traffic
         * @return the shift, with the default steps and wait
         * @throws dev.ballast.error.SpecValidationException if the endpoint has no such variant
         */
        TrafficShift to(String variantName);
    }

    private TrafficShift with(UnaryOperator<TrafficShiftSpec.Builder> change) {
        TrafficShiftSpec.Builder builder = TrafficShiftSpec.builder();
        builder.from(spec());
        return new TrafficShift(change.apply(builder).build());
    }

    /** Sets the target's share after each step, in percent, rising; for example {@code steps(10, 25, 50, 100)}. */
    public TrafficShift steps(int... percentages) {
        Rules.given(percentages, "steps", "percentages", "list the steps, for example steps(10, 25, 50, 100)");
        List<Integer> steps = new ArrayList<>();
        for (int p : percentages) {
            steps.add(p);
        }
        return with(b -> b.steps(steps));
    }

    /** Sets the wait after each step, before its checks. */
    public TrafficShift waitEach(Duration wait) {
        Rules.given(wait, "waitEach", "wait", "for example waitEach(Duration.ofMinutes(5))");
        return with(b -> b.waitPerStep(wait));
    }

    /** Creates this alarm on the target variant's metrics and checks it is not in {@code ALARM} before each next step. */
    public TrafficShift checkAlarm(Alarm alarm) {
        Rules.given(alarm, "checkAlarms", "alarm", "give an alarm, for example Alarm.invocation5xxErrors().above(0)");
        return with(b -> b.addAlarmChecks(alarm.spec()));
    }

    /** Checks that an alarm that already exists in CloudWatch is not in {@code ALARM} before each next step. */
    public TrafficShift checkAlarmNamed(String alarmName) {
        Rules.given(alarmName, "checkAlarmNamed", "alarmName", "give the alarm's CloudWatch name");
        return with(b -> b.addExistingAlarmChecks(alarmName));
    }

    /**
     * Evaluates this condition on the target variant's metrics before each next step, without an
     * alarm: the statistic over the latest {@code evaluationPeriods} periods; the check fails if
     * {@code datapointsToAlarm} of them (all by default) meet the condition. Periods without data
     * count as missing data says (not met by default).
     */
    public TrafficShift checkMetric(Alarm condition) {
        Rules.given(condition, "checkMetric", "condition", "give a condition, for example Alarm.modelLatency().above(500_000)");
        AlarmSpec spec = condition.spec();
        return with(b -> b.addMetricChecks(spec));
    }
}
