package dev.ballast.spec;

import dev.ballast.internal.validation.TrafficShiftValidator;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/**
 * A guarded shift of traffic between the live variants of an endpoint, step by step through
 * {@code UpdateEndpointWeightsAndCapacities}: the target variant's share goes to each step's
 * percentage in turn; after each step Ballast waits, then checks the alarms and metrics; only when
 * every check passes does the next step start. When a check fails, Ballast returns the weights to
 * what they were before the shift began and the shift ends {@code ROLLED_BACK}.
 *
 * <p>SageMaker has no guardrail for weight changes; this one is Ballast's. The checks also run
 * after the last step's wait, so a shift to 100 % is verified like every step before it.
 */
@Value.Immutable
public abstract class TrafficShiftSpec {

    /** For the implementation Immutables generates; build one with {@link #builder()}. */
    protected TrafficShiftSpec() {
    }

    /** @return the endpoint whose traffic moves */
    public abstract VariantEndpointSpec endpoint();

    /** @return the variant that receives the traffic */
    public abstract String targetVariant();

    /** @return the target's share after each step, in percent, rising (for example 10, 25, 50, 100) */
    public abstract List<Integer> steps();

    /** @return the wait after each step before its checks */
    public abstract Duration waitPerStep();

    /**
     * @return alarms Ballast creates on the target variant's metrics (named
     *     {@code <endpoint>-<variant>-shift-<metric>} unless named) and checks before each next step
     */
    public abstract List<AlarmSpec> alarmChecks();

    /** @return alarms that already exist in CloudWatch and must not be in {@code ALARM} before each next step */
    public abstract List<String> existingAlarmChecks();

    /**
     * @return conditions Ballast evaluates itself on the target variant's metrics
     *     ({@code GetMetricStatistics} over the latest {@code evaluationPeriods} periods) before each
     *     next step, without creating an alarm; a condition met fails the check
     */
    public abstract List<AlarmSpec> metricChecks();

    /** @return the CloudWatch name of each alarm check */
    public final List<String> alarmCheckNames() {
        return alarmChecks().stream().map(a -> a.name().orElseGet(() ->
                (endpoint().name() + "-" + targetVariant() + "-shift-" + a.metricName()).toLowerCase(java.util.Locale.ROOT))).toList();
    }

    /**
     * The weights at one step: the target gets {@code percent} of the total weight; the others
     * share the rest in proportion to their weights before the shift (equally if those were all 0).
     *
     * @param percent the target's share, 0 to 100
     * @param before every variant's weight before the shift
     * @return every variant's weight at this step, in the order of {@code before}
     */
    public final Map<String, Double> weightsAt(int percent, Map<String, Double> before) {
        double total = before.values().stream().mapToDouble(Double::doubleValue).sum();
        if (total <= 0) {
            total = 1.0;
        }
        double othersBefore = before.entrySet().stream().filter(e -> !e.getKey().equals(targetVariant()))
                .mapToDouble(Map.Entry::getValue).sum();
        long others = before.keySet().stream().filter(k -> !k.equals(targetVariant())).count();
        double rest = total * (100 - percent) / 100.0;
        Map<String, Double> weights = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : before.entrySet()) {
            if (e.getKey().equals(targetVariant())) {
                weights.put(e.getKey(), round(total * percent / 100.0));
            } else {
                weights.put(e.getKey(), round(othersBefore > 0 ? rest * e.getValue() / othersBefore : rest / others));
            }
        }
        return weights;
    }

    private static double round(double weight) {
        return Math.round(weight * 1_000_000d) / 1_000_000d;
    }

    @Value.Check
    protected void check() {
        TrafficShiftValidator.validate(this);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link TrafficShiftSpec}; {@code build()} validates it against its endpoint. */
    public static class Builder extends ImmutableTrafficShiftSpec.Builder {

        /** An empty builder; {@code builder()} is the usual way to get one. */
        public Builder() {
        }
    }

    /** @return for example {@code TrafficShift{my-endpoint to model-v2-variant: 10% -> 25% -> 50% -> 100%, 300 s each, ...}} */
    @Override
    public String toString() {
        return "TrafficShift{" + endpoint().name() + " to " + targetVariant() + ": "
                + String.join(" -> ", steps().stream().map(s -> s + "%").toList())
                + ", " + waitPerStep().toSeconds() + " s each"
                + (alarmChecks().isEmpty() ? "" : ", alarms " + alarmChecks())
                + (existingAlarmChecks().isEmpty() ? "" : ", existing alarms " + existingAlarmChecks())
                + (metricChecks().isEmpty() ? "" : ", metric checks " + metricChecks()) + "}";
    }
}
