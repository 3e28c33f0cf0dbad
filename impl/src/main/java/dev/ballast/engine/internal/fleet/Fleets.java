package dev.ballast.engine.internal.fleet;

import dev.ballast.Deployment;
import dev.ballast.FleetDeployment;
import dev.ballast.spec.EndpointSpec;
import dev.ballast.spi.Scheduler;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An engine's fleets: starts each ({@link FleetRun}) and knows whether one of several deployments
 * at once is running, which makes the engine crowded (its looks shared, its plans reading shared
 * lists, its leases living by its heartbeat) from the fleet's first start to its end.
 */
public final class Fleets {

    private final Scheduler scheduler;
    private final int crowdFrom;
    /** Fleets of several deployments at once that have not ended. */
    private final AtomicInteger crowding = new AtomicInteger();

    /**
     * @param crowdFrom how many deployments at once make a fleet crowd the engine
     */
    public Fleets(Scheduler scheduler, int crowdFrom) {
        this.scheduler = scheduler;
        this.crowdFrom = crowdFrom;
    }

    /**
     * @param start starts one deployment without blocking
     * @return the fleet, started
     */
    public FleetDeployment run(Collection<? extends EndpointSpec> specs, FleetDeployment.Policy policy,
                               Function<EndpointSpec, CompletableFuture<Deployment>> start) {
        Objects.requireNonNull(specs, "specs");
        Objects.requireNonNull(policy, "policy");
        specs.forEach(s -> Objects.requireNonNull(s, "a spec of the fleet"));
        boolean crowds = Math.min(specs.size(), policy.concurrency()) >= crowdFrom;
        FleetRun run = new FleetRun(List.copyOf(specs), policy, start, scheduler);
        if (crowds) {
            crowding.incrementAndGet();
            run.future().whenComplete((summary, failure) -> crowding.decrementAndGet());
        }
        return run.begin();
    }

    /** @return whether a fleet of several deployments at once is running */
    public boolean running() {
        return crowding.get() > 0;
    }
}
