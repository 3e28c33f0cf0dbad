package dev.ballast.spec;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * One step of a step-scaling policy: how much to change capacity while the alarm's metric lies
 * between two values. Ballast takes the bounds as metric values and sends them relative to the
 * alarm's threshold ({@code MetricIntervalLowerBound}/{@code MetricIntervalUpperBound}).
 */
@Value.Immutable
public abstract class StepSpec {

    /** For the implementation Immutables generates; build one with {@link #builder()}. */
    protected StepSpec() {
    }

    /** @return how {@link #adjustment()} is read */
    public abstract StepAdjustmentType type();

    /** @return the {@code ScalingAdjustment} */
    public abstract int adjustment();

    /**
     * @return the metric value the step starts at; absent: the alarm's threshold when the alarm
     *     fires above it, unbounded below when it fires below it
     */
    public abstract Optional<Double> lower();

    /**
     * @return the metric value the step ends at; absent: unbounded above when the alarm fires
     *     above its threshold, the threshold itself when it fires below it
     */
    public abstract Optional<Double> upper();

    /** @return a builder; {@code type} and {@code adjustment} are required */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link StepSpec}. */
    public static class Builder extends ImmutableStepSpec.Builder {

        /** An empty builder; {@code builder()} is the usual way to get one. */
        public Builder() {
        }
    }

    /** @return for example {@code +1 [10..25)} or {@code =4 [40..)} */
    @Override
    public String toString() {
        String n = switch (type()) {
            case CHANGE_IN_CAPACITY -> (adjustment() >= 0 ? "+" : "") + adjustment();
            case PERCENT_CHANGE_IN_CAPACITY -> (adjustment() >= 0 ? "+" : "") + adjustment() + "%";
            case EXACT_CAPACITY -> "=" + adjustment();
        };
        return n + " [" + lower().map(AlarmSpec::number).orElse("") + ".." + upper().map(AlarmSpec::number).orElse("") + ")";
    }
}
