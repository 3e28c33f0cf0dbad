package dev.ballast.plan;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The extra instances of one instance type an update runs beside the ones it replaces, and for how
 * long at most: what the update costs on top of the endpoint's usual bill. A plan of an update
 * states it ({@link Plan#surge()}), one line per instance type:
 *
 * <pre>
 * surge: at most 1 extra ml.g5.2xlarge for ~24 min (≈ 0.4 instance-hours, ≈ $0.61 at us-east-1 on-demand)
 * </pre>
 *
 * <p><b>How "at most" is computed.</b> The update is assumed to go all the way through with no
 * rollback (no alarm fires), every wait taken at its full length, and every launch of new
 * instances taking {@link #LAUNCH_ALLOWANCE}, Ballast's allowance for an instance to start and its
 * model to load and pass its health check (SageMaker documents no figure):
 * <ul>
 *   <li><b>Rolling</b> (components by copies, variants by instances): each batch launches its new
 *       capacity and waits its {@code WaitIntervalInSeconds}, so the update lasts
 *       {@code batches × (launch allowance + wait)}. A variant's batch is its extra instances. A
 *       component's batch of new copies needs extra instances only where the old copies and the
 *       batch do not fit on the instances that run: the copies per instance come from the instance
 *       type's accelerators, vCPUs and memory (as in the capacity check of a spec), the extra
 *       instances are at most what the endpoint's maximum instance count allows. Instances managed
 *       instance scaling releases after the update (SageMaker documents no delay) are not counted.</li>
 *   <li><b>Blue/green</b>: the whole new fleet of every variant runs beside the old one from its
 *       launch through every bake (one all at once, two for a canary, one per step when linear)
 *       and the termination wait: {@code launch allowance + bakes × bake + termination wait}. With
 *       no policy at all SageMaker shifts all at once without baking: the launch allowance alone.</li>
 * </ul>
 * A rollback takes longer (the old capacity comes back in batches), so a rolled-back update may run
 * its surge longer than stated; the upper bound is the planned path. A create, a copy-count or
 * weight change and an update whose new copies fit beside the old ones on the running instances
 * have no surge: the plan then states none. An update that reuses the endpoint's stored deployment
 * policy ({@code RetainDeploymentConfig}) has none either: the plan cannot know that policy.
 *
 * @param instanceType the instance type, for example {@code ml.g5.2xlarge}
 * @param extraInstances the most extra instances of that type at once (at least 1)
 * @param duration how long the extra instances run at most
 * @param instanceHours the extra instance-hours at most: the sum over the update's fleets of their
 *     extra instances × their duration (variants rolled side by side each count their own)
 * @param cost the on-demand cost of those instance-hours, where the price table has a price for
 *     the type
 */
public record Surge(String instanceType, int extraInstances, Duration duration, BigDecimal instanceHours, Optional<Cost> cost) {

    /**
     * Ballast's allowance for one launch of new capacity: an instance starts, the model downloads,
     * the container passes its health check. SageMaker documents no figure; GPU instances with LLM
     * containers commonly take 5-10 minutes. Only the plan's estimate uses it.
     */
    public static final Duration LAUNCH_ALLOWANCE = Duration.ofMinutes(10);

    private static final MathContext TWO_DIGITS = new MathContext(2, RoundingMode.HALF_UP);

    /**
     * The on-demand cost of a surge.
     *
     * @param usd the cost in US dollars
     * @param basis which prices, for example {@code us-east-1 on-demand}
     */
    public record Cost(BigDecimal usd, String basis) {

        /** Checks that both are given. */
        public Cost {
            Objects.requireNonNull(usd, "usd");
            Objects.requireNonNull(basis, "basis");
        }
    }

    /**
     * Checks the figures.
     *
     * @throws IllegalArgumentException if there are no extra instances or the duration is negative
     */
    public Surge {
        Objects.requireNonNull(instanceType, "instanceType");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(instanceHours, "instanceHours");
        Objects.requireNonNull(cost, "cost");
        if (extraInstances < 1 || duration.isNegative()) {
            throw new IllegalArgumentException("a surge has at least one extra instance and a duration of at least 0: "
                    + extraInstances + " for " + duration);
        }
    }

    /**
     * @param instanceType the instance type
     * @param extraInstances the most extra instances at once
     * @param duration how long at most
     * @param instanceHours the extra instance-hours at most
     * @return the surge, priced from the table where it has the type's price
     */
    public static Surge of(String instanceType, int extraInstances, Duration duration, BigDecimal instanceHours, PriceTable prices) {
        return new Surge(instanceType, extraInstances, duration, instanceHours, Optional.empty()).priced(prices);
    }

    /** @return this surge with its cost from the table, or without cost where the table has no price of the type */
    public Surge priced(PriceTable prices) {
        Optional<Cost> priced = prices.usdPerHour(instanceType).map(p -> new Cost(p.multiply(instanceHours), prices.basis()));
        return new Surge(instanceType, extraInstances, duration, instanceHours, priced);
    }

    /**
     * @return for example {@code surge: at most 1 extra ml.g5.2xlarge for ~24 min (≈ 0.4 instance-hours,
     *     ≈ $0.61 at us-east-1 on-demand)}; without the dollars where no price is known
     */
    @Override
    public String toString() {
        return "surge: at most " + extraInstances + " extra " + instanceType + " for ~" + minutes(duration)
                + " (≈ " + approximately(instanceHours) + " instance-hours"
                + cost.map(c -> ", ≈ $" + approximately(c.usd()) + " at " + c.basis()).orElse("") + ")";
    }

    /** Two significant digits, as an estimate deserves: 0.4, 0.61, 2.3, 37, 1200. */
    static String approximately(BigDecimal value) {
        if (value.signum() == 0) {
            return "0";
        }
        return value.round(TWO_DIGITS).stripTrailingZeros().toPlainString();
    }

    /** Whole minutes, rounded up; hours and minutes from two hours on. */
    static String minutes(Duration d) {
        long minutes = (d.toSeconds() + 59) / 60;
        return minutes < 120 ? minutes + " min" : minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    }
}
