package dev.ballast.engine.internal.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.core.SdkResponse;

import dev.ballast.engine.internal.reconcile.Drift;
import dev.ballast.engine.internal.reconcile.Observer;
import dev.ballast.engine.internal.watch.Settled;
import dev.ballast.engine.internal.watch.Watcher;
import dev.ballast.error.ThrottledException;
import dev.ballast.error.TransportException;
import dev.ballast.event.DeploymentEvent;
import dev.ballast.outcome.Outcome;
import dev.ballast.plan.ApiCall;
import dev.ballast.plan.AwaitState;
import dev.ballast.plan.Plan;
import dev.ballast.plan.PlanStep;
import dev.ballast.spec.ComponentSpec;
import dev.ballast.spec.EndpointSpec;
import dev.ballast.spec.RollingUpdateSpec;
import dev.ballast.spi.TimeSource;

/**
 * Carries a plan out, step by step, on the engine's scheduler, and decides the outcome truthfully:
 * a component that is {@code InService} again after an update counts as updated only if it runs
 * the new specification; otherwise SageMaker rolled it back.
 */
public final class PlanRunner {

    private static final Logger LOG = LoggerFactory.getLogger("dev.ballast.deployment");

    private final ResilientCaller calls;
    private final Observer observer;
    private final Watcher watcher;
    private final TimeSource time;
    private final DefaultDeployment deployment;

    public PlanRunner(ResilientCaller calls, Observer observer, Watcher watcher, TimeSource time, DefaultDeployment deployment) {
        this.calls = calls;
        this.observer = observer;
        this.watcher = watcher;
        this.time = time;
        this.deployment = deployment;
    }

    /** Runs the plan; completes with the outcome (never exceptionally). */
    public CompletableFuture<Outcome> run(EndpointSpec spec, Plan plan, Instant started) {
        List<String> done = new ArrayList<>();
        CompletableFuture<Optional<Outcome>> chain = CompletableFuture.completedFuture(Optional.empty());
        List<PlanStep> steps = plan.steps();
        for (int i = 0; i < steps.size(); i++) {
            int index = i;
            chain = chain.thenCompose(stop -> stop.isPresent() ? CompletableFuture.completedFuture(stop)
                    : step(spec, steps.get(index), index + 1, steps.size(), started, done));
        }
        return chain.handle((stop, failure) -> {
            Duration took = Duration.between(started, time.now());
            if (failure != null) {
                Throwable cause = unwrap(failure);
                return new Outcome.Failed(took, cause.getMessage());
            }
            return stop.orElseGet(() -> new Outcome.Succeeded(took, done.isEmpty()
                    ? "nothing to do: what runs matches the spec" : String.join(", ", done)));
        });
    }

    private CompletableFuture<Optional<Outcome>> step(EndpointSpec spec, PlanStep step, int index, int total, Instant started,
                                                      List<String> done) {
        return step.accept(new PlanStep.Visitor<>() {
            @Override
            public CompletableFuture<Optional<Outcome>> visitApiCall(ApiCall call) {
                deployment.emit(new DeploymentEvent.StepStarted(time.now(), index, total, call.target() + " " + call.resource()));
                return call(spec, call).thenApply(sent -> {
                    if (sent) {
                        done.add(describe(call));
                    }
                    return Optional.<Outcome>empty();
                });
            }

            @Override
            public CompletableFuture<Optional<Outcome>> visitAwaitState(AwaitState await) {
                deployment.emit(new DeploymentEvent.StepStarted(time.now(), index, total,
                        "wait until " + await.resource() + " is " + await.status()));
                return await(spec, await, started);
            }
        });
    }

    private static String describe(ApiCall call) {
        String op = call.operation();
        String verb = op.startsWith("Create") ? "created" : op.startsWith("Update") ? "updated" : op.startsWith("Delete") ? "deleted"
                : op.startsWith("Put") ? "put" : op;
        return verb + " " + call.resource();
    }

