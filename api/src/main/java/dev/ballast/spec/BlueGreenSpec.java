package dev.ballast.spec;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A blue/green endpoint update ({@code BlueGreenUpdatePolicy}): SageMaker provisions a full second
 * fleet for the new configuration (green) beside the running one (blue), moves traffic to it all at
 * once, as a canary or in linear steps, bakes after each step while the rollback alarms are
 * watched, and terminates blue at the end. An alarm going into {@code ALARM} during any bake sends
 * all traffic back to blue.
 */
@Value.Immutable
public abstract class BlueGreenSpec {

    /** For the implementation Immutables generates; build one with {@link #builder()}. */
    protected BlueGreenSpec() {
    }

    /** @return how traffic moves to green */
    public abstract TrafficRouting routing();

    /**
     * @return the canary's size ({@code CanarySize}, at most 50 % of the variant's instances) or
     *     the linear step ({@code LinearStepSize}, 10-50 % of the capacity); absent for all at once
     */
    public abstract Optional<Capacity> stepSize();

    /** @return the bake after each step ({@code WaitIntervalInSeconds}, 0 to 3600 s) */
    @Value.Default
    public Duration bake() {
        return Duration.ZERO;
    }

    /** @return how long blue stays after all traffic moved ({@code TerminationWaitInSeconds}, 0 to 3600 s) */
    public abstract Optional<Duration> terminationWait();

    /** @return the longest the update may take ({@code MaximumExecutionTimeoutInSeconds}, 600 to 28800 s) */
    public abstract Optional<Duration> maximumExecutionTimeout();

    /** @return the alarms that roll the update back ({@code AutoRollbackConfiguration}) */
    public abstract List<AlarmSpec> rollbackAlarms();

    /**
     * @return how many bakes the update goes through: one for all at once, two for a canary, one
     *     per step for linear (the step as a percentage of the capacity)
     */
    public final int bakes() {
        return switch (routing()) {
            case ALL_AT_ONCE -> 1;
            case CANARY -> 2;
            case LINEAR -> stepSize().filter(s -> s.unit() == Capacity.Unit.PERCENT)
                    .map(s -> (100 + s.value() - 1) / s.value()).orElse(1);
        };
    }

    /** @return a builder; {@code routing} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link BlueGreenSpec}. */
    public static class Builder extends ImmutableBlueGreenSpec.Builder {

        /** An empty builder; {@code builder()} is the usual way to get one. */
        public Builder() {
        }
    }

    /** @return for example {@code BlueGreen{CANARY 30%, bake 600 s, termination wait 600 s, timeout 1800 s}} */
    @Override
    public String toString() {
        return "BlueGreen{" + routing() + stepSize().map(s -> " " + s).orElse("") + ", bake " + bake().toSeconds() + " s"
                + terminationWait().map(t -> ", termination wait " + t.toSeconds() + " s").orElse("")
                + maximumExecutionTimeout().map(t -> ", timeout " + t.toSeconds() + " s").orElse("")
                + (rollbackAlarms().isEmpty() ? "" : ", rollback on " + rollbackAlarms()) + "}";
    }
}
