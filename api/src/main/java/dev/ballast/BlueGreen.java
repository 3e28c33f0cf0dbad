package dev.ballast;

import dev.ballast.internal.validation.Rules;
import dev.ballast.spec.BlueGreenSpec;
import dev.ballast.spec.Capacity;
import dev.ballast.spec.TrafficRouting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A blue/green endpoint update as code ({@code BlueGreenUpdatePolicy}): SageMaker provisions a full
 * second fleet for the new configuration, moves traffic to it, bakes while the rollback alarms are
 * watched, and terminates the old fleet; an alarm during any bake sends all traffic back. Immutable.
 *
 * <pre>{@code
 * BlueGreen canary = BlueGreen.canaryPercent(50).bake(Duration.ofMinutes(10))
 *     .terminationWait(Duration.ofMinutes(10)).timeout(Duration.ofMinutes(45))
 *     .rollbackOn(Alarm.invocation5xxErrors().above(0).per(Duration.ofMinutes(1)));
 * }</pre>
 *
 * <p>It needs capacity for both fleets at once: with 2 variants of 2 instances, 4 more instances.
 * Where instances are scarce, a rolling update ({@link RollingUpdate}) needs one batch more only.
 */
public final class BlueGreen extends DslValue<BlueGreenSpec> {

    private BlueGreen(BlueGreenSpec spec) {
        super(spec);
    }

    /** All traffic moves at once, then one bake. */
    public static BlueGreen allAtOnce() {
        return new BlueGreen(BlueGreenSpec.builder().routing(TrafficRouting.ALL_AT_ONCE).build());
    }

    /** A canary of this many new instances first (at most half of each variant's instances), a bake, then the rest. */
    public static BlueGreen canaryInstances(int instances) {
        return canary(Capacity.count(instances));
    }

    /** A canary of this share of the new capacity first (at most 50 %), a bake, then the rest. */
    public static BlueGreen canaryPercent(int percent) {
        return canary(Capacity.percent(percent));
    }

    /** A canary of this size first, a bake, then the rest. */
    public static BlueGreen canary(Capacity size) {
        Rules.given(size, "blueGreen.canarySize", "size", "give a size, for example Capacity.count(1) or Capacity.percent(25)");
        return new BlueGreen(BlueGreenSpec.builder().routing(TrafficRouting.CANARY).stepSize(size).build());
    }

    /** Steps of this share of the capacity (10-50 %), a bake after each. */
    public static BlueGreen linearPercent(int percent) {
        return linear(Capacity.percent(percent));
    }

    /** Steps of this many instances (10-50 % of each variant's instances), a bake after each. */
    public static BlueGreen linearInstances(int instances) {
        return linear(Capacity.count(instances));
    }

    /** Steps of this size, a bake after each. */
    public static BlueGreen linear(Capacity step) {
        Rules.given(step, "blueGreen.linearStepSize", "step", "give a size, for example Capacity.percent(20)");
        return new BlueGreen(BlueGreenSpec.builder().routing(TrafficRouting.LINEAR).stepSize(step).build());
    }

    /** @return a policy that starts from an existing spec */
    public static BlueGreen from(BlueGreenSpec spec) {
        return new BlueGreen(Rules.given(spec, "blueGreen", "spec", "give a spec, or start with BlueGreen.allAtOnce()"));
    }

    private BlueGreen with(UnaryOperator<BlueGreenSpec.Builder> change) {
        BlueGreenSpec.Builder builder = BlueGreenSpec.builder();
        builder.from(spec());
        return new BlueGreen(change.apply(builder).build());
    }

    /** Sets the bake after each step ({@code WaitIntervalInSeconds}, 0 to 3600 s). */
    public BlueGreen bake(Duration wait) {
        Rules.given(wait, "blueGreen.bake", "wait", "give a duration between 0 and 3600 s");
        Rules.require(Rules.seconds("blueGreen.bake", wait, 0, 3600));
        return with(b -> b.bake(wait));
    }

    /** Keeps the old fleet this long after all traffic moved ({@code TerminationWaitInSeconds}, 0 to 3600 s). */
    public BlueGreen terminationWait(Duration wait) {
        Rules.given(wait, "blueGreen.terminationWait", "wait", "give a duration between 0 and 3600 s");
        Rules.require(Rules.seconds("blueGreen.terminationWait", wait, 0, 3600));
        return with(b -> b.terminationWait(wait));
    }

    /** Sets the longest the update may take ({@code MaximumExecutionTimeoutInSeconds}, 600 to 28800 s). */
    public BlueGreen timeout(Duration maximumExecutionTime) {
        Rules.given(maximumExecutionTime, "blueGreen.timeout", "maximumExecutionTime", "give a duration between 600 and 28800 s");
        Rules.require(Rules.seconds("blueGreen.timeout", maximumExecutionTime, 600, 28800));
        return with(b -> b.maximumExecutionTimeout(maximumExecutionTime));
    }

    /**
     * Rolls the update back when one of these alarms goes into {@code ALARM} during a bake. Ballast
     * creates each alarm on each variant's metrics (at most 10 in all).
     */
    public BlueGreen rollbackOn(Alarm first, Alarm... more) {
        Rules.given(first, "blueGreen.rollbackAlarms", "first", "give an alarm, for example Alarm.invocation5xxErrors().above(0)");
        Rules.givenAll(more, "blueGreen.rollbackAlarms", "more", "list only alarms, or none");
        List<dev.ballast.spec.AlarmSpec> alarms = new ArrayList<>();
        alarms.add(first.spec());
        for (Alarm a : more) {
            alarms.add(a.spec());
        }
        return with(b -> b.addAllRollbackAlarms(alarms));
    }
}
