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
import java.util.function.BiFunction;
import java.util.function.Function;

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
 * asks for the next <em>sweep</em>, and one sweep answers every look asked since the last one:
 * <ul>
 *   <li>{@code ListInferenceComponents} and {@code ListEndpoints} filtered by each status in flight
 *       ({@code StatusEquals}, 100 a page) tell where each followed resource is; a resource seen
 *       in a list is known by its summary (status, last modification);</li>
 *   <li>a Describe only of what a list cannot show: a followed resource that left the status it
 *       was listed in (it settled: its copies, instances or failure reason matter now), and one
 *       that no list shows;</li>
 *   <li>{@code DescribeAlarms} of up to 100 alarms at once.</li>
 * </ul>
 * Sweeps run only when some wait asked, no sooner than the watch settings' first poll interval
 * after the last, and far enough apart that their lists take at most a tenth of the engine's rate:
 * a wait near a decision (its interval reset by a change) is answered at the next sweep, one that
 * polls rarely (waiting for instances) adds nothing to the sweeps it does not ask for. While a
 * resource is known by its summary its copy and instance counts are not followed, so in a fleet a
 * deployment's events show statuses and alarms more than copies and batches.
 */
public final class Lookout {

    /** Waits open at once from which looks are shared; below it every look is its own Describe. */
    public static final int SHARE_FROM = 3;

    /** SageMaker's largest page for the List operations, and CloudWatch's most alarm names per DescribeAlarms. */
    static final int PAGE = 100;

    /** The share of the engine's rate that sweeps' lists may take; the rest goes to the deployments' own calls. */
    static final double SWEEP_SHARE = 0.1;

    private final Observer observer;
    private final ResilientCaller calls;
    private final Scheduler scheduler;
    private final TimeSource time;
    private final Duration minGap;
    private final double callsPerSecond;
    private final int shareFrom;
    private final Eyes<DescribeEndpointResponse> endpoints;
    private final Eyes<DescribeInferenceComponentResponse> components;
    private final Map<String, MetricAlarm> alarms = new HashMap<>();

    private int open;
    private Demand next = new Demand();
    private boolean sweepScheduled;
    private Instant lastSweep;
    private Duration gap;
    private int sweepCalls;

    /**
     * @param gap the shortest time between two sweeps (the watch settings' first poll interval)
     * @param callsPerSecond the engine's rate, of which sweeps' lists take at most a tenth
     */
    public Lookout(Observer observer, ResilientCaller calls, Scheduler scheduler, TimeSource time, Duration gap,
                   double callsPerSecond) {
        this(observer, calls, scheduler, time, gap, callsPerSecond, SHARE_FROM);
    }

    private Lookout(Observer observer, ResilientCaller calls, Scheduler scheduler, TimeSource time, Duration gap,
                    double callsPerSecond, int shareFrom) {
        this.observer = observer;
        this.calls = calls;
        this.scheduler = scheduler;
        this.time = time;
        this.minGap = gap;
        this.gap = gap;
        this.callsPerSecond = callsPerSecond;
        this.shareFrom = shareFrom;
        this.endpoints = new Eyes<>(Set.of(EndpointStatus.CREATING.toString(), EndpointStatus.UPDATING.toString(),
                EndpointStatus.SYSTEM_UPDATING.toString(), EndpointStatus.ROLLING_BACK.toString(),
                EndpointStatus.DELETING.toString()), DescribeEndpointResponse::endpointStatusAsString, observer::endpoint,
                this::listEndpoints);
        this.components = new Eyes<>(Set.of(InferenceComponentStatus.CREATING.toString(),
                InferenceComponentStatus.UPDATING.toString(), InferenceComponentStatus.DELETING.toString()),
                DescribeInferenceComponentResponse::inferenceComponentStatusAsString, observer::component, this::listComponents);
    }

    /** @return a lookout that never shares: every look is its own Describe */
    static Lookout unshared(Observer observer) {
        return new Lookout(observer, null, null, null, Duration.ZERO, 1, Integer.MAX_VALUE);
    }

    /** A wait opened: while {@link #SHARE_FROM} are open, looks are shared. */
    synchronized void opened() {
        open++;
    }

    synchronized void closed() {
        open--;
    }

    /** @return whether looks are shared now (many waits are open) */
    public synchronized boolean shared() {
        return open >= shareFrom;
    }

    /**
     * @param first whether this is a wait's first look: the resource is then found in the lists
     *     whatever the last sweep saw of it
     */
    CompletableFuture<Optional<DescribeEndpointResponse>> endpoint(String name, boolean first) {
        return shared() ? look(endpoints, name, first) : observer.endpoint(name);
    }

