package dev.ballast.engine.internal.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointsResponse;
import software.amazon.awssdk.services.sagemaker.model.ListInferenceComponentsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListInferenceComponentsResponse;

import dev.ballast.engine.internal.call.ResilientCaller;
import dev.ballast.engine.internal.reconcile.Observer;
import dev.ballast.spi.Scheduler;
import dev.ballast.spi.TimeSource;

/**
 * The engine's one pair of eyes: every {@link Watcher} of the engine looks through here, so that
 * watching costs calls in proportion to what changes, not to what is followed.
 *
 * <p>While fewer than {@link #SHARE_FROM} waits are open, each look is the Describe it always was
 * (one deployment's calls are those of a deployment alone). From then on looks are shared: a look
 * asks for the next <em>sweep</em>, and one sweep answers every look asked since the last one with
 * <ul>
 *   <li>{@code ListInferenceComponents} and {@code ListEndpoints} filtered by each status in flight
 *       ({@code StatusEquals}, 100 a page), which tell which followed resources changed status;</li>
 *   <li>a Describe only of what a list cannot show: a resource whose status changed (its copies,
 *       instances, failure reason), one a wait looks at for the first time, one not seen yet;</li>
 *   <li>{@code DescribeAlarms} for up to 100 alarms at once.</li>
 * </ul>
 * Sweeps run no more often than the watch settings' first poll interval, and only when some wait
 * asked: a wait that polls rarely (waiting for instances) adds nothing to a sweep it does not ask
 * for, and one near a decision (its interval reset by a change) is answered at the next sweep.
 * Between two Describes of a resource in fleet mode its copy and instance counts are not followed,
 * so a deployment's events there show statuses and alarms more than copies and batches.
 */
public final class Lookout {

    /** Waits open at once from which looks are shared; below it every look is its own Describe. */
    public static final int SHARE_FROM = 3;

    /** SageMaker's largest page for the List operations, and CloudWatch's most alarm names per DescribeAlarms. */
    static final int PAGE = 100;

    private static final Set<String> ENDPOINT_MOVING = Set.of(EndpointStatus.CREATING.toString(),
            EndpointStatus.UPDATING.toString(), EndpointStatus.SYSTEM_UPDATING.toString(),
            EndpointStatus.ROLLING_BACK.toString(), EndpointStatus.DELETING.toString());
    private static final Set<String> COMPONENT_MOVING = Set.of(InferenceComponentStatus.CREATING.toString(),
            InferenceComponentStatus.UPDATING.toString(), InferenceComponentStatus.DELETING.toString());

    private final Observer observer;
    private final ResilientCaller calls;
    private final Scheduler scheduler;
    private final TimeSource time;
    private final Duration minGap;
    private final double callsPerSecond;
    /** The time between two sweeps: at least the first poll interval, and long enough that sweeps take at most {@link #SWEEP_SHARE} of the rate. */
    private Duration gap;
    private int sweepCalls;

    /** The share of the engine's rate that sweeps may take; the rest goes to the deployments' own calls. */
    static final double SWEEP_SHARE = 0.1;

    private int open;
    private final Map<String, Optional<DescribeEndpointResponse>> endpoints = new HashMap<>();
    private final Map<String, Optional<DescribeInferenceComponentResponse>> components = new HashMap<>();
    private final Map<String, MetricAlarm> alarms = new HashMap<>();
    /** What the next sweep answers. */
    private Demand next = new Demand();
    private boolean sweepScheduled;
    private Instant lastSweep = Instant.MIN;

    /** What the looks since the last sweep asked for, and the looks waiting for its answer. */
    private static final class Demand {
        final Set<String> endpoints = new LinkedHashSet<>();
        final Set<String> components = new LinkedHashSet<>();
        final Set<String> freshEndpoints = new LinkedHashSet<>();
        final Set<String> freshComponents = new LinkedHashSet<>();
        final Set<String> alarms = new LinkedHashSet<>();
        final CompletableFuture<Void> answered = new CompletableFuture<>();
    }

    private final int shareFrom;

    /**
     * @param gap the shortest time between two sweeps (the watch settings' first poll interval)
     * @param callsPerSecond the engine's rate, of which sweeps take at most a tenth
     */
    public Lookout(Observer observer, ResilientCaller calls, Scheduler scheduler, TimeSource time, Duration gap,
                   double callsPerSecond) {
        this(observer, calls, scheduler, time, gap, callsPerSecond, SHARE_FROM);
    }

