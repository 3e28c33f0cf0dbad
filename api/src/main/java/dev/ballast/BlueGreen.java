package dev.ballast;

import dev.ballast.internal.validation.Rules;
import dev.ballast.spec.BlueGreenSpec;
import dev.ballast.spec.Capacity;
import dev.ballast.spec.TrafficRouting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
        Objects.requireNonNull(size, "size");
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
        Objects.requireNonNull(step, "step");
        return new BlueGreen(BlueGreenSpec.builder().routing(TrafficRouting.LINEAR).stepSize(step).build());
    }

    /** @return a policy that starts from an existing spec */
    public static BlueGreen from(BlueGreenSpec spec) {
        return new BlueGreen(Objects.requireNonNull(spec, "spec"));
    }

    private BlueGreen with(UnaryOperator<BlueGreenSpec.Builder> change) {
        BlueGreenSpec.Builder builder = BlueGreenSpec.builder();
        builder.from(spec());
        return new BlueGreen(change.apply(builder).build());
    }

    /** Sets the bake after each step ({@code WaitIntervalInSeconds}, 0 to 3600 s). */
    public BlueGreen bake(Duration wait) {
        Rules.require(Rules.seconds("blueGreen.bake", wait, 0, 3600));
        return with(b -> b.bake(wait));
    }

    /** Keeps the old fleet this long after all traffic moved ({@code TerminationWaitInSeconds}, 0 to 3600 s). */
    public BlueGreen terminationWait(Duration wait) {
        Rules.require(Rules.seconds("blueGreen.terminationWait", wait, 0, 3600));
        return with(b -> b.terminationWait(wait));
    }

    /** Sets the longest the update may take ({@code MaximumExecutionTimeoutInSeconds}, 600 to 28800 s). */
    public BlueGreen timeout(Duration maximumExecutionTime) {
        Rules.require(Rules.seconds("blueGreen.timeout", maximumExecutionTime, 600, 28800));
        return with(b -> b.maximumExecutionTimeout(maximumExecutionTime));
    }

    /**
     * Rolls the update back when one of these alarms goes into {@code ALARM} during a bake. Ballast
     * creates each alarm on each variant's metrics (at most 10 in all).
     */
    public BlueGreen rollbackOn(Alarm first, Alarm... more) {
        Objects.requireNonNull(first, "first");
        List<dev.ballast.spec.AlarmSpec> alarms = new ArrayList<>();
        alarms.add(first.spec());
        for (Alarm a : more) {
            alarms.add(Objects.requireNonNull(a, "alarm").spec());
        }
        return with(b -> b.addAllRollbackAlarms(alarms));
    }
}