    CompletableFuture<Optional<DescribeInferenceComponentResponse>> component(String name, boolean first) {
        return shared() ? look(components, name, first) : observer.component(name);
    }

    /**
     * The component as a Describe showed it at or after {@code since}: a settled wait's last look
     * when it was one (looks are shared), a Describe otherwise.
     */
    public CompletableFuture<Optional<DescribeInferenceComponentResponse>> componentSince(String name, Instant since) {
        return latest(components, name, since, observer::component);
    }

    /** The endpoint as a Describe showed it at or after {@code since} (see {@link #componentSince}). */
    public CompletableFuture<Optional<DescribeEndpointResponse>> endpointSince(String name, Instant since) {
        return latest(endpoints, name, since, observer::endpoint);
    }

    private <R> CompletableFuture<Optional<R>> latest(Eyes<R> eyes, String name, Instant since,
                                                     Function<String, CompletableFuture<Optional<R>>> describe) {
        if (since != null && shared()) {
            synchronized (this) {
                Seen<R> seen = eyes.seen.get(name);
                if (seen != null && seen.described && !seen.at.isBefore(since)) {
                    return CompletableFuture.completedFuture(seen.value);
                }
            }
        }
        return describe.apply(name);
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

    private <R> CompletableFuture<Optional<R>> look(Eyes<R> eyes, String name, boolean first) {
        CompletableFuture<Void> answered;
        synchronized (this) {
            Demand d = next;
            d.of(eyes).asked.add(name);
            if (first) {
                d.of(eyes).first.add(name);
            }
            answered = demand();
        }
        return answered.thenApply(x -> {
            synchronized (this) {
                Seen<R> seen = eyes.seen.get(name);
                return seen == null ? Optional.<R>empty() : seen.value;
            }
        });
    }

    /** What one kind of resource looks like to the lookout: its statuses in flight, and how to describe and list it. */
    private static final class Eyes<R> {
        final Set<String> moving;
        final Function<R, String> status;
        final Function<String, CompletableFuture<Optional<R>>> describe;
        final BiFunction<String, Map<String, R>, CompletableFuture<Void>> list;
        final Map<String, Seen<R>> seen = new HashMap<>();

        Eyes(Set<String> moving, Function<R, String> status, Function<String, CompletableFuture<Optional<R>>> describe,
             BiFunction<String, Map<String, R>, CompletableFuture<Void>> list) {
            this.moving = moving;
            this.status = status;
            this.describe = describe;
            this.list = list;
        }

        String statusOf(Seen<R> s) {
            return s == null ? "" : s.value.map(status).orElse("");
        }
    }

    /** The latest look at a resource: a Describe's answer, or a list's summary in the shape of one. */
    private record Seen<R>(Optional<R> value, boolean described, Instant at) {
    }

    private static final class Asked {
        final Set<String> asked = new LinkedHashSet<>();
        final Set<String> first = new LinkedHashSet<>();
    }

    /** What the looks since the last sweep asked for, and the looks waiting for its answer. */
    private final class Demand {
        final Asked endpoints = new Asked();
        final Asked components = new Asked();
        final Set<String> alarms = new LinkedHashSet<>();
        final CompletableFuture<Void> answered = new CompletableFuture<>();

        Asked of(Eyes<?> eyes) {
            return eyes == Lookout.this.endpoints ? endpoints : components;
        }
    }

    /** @return when the next sweep has answered; schedules it if none is */
    private CompletableFuture<Void> demand() {
        if (!sweepScheduled) {
            sweepScheduled = true;
            Instant now = time.now();
            Duration wait = lastSweep == null ? Duration.ZERO : Duration.between(now, lastSweep.plus(gap));
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
                .thenCompose(x -> sweep(components, d.components))
                .thenCompose(x -> sweep(endpoints, d.endpoints))
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

    /**
     * Lists the statuses in flight that the asked resources may be in, then describes each asked
     * resource that no list shows although it was in flight, was never seen, or is looked at for
     * a wait's first time.
     */
    private <R> CompletableFuture<Void> sweep(Eyes<R> eyes, Asked asked) {
        Set<String> statuses = new LinkedHashSet<>();
        synchronized (this) {
            for (String name : asked.asked) {
                Seen<R> seen = eyes.seen.get(name);
                String status = eyes.statusOf(seen);
                if (seen == null || asked.first.contains(name)) {
                    statuses.addAll(eyes.moving);
                } else if (eyes.moving.contains(status)) {
                    statuses.add(status);
                }
            }
        }
        Map<String, R> listed = new HashMap<>();
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (String status : statuses.stream().sorted().toList()) {
            chain = chain.thenCompose(x -> eyes.list.apply(status, listed));
        }
        return chain.thenCompose(x -> {
            List<String> toDescribe = new ArrayList<>();
            Instant now = time.now();
            synchronized (this) {
                for (String name : asked.asked) {
                    Seen<R> seen = eyes.seen.get(name);
                    String before = eyes.statusOf(seen);
                    R summary = listed.get(name);
                    if (summary != null) {
                        // In flight: the list's summary says enough until it settles, unless a Describe already showed this status.
                        if (seen == null || !before.equals(eyes.status.apply(summary)) || !seen.described) {
                            eyes.seen.put(name, new Seen<>(Optional.of(summary), false, now));
                        }
                    } else if (seen == null || asked.first.contains(name) || eyes.moving.contains(before) || !seen.described) {
                        toDescribe.add(name);
                    }
                }
            }
            CompletableFuture<Void> describes = CompletableFuture.completedFuture(null);
            for (String name : toDescribe) {
                describes = describes.thenCompose(y -> eyes.describe.apply(name)).thenAccept(r -> {
                    synchronized (this) {
                        eyes.seen.put(name, new Seen<>(r, true, time.now()));
                    }
                });
            }
            return describes;
        });
    }

    private CompletableFuture<Void> listComponents(String status, Map<String, DescribeInferenceComponentResponse> into) {
        return listComponents(status, null, into);
    }

    private CompletableFuture<Void> listComponents(String status, String token, Map<String, DescribeInferenceComponentResponse> into) {
        counted();
        return calls.call(ListInferenceComponentsRequest.builder().statusEquals(status).maxResults(PAGE).nextToken(token).build(),
                ListInferenceComponentsResponse.class).thenCompose(r -> {
                    r.inferenceComponents().forEach(s -> into.put(s.inferenceComponentName(),
                            DescribeInferenceComponentResponse.builder().inferenceComponentName(s.inferenceComponentName())
                                    .inferenceComponentArn(s.inferenceComponentArn()).endpointName(s.endpointName())
                                    .endpointArn(s.endpointArn()).variantName(s.variantName())
                                    .inferenceComponentStatus(s.inferenceComponentStatusAsString())
                                    .creationTime(s.creationTime()).lastModifiedTime(s.lastModifiedTime()).build()));
                    return r.nextToken() == null || r.nextToken().isEmpty() ? CompletableFuture.<Void>completedFuture(null)
                            : listComponents(status, r.nextToken(), into);
                });
    }

    private CompletableFuture<Void> listEndpoints(String status, Map<String, DescribeEndpointResponse> into) {
        return listEndpoints(status, null, into);
    }

    private CompletableFuture<Void> listEndpoints(String status, String token, Map<String, DescribeEndpointResponse> into) {
        counted();
        return calls.call(ListEndpointsRequest.builder().statusEquals(status).maxResults(PAGE).nextToken(token).build(),
                ListEndpointsResponse.class).thenCompose(r -> {
                    r.endpoints().forEach(s -> into.put(s.endpointName(), DescribeEndpointResponse.builder()
                            .endpointName(s.endpointName()).endpointArn(s.endpointArn())
                            .endpointStatus(s.endpointStatusAsString()).creationTime(s.creationTime())
                            .lastModifiedTime(s.lastModifiedTime()).build()));
                    return r.nextToken() == null || r.nextToken().isEmpty() ? CompletableFuture.<Void>completedFuture(null)
                            : listEndpoints(status, r.nextToken(), into);
                });
    }

    private synchronized void counted() {
        sweepCalls++;
    }

    private CompletableFuture<Void> alarmsOf(Demand d) {
        List<String> names = new ArrayList<>(d.alarms);
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (int from = 0; from < names.size(); from += PAGE) {
            List<String> chunk = names.subList(from, Math.min(names.size(), from + PAGE));
            counted();
            chain = chain.thenCompose(x -> calls.call(DescribeAlarmsRequest.builder().alarmNames(chunk).maxRecords(PAGE).build(),
                    DescribeAlarmsResponse.class)).thenAccept(r -> {
                        synchronized (this) {
                            chunk.forEach(alarms::remove);
                            r.metricAlarms().forEach(a -> alarms.put(a.alarmName(), a));
                        }
                    });
        }
        return chain;
    }
}
