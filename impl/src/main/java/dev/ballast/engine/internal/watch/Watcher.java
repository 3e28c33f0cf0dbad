package dev.ballast.engine.internal.watch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import software.amazon.awssdk.services.sagemaker.model.PendingProductionVariantSummary;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;

import dev.ballast.engine.internal.reconcile.Observer;
import dev.ballast.event.DeploymentEvent;
import dev.ballast.spi.Scheduler;
import dev.ballast.spi.TimeSource;

/**
 * Follows one endpoint or component until it settles, polling through the engine's scheduler,
 * and turns every change it sees into an event: statuses, copies, instances, batches, alarm
 * states, the start of a rollback.
 */
public final class Watcher {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("dev.ballast.deployment");

    private final Lookout observer;
    private final Scheduler scheduler;
    private final TimeSource time;
    private final Polling settings;
    private final EventSink sink;
    // What the deployment already reported, across its waits, so a new wait does not repeat it.
    private final Map<String, String> statuses = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, String> alarmStates = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, String> counts = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, String> stages = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * How often to poll and how long to wait: the values of the engine's {@code WatchSettings},
     * handed over by the engine, so that this package does not depend on the engine's API package.
     *
     * @param initialPoll the first and shortest interval between two polls
     * @param maxPoll the longest interval between two polls
     * @param maxWait how long one wait may last
     * @param settleGrace how long a wait after a change keeps polling while the resource looks unchanged
     */
    public record Polling(Duration initialPoll, Duration maxPoll, Duration maxWait, Duration settleGrace) {
    }

    public Watcher(Observer observer, Scheduler scheduler, TimeSource time, Polling settings, EventSink sink) {
        this(Lookout.unshared(observer), scheduler, time, settings, sink);
    }

    /** A watcher that looks through the engine's shared {@link Lookout}. */
    public Watcher(Lookout lookout, Scheduler scheduler, TimeSource time, Polling settings, EventSink sink) {
        this.observer = lookout;
        this.scheduler = scheduler;
        this.time = time;
        this.settings = settings;
        this.sink = sink;
    }

    /**
     * What one wait follows.
     *
     * @param endpoint the endpoint's name (always watched, for its instances)
     * @param component the component's name, or null to follow the endpoint itself
     * @param alarms rollback alarms to watch
     * @param batches how many batches the component's rolling update needs (0 if unknown)
     * @param untilGone whether the wait ends when the resource is deleted
     * @param since when the call that started the change was sent, or null when following a
     *     change already seen in flight
     * @param alarmsRollBack whether the watched change is one that the alarms roll back (a new
     *     specification with a rolling policy), so that an alarm going off means a rollback
     */
    public record Target(String endpoint, String component, Set<String> alarms, int batches, boolean untilGone,
                         Instant since, boolean alarmsRollBack) {
        String resource() {
            return component == null ? "endpoint/" + endpoint : "inference-component/" + component;
        }
    }

