package dev.ballast;

import dev.ballast.error.SpecValidationException;
import dev.ballast.error.Violation;
import dev.ballast.internal.validation.Rules;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.spec.VariantSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A guarded promotion of an endpoint's shadow variant, as code. Immutable; carry it out with
 * {@link Ballast#promoteShadow(ShadowPromotion)}.
 *
 * <pre>{@code
 * ShadowPromotion guard = ShadowPromotion.of(spec)      // spec has a shadow(..)
 *     .over(Duration.ofMinutes(30))                     // the window the metrics are read over
 *     .minimumInvocations(100)                          // the shadow saw at least 100 requests
 *     .latencyWithin(10)                                // its ModelLatency p99 at most 10% above production's
 *     .errorRateAtMost(0.01);                           // at most 1% of its requests failed
 * Outcome o = ballast.promoteShadow(guard).await();     // NOT_APPLIED, with what was seen, if a check failed
 * }</pre>
 *
 * <p>The checks read CloudWatch ({@code GetMetricStatistics}, namespace {@code AWS/SageMaker},
 * dimensions {@code EndpointName} and {@code VariantName}) over the window that ends at the
 * current minute, the way a traffic shift's metric checks do. When every check passes, the
 * endpoint is updated to {@link VariantEndpointSpec#promoted()} with the spec's deployment
 * policy; when one fails nothing changes. Without any check nothing stops the promotion.
 */
public final class ShadowPromotion {

    private static final Duration DEFAULT_WINDOW = Duration.ofMinutes(30);

    private final VariantEndpointSpec endpoint;
    private final Duration window;
    private final long minimumInvocations;
    private final OptionalDouble latencyWithinPercent;
    private final OptionalDouble maxErrorRate;

    private ShadowPromotion(VariantEndpointSpec endpoint, Duration window, long minimumInvocations, OptionalDouble latencyWithinPercent,
                            OptionalDouble maxErrorRate) {
        this.endpoint = endpoint;
        this.window = window;
        this.minimumInvocations = minimumInvocations;
        this.latencyWithinPercent = latencyWithinPercent;
        this.maxErrorRate = maxErrorRate;
    }

    /**
     * Starts a promotion of the endpoint's shadow variant, over a 30-minute window and without checks.
     *
     * @throws SpecValidationException if the endpoint has no shadow variant
     */
    public static ShadowPromotion of(VariantEndpointSpec endpoint) {
        Rules.given(endpoint, "endpoint", "endpoint", "give the endpoint's spec: ShadowPromotion.of(spec)");
        if (endpoint.shadowVariants().size() != 1) {
            throw new SpecValidationException(List.of(Violation.of("endpoint.shadowVariants", endpoint.shadowVariants().size(),
                    "must be one shadow variant to promote", "add one to the spec: .shadow(Variant.named(\"model-v2-shadow\")...)")));
        }
        return new ShadowPromotion(endpoint, DEFAULT_WINDOW, 0, OptionalDouble.empty(), OptionalDouble.empty());
    }

    /** Sets the window the metrics are compared over: whole minutes, from 1 minute to 15 days (CloudWatch keeps 1-minute data 15 days). */
    public ShadowPromotion over(Duration window) {
        Rules.given(window, "over", "window", "for example over(Duration.ofMinutes(30))");
        if (window.toSeconds() < 60 || window.toSeconds() % 60 != 0 || window.compareTo(Duration.ofDays(15)) > 0 || window.toNanos() % 1_000_000_000L != 0) {
            throw new SpecValidationException(List.of(Violation.of("over", window, "must be whole minutes, from 1 minute to 15 days",
                    "use over(Duration.ofMinutes(" + Math.max(1, Math.min(21_600, window.toMinutes())) + "))")));
        }
        return new ShadowPromotion(endpoint, window, minimumInvocations, latencyWithinPercent, maxErrorRate);
    }

    /** Requires the shadow to have seen at least this many requests ({@code Invocations} Sum) in the window. */
    public ShadowPromotion minimumInvocations(long invocations) {
        if (invocations < 1) {
            throw new SpecValidationException(List.of(Violation.of("minimumInvocations", invocations, "must be at least 1",
                    "for example minimumInvocations(100)")));
        }
        return new ShadowPromotion(endpoint, window, invocations, latencyWithinPercent, maxErrorRate);
    }

    /**
     * Requires the shadow's {@code ModelLatency} p99 in the window to be at most this many percent
     * above production's ({@code latencyWithin(0)}: not slower at all). Both need data in the window.
     */
    public ShadowPromotion latencyWithin(double percent) {
        if (!(percent >= 0) || Double.isInfinite(percent)) {
            throw new SpecValidationException(List.of(Violation.of("latencyWithin", percent, "must be a finite percentage of 0 or more",
                    "for example latencyWithin(10) for at most 10% slower than production")));
        }
        return new ShadowPromotion(endpoint, window, minimumInvocations, OptionalDouble.of(percent), maxErrorRate);
    }

    /**
     * Requires the shadow's error rate in the window, {@code Invocation4XXErrors} plus
     * {@code Invocation5XXErrors} over {@code Invocations}, to be at most this fraction. A shadow
     * without requests in the window fails this check.
     */
    public ShadowPromotion errorRateAtMost(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new SpecValidationException(List.of(Violation.of("errorRateAtMost", fraction, "must be a fraction from 0 to 1",
                    "for example errorRateAtMost(0.01) for at most 1% of requests failing")));
        }
        return new ShadowPromotion(endpoint, window, minimumInvocations, latencyWithinPercent, OptionalDouble.of(fraction));
    }

    /** @return the endpoint as it runs now, with its shadow */
    public VariantEndpointSpec endpoint() {
        return endpoint;
    }

    /** @return the endpoint once the shadow is promoted: what an update sends when the checks pass */
    public VariantEndpointSpec promoted() {
        return endpoint.promoted();
    }

    /** @return the production variant */
    public VariantSpec production() {
        return endpoint.variants().get(0);
    }

    /** @return the shadow variant */
    public VariantSpec shadow() {
        return endpoint.shadowVariants().get(0);
    }

    /** @return the window the metrics are compared over */
    public Duration window() {
        return window;
    }

    /** @return the fewest requests the shadow must have seen; 0 when not checked */
    public long minimumInvocations() {
        return minimumInvocations;
    }

    /** @return how many percent slower than production's the shadow's p99 latency may be, if checked */
    public OptionalDouble latencyWithinPercent() {
        return latencyWithinPercent;
    }

    /** @return the highest error rate the shadow may have, if checked */
    public OptionalDouble maxErrorRate() {
        return maxErrorRate;
    }

    /** @return each check, in words, in the order they run */
    public List<String> checks() {
        List<String> checks = new ArrayList<>();
        if (minimumInvocations > 0) {
            checks.add("shadow Invocations >= " + minimumInvocations);
        }
        latencyWithinPercent.ifPresent(p -> checks.add("shadow ModelLatency p99 <= production's + " + number(p) + "%"));
        maxErrorRate.ifPresent(r -> checks.add("shadow error rate <= " + number(100 * r) + "%"));
        return checks;
    }

    static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    @Override
    public String toString() {
        return "ShadowPromotion{" + endpoint.name() + ": " + shadow().name() + " into " + production().name() + ", over "
                + window.toMinutes() + " min, checks " + (checks().isEmpty() ? "none" : String.join(", ", checks())) + "}";
    }
}
