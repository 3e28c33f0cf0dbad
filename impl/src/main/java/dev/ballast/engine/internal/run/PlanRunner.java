package dev.ballast.engine.internal.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.core.SdkResponse;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentResponse;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateInferenceComponentRequest;

import dev.ballast.engine.internal.call.CallKinds;
import dev.ballast.engine.internal.call.ResilientCaller;
import dev.ballast.engine.internal.reconcile.Drift;
import dev.ballast.engine.internal.reconcile.Observed;
import dev.ballast.engine.internal.reconcile.Observer;
import dev.ballast.engine.internal.reconcile.Standing;
import dev.ballast.engine.internal.watch.Settled;
import dev.ballast.engine.internal.watch.Watcher;
import dev.ballast.error.ResourceConflictException;
import dev.ballast.error.ThrottledException;
import dev.ballast.error.TransportException;
import dev.ballast.event.DeploymentEvent;
import dev.ballast.outcome.Outcome;
import dev.ballast.plan.ApiCall;
import dev.ballast.plan.AwaitState;
import dev.ballast.plan.Plan;
import dev.ballast.plan.PlanStep;
import dev.ballast.spec.ComponentSpec;
import dev.ballast.spi.TimeSource;
import dev.ballast.transport.internal.Requests;

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
    /** Per resource: the last mutating operation sent, and when. */
    private final Map<String, String> lastOperation = new ConcurrentHashMap<>();
    /** The ARNs of the step-scaling policies this run put, for the alarms that name them. */
    private final PolicyArns policyArns;
    private final Map<String, Instant> sentAt = new ConcurrentHashMap<>();
    /** The creates of components and endpoints this run sent, by resource: what one settled in a list runs. */
    private final Map<String, SdkRequest> createdWith = new ConcurrentHashMap<>();
    /** Checked before every mutating call: the endpoint's lease is still this engine's. */
    private volatile java.util.function.Supplier<CompletableFuture<Void>> fence = () -> CompletableFuture.completedFuture(null);
    /** The spec's components as the plan saw them. */
    private volatile Map<String, Optional<DescribeInferenceComponentResponse>> planned = Map.of();
    /** Per component: an update sent without SageMaker's answer, followed as this deployment's until the record says otherwise. */
    private final Map<String, UpdateOwnership.Unconfirmed> unconfirmed = new ConcurrentHashMap<>();

    public PlanRunner(ResilientCaller calls, Observer observer, Watcher watcher, TimeSource time, DefaultDeployment deployment) {
        this.calls = calls;
        this.policyArns = new PolicyArns(calls);
        this.observer = observer;
        this.watcher = watcher;
        this.time = time;
        this.deployment = deployment;
    }

    /** @param check the fence: completes exceptionally when this engine may no longer change the endpoint */
    public void fence(java.util.function.Supplier<CompletableFuture<Void>> check) {
        this.fence = check;
    }

    /** Tells the runner what the plan was made from, so that it can tell its own updates from another writer's. */
    public PlanRunner basedOn(Observed observed) {
        this.planned = observed.components();
        return this;
    }

    /** Runs the plan; completes with the outcome (never exceptionally). */
    public CompletableFuture<Outcome> run(Subject spec, Plan plan, Instant started) {
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
                return new Outcome.Failed(took, unwrap(failure).getMessage());
            }
            return stop.orElseGet(() -> new Outcome.Succeeded(took, done.isEmpty()
                    ? "nothing to do: what runs matches the spec" : String.join(", ", done)));
        });
    }

    private CompletableFuture<Optional<Outcome>> step(Subject spec, PlanStep step, int index, int total, Instant started,
                                                      List<String> done) {
        return step.accept(new PlanStep.Visitor<>() {
            @Override
            public CompletableFuture<Optional<Outcome>> visitApiCall(ApiCall call) {
                deployment.emit(new DeploymentEvent.StepStarted(time.now(), index, total, call.target() + " " + resources(call)));
                lastOperation.put(call.resource(), call.operation());
                sentAt.put(call.resource(), time.now());
                if (call.request() instanceof CreateInferenceComponentRequest || call.request() instanceof CreateEndpointRequest) {
                    createdWith.put(call.resource(), call.request());
                }
                return fence.get().thenCompose(held -> policyArns.resolve(call)).thenCompose(sendable -> call(spec, sendable)).thenApply(sent -> {
                    if (sent) {
                        done.add(describe(call));
                    }
                    return Optional.<Outcome>empty();
                }).exceptionally(failure -> Optional.of(new Outcome.Failed(Duration.between(started, time.now()),
                        SecretText.mask(unwrap(failure).getMessage(), call))));
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
                : op.startsWith("Put") ? "put" : op.startsWith("Register") ? "registered" : op.startsWith("Deregister") ? "deregistered" : op;
        return verb + " " + resources(call);
    }

    /** Every resource a call changes: one DeleteAlarms of two alarms names both. */
    private static String resources(ApiCall call) {
        List<String> named = Requests.resources(call.request());
        return named.size() > 1 ? String.join(", ", named) : call.resource();
    }

    /**
     * Sends a call. When a mutating call fails in a way that may have taken effect (a lost
     * response, a 5xx, a conflict, "already existing"), the resource is described first: a create
     * that exists, or an update already under way, counts as sent; only a call that surely did not
     * take effect is sent once more.
     */
    private CompletableFuture<Boolean> call(Subject spec, ApiCall call) {
        if (call.operation().equals("DeleteEndpointConfig")) {
            return verifiedCleanup(spec, call);
        }
        return send(spec, call, SENDS);
    }

    /**
     * How often a mutating call is sent in all while each failure is a retryable one that a
     * describe shows did not take effect: a bad minute (a 500 twice) need not end the deployment,
     * and since each resend follows a describe, nothing is created or updated twice.
     */
    private static final int SENDS = 3;

    private CompletableFuture<Boolean> send(Subject spec, ApiCall call, int sendsLeft) {
        return calls.call(call.request(), SdkResponse.class).thenApply(r -> {
                    policyArns.sent(call, r);
                    return true;
                })
                .exceptionallyCompose(failure -> {
                    Throwable cause = unwrap(failure);
                    if (!(cause instanceof TransportException t) || t instanceof ThrottledException || !mayHaveTakenEffect(call, t)) {
                        return CompletableFuture.failedFuture(cause);
                    }
                    return tookEffect(spec, call, t).thenCompose(effect -> {
                        if (effect) {
                            LOG.warn("{} on {} took effect although it failed ({}); not sending it again",
                                    call.target(), call.resource(), t.errorCode());
                            return CompletableFuture.completedFuture(true);
                        }
                        if (!t.retryable() || sendsLeft <= 1) {
                            return CompletableFuture.failedFuture(cause);
                        }
                        return send(spec, call, sendsLeft - 1);
                    });
                });
    }

    /**
     * Only creates and updates are checked ({@link CallKinds}); reads and repeatable calls were
     * retried already. An update refused as busy may be the refusal of a resend of this very
     * update; an endpoint's pending configuration tells whose change is in flight, a component's
     * status does not, so a component that refuses an update as busy is taken at its word.
     */
    private static boolean mayHaveTakenEffect(ApiCall call, TransportException t) {
        CallKinds.Kind kind = CallKinds.of(call.request()).kind();
        boolean create = kind == CallKinds.Kind.CREATE;
        if (!create && kind != CallKinds.Kind.UPDATE) {
            return false;
        }
        return t.retryable() || create && t.serviceMessage().startsWith("Cannot create already existing")
                || t instanceof ResourceConflictException && (create || !call.resource().startsWith("inference-component/"));
    }

    /**
     * For a create: does the resource exist? For an update: is the resource being updated by it?
     * A component's update in flight is this deployment's only while SageMaker's record does not
     * show another writer's (see {@link UpdateOwnership}); another writer's ends the deployment
     * with a conflict.
     */
    private CompletableFuture<Boolean> tookEffect(Subject spec, ApiCall call, TransportException failure) {
        String name = call.resource().substring(call.resource().indexOf('/') + 1);
        boolean update = call.operation().startsWith("Update");
        if (call.resource().startsWith("endpoint/")) {
            String config = call.request() instanceof UpdateEndpointRequest u ? u.endpointConfigName() : null;
            return observer.endpoint(name).thenApply(e -> e.isPresent() && (!update || ours(e.get(), config)));
        }
        if (call.resource().startsWith("model/")) {
            return observer.model(name).thenApply(Optional::isPresent);
        }
        if (call.resource().startsWith("endpoint-config/")) {
            return observer.endpointConfig(name).thenApply(Optional::isPresent);
        }
        if (call.resource().startsWith("inference-component/")) {
            Optional<ComponentSpec> desired = desiredComponent(spec, call.resource());
            if (call.request() instanceof UpdateInferenceComponentRequest u && u.specification() != null && desired.isPresent()) {
                UpdateOwnership.Unconfirmed mine = new UpdateOwnership.Unconfirmed(u, planned.getOrDefault(name, Optional.empty()),
                        UpdateOwnership.failure(failure));
                return observer.component(name).thenApply(c -> {
                    if (c.isPresent() && c.get().inferenceComponentStatusAsString().equals("Updating")) {
                        UpdateOwnership.othersInFlight(desired.get(), mine, c.get(), sentAt.get(call.resource())).ifPresent(why -> {
                            throw new CompletionException(new IllegalStateException(
                                    UpdateOwnership.conflictInFlight(call.resource(), why, mine)));
                        });
                        unconfirmed.put(call.resource(), mine);
                        return true;
                    }
                    // Already done: the component runs what was sent.
                    return c.isPresent() && c.get().inferenceComponentStatusAsString().equals("InService")
                            && Drift.sameSpecification(desired.get(), c.get().specification());
                });
            }
            if (!update && call.request() instanceof CreateInferenceComponentRequest create && desired.isPresent()) {
                // A create took effect only if what exists is what it sent: a crowded plan reads absence from a list, so
                // another writer may have created the name since; that one is not taken for ours.
                return observer.component(name).thenApply(c -> {
                    if (c.isPresent() && !(c.get().endpointName().equals(create.endpointName())
                            && Drift.sameSpecification(desired.get(), c.get().specification()))) {
                        throw new CompletionException(new IllegalStateException("conflict: " + call.resource()
                                + " already exists, created by another writer (it runs on endpoint '" + c.get().endpointName()
                                + "' with another specification): " + failure.serviceMessage()
                                + "; nothing of this create took effect; apply again to converge"));
                    }
                    return c.isPresent();
                });
            }
            return observer.component(name).thenApply(c -> c.isPresent()
                    && (!update || c.get().inferenceComponentStatusAsString().equals("Updating")));
        }
        return CompletableFuture.completedFuture(false);
    }

    /**
     * Whether an endpoint's update in progress (or done) is the one a call asked for: an
     * {@code UpdateEndpoint} shows its configuration as pending, or the endpoint already runs it.
     * Another change in progress (auto scaling's, a weight change) is not ours, although the
     * endpoint is {@code Updating} all the same.
     */
    private static boolean ours(DescribeEndpointResponse e, String config) {
        if (config == null) {
            return e.endpointStatusAsString().equals("Updating");
        }
        return config.equals(e.endpointConfigName())
                || e.pendingDeploymentSummary() != null && config.equals(e.pendingDeploymentSummary().endpointConfigName());
    }

    /**
     * A configuration goes only when no endpoint of the spec depends on it: the endpoint is gone
     * (teardown), or it is verified to run the new configuration in service (after an update).
     */
    private CompletableFuture<Boolean> verifiedCleanup(Subject spec, ApiCall call) {
        return observer.endpoint(spec.endpointName()).thenCompose(e -> {
            boolean verified = e.isEmpty() || spec.endpointConfigName().equals(e.get().endpointConfigName())
                    && e.get().endpointStatusAsString().equals("InService")
                    && !call.resource().equals("endpoint-config/" + spec.endpointConfigName());
            if (!verified) {
                LOG.warn("Kept {}: endpoint {} does not run {} in service", call.resource(), spec.endpointName(), spec.endpointConfigName());
                return CompletableFuture.completedFuture(false);
            }
            return calls.call(call.request(), SdkResponse.class).thenApply(r -> true);
        });
    }

    private CompletableFuture<Optional<Outcome>> await(Subject spec, AwaitState await, Instant started) {
        Optional<ComponentSpec> desired = desiredComponent(spec, await.resource());
        String last = lastOperation.get(await.resource());
        // Updates that alarms roll back: a component's new specification, an endpoint's new configuration.
        boolean specificationUpdate = "UpdateInferenceComponent".equals(last) || "UpdateEndpoint".equals(last);
        Instant waitStarted = time.now();
        return watcher.follow(target(spec, await.resource(), await.status().equals("Gone"), sentAt.get(await.resource()),
                        specificationUpdate))
                .thenCompose(settled -> judge(spec, await, desired, settled, started, waitStarted));
    }

    /**
     * @param waitStarted when the wait began: a Describe the engine's shared looks made since then
     *     (the one that saw it settle) is as good as a new one
     */
    private CompletableFuture<Optional<Outcome>> judge(Subject spec, AwaitState await, Optional<ComponentSpec> desired,
                                                       Settled settled, Instant started, Instant waitStarted) {
        Duration took = Duration.between(started, time.now());
        if (settled.timedOut()) {
            return done(new Outcome.TimedOut(took, settled.lastObserved()));
        }
        String status = settled.status();
        if (await.status().equals("Gone")) {
            return status.equals("Gone") ? CompletableFuture.completedFuture(Optional.empty())
                    : done(new Outcome.Failed(took, await.resource() + " is " + status + reason(settled)));
        }
        if (!status.equals("InService")) {
            return done(new Outcome.Failed(took, await.resource() + " is " + status
                    + (status.equals("Gone") ? " (not found)" : "") + reason(settled)));
        }
        if (desired.isPresent()) {
            ComponentSpec c = desired.get();
            if (createdWith.get(await.resource()) instanceof CreateInferenceComponentRequest create
                    && "CreateInferenceComponent".equals(lastOperation.get(await.resource()))) {
                // A crowded engine's shared looks saw the new component InService in a list: it runs
                // what was created, every copy of it, and needs no Describe to say so.
                Optional<DescribeInferenceComponentResponse> listed = watcher.lookout().createdInService(c.name(), waitStarted,
                        sentAt.get(await.resource()));
                if (listed.isPresent()) {
                    observer.rememberCreated(create, listed.get());
                    return CompletableFuture.completedFuture(Optional.empty());
                }
            }
            return watcher.lookout().componentSince(c.name(), waitStarted).thenApply(d -> {
                Duration now = Duration.between(started, time.now());
                if (d.isEmpty()) {
                    return Optional.<Outcome>of(new Outcome.Failed(now, await.resource() + " disappeared"));
                }
                if (!Drift.sameSpecification(c, d.get().specification())) {
                    UpdateOwnership.Unconfirmed mine = unconfirmed.get(await.resource());
                    if (mine == null) {
                        return Optional.<Outcome>of(rolledBack(now, "component " + c.name(), settled));
                    }
                    Optional<String> others = UpdateOwnership.othersAtEnd(c, mine, d.get());
                    return Optional.<Outcome>of(others.isPresent()
                            ? new Outcome.Failed(now, UpdateOwnership.conflictAtEnd(await.resource(), others.get(), mine))
                            : rolledBack(now, "component " + c.name(), settled, "SageMaker never answered this deployment's "
                                    + "UpdateInferenceComponent (" + mine.failure() + "); its record shows no other writer's update"));
                }
                if (c.isAdapter()) {
                    return Optional.<Outcome>empty(); // an adapter has no copies of its own: its base's are checked
                }
                Integer current = d.get().runtimeConfig() == null ? null : d.get().runtimeConfig().currentCopyCount();
                Integer desiredCount = d.get().runtimeConfig() == null ? null : d.get().runtimeConfig().desiredCopyCount();
                // While auto scaling is attached the copy count is its to choose: all wanted copies must run, whatever their number.
                int wanted = c.autoScaling().isPresent() && desiredCount != null ? desiredCount : c.copies().orElse(0);
                if (current == null || current != wanted || desiredCount == null || desiredCount != wanted) {
                    return Optional.<Outcome>of(new Outcome.Failed(now, "component " + c.name() + " runs " + current + " of "
                            + wanted + " copies (SageMaker wants " + desiredCount + ")"
                            + Optional.ofNullable(d.get().failureReason()).map(r -> ": " + r).orElse("")
                            + "; check capacity and the scaling maximum, then apply again"));
                }
                return Optional.<Outcome>empty();
            });
        }
        if (await.resource().startsWith("endpoint/") && spec.hostsComponents()
                && createdWith.get(await.resource()) instanceof CreateEndpointRequest create
                && "CreateEndpoint".equals(lastOperation.get(await.resource()))) {
            // A new endpoint has no configuration to roll back to: seen InService in a list, it runs the one it was created with.
            Optional<DescribeEndpointResponse> listed = watcher.lookout().createdEndpointInService(spec.endpointName(), waitStarted,
                    sentAt.get(await.resource()));
            if (listed.isPresent()) {
                observer.rememberCreated(listed.get().toBuilder().endpointConfigName(create.endpointConfigName()).build());
                return CompletableFuture.completedFuture(Optional.empty());
            }
        }
        if (await.resource().startsWith("endpoint/")) {
            return watcher.lookout().endpointSince(spec.endpointName(), waitStarted)
                    .thenApply(e -> e.filter(x -> !spec.endpointConfigName().equals(x.endpointConfigName()))
                    .map(x -> {
                        announceRollback(await.resource(), settled);
                        return endpointRolledBack(Duration.between(started, time.now()), spec.endpointName(), x.endpointConfigName(),
                                spec.endpointConfigName(), settled);
                    }));
        }
        return CompletableFuture.completedFuture(Optional.empty());
    }

    private static Outcome rolledBack(Duration took, String what, Settled settled) {
        return rolledBack(took, what, settled, "");
    }

    private static Outcome rolledBack(Duration took, String what, Settled settled, String note) {
        String why = settled.alarm().isPresent() && !settled.alarmReason().isEmpty() ? "; alarm reason: " + settled.alarmReason()
                : settled.failureReason().map(r -> "; SageMaker: " + r).orElse("");
        return new Outcome.RolledBack(took, settled.alarm(), what + " is InService with its previous specification" + why
                + (note.isEmpty() ? "" : "; " + note));
    }

    /**
     * Polls can miss the bake in which SageMaker rolled an endpoint back; once the rollback is
     * known, the event that marks it is still due.
     */
    private void announceRollback(String resource, Settled settled) {
        boolean announced = deployment.events().stream().anyMatch(e -> e instanceof DeploymentEvent.RollbackStarted r && r.resource().equals(resource));
        if (!announced) {
            deployment.emit(new DeploymentEvent.RollbackStarted(time.now(), resource, settled.alarm()
                    .map(a -> "alarm " + a + " went into ALARM" + (settled.alarmReason().isEmpty() ? "" : ": " + settled.alarmReason()))
                    .orElseGet(() -> "SageMaker rolled the update back" + settled.failureReason().map(r -> ": " + r).orElse(""))));
        }
    }

    private static Outcome endpointRolledBack(Duration took, String endpoint, String running, String wanted, Settled settled) {
        String why = settled.alarm().isPresent() && !settled.alarmReason().isEmpty() ? "; alarm reason: " + settled.alarmReason()
                : settled.failureReason().map(r -> "; SageMaker: " + r).orElse("");
        return new Outcome.RolledBack(took, settled.alarm(), "endpoint " + endpoint + " is InService on its previous configuration "
                + running + ", not " + wanted + why);
    }

    private static String reason(Settled settled) {
        return settled.failureReason().map(r -> ": " + r).orElse("");
    }

    private static CompletableFuture<Optional<Outcome>> done(Outcome outcome) {
        return CompletableFuture.completedFuture(Optional.of(outcome));
    }

    /**
     * Follows a resource that was already being created or updated when Ballast looked (attach,
     * or apply after a crash) to its end, and judges it by what changed: a component whose running
     * specification is the spec's was updated; one that still runs the specification it ran when
     * Ballast looked was rolled back (whatever the cause: an alarm, a failed health check, a
     * timeout); one that runs a third specification was changed by someone else, and the
     * reconcile that follows plans what still differs. Completes empty when it ended well.
     */
    public CompletableFuture<Optional<Outcome>> followInFlight(Subject spec, String resource, Observed before, Instant started) {
        Optional<ComponentSpec> desired = desiredComponent(spec, resource);
        String name = resource.substring(resource.indexOf('/') + 1);
        boolean specificationUpdate = desired.flatMap(ComponentSpec::rollingUpdate).isPresent()
                || resource.startsWith("endpoint/") && !spec.rollbackAlarms(resource).isEmpty();
        return watcher.follow(target(spec, resource, false, null, specificationUpdate)).thenCompose(settled -> {
            Duration took = Duration.between(started, time.now());
            if (settled.timedOut()) {
                return done(new Outcome.TimedOut(took, settled.lastObserved()));
            }
            if (!settled.status().equals("InService")) {
                return done(new Outcome.Failed(took, resource + " is " + settled.status() + reason(settled)));
            }
            if (resource.startsWith("endpoint/")) {
                String configBefore = before.endpoint().map(e -> e.endpointConfigName()).orElse(null);
                return observer.endpoint(name).thenApply(e -> {
                    String configAfter = e.map(x -> x.endpointConfigName()).orElse(null);
                    // Only an update to a new configuration shows a pending deployment; an IC endpoint is
                    // also Updating while it adds or releases instances, which changes no configuration.
                    // It was the spec's update only if the configuration in flight was the spec's.
                    boolean specInFlight = before.endpoint().map(x -> x.pendingDeploymentSummary() != null
                            && spec.endpointConfigName().equals(x.pendingDeploymentSummary().endpointConfigName())).orElse(false);
                    boolean rolledBack = specInFlight && configAfter != null && configAfter.equals(configBefore)
                            && !configAfter.equals(spec.endpointConfigName());
                    return rolledBack ? Optional.<Outcome>of(endpointRolledBack(Duration.between(started, time.now()), name, configAfter,
                            spec.endpointConfigName(), settled)) : Optional.<Outcome>empty();
                });
            }
            if (desired.isEmpty()) {
                return CompletableFuture.completedFuture(Optional.<Outcome>empty());
            }
            Optional<DescribeInferenceComponentResponse> was = before.components().getOrDefault(name, Optional.empty());
            return observer.component(name).thenApply(d -> {
                if (d.isEmpty() || Drift.sameSpecification(desired.get(), d.get().specification())) {
                    return Optional.<Outcome>empty();
                }
                // Describe does not name the specification a rolled-back update carried; its LastDeploymentConfig
                // names the policy: another policy than the spec's was another writer's update, not the spec's.
                boolean unchanged = was.isPresent() && was.get().inferenceComponentStatusAsString().equals("Updating")
                        && Objects.equals(was.get().specification(), d.get().specification())
                        && (desired.get().rollingUpdate().isEmpty() || d.get().lastDeploymentConfig() == null
                                || Standing.samePolicy(Standing.componentPolicy(spec.endpointName(), desired.get()), d.get().lastDeploymentConfig()));
                return unchanged ? Optional.<Outcome>of(rolledBack(Duration.between(started, time.now()),
                        "the update in flight was rolled back; component " + name, settled)) : Optional.<Outcome>empty();
            });
        });
    }

    private static Optional<ComponentSpec> desiredComponent(Subject spec, String resource) {
        return spec.component(resource);
    }

    /** What to watch for a resource of the spec: the component (if any), its rollback alarms and batch count. */
    private static Watcher.Target target(Subject spec, String resource, boolean untilGone, Instant since, boolean specificationUpdate) {
        boolean component = resource.startsWith("inference-component/");
        String name = resource.substring(resource.indexOf('/') + 1);
        Optional<ComponentSpec> desired = desiredComponent(spec, resource);
        Set<String> alarms = spec.rollbackAlarms(resource);
        return new Watcher.Target(spec.endpointName(), component ? name : null, alarms, desired.map(PlanRunner::batches).orElse(0), untilGone,
                since, specificationUpdate);
    }

    static int batches(ComponentSpec c) {
        return c.rollingUpdate().map(r -> r.batches(c.copies().orElse(0))).orElse(0);
    }

    static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