    private static Throwable cause(Throwable failure) {
        return failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** @return whether the failure is one the same look may not meet again (throttling, a 5xx, a lost answer) */
    private static boolean isTransient(Throwable failure) {
        return cause(failure) instanceof dev.ballast.error.TransportException t && t.retryable();
    }

    /** @return the engine's lookout this watcher looks through */
    public Lookout lookout() {
        return observer;
    }

    /** Follows the target until it settles or the wait times out; never completes exceptionally for "not found". */
    public CompletableFuture<Settled> follow(Target target) {
        Loop loop = new Loop(target, time.now());
        observer.opened(target.endpoint(), target.component());
        loop.result.whenComplete((settled, failure) -> observer.closed(target.endpoint(), target.component()));
        scheduler.schedule(Duration.ZERO, loop::poll);
        return loop.result;
    }

    private final class Loop {
        private final Target target;
        private final Instant started;
        private final Instant deadline;
        private final Set<String> baselined = new java.util.HashSet<>();
        private boolean seenPresent;
        private Instant lastModified;
        private final CompletableFuture<Settled> result = new CompletableFuture<>();
        private Duration interval = settings.initialPoll();
        private int lastCopies = -1;
        private int batch;
        private boolean sawProgress;
        private boolean rollbackAnnounced;
        /** Alarms that went into ALARM during this wait, with their reasons, in order. */
        private final Map<String, String> firedDuringWait = new LinkedHashMap<>();
        /** Whether a variant of the endpoint was baking at the latest look. */
        private boolean baking;
        private Optional<String> alarm = Optional.empty();
        private String alarmReason = "";
        private String lastObserved = "nothing yet";

        Loop(Target target, Instant started) {
            this.target = target;
            this.started = started;
            this.deadline = started.plus(settings.maxWait());
        }

        /** Whether the next look is this wait's first: it must see what is, not what a sweep saw before. */
        private boolean first = true;

        /** Whether a sweep woke this wait: its look is then what that sweep saw. */
        private boolean woken;

        void poll() {
            boolean fresh = first;
            first = false;
            boolean seen = woken;
            woken = false;
            // The endpoint is looked at afresh only when it is the target: a component's wait needs its instances, not their latest count.
            Instant since = target.since() == null ? started : target.since();
            (target.component() == null
                    ? (seen ? observer.endpointSeen(target.endpoint(), since) : observer.endpoint(target.endpoint(), fresh, since))
                    : observer.endpointAsSeen(target.endpoint(), since))
                    .thenCompose(endpoint -> (target.component() == null
                            ? CompletableFuture.completedFuture(Optional.<DescribeInferenceComponentResponse>empty())
                            : seen ? observer.componentAsSeen(target.component(), since)
                            : observer.component(target.component(), fresh, since))
                            .thenCompose(component -> (seen ? observer.alarmsAsSeen(target.alarms()) : observer.alarms(target.alarms()))
                                    .thenApply(alarms -> {
                                        boolean changed = see(endpoint, component, alarms);
                                        return settle(endpoint, component, changed);
                                    })))
                    .whenComplete((settled, failure) -> {
                        if (failure != null && isTransient(failure) && time.now().isBefore(deadline)) {
                            // A look that failed after the caller's own retries (a long run of throttling
                            // or 5xx) says nothing about the deployment: look again at the next interval.
                            LOG.warn("could not look at {} ({}); looking again in {}", target.resource(),
                                    cause(failure).getMessage(), interval);
                            scheduler.schedule(interval, this::poll);
                        } else if (failure != null) {
                            result.completeExceptionally(failure);
                        } else if (settled != null) {
                            result.complete(settled);
                        } else if (!time.now().isBefore(deadline)) {
                            result.complete(new Settled("", Optional.empty(), alarm, alarmReason, true, lastObserved));
                        } else {
                            sleep();
                        }
                    });
        }

        /**
         * Waits for the next poll. While looks are shared, a sweep that lists a change of the
         * followed resource wakes the wait sooner: the looks cost nothing more (the sweep ran for
         * the waits that asked), and a deployment goes on at the sweep that saw its resource
         * settle, not up to a longest poll interval later.
         */
        private void sleep() {
            if (!observer.shared()) {
                scheduler.schedule(interval, this::poll);
                return;
            }
            AtomicBoolean asleep = new AtomicBoolean(true);
            AtomicReference<Scheduler.Cancellable> timer = new AtomicReference<>();
            Runnable wake = () -> {
                if (asleep.compareAndSet(true, false)) {
                    Scheduler.Cancellable due = timer.get();
                    if (due != null) {
                        due.cancel();
                    }
                    woken = true;
                    poll();
                }
            };
            observer.sleep(target.endpoint(), target.component(), target.alarms(), wake);
            timer.set(scheduler.schedule(interval, () -> {
                if (asleep.compareAndSet(true, false)) {
                    observer.awake(target.endpoint(), target.component(), wake);
                    poll();
                }
            }));
        }

        /** Emits an event for each change; returns whether anything changed. */
        private boolean see(Optional<DescribeEndpointResponse> endpoint, Optional<DescribeInferenceComponentResponse> component,
                            Map<String, MetricAlarm> alarms) {
            boolean changed = false;
            Instant now = time.now();
            String endpointStatus = endpoint.map(DescribeEndpointResponse::endpointStatusAsString).orElse("Gone");
            changed |= status(now, "endpoint/" + target.endpoint(), endpointStatus);
            if (target.component() == null && endpoint.isPresent()) {
                seenPresent = true;
                lastModified = endpoint.get().lastModifiedTime();
            }
            changed |= endpoint.map(e -> variants(now, e)).orElse(false);
            lastObserved = "endpoint/" + target.endpoint() + " " + endpointStatus;
            if (target.component() != null) {
                String resource = "inference-component/" + target.component();
                String status = component.map(DescribeInferenceComponentResponse::inferenceComponentStatusAsString).orElse("Gone");
                changed |= status(now, resource, status);
                component.ifPresent(c -> {
                    seenPresent = true;
                    lastModified = c.lastModifiedTime();
                });
                if (component.isPresent() && component.get().runtimeConfig() != null) {
                    int current = orZero(component.get().runtimeConfig().currentCopyCount());
                    int desired = orZero(component.get().runtimeConfig().desiredCopyCount());
                    // After a rollback is triggered, a rise in copies may be the rest of a batch SageMaker
                    // had started or old copies coming back; Describe does not say which, so no batch is claimed.
                    if (status.equals("Updating") && current > desired && lastCopies <= desired && lastCopies >= 0 && !rollbackAnnounced) {
                        batch++;
                        sink.emit(new DeploymentEvent.BatchStarted(now, resource, batch, Math.max(batch, target.batches())));
                    }
                    lastCopies = current;
                    if (!(current + "/" + desired).equals(counts.put(resource, current + "/" + desired))) {
                        sink.emit(new DeploymentEvent.CopiesChanged(now, resource, current, desired));
                        changed = true;
                    }
                    lastObserved = resource + " " + status + ", copies " + current + "/" + desired + "; " + lastObserved;
                } else {
                    lastObserved = resource + " " + status + "; " + lastObserved;
                }
            }
            for (MetricAlarm a : alarms.values()) {
                String state = a.stateValueAsString();
                String reason = a.stateReason() == null ? "" : a.stateReason();
                String before = alarmStates.put(a.alarmName(), state);
                // The first look at an alarm in this wait is its baseline, not a transition.
                boolean baseline = baselined.add(a.alarmName());
                if (!state.equals(before)) {
                    sink.emit(new DeploymentEvent.AlarmStateChanged(now, a.alarmName(), before, state, reason));
                    changed = true;
                }
                // SageMaker watches an endpoint's rollback alarms only while a variant bakes (reference 7);
                // an alarm outside a bake starts no rollback and is not to blame for one.
                boolean watched = target.component() != null || baking;
                if (state.equals("ALARM") && !baseline && !state.equals(before)) {
                    firedDuringWait.putIfAbsent(a.alarmName(), reason);
                }
                if (state.equals("ALARM") && target.alarmsRollBack() && sawProgress && alarm.isEmpty() && watched) {
                    // Blame the alarm for a rollback, should one come; announce it only when it went off during the update.
                    alarm = Optional.of(a.alarmName());
                    alarmReason = reason;
                    if (!baseline && !rollbackAnnounced) {
                        rollbackAnnounced = true;
                        sink.emit(new DeploymentEvent.RollbackStarted(now, target.resource(),
                                "alarm " + a.alarmName() + " went into ALARM" + (reason.isEmpty() ? "" : ": " + reason)));
                    }
                }
            }
            return changed;
        }

        /**
         * Instances, stages and weights of the endpoint's variants. An endpoint of one variant
         * reports its instances as the endpoint's; with several, each variant is its own resource.
         */
        private boolean variants(Instant now, DescribeEndpointResponse e) {
            boolean changed = false;
            String endpointResource = "endpoint/" + target.endpoint();
            List<ProductionVariantSummary> variants = e.hasProductionVariants() ? e.productionVariants() : List.of();
            Map<String, Double> weights = new LinkedHashMap<>();
            boolean bakingNow = false;
            for (ProductionVariantSummary v : variants) {
                bakingNow |= latestStage(v.hasVariantStatus() ? v.variantStatus() : List.of()).equals("Baking");
                String resource = variants.size() == 1 ? endpointResource : endpointResource + "/variant/" + v.variantName();
                if (v.currentServerlessConfig() == null || v.currentInstanceCount() != null) {
                    int current = orZero(v.currentInstanceCount());
                    int desired = v.desiredInstanceCount() == null ? current : v.desiredInstanceCount();
                    if (!(current + "/" + desired).equals(counts.put(resource, current + "/" + desired))) {
                        sink.emit(new DeploymentEvent.InstancesChanged(now, resource, current, desired));
                        changed = true;
                    }
                }
                changed |= stage(now, endpointResource + "/variant/" + v.variantName(),
                        v.hasVariantStatus() && !v.variantStatus().isEmpty() ? v.variantStatus().get(v.variantStatus().size() - 1).statusAsString() : "");
                weights.put(v.variantName(), v.currentWeight() == null ? 0.0 : v.currentWeight().doubleValue());
            }
            if (e.pendingDeploymentSummary() != null && e.pendingDeploymentSummary().hasProductionVariants()) {
                for (PendingProductionVariantSummary v : e.pendingDeploymentSummary().productionVariants()) {
                    bakingNow |= latestStage(v.hasVariantStatus() ? v.variantStatus() : List.of()).equals("Baking");
                    if (v.currentInstanceCount() != null) {
                        // the new fleet of a blue/green deployment, beside the old one the variant still reports
                        String fleet = (variants.size() == 1 ? endpointResource : endpointResource + "/variant/" + v.variantName()) + " (new)";
                        int current = v.currentInstanceCount();
                        int desired = v.desiredInstanceCount() == null ? current : v.desiredInstanceCount();
                        // Reported, but not counted as progress: the new fleet's stages already are, and
                        // polling faster on its counts too would change the deployment's calls.
                        if (!(current + "/" + desired).equals(counts.put(fleet, current + "/" + desired))) {
                            sink.emit(new DeploymentEvent.InstancesChanged(now, fleet, current, desired));
                        }
                    }
                    changed |= stage(now, endpointResource + "/variant/" + v.variantName() + " (new)",
                            v.hasVariantStatus() && !v.variantStatus().isEmpty() ? v.variantStatus().get(v.variantStatus().size() - 1).statusAsString() : "");
                }
            } else {
                // The new fleet's stages end with the deployment, and it is no longer apart: it serves, or it is gone.
                for (String key : new ArrayList<>(stages.keySet())) {
                    if (key.startsWith(endpointResource + "/variant/") && key.endsWith(" (new)")) {
                        changed |= stage(now, key, "");
                    }
                }
                for (String key : new ArrayList<>(counts.keySet())) {
                    if ((key.equals(endpointResource + " (new)") || key.startsWith(endpointResource + "/variant/") && key.endsWith(" (new)"))
                            && counts.remove(key) != null) {
                        sink.emit(new DeploymentEvent.InstancesChanged(now, key, 0, 0));
                    }
                }
            }
            baking = bakingNow;
            if (weights.size() > 1 && !weights.toString().equals(counts.put(endpointResource + "#weights", weights.toString()))) {
                sink.emit(new DeploymentEvent.WeightsChanged(now, endpointResource, weights));
                changed = true;
            }
            return changed;
        }

        private String latestStage(List<software.amazon.awssdk.services.sagemaker.model.ProductionVariantStatus> statuses) {
            return statuses.isEmpty() ? "" : statuses.get(statuses.size() - 1).statusAsString();
        }

        private boolean stage(Instant now, String resource, String stage) {
            String before = stages.getOrDefault(resource, "");
            if (stage.equals(before)) {
                return false;
            }
            if (stage.isEmpty()) {
                stages.remove(resource);
            } else {
                stages.put(resource, stage);
            }
            sink.emit(new DeploymentEvent.StageChanged(now, resource, before, stage));
            return true;
        }

        private boolean status(Instant now, String resource, String status) {
            String before = statuses.put(resource, status);
            if (resource.equals(target.resource()) && (status.equals("Creating") || status.equals("Updating") || status.equals("Deleting"))) {
                sawProgress = true;
            }
            if (!status.equals(before)) {
                sink.emit(new DeploymentEvent.StatusChanged(now, resource, before, status));
                return true;
            }
            return false;
        }

        /** @return the settled state, or null to poll again */
        private Settled settle(Optional<DescribeEndpointResponse> endpoint, Optional<DescribeInferenceComponentResponse> component,
                               boolean changed) {
            interval = changed ? settings.initialPoll()
                    : Duration.ofMillis(Math.min(settings.maxPoll().toMillis(), (long) (interval.toMillis() * 1.5)));
            String status;
            Optional<String> reason;
            if (target.component() == null) {
                status = endpoint.map(DescribeEndpointResponse::endpointStatusAsString).orElse("Gone");
                reason = endpoint.map(DescribeEndpointResponse::failureReason);
            } else {
                status = component.map(DescribeInferenceComponentResponse::inferenceComponentStatusAsString).orElse("Gone");
                reason = component.map(DescribeInferenceComponentResponse::failureReason);
            }
            boolean graceOver = !time.now().isBefore(started.plus(settings.settleGrace()));
            boolean done;
            if (target.untilGone()) {
                done = status.equals("Gone") || status.equals("Failed");
            } else if (status.equals("Gone")) {
                // Right after a create, a Describe may not see the resource yet.
                done = seenPresent || graceOver;
            } else if (status.equals("InService")) {
                // A Describe right after an update may still show the state before it.
                done = sawProgress || target.since() == null || graceOver
                        || lastModified != null && !lastModified.isBefore(target.since());
            } else {
                done = status.equals("Failed") || status.equals("UpdateRollbackFailed") || status.equals("OutOfService");
            }
            if (done && alarm.isEmpty() && target.alarmsRollBack() && !firedDuringWait.isEmpty()) {
                // Polls may miss the bake in which an alarm fired (SageMaker rolls back at once); an
                // alarm that fired during the wait is the likeliest cause, should the update prove rolled back.
                Map.Entry<String, String> first = firedDuringWait.entrySet().iterator().next();
                alarm = Optional.of(first.getKey());
                alarmReason = first.getValue();
            }
            return done ? new Settled(status, reason, alarm, alarmReason, false, lastObserved) : null;
        }

        private int orZero(Integer n) {
            return n == null ? 0 : n;
        }
    }
}