    /** Sends a call; a create whose response was lost is checked with a describe before it is sent again. */
    private CompletableFuture<Boolean> call(EndpointSpec spec, ApiCall call) {
        if (call.operation().equals("DeleteEndpointConfig")) {
            return verifiedCleanup(spec, call);
        }
        return calls.call(call.request(), SdkResponse.class).thenApply(r -> true)
                .exceptionallyCompose(failure -> {
                    Throwable cause = unwrap(failure);
                    if (call.operation().startsWith("Create") && cause instanceof TransportException t && t.retryable()
                            && !(t instanceof ThrottledException)) {
                        return exists(call).thenCompose(exists -> {
                            if (exists) {
                                LOG.warn("{} took effect although its response was lost ({}); not sending it again",
                                        call.target(), t.errorCode());
                                return CompletableFuture.completedFuture(true);
                            }
                            return calls.call(call.request(), SdkResponse.class).thenApply(r -> true);
                        });
                    }
                    return CompletableFuture.failedFuture(cause);
                });
    }

    private CompletableFuture<Boolean> exists(ApiCall call) {
        String name = call.resource().substring(call.resource().indexOf('/') + 1);
        if (call.resource().startsWith("endpoint/")) {
            return observer.endpoint(name).thenApply(Optional::isPresent);
        }
        if (call.resource().startsWith("endpoint-config/")) {
            return observer.endpointConfig(name).thenApply(Optional::isPresent);
        }
        if (call.resource().startsWith("inference-component/")) {
            return observer.component(name).thenApply(Optional::isPresent);
        }
        return CompletableFuture.completedFuture(false);
    }

    /**
     * A configuration goes only when no endpoint of the spec depends on it: the endpoint is gone
     * (teardown), or it is verified to run the new configuration in service (after an update).
     */
    private CompletableFuture<Boolean> verifiedCleanup(EndpointSpec spec, ApiCall call) {
        return observer.endpoint(spec.name()).thenCompose(e -> {
            boolean verified = e.isEmpty() || spec.endpointConfigName().equals(e.get().endpointConfigName())
                    && e.get().endpointStatusAsString().equals("InService")
                    && !call.resource().equals("endpoint-config/" + spec.endpointConfigName());
            if (!verified) {
                LOG.warn("Kept {}: endpoint {} does not run {} in service", call.resource(), spec.name(), spec.endpointConfigName());
                return CompletableFuture.completedFuture(false);
            }
            return calls.call(call.request(), SdkResponse.class).thenApply(r -> true);
        });
    }

    private CompletableFuture<Optional<Outcome>> await(EndpointSpec spec, AwaitState await, Instant started) {
        Optional<ComponentSpec> desired = desiredComponent(spec, await.resource());
        return watcher.follow(target(spec, await.resource(), await.status().equals("Gone")))
                .thenCompose(settled -> judge(spec, await, desired, settled, started));
    }

    /**
     * Follows a resource that was already being created or updated when Ballast looked (attach,
     * or apply after a crash) to its end. Completes empty when it ended well, or with the
     * outcome that ends the deployment: the update in flight was rolled back by an alarm, it
     * failed, or the wait timed out.
     */
    public CompletableFuture<Optional<Outcome>> followInFlight(EndpointSpec spec, String resource, Instant started) {
        Optional<ComponentSpec> desired = desiredComponent(spec, resource);
        return watcher.follow(target(spec, resource, false)).thenCompose(settled -> {
            Duration took = Duration.between(started, time.now());
            if (settled.timedOut()) {
                return CompletableFuture.completedFuture(Optional.<Outcome>of(new Outcome.TimedOut(took, settled.lastObserved())));
            }
            if (!settled.status().equals("InService")) {
                return CompletableFuture.completedFuture(Optional.<Outcome>of(new Outcome.Failed(took, resource + " is "
                        + settled.status() + settled.failureReason().map(r -> ": " + r).orElse(""))));
            }
            if (desired.isEmpty() || settled.alarm().isEmpty()) {
                // Ended without a rollback alarm: the reconcile that follows plans whatever still differs.
                return CompletableFuture.completedFuture(Optional.<Outcome>empty());
            }
            return observer.component(desired.get().name()).thenApply(d -> d.isPresent()
                    && Drift.sameSpecification(desired.get(), d.get().specification()) ? Optional.<Outcome>empty()
                    : Optional.<Outcome>of(new Outcome.RolledBack(Duration.between(started, time.now()), settled.alarm(),
                            "the update in flight was rolled back; " + resource + " is InService with its previous specification"
                                    + (settled.alarmReason().isEmpty() ? "" : " (" + settled.alarmReason() + ")"))));
        });
    }

