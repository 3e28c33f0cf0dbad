package dev.ballast.engine.internal.reconcile;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.ballast.InstanceShape;
import dev.ballast.plan.PriceTable;
import dev.ballast.plan.Surge;
import dev.ballast.spec.BlueGreenSpec;
import dev.ballast.spec.Capacity;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spec.ComponentSpec;
import dev.ballast.spec.RollingUpdateSpec;
import dev.ballast.spec.TrafficRouting;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.spec.VariantSpec;

/**
 * The surge of an update, from the spec's own batches, waits, bakes and termination wait and
 * {@link Surge#LAUNCH_ALLOWANCE}; the rules are in {@link Surge}'s class comment. Priced with the
 * default table; {@code Plan.priced(..)} prices it with another.
 */
public final class SurgeEstimate {

    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);

    private SurgeEstimate() {
    }

    /**
     * A new specification of one component, rolled out with its rolling policy (without one, as
     * SageMaker did before rolling updates: all copies new at once, no wait). The batch of new
     * copies sits beside every component's copies, packed at the copies per instance the instance
     * shape allows (as the spec's capacity check counts them); instances beyond those running are
     * the surge, at most up to the endpoint's maximum instance count.
     *
     * @param instancesNow the endpoint's instances when the update starts, as far as known; at least
     *     as many as the old copies need are assumed to run
     * @return the surge, or none when the batch fits on the running instances, the component is an
     *     adapter (loaded in place) or the instance type's hardware is not known
     */
    public static List<Surge> componentUpdate(ComponentEndpointSpec spec, ComponentSpec c, int instancesNow) {
        Optional<InstanceShape> shape = spec.instanceType().shape();
        int copies = c.copies().orElse(0);
        if (c.isAdapter() || shape.isEmpty() || copies < 1 || perInstance(shape.get(), c) == 0) {
            return List.of();
        }
        Optional<RollingUpdateSpec> rolling = c.rollingUpdate();
        int batch = rolling.map(r -> r.batchSize(copies)).orElse(copies);
        int batches = rolling.map(r -> r.batches(copies)).orElse(1);
        Duration wait = rolling.map(RollingUpdateSpec::waitInterval).orElse(Duration.ZERO);

        double slots = 0;
        for (ComponentSpec other : spec.components()) {
            int per = perInstance(shape.get(), other);
            if (!other.isAdapter() && other.copies().orElse(0) > 0 && per > 0) {
                slots += (double) other.copies().orElse(0) / per;
            }
        }
        // The same tolerance as the capacity check: 3 × (1/3) is 3 instances, not 4.
        // What runs holds every old copy: managed instance scaling added what they need.
        long running = Math.max(instancesNow, (long) Math.ceil(slots - 1e-9));
        slots += (double) batch / perInstance(shape.get(), c);
        long needed = (long) Math.ceil(slots - 1e-9);
        long extra = Math.min(needed - running, (long) spec.maximumInstanceCount() - running);
        if (extra < 1) {
            return List.of();
        }
        Duration duration = Surge.LAUNCH_ALLOWANCE.plus(wait).multipliedBy(batches);
        return List.of(Surge.of(spec.instanceType().name(), (int) extra, duration, hours(extra, duration), PriceTable.defaults()));
    }

    /**
     * An {@code UpdateEndpoint} of model variants to the spec's configuration: rolling (an endpoint
     * of one variant), its batch of instances through its batches; blue/green (and SageMaker's
     * default, all at once without baking, which is also how it runs a rolling update of several
     * variants), each variant's whole fleet through the bakes and the termination wait. Variants of one type add up: their extra instances (they update side by side), their
     * instance-hours; the duration is the longest.
     *
     * @return the surge by instance type, in the order of the variants; none for serverless
     *     variants or when the update reuses the endpoint's stored policy
     */
    public static List<Surge> endpointUpdate(VariantEndpointSpec spec) {
        return endpointUpdate(spec, spec.rollsInBatches());
    }

    /**
     * @param rollsInBatches whether SageMaker rolls the update batch by batch: the spec's rolling
     *     policy on an endpoint of one variant, before and after the update
     * @see #endpointUpdate(VariantEndpointSpec)
     */
    public static List<Surge> endpointUpdate(VariantEndpointSpec spec, boolean rollsInBatches) {
        if (spec.retainDeploymentConfig()) {
            return List.of();
        }
        Map<String, long[]> byType = new LinkedHashMap<>(); // extra instances, longest seconds, instance-seconds
        for (VariantSpec v : spec.variants()) {
            int n = v.resolvedInstanceCount();
            if (v.instanceType().isEmpty() || n < 1) {
                continue;
            }
            int extra;
            Duration duration;
            if (rollsInBatches) {
                RollingUpdateSpec r = spec.rollingUpdate().get();
                extra = r.batchSize(n);
                duration = Surge.LAUNCH_ALLOWANCE.plus(r.waitInterval()).multipliedBy(r.batches(n));
            } else {
                extra = n;
                duration = spec.blueGreen().map(b -> Surge.LAUNCH_ALLOWANCE.plus(b.bake().multipliedBy(bakes(b, n)))
                        .plus(b.terminationWait().orElse(Duration.ZERO))).orElse(Surge.LAUNCH_ALLOWANCE);
            }
            long[] sum = byType.computeIfAbsent(v.instanceType().get().name(), t -> new long[3]);
            sum[0] += extra;
            sum[1] = Math.max(sum[1], duration.toSeconds());
            sum[2] += extra * duration.toSeconds();
        }
        List<Surge> surge = new ArrayList<>();
        byType.forEach((type, sum) -> surge.add(Surge.of(type, (int) Math.min(sum[0], Integer.MAX_VALUE), Duration.ofSeconds(sum[1]),
                BigDecimal.valueOf(sum[2]).divide(SECONDS_PER_HOUR, 4, RoundingMode.HALF_UP), PriceTable.defaults())));
        return surge;
    }

    /**
     * One bake all at once, two for a canary (the canary's, then the rest's), one per step when
     * linear: a step in percent of the capacity as {@link BlueGreenSpec#bakes()} counts it, a step
     * of instances against the variant's count.
     */
    static int bakes(BlueGreenSpec b, int instances) {
        if (b.routing() == TrafficRouting.LINEAR && b.stepSize().map(s -> s.unit() != Capacity.Unit.PERCENT).orElse(false)) {
            int step = b.stepSize().get().value();
            return instances / step + (instances % step == 0 ? 0 : 1);
        }
        return b.bakes();
    }

    private static BigDecimal hours(long instances, Duration duration) {
        return BigDecimal.valueOf(instances * duration.toSeconds()).divide(SECONDS_PER_HOUR, 4, RoundingMode.HALF_UP);
    }

    private static int perInstance(InstanceShape shape, ComponentSpec c) {
        return shape.copiesPerInstance(c.accelerators().orElse(0), c.cpuCores().orElse(0.0), c.minMemoryMb().orElse(0));
    }
}