    private Lookout(Observer observer, ResilientCaller calls, Scheduler scheduler, TimeSource time, Duration gap,
                    double callsPerSecond, int shareFrom) {
        this.shareFrom = shareFrom;
        this.minGap = gap;
        this.callsPerSecond = callsPerSecond;
        this.observer = observer;
        this.calls = calls;
        this.scheduler = scheduler;
        this.time = time;
        this.gap = gap;
    }

    /** @return a lookout that never shares: every look is its own Describe */
    static Lookout unshared(Observer observer) {
        return new Lookout(observer, null, null, null, Duration.ZERO, 1, Integer.MAX_VALUE);
    }

    /** A wait opened: it looks through here until {@link #closed()}. */
    synchronized void opened() {
        open++;
    }

    synchronized void closed() {
        open--;
    }

    synchronized boolean shared() {
        return open >= shareFrom;
    }

    /**
     * @param fresh whether the look must see the resource as it is now (a wait's first look), not as
     *     the last sweep left it
     */
    CompletableFuture<Optional<DescribeEndpointResponse>> endpoint(String name, boolean fresh) {
        if (!shared()) {
            return observer.endpoint(name);
        }
        CompletableFuture<Void> answered;
        synchronized (this) {
            next.endpoints.add(name);
            if (fresh || !endpoints.containsKey(name) || endpoints.get(name).isEmpty()) {
                next.freshEndpoints.add(name);
            }
            answered = demand();
        }
        return answered.thenApply(x -> cached(endpoints, name));
    }

    CompletableFuture<Optional<DescribeInferenceComponentResponse>> component(String name, boolean fresh) {
        if (!shared()) {
            return observer.component(name);
        }
        CompletableFuture<Void> answered;
        synchronized (this) {
            next.components.add(name);
            if (fresh || !components.containsKey(name) || components.get(name).isEmpty()) {
                next.freshComponents.add(name);
            }
            answered = demand();
        }
        return answered.thenApply(x -> cached(components, name));
    }

    CompletableFuture<Map<String, MetricAlarm>> alarms(Set<String> names) {
        if (names.isEmpty() || !shared()) {
            return observer.alarms(names);
        }
        CompletableFuture<Void> answered;
        synchronized (this) {
            next.alarms.addAll(names);
            answered = demand();
        }
        return answered.thenApply(x -> {
            Map<String, MetricAlarm> found = new LinkedHashMap<>();
            synchronized (this) {
                names.forEach(n -> {
                    if (alarms.containsKey(n)) {
                        found.put(n, alarms.get(n));
                    }
                });
            }
            return found;
        });
    }

    private synchronized <T> Optional<T> cached(Map<String, Optional<T>> cache, String name) {
        return cache.getOrDefault(name, Optional.empty());
    }

    /** @return when the next sweep has answered; schedules it if none is */
    private CompletableFuture<Void> demand() {
        if (!sweepScheduled) {
            sweepScheduled = true;
            Instant earliest = lastSweep == Instant.MIN ? time.now() : lastSweep.plus(gap == null ? minGap : gap);
            Duration wait = Duration.between(time.now(), earliest);
            scheduler.schedule(wait.isNegative() ? Duration.ZERO : wait, this::sweep);
        }
        return next.answered;
    }

    private void sweep() {
        Demand d;
        synchronized (this) {
            d = next;
            next = new Demand();
            sweepScheduled = false;
            lastSweep = time.now();
            sweepCalls = 0;
        }
        CompletableFuture.completedFuture(null)
                .thenCompose(x -> changedComponents(d))
                .thenCompose(x -> changedEndpoints(d))
                .thenCompose(x -> describe(d))
                .thenCompose(x -> alarmsOf(d))
                .whenComplete((x, failure) -> {
                    synchronized (this) {
                        long millis = (long) (sweepCalls / (SWEEP_SHARE * callsPerSecond) * 1000);
                        gap = Duration.ofMillis(Math.max(minGap.toMillis(), millis));
                    }
                    if (failure == null) {
                        d.answered.complete(null);
                    } else {
                        d.answered.completeExceptionally(failure);
                    }
                });
    }

