package dev.ballast.spec;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.immutables.value.Value;

/**
 * How SageMaker rolls a new specification of an inference component out: batches of new copies
 * added beside the old ones, a wait after each batch while the rollback alarms are watched, and a
 * rollback in batches if one of them goes into {@code ALARM}.
 *
 * <p>Batch sizes must be 5-50% of the component's copy count. The smallest possible batch is one
 * copy, so with 1 to 3 copies the batch (and the rollback batch) must be exactly 1 copy.
 */
@Value.Immutable
public abstract class RollingUpdateSpec {

    /** For the implementation Immutables generates; build one with {@link #builder()}. */
    protected RollingUpdateSpec() {
    }

    /** @return the most new copies added at once ({@code MaximumBatchSize}) */
    public abstract Capacity batch();

    /** @return the wait after each batch ({@code WaitIntervalInSeconds}, 0 to 3600 s) */
    public abstract Duration waitInterval();

    /** @return the limit on the whole update ({@code MaximumExecutionTimeoutInSeconds}, 600 to 28800 s) */
    public abstract Optional<Duration> maximumExecutionTimeout();

    /**
     * @return the most old copies restored at once on rollback ({@code RollbackMaximumBatchSize});
     *     when absent SageMaker restores all of them at once
     */
    public abstract Optional<Capacity> rollbackBatch();

    /** @return the alarms that roll the update back (at most 10); none means no automatic rollback */
    public abstract List<AlarmSpec> rollbackAlarms();

    /**
     * @param copies the component's copy count
     * @return how many new copies one batch adds: the batch size resolved against the copy count,
     *     at least one
     */
    public final int batchSize(int copies) {
        return Math.max(1, batch().resolve(copies));
    }

    /**
     * @param copies the component's copy count
     * @return how many batches replacing all copies takes
     */
    public final int batches(int copies) {
        int size = batchSize(copies);
        // Not (copies + size - 1) / size: that overflows an int for copy counts near Integer.MAX_VALUE.
        return copies / size + (copies % size == 0 ? 0 : 1);
    }

    /** @return a builder; {@code batch} and {@code waitInterval} are required */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link RollingUpdateSpec}. */
    public static class Builder extends ImmutableRollingUpdateSpec.Builder {

        /** An empty builder; {@code builder()} is the usual way to get one. */
        public Builder() {
        }
    }

    /** @return for example {@code RollingUpdate{batch 1, wait 120 s, rollback batch 1, rollback on [..]}} */
    @Override
    public String toString() {
        return "RollingUpdate{batch " + batch() + ", wait " + waitInterval().toSeconds() + " s"
                + maximumExecutionTimeout().map(t -> ", timeout " + t.toSeconds() + " s").orElse("")
                + rollbackBatch().map(b -> ", rollback batch " + b).orElse("")
                + (rollbackAlarms().isEmpty() ? "" : ", rollback on " + rollbackAlarms()) + "}";
    }
}
