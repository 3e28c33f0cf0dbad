package dev.ballast;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import dev.ballast.dsl.RollingUpdateWaitStep;
import dev.ballast.error.SpecValidationException;
import dev.ballast.error.Violation;
import dev.ballast.internal.validation.Rules;
import dev.ballast.spec.AlarmSpec;
import dev.ballast.spec.Capacity;
import dev.ballast.spec.RollingUpdateSpec;

/**
 * How updates of an inference component roll out: new copies in batches beside the old ones, a
 * wait after each batch while the rollback alarms are watched, old copies removed, and a rollback
 * in batches if an alarm fires. Immutable: every method returns a new policy.
 *
 * <pre>{@code
 * import static dev.ballast.RollingUpdate.batch;
 *
 * RollingUpdate policy = batch(1).wait(Duration.ofSeconds(120)).rollbackBatch(1).rollbackOn(errors);
 * }</pre>
 *
 * <p>SageMaker requires batches of 5-50% of the copy count. The smallest possible batch is one
 * copy, so with 1 to 3 copies the batch (and the rollback batch) must be exactly one copy;
 * validation of the endpoint says so with the numbers of your spec.
 */
public final class RollingUpdate extends DslValue<RollingUpdateSpec> {

    private RollingUpdate(RollingUpdateSpec spec) {
        super(spec);
    }

    /** Starts a policy that adds at most {@code copies} new copies at a time. */
    public static RollingUpdateWaitStep batch(int copies) {
        return batch(Capacity.count(copies));
    }

    /** Starts a policy that adds at most {@code percent}% of the copy count at a time (rounded down, at least one). */
    public static RollingUpdateWaitStep batchPercent(int percent) {
        return batch(Capacity.percent(percent));
    }

    private static RollingUpdateWaitStep batch(Capacity batch) {
        return bake -> {
            Rules.given(bake, "rollingUpdate.wait", "bakeTime", "give the wait after each batch, between 0 and 3600 s: wait(Duration.ofMinutes(2))");
            Rules.seconds("rollingUpdate.wait", bake, 0, 3600).ifPresent(v -> {
                throw new SpecValidationException(List.of(v));
            });
            return new RollingUpdate(RollingUpdateSpec.builder().batch(batch).waitInterval(bake).build());
        };
    }

    /** @return a policy that starts from an existing spec, for example one read from configuration */
    public static RollingUpdate from(RollingUpdateSpec spec) {
        return new RollingUpdate(Rules.given(spec, "rollingUpdate", "spec", "give a spec, or start with RollingUpdate.batch(..)"));
    }

    private RollingUpdate with(UnaryOperator<RollingUpdateSpec.Builder> change) {
        RollingUpdateSpec.Builder builder = RollingUpdateSpec.builder();
        builder.from(spec());
        return new RollingUpdate(change.apply(builder).build());
    }

    /** Restores at most {@code copies} old copies at a time on rollback; all at once by default. */
    public RollingUpdate rollbackBatch(int copies) {
        Capacity c = Capacity.count(copies);
        return with(b -> b.rollbackBatch(c));
    }

    /**
     * Restores at most {@code percent}% of the copies at a time on rollback: 5-50% of the copy
     * count, or 100%, SageMaker's own default, which restores every old copy at once.
     */
    public RollingUpdate rollbackBatchPercent(int percent) {
        Capacity c = Capacity.percent(percent);
        return with(b -> b.rollbackBatch(c));
    }

    /**
     * Limits the whole update ({@code MaximumExecutionTimeoutInSeconds}, 600 to 28800 s); past it
     * SageMaker rolls the update back.
     *
     * @throws SpecValidationException at once if outside 600 to 28800 s
     */
    public RollingUpdate timeout(Duration maximumExecutionTime) {
        Rules.given(maximumExecutionTime, "rollingUpdate.timeout", "maximumExecutionTime", "give a duration between 600 and 28800 s");
        Optional<Violation> v = Rules.seconds("rollingUpdate.timeout", maximumExecutionTime, 600, 28800);
        v.ifPresent(x -> {
            throw new SpecValidationException(List.of(x));
        });
        return with(b -> b.maximumExecutionTimeout(maximumExecutionTime));
    }

    /**
     * Rolls the update back when any of these alarms goes into {@code ALARM} while a batch bakes.
     * Ballast creates the alarms with the component, bound to its metrics.
     */
    public RollingUpdate rollbackOn(Alarm first, Alarm... more) {
        Rules.given(first, "rollingUpdate.rollbackAlarms", "first", "give an alarm, for example Alarm.invocation4xxErrors().above(5)");
        Rules.givenAll(more, "rollingUpdate.rollbackAlarms", "more", "list only alarms, or none");
        List<AlarmSpec> alarms = new ArrayList<>(spec().rollbackAlarms());
        alarms.add(first.spec());
        for (Alarm a : more) {
            alarms.add(a.spec());
        }
        return with(b -> b.rollbackAlarms(alarms));
    }

}
