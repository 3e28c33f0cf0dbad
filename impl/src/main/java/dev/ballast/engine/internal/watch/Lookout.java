package dev.ballast.engine.internal.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
 *   <li>{@code ListInferenceComponents} and {@code ListEndpoints} of what changed since the last
 *       sweep ({@code LastModifiedTimeAfter}, less {@link #MARGIN} for clocks and lists that lag,
 *       100 a page). SageMaker changes a resource's {@code LastModifiedTime} whenever an operation
 *       on it begins or ends, so a followed resource a sweep does not list is as the last sweep
 *       saw it; one it lists is known by its summary (status, last modification). A sweep's cost
 *       is what changed, not what is followed: a thousand components in a rolling update cost
 *       the pages of those that started or ended a step since the last sweep;</li>
 *   <li>{@code ListInferenceComponents} and {@code ListEndpoints} filtered by {@code Deleting},
 *       only while a followed resource is being deleted: a deleted resource leaves the lists
 *       without a change a list could show;</li>
 *   <li>a Describe only of what a list cannot show: a resource no sweep has seen yet, one a wait's
 *       first look does not find among the changes since the wait's call, one that left
 *       {@code Deleting}, one listed {@code Failed} (for its reason, until a Describe of it went
 *       through), and one in flight that no list has shown for {@link #STALE} (lists are a view;
 *       this bounds what a view that lags, or a clock that is off by more than the margin, can
 *       cost to a delay);</li>
 *   <li>{@code DescribeAlarms} of up to 100 alarms at once: those the looks asked for, and those
 *       of the waits the sweep wakes.</li>
 * </ul>
 * Sweeps run only when some wait asked or sleeps, no sooner than the watch settings' first poll interval
 * after the last, and far enough apart that their lists take at most {@link #SWEEP_SHARE} of the
 * engine's rate. Their calls are the engine's upkeep: they go ahead of the deployments' queued
 * calls ({@code ResilientCaller.ahead}), since every wait's answer waits for them. A wait near a
 * decision (its interval reset by a change: a batch placing, a bake ending) asks at every first
 * poll interval and is answered at the next sweep; one waiting for instances asks at its longest
 * interval, so it adds nothing to the sweeps in between, and sleeps until then unless a sweep
 * lists a change of what it follows: that sweep wakes it ({@link #sleep}), so a deployment goes on
 * at the sweep that saw its resource settle, not up to a longest poll interval later. While a
 * resource is known by its summary its copy and instance counts are not followed, so in a fleet
 * a deployment's events show statuses and alarms more than copies and batches.
 */
public final class Lookout {

    /**
     * Sweeps come at most every this many first poll intervals (15 s by default): one sweep
     * answers every wait of the engine, so a shorter gap would buy each of a thousand waits a few
     * seconds at the cost of lists the deployments' own calls wait behind.
     */
    static final int SWEEP_GAP = 3;

    /** Waits open at once from which looks are shared; below it every look is its own Describe. */
    public static final int SHARE_FROM = 3;

    /** SageMaker's largest page for the List operations, and CloudWatch's most alarm names per DescribeAlarms. */
    static final int PAGE = 100;

    /** The share of the engine's rate that sweeps' lists may take; the rest goes to the deployments' own calls. */
    static final double SWEEP_SHARE = 0.1;

    /**
     * How far before the last sweep (or a wait's call) a sweep's {@code LastModifiedTimeAfter}
     * reaches back: the engine's clock and SageMaker's may differ, and a list may show a change a
     * moment after a Describe would. Twenty seconds covers both for clocks kept by NTP and costs a
     * sweep little more than the changes of its own gap; a clock off by more than that delays what
     * the lists miss until {@link #STALE}.
     */
    static final Duration MARGIN = Duration.ofSeconds(20);

    /** How long a resource in flight may go unseen by every list before a sweep describes it all the same. */
    static final Duration STALE = Duration.ofMinutes(10);

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
        this.minGap = gap.multipliedBy(SWEEP_GAP);
        this.gap = this.minGap;
        this.callsPerSecond = callsPerSecond;
        this.shareFrom = shareFrom;
        this.endpoints = new Eyes<>(Set.of(EndpointStatus.CREATING.toString(), EndpointStatus.UPDATING.toString(),
                EndpointStatus.SYSTEM_UPDATING.toString(), EndpointStatus.ROLLING_BACK.toString(),
                EndpointStatus.DELETING.toString()), DescribeEndpointResponse::endpointStatusAsString,
                DescribeEndpointResponse::creationTime, DescribeEndpointResponse::lastModifiedTime, observer::endpoint,
                this::listEndpoints);
        this.components = new Eyes<>(Set.of(InferenceComponentStatus.CREATING.toString(),
                InferenceComponentStatus.UPDATING.toString(), InferenceComponentStatus.DELETING.toString()),
                DescribeInferenceComponentResponse::inferenceComponentStatusAsString, DescribeInferenceComponentResponse::creationTime,
                DescribeInferenceComponentResponse::lastModifiedTime, observer::component, this::listComponents);
    }

    /** @return a lookout that never shares: every look is its own Describe */
    static Lookout unshared(Observer observer) {
        return new Lookout(observer, null, null, null, Duration.ZERO, 1, Integer.MAX_VALUE);
    }

    /**
     * A wait opened: while {@link #SHARE_FROM} are open, looks are shared. What a sweep lists of a
     * followed resource is kept, whether or not its wait asked this time.
     *
     * @param endpoint the endpoint the wait follows
     * @param component the component it follows, or null
     */
    synchronized void opened(String endpoint, String component) {
        open++;
        endpoints.follow(endpoint, 1);
        if (component != null) {
            components.follow(component, 1);
        }
    }

    synchronized void closed(String endpoint, String component) {
        open--;
        endpoints.follow(endpoint, -1);
        if (component != null) {
            components.follow(component, -1);
        }
    }

    private volatile java.util.function.BooleanSupplier fleetRunning = () -> false;

    /**
     * @param whether whether the engine runs a fleet of several deployments at once: looks are
     *     shared then however few waits are open, so that a fleet's last deployments are watched
     *     as its first were
     */
    public void sharedWhile(java.util.function.BooleanSupplier whether) {
        this.fleetRunning = whether;
    }

    /** @return whether looks are shared now (many waits are open, or a fleet runs) */
    public synchronized boolean shared() {
        return open >= shareFrom || shareFrom != Integer.MAX_VALUE && fleetRunning.getAsBoolean();
    }

    /**
     * @param first whether this is a wait's first look: the resource is then found in the lists
     *     whatever the last sweep saw of it
     */
    CompletableFuture<Optional<DescribeEndpointResponse>> endpoint(String name, boolean first, Instant since) {
        return shared() ? look(endpoints, name, first, since) : observer.endpoint(name);
    }

    /**
     * The endpoint of a component's wait, which it looks at for its instances only: while looks
     * are shared, as the last sweep or Describe saw it (it is listed again only for a wait that
     * follows the endpoint itself), so that a fleet's component waits cost no endpoint lists.
     */
    CompletableFuture<Optional<DescribeEndpointResponse>> endpointAsSeen(String name, Instant since) {
        if (shared()) {
            synchronized (this) {
                Seen<DescribeEndpointResponse> seen = endpoints.seen.get(name);
                if (seen != null) {
                    return CompletableFuture.completedFuture(seen.value);
                }
            }
        }
        return endpoint(name, false, since);
    }

    /**
     * A wait goes to sleep until its next look: while looks are shared, {@code wake} runs when a
     * sweep lists a change of the resource it follows (its status or last modification), so that
     * the wait sees the change at that sweep rather than at its next poll. Each registration
     * wakes once; the wait registers again before each sleep.
     *
     * @param component the component the wait follows, or null when it follows the endpoint
     * @param alarmNames the wait's rollback alarms, which the sweep that wakes it reads first
     */
    synchronized void sleep(String endpoint, String component, Set<String> alarmNames, Runnable wake) {
        Sleeper sleeper = new Sleeper(wake, Set.copyOf(alarmNames));
        if (component == null) {
            endpoints.sleeping.computeIfAbsent(endpoint, n -> new ArrayList<>()).add(sleeper);
        } else {
            components.sleeping.computeIfAbsent(component, n -> new ArrayList<>()).add(sleeper);
        }
        demand(); // sweeps go on while a wait sleeps: they are what wakes it
    }

    /** The wait's own poll came before any sweep woke it: its registration goes. */
    synchronized void awake(String endpoint, String component, Runnable wake) {
        Eyes<?> eyes = component == null ? endpoints : components;
        String name = component == null ? endpoint : component;
        List<Sleeper> asleep = eyes.sleeping.get(name);
        if (asleep != null && asleep.removeIf(s -> s.wake == wake) && asleep.isEmpty()) {
            eyes.sleeping.remove(name);
        }
    }

    /** The component as the last sweep saw it, for a wait a sweep woke; a look as usual if none did. */
    CompletableFuture<Optional<DescribeInferenceComponentResponse>> componentAsSeen(String name, Instant since) {
        return asSeen(components, name).orElseGet(() -> component(name, false, since));
    }

    /** The endpoint as the last sweep saw it, for a wait a sweep woke; a look as usual if none did. */
    CompletableFuture<Optional<DescribeEndpointResponse>> endpointSeen(String name, Instant since) {
        return asSeen(endpoints, name).orElseGet(() -> endpoint(name, false, since));
    }

    private synchronized <R> Optional<CompletableFuture<Optional<R>>> asSeen(Eyes<R> eyes, String name) {
        Seen<R> seen = shared() ? eyes.seen.get(name) : null;
        return seen == null ? Optional.empty() : Optional.of(CompletableFuture.completedFuture(seen.value));
    }

    /** The alarms as the last sweep saw them, for a wait a sweep woke; read as usual if one was never seen. */
    CompletableFuture<Map<String, MetricAlarm>> alarmsAsSeen(Set<String> names) {
        synchronized (this) {
            if (shared() && alarms.keySet().containsAll(names)) {
                Map<String, MetricAlarm> found = new LinkedHashMap<>();
                names.forEach(n -> found.put(n, alarms.get(n)));
                return CompletableFuture.completedFuture(found);
            }
        }
        return alarms(names);
    }

    /**
     * @param since when the wait's call was sent (or the wait began): a first look finds the
     *     resource among what changed since then
     */
    CompletableFuture<Optional<DescribeInferenceComponentResponse>> component(String name, boolean first, Instant since) {
        return shared() ? look(components, name, first, since) : observer.component(name);
    }

    /**
     * A component this engine created, as the shared looks saw it settle: its summary, when a
     * list at or after {@code since} showed it {@code InService} and created at or after
     * {@code sentAt} less the margin, so that it is the one the engine's create made. Such a
     * component runs what the create asked for, every copy of it: SageMaker turns a new component
     * {@code InService} only once all its copies run (reference 8.3), and no other writer changed it,
     * or its {@code LastModifiedTime} would be later than the settle's.
     *
     * @return the summary, or empty when looks are not shared or no list showed the settle
     */
    public Optional<DescribeInferenceComponentResponse> createdInService(String name, Instant since, Instant sentAt) {
        return createdInService(components, name, since, sentAt);
    }

    /**
     * An endpoint this engine created, as the shared looks saw it settle: its summary, when a list
     * at or after {@code since} showed it {@code InService} and created at or after {@code sentAt}
     * less the margin (see {@link #createdInService(String, Instant, Instant)}).
     */
    public Optional<DescribeEndpointResponse> createdEndpointInService(String name, Instant since, Instant sentAt) {
        return createdInService(endpoints, name, since, sentAt);
    }

    private <R> Optional<R> createdInService(Eyes<R> eyes, String name, Instant since, Instant sentAt) {
        if (!shared() || since == null || sentAt == null) {
            return Optional.empty();
        }
        synchronized (this) {
            Seen<R> seen = eyes.seen.get(name);
            if (seen == null || seen.described || seen.at.isBefore(since) || seen.value.isEmpty()) {
                return Optional.empty();
            }
            R summary = seen.value.get();
            Instant created = eyes.created.apply(summary);
            return "InService".equals(eyes.status.apply(summary)) && created != null && !created.isBefore(sentAt.minus(MARGIN))
                    ? Optional.of(summary) : Optional.empty();
        }
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

    private <R> CompletableFuture<Optional<R>> look(Eyes<R> eyes, String name, boolean first, Instant since) {
        CompletableFuture<Void> answered;
        synchronized (this) {
            Demand d = next;
            Asked asked = d.of(eyes);
            asked.asked.add(name);
            if (first) {
                asked.first.add(name);
            }
            if (first || !eyes.seen.containsKey(name)) {
                Instant from = since == null ? time.now() : since;
                asked.earliest = asked.earliest == null || from.isBefore(asked.earliest) ? from : asked.earliest;
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
        final Function<R, Instant> created;
        final Function<R, Instant> modified;
        final Function<String, CompletableFuture<Optional<R>>> describe;
        /** Lists one status (a name), or what changed after an instant (null status), into the map. */
        final Lister<R> list;
        final Map<String, Seen<R>> seen = new HashMap<>();
        /** How many open waits follow each resource; a sweep keeps what it lists of these. */
        final Map<String, Integer> followed = new HashMap<>();
        /** Waits between two looks, woken when a sweep sees their resource change. */
        final Map<String, List<Sleeper>> sleeping = new HashMap<>();
        /** When the last sweep of this kind began: the next lists what changed since (less the margin). */
        Instant cursor;

        Eyes(Set<String> moving, Function<R, String> status, Function<R, Instant> created, Function<R, Instant> modified,
             Function<String, CompletableFuture<Optional<R>>> describe, Lister<R> list) {
            this.moving = moving;
            this.status = status;
            this.created = created;
            this.modified = modified;
            this.describe = describe;
            this.list = list;
        }

        String statusOf(Seen<R> s) {
            return s == null ? "" : s.value.map(status).orElse("");
        }

        void follow(String name, int delta) {
            int n = followed.getOrDefault(name, 0) + delta;
            if (n > 0) {
                followed.put(name, n);
            } else {
                // What was seen of it stays: the deployment judges the end of its wait from it.
                followed.remove(name);
            }
        }
    }

    /** One paged list of a kind of resource: those in {@code status}, or those changed after {@code after}. */
    @FunctionalInterface
    private interface Lister<R> {
        CompletableFuture<Void> list(String status, Instant after, Map<String, R> into);
    }

    /** A wait asleep until its next poll: how to wake it, and the rollback alarms it follows. */
    private record Sleeper(Runnable wake, Set<String> alarms) {
    }

    /** The latest look at a resource: a Describe's answer, or a list's summary in the shape of one. */
    private record Seen<R>(Optional<R> value, boolean described, Instant at) {
    }

    private static final class Asked {
        final Set<String> asked = new LinkedHashSet<>();
        final Set<String> first = new LinkedHashSet<>();
        /** The earliest call (or wait start) of a first look or of a resource not seen yet: the sweep lists changes since then. */
        Instant earliest;
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
        List<Sleeper> woken = new ArrayList<>();
        CompletableFuture.completedFuture(null)
                .thenCompose(x -> sweep(components, d.components, woken))
                .thenCompose(x -> sweep(endpoints, d.endpoints, woken))
                .thenCompose(x -> {
                    // the alarms the looks asked for, and those of the waits this sweep wakes: a woken wait reads them fresh
                    Set<String> names = new LinkedHashSet<>(d.alarms);
                    woken.forEach(w -> names.addAll(w.alarms));
                    return alarmsOf(names);
                })
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
                    // Waits asleep on what changed look now, at what this sweep saw, not at their next poll.
                    if (failure == null) {
                        woken.forEach(w -> w.wake.run());
                    } // else their own polls come at their intervals, and ask again
                    synchronized (this) {
                        if (!components.sleeping.isEmpty() || !endpoints.sleeping.isEmpty()) {
                            demand(); // the next sweep, one gap on, for the waits still asleep
                        }
                    }
                });
    }

    /**
     * Lists what changed since the last sweep of this kind (or since the earliest call a first
     * look follows) and, while an asked resource is being deleted, what is in {@code Deleting};
     * then describes what the lists cannot tell: a resource never seen, a first look's resource
     * not among the changes, one that left {@code Deleting}, and one in flight that no list has
     * shown for {@link #STALE}.
     */
    private <R> CompletableFuture<Void> sweep(Eyes<R> eyes, Asked asked, List<Sleeper> woken) {
        synchronized (this) {
            if (asked.asked.isEmpty() && eyes.sleeping.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
        }
        Instant began = time.now();
        Instant after;
        boolean deleting = false;
        synchronized (this) {
            Instant from = eyes.cursor;
            if (asked.earliest != null && (from == null || asked.earliest.isBefore(from))) {
                from = asked.earliest;
            }
            after = (from == null ? began : from).minus(MARGIN);
            for (String name : asked.asked) {
                deleting |= "Deleting".equals(eyes.statusOf(eyes.seen.get(name)));
            }
        }
        Map<String, R> changed = new HashMap<>();
        Map<String, R> inDeleting = new HashMap<>();
        CompletableFuture<Void> lists = eyes.list.list(null, after, changed);
        if (deleting) {
            lists = lists.thenCompose(x -> eyes.list.list("Deleting", null, inDeleting));
        }
        boolean listedDeleting = deleting;
        return lists.thenCompose(x -> {
            List<String> toDescribe = new ArrayList<>();
            Instant now = time.now();
            synchronized (this) {
                eyes.cursor = began;
                changed.putAll(inDeleting);
                // Keep what the lists show of every followed resource, asked this time or not: the next
                // sweep lists only what changes after this one.
                for (Map.Entry<String, R> e : changed.entrySet()) {
                    if (eyes.followed.containsKey(e.getKey()) || asked.asked.contains(e.getKey())) {
                        // a wait asleep on it looks at what this sweep sees of it, as one that asked does
                        boolean looked = asked.asked.contains(e.getKey()) || eyes.sleeping.containsKey(e.getKey());
                        see(eyes, e.getKey(), e.getValue(), now, woken);
                        String status = eyes.status.apply(e.getValue());
                        if (looked && !status.equals("InService") && !eyes.moving.contains(status)
                                && !eyes.statusOf(eyes.seen.get(e.getKey())).isEmpty() && !eyes.seen.get(e.getKey()).described) {
                            toDescribe.add(e.getKey()); // Failed and the like: only a Describe says why
                        }
                    }
                }
                for (String name : asked.asked) {
                    if (changed.containsKey(name)) {
                        continue; // seen above
                    }
                    Seen<R> seen = eyes.seen.get(name);
                    String before = eyes.statusOf(seen);
                    boolean leftDeleting = listedDeleting && before.equals("Deleting");
                    boolean stale = seen != null && eyes.moving.contains(before) && seen.at.isBefore(now.minus(STALE));
                    // listed Failed (or the like) but never described: a Describe that failed still owes the reason
                    boolean owed = seen != null && !seen.described && !before.isEmpty() && !before.equals("InService")
                            && !eyes.moving.contains(before);
                    if (seen == null || asked.first.contains(name) || leftDeleting || stale || owed) {
                        toDescribe.add(name);
                    }
                }
            }
            CompletableFuture<Void> describes = CompletableFuture.completedFuture(null);
            for (String name : toDescribe) {
                describes = describes.thenCompose(y -> calls.ahead(() -> eyes.describe.apply(name))).thenAccept(r -> {
                    synchronized (this) {
                        eyes.seen.put(name, new Seen<>(r, true, time.now()));
                    }
                });
            }
            // once the sweep has answered the looks it was asked for
            return describes;
        });
    }

    /**
     * A list showed the resource: its summary says enough, unless a Describe already showed this
     * status and nothing changed since. Waits asleep on a resource whose status or last
     * modification changed are woken once the sweep is done.
     */
    private <R> void see(Eyes<R> eyes, String name, R summary, Instant now, List<Sleeper> woken) {
        Seen<R> seen = eyes.seen.get(name);
        String before = eyes.statusOf(seen);
        boolean changed = seen == null || !before.equals(eyes.status.apply(summary))
                || !Objects.equals(seen.value.map(eyes.modified).orElse(null), eyes.modified.apply(summary));
        if (changed || !seen.described) {
            eyes.seen.put(name, new Seen<>(Optional.of(summary), false, now));
        }
        List<Sleeper> asleep = changed ? eyes.sleeping.remove(name) : null;
        if (asleep != null) {
            woken.addAll(asleep);
        }
    }

    private CompletableFuture<Void> listComponents(String status, Instant after, Map<String, DescribeInferenceComponentResponse> into) {
        return listComponents(status, after, null, into);
    }

    private CompletableFuture<Void> listComponents(String status, Instant after, String token,
                                                   Map<String, DescribeInferenceComponentResponse> into) {
        counted();
        return calls.ahead(() -> calls.call(ListInferenceComponentsRequest.builder().statusEquals(status).lastModifiedTimeAfter(after)
                        .maxResults(PAGE).nextToken(token).build(), ListInferenceComponentsResponse.class)).thenCompose(r -> {
                    r.inferenceComponents().forEach(s -> into.put(s.inferenceComponentName(),
                            DescribeInferenceComponentResponse.builder().inferenceComponentName(s.inferenceComponentName())
                                    .inferenceComponentArn(s.inferenceComponentArn()).endpointName(s.endpointName())
                                    .endpointArn(s.endpointArn()).variantName(s.variantName())
                                    .inferenceComponentStatus(s.inferenceComponentStatusAsString())
                                    .creationTime(s.creationTime()).lastModifiedTime(s.lastModifiedTime()).build()));
                    return r.nextToken() == null || r.nextToken().isEmpty() ? CompletableFuture.<Void>completedFuture(null)
                            : listComponents(status, after, r.nextToken(), into);
                });
    }

    private CompletableFuture<Void> listEndpoints(String status, Instant after, Map<String, DescribeEndpointResponse> into) {
        return listEndpoints(status, after, null, into);
    }

    private CompletableFuture<Void> listEndpoints(String status, Instant after, String token, Map<String, DescribeEndpointResponse> into) {
        counted();
        return calls.ahead(() -> calls.call(ListEndpointsRequest.builder().statusEquals(status).lastModifiedTimeAfter(after)
                        .maxResults(PAGE).nextToken(token).build(), ListEndpointsResponse.class)).thenCompose(r -> {
                    r.endpoints().forEach(s -> into.put(s.endpointName(), DescribeEndpointResponse.builder()
                            .endpointName(s.endpointName()).endpointArn(s.endpointArn())
                            .endpointStatus(s.endpointStatusAsString()).creationTime(s.creationTime())
                            .lastModifiedTime(s.lastModifiedTime()).build()));
                    return r.nextToken() == null || r.nextToken().isEmpty() ? CompletableFuture.<Void>completedFuture(null)
                            : listEndpoints(status, after, r.nextToken(), into);
                });
    }

    private synchronized void counted() {
        sweepCalls++;
    }

    private CompletableFuture<Void> alarmsOf(Set<String> asked) {
        List<String> names = new ArrayList<>(asked);
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (int from = 0; from < names.size(); from += PAGE) {
            List<String> chunk = names.subList(from, Math.min(names.size(), from + PAGE));
            counted();
            chain = chain.thenCompose(x -> calls.ahead(() -> calls.call(DescribeAlarmsRequest.builder().alarmNames(chunk)
                    .maxRecords(PAGE).build(), DescribeAlarmsResponse.class))).thenAccept(r -> {
                        synchronized (this) {
                            chunk.forEach(alarms::remove);
                            r.metricAlarms().forEach(a -> alarms.put(a.alarmName(), a));
                        }
                    });
        }
        return chain;
    }
}
