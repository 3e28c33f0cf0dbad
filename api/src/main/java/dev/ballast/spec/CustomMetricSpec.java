package dev.ballast.spec;

import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A CloudWatch metric of the user's choosing that a target-tracking policy keeps near its target
 * (Application Auto Scaling's
 * <a href="https://docs.aws.amazon.com/autoscaling/application/APIReference/API_CustomizedMetricSpecification.html">
 * CustomizedMetricSpecification</a>): name, namespace, dimensions, statistic and unit. The
 * documentation asks for a metric that falls as capacity grows (a queue depth per copy, a latency);
 * metric math ({@code Metrics}) is not described by Ballast.
 */
@Value.Immutable
public abstract class CustomMetricSpec {

    /** For the implementation Immutables generates; build one with {@link #builder()}. */
    protected CustomMetricSpec() {
    }

    /** @return the metric's name, for example {@code QueueDepth} */
    public abstract String metricName();

    /** @return the metric's namespace (required), for example {@code Custom/LLM} */
    public abstract Optional<String> namespace();

    /** @return the dimensions the metric was published with; the policy must name the same ones */
    public abstract Map<String, String> dimensions();

    /** @return the statistic over each period; {@code Average} unless set */
    @Value.Default
    public Statistic statistic() {
        return Statistic.AVERAGE;
    }

    /** @return the metric's unit, for example {@code Count}, if the policy names one */
    public abstract Optional<String> unit();

    /** @return a builder; {@code metricName} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link CustomMetricSpec}. */
    public static class Builder extends ImmutableCustomMetricSpec.Builder {

        /** An empty builder; {@code builder()} is the usual way to get one. */
        public Builder() {
        }
    }

    /** @return for example {@code QueueDepth in Custom/LLM Maximum {Model=llama}} */
    @Override
    public String toString() {
        return metricName() + " in " + namespace().orElse("?") + " " + statistic().awsName()
                + unit().map(u -> " (" + u + ")").orElse("") + (dimensions().isEmpty() ? "" : " " + dimensions());
    }
}