    private static Optional<ComponentSpec> desiredComponent(EndpointSpec spec, String resource) {
        return resource.startsWith("inference-component/")
                ? spec.component(resource.substring(resource.indexOf('/') + 1)) : Optional.empty();
    }

    /** What to watch for a resource of the spec: the component (if any), its rollback alarms and batch count. */
    private static Watcher.Target target(EndpointSpec spec, String resource, boolean untilGone) {
        boolean component = resource.startsWith("inference-component/");
        String name = resource.substring(resource.indexOf('/') + 1);
        Optional<ComponentSpec> desired = desiredComponent(spec, resource);
        Set<String> alarms = desired.flatMap(ComponentSpec::rollingUpdate).map(r -> alarmNames(spec, desired.get(), r)).orElse(Set.of());
        return new Watcher.Target(spec.name(), component ? name : null, alarms, desired.map(PlanRunner::batches).orElse(0), untilGone);
    }

    private CompletableFuture<Optional<Outcome>> judge(EndpointSpec spec, AwaitState await, Optional<ComponentSpec> desired,
                                                       Settled settled, Instant started) {
        Duration took = Duration.between(started, time.now());
        if (settled.timedOut()) {
            return CompletableFuture.completedFuture(Optional.of(new Outcome.TimedOut(took, settled.lastObserved())));
        }
        String status = settled.status();
        if (status.equals("Failed") || status.equals("UpdateRollbackFailed") || status.equals("OutOfService")) {
            return CompletableFuture.completedFuture(Optional.of(new Outcome.Failed(took, await.resource() + " is " + status
                    + settled.failureReason().map(r -> ": " + r).orElse(""))));
        }
        if (await.status().equals("Gone") || status.equals("Gone") && !await.status().equals("InService")) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        if (status.equals("Gone")) {
            return CompletableFuture.completedFuture(Optional.of(new Outcome.Failed(took, await.resource() + " disappeared")));
        }
        if (desired.isPresent()) {
            String name = desired.get().name();
            return observer.component(name).thenApply(d -> {
                boolean updated = d.isPresent() && Drift.sameSpecification(desired.get(), d.get().specification());
                if (updated) {
                    return Optional.<Outcome>empty();
                }
                return Optional.<Outcome>of(new Outcome.RolledBack(Duration.between(started, time.now()), settled.alarm(),
                        settled.alarm().isPresent()
                                ? "component " + name + " is InService with its previous specification"
                                        + (settled.alarmReason().isEmpty() ? "" : " (" + settled.alarmReason() + ")")
                                : "component " + name + " is InService with its previous specification"
                                        + settled.failureReason().map(r -> ": " + r).orElse("")));
            });
        }
        if (await.resource().startsWith("endpoint/")) {
            return observer.endpoint(spec.name()).thenApply(e -> e.filter(x -> !spec.endpointConfigName().equals(x.endpointConfigName()))
                    .map(x -> (Outcome) new Outcome.RolledBack(Duration.between(started, time.now()), Optional.empty(),
                            "endpoint " + spec.name() + " still runs configuration " + x.endpointConfigName())));
        }
        return CompletableFuture.completedFuture(Optional.empty());
    }

    static Set<String> alarmNames(EndpointSpec spec, ComponentSpec c, RollingUpdateSpec r) {
        Set<String> names = new java.util.LinkedHashSet<>();
        r.rollbackAlarms().forEach(a -> names.add(a.resolvedName(spec.name(), c.name())));
        return names;
    }

    static int batches(ComponentSpec c) {
        int copies = c.copies().orElse(0);
        return c.rollingUpdate().map(r -> {
            int size = Math.max(1, r.batch().resolve(copies));
            return (copies + size - 1) / size;
        }).orElse(0);
    }

    static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
