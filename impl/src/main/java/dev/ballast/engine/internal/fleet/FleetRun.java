package dev.ballast.engine.internal.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import dev.ballast.Deployment;
import dev.ballast.FleetDeployment;
import dev.ballast.outcome.Outcome;
import dev.ballast.spec.EndpointSpec;
import dev.ballast.spi.Scheduler;

/**
 * Runs a fleet: starts deployments on the engine's scheduler, at most the policy's concurrency at
 * a time, in the order given; a deployment that ends makes room for the next, unless the guardrail
 * (so many ended other than {@code SUCCEEDED}) stops new starts.
 */
public final class FleetRun implements FleetDeployment {

    private final List<? extends EndpointSpec> specs;
    private final Policy policy;
    private final Function<EndpointSpec, CompletableFuture<Deployment>> start;
    private final Scheduler scheduler;
    private final Map<String, Deployment> deployments = new LinkedHashMap<>();
    private final Map<String, Outcome> outcomes = new LinkedHashMap<>();
    private final CompletableFuture<Summary> result = new CompletableFuture<>();
    private int next;
    private int running;
    private int unsuccessful;

    /**
     * @param start starts one deployment without blocking: completes with it once it started
     */
    public FleetRun(List<? extends EndpointSpec> specs, Policy policy, Function<EndpointSpec, CompletableFuture<Deployment>> start,
                    Scheduler scheduler) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (EndpointSpec s : specs) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("Two specs of the fleet name endpoint '" + s.name()
                        + "'; a fleet deploys each endpoint once");
            }
        }
        this.specs = List.copyOf(specs);
        this.policy = policy;
        this.start = start;
        this.scheduler = scheduler;
    }

    /** Starts the first deployments; returns at once. */
    public FleetRun begin() {
        scheduler.schedule(Duration.ZERO, this::fill);
        return this;
    }

    private void fill() {
        List<EndpointSpec> starting = new ArrayList<>();
        synchronized (this) {
            while (running < policy.concurrency() && next < specs.size() && unsuccessful < policy.stopAfter()) {
                starting.add(specs.get(next++));
                running++;
            }
            finishIfDone();
        }
        starting.forEach(this::launch);
    }

    private void launch(EndpointSpec spec) {
        CompletableFuture<Deployment> started;
        try {
            started = start.apply(spec);
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        started.whenComplete((deployment, failure) -> {
            if (failure != null) {
                Throwable cause = failure.getCause() != null && failure instanceof java.util.concurrent.CompletionException
                        ? failure.getCause() : failure;
                ended(spec.name(), new Outcome.Failed(Duration.ZERO, String.valueOf(cause.getMessage())));
                return;
            }
            synchronized (this) {
                deployments.put(spec.name(), deployment);
            }
            deployment.future().whenComplete((outcome, f) -> ended(spec.name(), f == null ? outcome
                    : new Outcome.Failed(Duration.ZERO, String.valueOf(f.getMessage()))));
        });
    }

    private void ended(String name, Outcome outcome) {
        synchronized (this) {
            outcomes.put(name, outcome);
            running--;
            if (!outcome.isSuccess()) {
                unsuccessful++;
            }
        }
        fill();
    }

    private void finishIfDone() {
        boolean stopped = unsuccessful >= policy.stopAfter();
        if (running == 0 && (next == specs.size() || stopped) && !result.isDone()) {
            List<String> notStarted = specs.subList(next, specs.size()).stream().map(EndpointSpec::name).toList();
            result.complete(new Summary(outcomes, notStarted));
        }
    }

    @Override
    public synchronized Map<String, Deployment> deployments() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(deployments));
    }

    @Override
    public Summary await() {
        return scheduler.await(result);
    }

    @Override
    public CompletableFuture<Summary> future() {
        return result.copy();
    }

    @Override
    public String toString() {
        return "FleetDeployment{" + specs.size() + " endpoints, " + (result.isDone() ? result.join() : "in progress") + "}";
    }
}