    /** Lists the components of each status in flight among those asked for; a changed one is described. */
    private CompletableFuture<Void> changedComponents(Demand d) {
        Map<String, Set<String>> byStatus = new LinkedHashMap<>();
        synchronized (this) {
            for (String name : d.components) {
                Optional<DescribeInferenceComponentResponse> seen = components.getOrDefault(name, Optional.empty());
                String status = seen.map(DescribeInferenceComponentResponse::inferenceComponentStatusAsString).orElse("");
                if (!d.freshComponents.contains(name) && COMPONENT_MOVING.contains(status)) {
                    byStatus.computeIfAbsent(status, s -> new LinkedHashSet<>()).add(name);
                }
            }
        }
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (Map.Entry<String, Set<String>> e : byStatus.entrySet()) {
            Set<String> listed = new java.util.HashSet<>();
            chain = chain.thenCompose(x -> listComponents(e.getKey(), null, listed)).thenRun(() -> {
                for (String name : e.getValue()) {
                    if (!listed.contains(name)) {
                        d.freshComponents.add(name);
                    }
                }
            });
        }
        return chain;
    }

    private CompletableFuture<Void> listComponents(String status, String token, Set<String> into) {
        counted();
        return calls.call(ListInferenceComponentsRequest.builder().statusEquals(status).maxResults(PAGE).nextToken(token).build(),
                ListInferenceComponentsResponse.class).thenCompose(r -> {
                    r.inferenceComponents().forEach(s -> into.add(s.inferenceComponentName()));
                    return r.nextToken() == null || r.nextToken().isEmpty() ? CompletableFuture.<Void>completedFuture(null)
                            : listComponents(status, r.nextToken(), into);
                });
    }

    /** Lists the endpoints of each status in flight among those asked for; a changed one is described. */
    private CompletableFuture<Void> changedEndpoints(Demand d) {
        Map<String, Set<String>> byStatus = new LinkedHashMap<>();
        synchronized (this) {
            for (String name : d.endpoints) {
                Optional<DescribeEndpointResponse> seen = endpoints.getOrDefault(name, Optional.empty());
                String status = seen.map(DescribeEndpointResponse::endpointStatusAsString).orElse("");
                if (!d.freshEndpoints.contains(name) && ENDPOINT_MOVING.contains(status)) {
                    byStatus.computeIfAbsent(status, s -> new LinkedHashSet<>()).add(name);
                }
            }
        }
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (Map.Entry<String, Set<String>> e : byStatus.entrySet()) {
            Set<String> listed = new java.util.HashSet<>();
            chain = chain.thenCompose(x -> listEndpoints(e.getKey(), null, listed)).thenRun(() -> {
                for (String name : e.getValue()) {
                    if (!listed.contains(name)) {
                        d.freshEndpoints.add(name);
                    }
                }
            });
        }
        return chain;
    }

    private CompletableFuture<Void> listEndpoints(String status, String token, Set<String> into) {
        counted();
        return calls.call(ListEndpointsRequest.builder().statusEquals(status).maxResults(PAGE).nextToken(token).build(),
                ListEndpointsResponse.class).thenCompose(r -> {
                    r.endpoints().forEach(s -> into.add(s.endpointName()));
                    return r.nextToken() == null || r.nextToken().isEmpty() ? CompletableFuture.<Void>completedFuture(null)
                            : listEndpoints(status, r.nextToken(), into);
                });
    }

    private synchronized void counted() {
        sweepCalls++;
    }

    private <T> CompletableFuture<T> counted(CompletableFuture<T> call) {
        counted();
        return call;
    }

    private CompletableFuture<Void> describe(Demand d) {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (String name : d.freshEndpoints) {
            chain = chain.thenCompose(x -> observer.endpoint(name)).thenAccept(r -> {
                synchronized (this) {
                    endpoints.put(name, r);
                }
            });
        }
        for (String name : d.freshComponents) {
            chain = chain.thenCompose(x -> observer.component(name)).thenAccept(r -> {
                synchronized (this) {
                    components.put(name, r);
                }
            });
        }
        return chain;
    }

    private CompletableFuture<Void> alarmsOf(Demand d) {
        List<String> names = new ArrayList<>(d.alarms);
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (int from = 0; from < names.size(); from += PAGE) {
            List<String> chunk = names.subList(from, Math.min(names.size(), from + PAGE));
            chain = chain.thenCompose(x -> counted(calls.call(DescribeAlarmsRequest.builder().alarmNames(chunk).maxRecords(PAGE).build(),
                    DescribeAlarmsResponse.class))).thenAccept(r -> {
                        synchronized (this) {
                            chunk.forEach(alarms::remove);
                            r.metricAlarms().forEach(a -> alarms.put(a.alarmName(), a));
                        }
                    });
        }
        return chain;
    }
}
