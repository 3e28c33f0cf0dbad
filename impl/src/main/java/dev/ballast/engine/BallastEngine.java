package dev.ballast.engine;

import dev.ballast.Invocation;
import dev.ballast.TrafficShift;
import dev.ballast.engine.internal.run.Subject;
import dev.ballast.engine.internal.run.TrafficShiftRunner;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.spec.TrafficShiftSpec;
import java.util.function.Function;
import java.util.function.Supplier;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.ballast.Ballast;
import dev.ballast.Deployment;
import dev.ballast.FleetDeployment;
import java.util.Collection;
import dev.ballast.engine.internal.SystemScheduler;
import dev.ballast.engine.internal.reconcile.Observed;
import dev.ballast.engine.internal.reconcile.Observer;
import dev.ballast.engine.internal.reconcile.Standing;
import dev.ballast.engine.internal.run.DefaultDeployment;
import dev.ballast.engine.internal.run.EndpointLease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.ballast.engine.internal.run.PlanRunner;
import dev.ballast.engine.internal.call.ResilientCaller;
import dev.ballast.engine.internal.watch.Watcher;
import dev.ballast.outcome.Outcome;
import dev.ballast.plan.Plan;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spec.EndpointSpec;
import dev.ballast.spi.DeploymentListener;
import dev.ballast.spi.Scheduler;
import dev.ballast.spi.TimeSource;
import dev.ballast.spi.Transport;
import dev.ballast.InvocationStream;

/**
 * The engine: {@link Ballast} over a {@link Transport} — the AWS transport for a real account,
 * or the testkit's fake — with one time source and one scheduler for every wait.
 *
 * <pre>{@code
 * Ballast ballast = BallastEngine.builder()
 *     .transport(AwsTransport.create(Region.US_EAST_1, credentials))
 *     .listener(e -> log.info(e.describe()))
 *     .build();
 *
 * // on the fake, with simulated time:
 * FakeSageMaker fake = FakeSageMaker.create();
 * Ballast ballast = BallastEngine.builder().transport(fake).clock(fake.clock(), fake.clock()).build();
 * // ... which the testkit writes in one call: fake.engine()
 * }</pre>
 *
 * <p>Apply is declarative: it describes what runs, follows any update of the spec's resources that
 * is already in flight to its end (so a process that died mid-rollout can simply apply again), and
 * then carries out only the difference.
 */
public final class BallastEngine implements Ballast {

    private static final Logger LOG = LoggerFactory.getLogger("dev.ballast.deployment");

    private final ResilientCaller calls;
    private final Observer observer;
    /** The eyes every deployment of this engine watches through: shared looks once many wait at once. */
    private final dev.ballast.engine.internal.watch.Lookout lookout;
    private final TimeSource time;
    private final Scheduler scheduler;
    private final Watcher.Polling watchSettings;
    private final List<DeploymentListener> listeners;
    private final TrafficShiftRunner trafficShifts;
    private final dev.ballast.engine.internal.run.ShadowGuard shadowGuard;
    private final dev.ballast.engine.internal.run.Leases leases;
    private final dev.ballast.plan.PriceTable prices;
    private final Invoker invoker;
    private final dev.ballast.engine.internal.fleet.Fleets fleets;

    private BallastEngine(Builder b) {
        this.time = b.time;
        this.scheduler = b.scheduler;
        // The internals take the settings' values, not the settings types of this package: they sit below it.
        this.watchSettings = new Watcher.Polling(b.watch.initialPoll(), b.watch.maxPoll(), b.watch.maxWait(), b.watch.settleGrace());
        this.listeners = List.copyOf(b.listeners);
        // The documented order (see dev.ballast.transport): retry and rate limit on the scheduler,
        // then logging of each attempt, then the user's transport.
        Transport transport = b.logging ? dev.ballast.transport.LoggingTransport.wrap(b.transport, b.time) : b.transport;
        this.calls = new ResilientCaller(transport, b.scheduler, b.time, new ResilientCaller.Budget(b.retry.maxAttempts(),
                b.retry.initialBackoff(), b.retry.maxBackoff(), b.retry.callsPerSecond(), b.retry.burst(), b.retry.jitterSeed()));
        this.invoker = new Invoker(calls, scheduler);
        this.fleets = new dev.ballast.engine.internal.fleet.Fleets(scheduler, dev.ballast.engine.internal.watch.Lookout.SHARE_FROM);
        this.observer = new Observer(calls, scheduler);
        this.lookout = new dev.ballast.engine.internal.watch.Lookout(observer, calls, scheduler, time, b.watch.initialPoll(),
                b.retry.callsPerSecond());
        observer.crowdedWhen(this::crowded);
        lookout.sharedWhile(fleets::running);
        this.trafficShifts = new TrafficShiftRunner(calls, observer, scheduler, time);
        this.shadowGuard = new dev.ballast.engine.internal.run.ShadowGuard(calls, observer, time);
        this.leases = new dev.ballast.engine.internal.run.Leases(calls, scheduler, time, b.leaseDuration, this::crowded);
        this.prices = b.prices;
    }

    /** @return a builder; a transport is required */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Plan plan(EndpointSpec spec) {
        Objects.requireNonNull(spec, "spec");
        return plan(EndpointKind.of(spec, observer));
    }

    private <O> Plan plan(EndpointKind<O> kind) {
        return Planner.logged(scheduler.await(kind.observe().thenApply(o -> kind.reconcile(o).priced(prices))));
    }

    @Override
    public Deployment apply(EndpointSpec spec) {
        return scheduler.await(applying(spec));
    }

    private CompletableFuture<Deployment> applying(EndpointSpec spec) {
        Objects.requireNonNull(spec, "spec");
        return apply(spec.name(), EndpointKind.of(spec, observer));
    }

    @Override
    public FleetDeployment applyAll(Collection<? extends EndpointSpec> specs, FleetDeployment.Policy policy) {
        return fleet(specs, policy, this::applying);
    }

    @Override
    public FleetDeployment attachAll(Collection<? extends EndpointSpec> specs, FleetDeployment.Policy policy) {
        return fleet(specs, policy, this::attaching);
    }

    @Override
    public FleetDeployment deleteAll(Collection<? extends EndpointSpec> specs, FleetDeployment.Policy policy) {
        return fleet(specs, policy, this::deleting);
    }

    private FleetDeployment fleet(Collection<? extends EndpointSpec> specs, FleetDeployment.Policy policy,
                        Function<EndpointSpec, CompletableFuture<Deployment>> start) {
        return fleets.run(specs, policy, start);
    }

    /**
     * Whether this engine runs many deployments at once now (a fleet of {@link dev.ballast.engine.internal.watch.Lookout#SHARE_FROM}
     * or more at once, or waits enough to share looks): plans then list what an endpoint runs, and
     * leases taken then rely on the engine's heartbeat. One deployment alone, a fleet of one included, is never crowded: it
     * sends the calls it always did.
     */
    private boolean crowded() {
        return fleets.running() || lookout.shared();
    }

    /**
     * Apply for either kind of endpoint: observe, follow whatever is in flight to its end, observe
     * again, then run the plan of what still differs.
     */
    private <O> CompletableFuture<Deployment> apply(String name, EndpointKind<O> kind) {
        Supplier<CompletableFuture<O>> observe = kind::observe;
        return observe.get().thenApply(observed -> apply(name, kind, observed));
    }

    private <O> Deployment apply(String name, EndpointKind<O> kind, O observed) {
        Subject subject = kind.subject();
        Supplier<CompletableFuture<O>> observe = kind::observe;
        Function<O, Observed> endpointOf = kind::endpoint;
        Function<O, Plan> reconcile = o -> kind.reconcile(o).priced(prices);
        boolean inFlight = !endpointOf.apply(observed).inFlight().isEmpty();
        Plan plan = inFlight ? new Plan("endpoint '" + name + "'", List.of()) : Planner.logged(reconcile.apply(observed));
        DefaultDeployment deployment = new DefaultDeployment("endpoint '" + name + "'", plan, scheduler, listeners);
        Instant started = time.now();
        PlanRunner runner = runner(deployment).basedOn(endpointOf.apply(observed));
        start(deployment, () -> (inFlight ? follow(subject, endpointOf.apply(observed), runner, started)
                : CompletableFuture.completedFuture(Optional.<Outcome>empty()))
                .thenCompose(stop -> {
                    if (stop.isPresent()) {
                        return CompletableFuture.completedFuture(stop.get());
                    }
                    CompletableFuture<Plan> next = inFlight
                            ? observe.get().thenApply(o -> {
                                runner.basedOn(endpointOf.apply(o));
                                return Planner.logged(reconcile.apply(o));
                            })
                            : CompletableFuture.completedFuture(plan);
                    return next.thenCompose(p -> {
                        deployment.plan(p);
                        return leased(subject, "apply", p, runner, () -> runner.run(subject, p, started));
                    });
                }), started);
        return deployment;
    }

    @Override
    public Deployment attach(EndpointSpec spec) {
        return scheduler.await(attaching(spec));
    }

    private CompletableFuture<Deployment> attaching(EndpointSpec spec) {
        Objects.requireNonNull(spec, "spec");
        EndpointKind<?> kind = EndpointKind.of(spec, observer);
        return attach(spec.name(), kind);
    }

    /** Rounds of following what is in flight before attach judges what runs, should new updates keep starting. */
    private static final int ATTACH_ROUNDS = 3;

    /**
     * Attach for either kind of endpoint: follow whatever is in flight to its end (the first thing
     * that does not end well is the outcome), then judge what runs against the spec.
     */
    private <O> CompletableFuture<Deployment> attach(String name, EndpointKind<O> kind) {
        return kind.observe().thenApply(observed -> attach(name, kind, observed));
    }

    private <O> Deployment attach(String name, EndpointKind<O> kind, O observed) {
        Subject subject = kind.subject();
        Supplier<CompletableFuture<O>> observe = kind::observe;
        Function<O, Observed> endpointOf = kind::endpoint;
        Function<O, CompletableFuture<Standing.Verdict>> standing = kind::standing;
        DefaultDeployment deployment = new DefaultDeployment("endpoint '" + name + "'",
                new Plan("endpoint '" + name + "'", List.of()), scheduler, listeners);
        Instant started = time.now();
        PlanRunner runner = runner(deployment);
        start(deployment, () -> followThenJudge(subject, observed, observe, endpointOf, standing, runner, started,
                new java.util.LinkedHashSet<>(), 1), started);
        return deployment;
    }

    private <O> CompletableFuture<Outcome> followThenJudge(Subject subject, O observed, Supplier<CompletableFuture<O>> observe,
                                                          Function<O, Observed> endpointOf,
                                                          Function<O, CompletableFuture<Standing.Verdict>> standing,
                                                          PlanRunner runner, Instant started, java.util.Set<String> followed, int round) {
        List<String> inFlight = endpointOf.apply(observed).inFlight();
        if (inFlight.isEmpty() || round > ATTACH_ROUNDS) {
            return standing.apply(observed).thenApply(v -> judged(v, followed, started));
        }
        followed.addAll(inFlight);
        return follow(subject, endpointOf.apply(observed), runner, started).thenCompose(stop -> stop.isPresent()
                ? CompletableFuture.completedFuture(stop.get())
                : observe.get().thenCompose(o -> followThenJudge(subject, o, observe, endpointOf, standing, runner, started, followed,
                        round + 1)));
    }

    /** SUCCEEDED only when what runs is the spec; a rollback on SageMaker's record is ROLLED_BACK; anything else NOT_APPLIED. */
    private Outcome judged(Standing.Verdict verdict, java.util.Set<String> followed, Instant started) {
        Duration took = Duration.between(started, time.now());
        String seen = followed.isEmpty() ? "nothing in flight" : "followed " + String.join(", ", followed) + " to its end";
        if (verdict.runsTheSpec()) {
            return new Outcome.Succeeded(took, seen + "; what runs is the spec");
        }
        if (verdict.rollback().isPresent()) {
            return new Outcome.RolledBack(took, verdict.rollback().get().alarm(), verdict.rollback().get().reason());
        }
        // What the record says of the last deployment matters only when Ballast did not see it end.
        return new Outcome.NotApplied(took, verdict.differences(), verdict.record().isEmpty() || !followed.isEmpty() ? seen
                : seen + "; " + verdict.record());
    }

    @Override
    public Deployment delete(EndpointSpec spec) {
        return scheduler.await(deleting(spec));
    }

    private CompletableFuture<Deployment> deleting(EndpointSpec spec) {
        Objects.requireNonNull(spec, "spec");
        EndpointKind<?> kind = EndpointKind.of(spec, observer);
        return kind.teardown().thenApply(plan -> run(spec.name(), kind.subject(), plan));
    }

    private Deployment run(String name, Subject subject, Plan plan) {
        Planner.logged(plan);
        DefaultDeployment deployment = new DefaultDeployment("endpoint '" + name + "'", plan, scheduler, listeners);
        Instant started = time.now();
        PlanRunner runner = runner(deployment);
        start(deployment, () -> leased(subject, "delete", plan, runner, () -> runner.run(subject, plan, started)), started);
        return deployment;
    }

    @Override
    public Plan plan(TrafficShift shift) {
        Objects.requireNonNull(shift, "shift");
        return Planner.logged(scheduler.await(trafficShifts.plan(shift.spec())));
    }

    @Override
    public Deployment shiftTraffic(TrafficShift shift) {
        Objects.requireNonNull(shift, "shift");
        TrafficShiftSpec spec = shift.spec();
        TrafficShiftRunner.Start start = scheduler.await(trafficShifts.prepare(spec));
        Planner.logged(start.plan());
        DefaultDeployment deployment = new DefaultDeployment("traffic of endpoint '" + spec.endpoint().name() + "'", start.plan(),
                scheduler, listeners);
        Instant started = time.now();
        Watcher watcher = new Watcher(lookout, scheduler, time, watchSettings, deployment::emit);
        // the shift's weight changes run under the endpoint's lease (taken and released around the shift)
        start(deployment, () -> leased(Subject.of(spec.endpoint()), "traffic shift", start.plan(), null,
                () -> trafficShifts.run(start, deployment, watcher, started)), started);
        return deployment;
    }

    @Override
    public Deployment promoteShadow(dev.ballast.ShadowPromotion promotion) {
        Objects.requireNonNull(promotion, "promotion");
        scheduler.await(shadowGuard.requireLive(promotion));
        return promote(promotion, EndpointKind.of(promotion.promoted(), observer));
    }

    /**
     * The guard's checks first, then, when they pass, the apply of the promoted spec (planned against
     * what runs before the checks, under the endpoint's lease); when one fails, nothing is sent.
     */
    private <O> Deployment promote(dev.ballast.ShadowPromotion promotion, EndpointKind<O> kind) {
        String name = promotion.endpoint().name();
        O observed = scheduler.await(kind.observe());
        Plan plan = Planner.logged(kind.reconcile(observed));
        DefaultDeployment deployment = new DefaultDeployment("shadow promotion of endpoint '" + name + "'", plan, scheduler, listeners);
        Instant started = time.now();
        PlanRunner runner = runner(deployment).basedOn(kind.endpoint(observed));
        Subject subject = kind.subject();
        String what = "shadow " + promotion.shadow().name() + " into production variant " + promotion.production().name();
        start(deployment, () -> shadowGuard.evaluate(promotion, deployment::emit).thenCompose(verdict -> {
            if (!verdict.passed()) {
                return CompletableFuture.completedFuture((Outcome) new Outcome.NotApplied(Duration.between(started, time.now()), verdict.lines(),
                        "a check of the shadow failed, nothing was changed: " + promotion.production().name() + " still serves "
                                + promotion.production().model().map(dev.ballast.spec.ModelSpec::name).orElse("its model")
                                + " and " + promotion.shadow().name() + " stays a shadow"));
            }
            return leased(subject, "shadow promotion", plan, runner, () -> runner.run(subject, plan, started))
                    .thenApply(o -> o instanceof Outcome.Succeeded s ? new Outcome.Succeeded(s.took(), what + " promoted after "
                            + String.join("; ", verdict.lines()) + "; " + s.detail()) : o);
        }), started);
        return deployment;
    }

    @Override
    public Invocation invoke(EndpointSpec spec, String target, String jsonBody) {
        return invoker.invoke(spec, target, jsonBody);
    }

    @Override
    public Invocation invoke(VariantEndpointSpec spec, String jsonBody) {
        return invoker.invoke(spec, jsonBody);
    }

    @Override
    public Invocation invokeContainer(VariantEndpointSpec spec, String containerHostname, String jsonBody) {
        return invoker.invokeContainer(spec, containerHostname, jsonBody);
    }

    @Override
    public InvocationStream invokeContainerStream(VariantEndpointSpec spec, String containerHostname, String jsonBody) {
        return invoker.invokeContainerStream(spec, containerHostname, jsonBody);
    }

    @Override
    public InvocationStream invokeStream(EndpointSpec spec, String target, String jsonBody) {
        return invoker.invokeStream(spec, target, jsonBody);
    }

    @Override
    public InvocationStream invokeStream(VariantEndpointSpec spec, String jsonBody) {
        return invoker.invokeStream(spec, jsonBody);
    }

    /**
     * Runs a plan that changes the endpoint under the endpoint's lease: taken before its first
     * mutating call (or a {@code Conflict} failure naming the holder, with nothing sent), checked
     * before each, released at the end however the plan ends. A plan without calls needs none.
     */
    private CompletableFuture<Outcome> leased(Subject subject, String operation, Plan plan, PlanRunner runner,
                                              Supplier<CompletableFuture<Outcome>> work) {
        if (plan.calls().isEmpty() && subject.leaseRole().isPresent()) {
            // nothing to change: no lease needed, but one a dead process left (expired) goes
            return lease(subject, operation).clearIfExpired().thenCompose(cleared -> work.get());
        }
        if (plan.calls().isEmpty()) {
            return work.get();
        }
        if (subject.leaseRole().isEmpty()) {
            LOG.warn("endpoint {}: the spec names no execution role, so the endpoint's lease (one writer at a time)"
                    + " cannot be taken; applying without it", subject.endpointName());
            return work.get();
        }
        EndpointLease lease = lease(subject, operation);
        if (runner != null) {
            // Many deployments at once share the engine's rate: a lease the engine's heartbeat (or a
            // recent confirmation) vouches for is not read again.
            runner.fence(() -> lease.fence(lookout.shared()));
        }
        return lease.acquire().thenCompose(held -> work.get().handle((outcome, failure) -> lease.release()
                .thenCompose(released -> failure == null ? CompletableFuture.completedFuture(outcome)
                        : CompletableFuture.<Outcome>failedFuture(failure)))
                .thenCompose(Function.identity()));
    }

    private EndpointLease lease(Subject subject, String operation) {
        return leases.lease(subject.endpointName(), subject.leaseRole().orElseThrow(), subject.leaseInstanceType(), operation);
    }

    private PlanRunner runner(DefaultDeployment deployment) {
        Watcher watcher = new Watcher(lookout, scheduler, time, watchSettings, deployment::emit);
        return new PlanRunner(calls, observer, watcher, time, deployment);
    }

    private void start(DefaultDeployment deployment, java.util.function.Supplier<CompletableFuture<Outcome>> work, Instant started) {
        scheduler.schedule(Duration.ZERO, () -> work.get().whenComplete((outcome, failure) -> deployment.finish(
                failure == null ? outcome : new Outcome.Failed(Duration.between(started, time.now()), String.valueOf(
                        (failure.getCause() != null ? failure.getCause() : failure).getMessage())), time.now())));
    }

    /**
     * Follows every resource of the spec that is being created or updated to its end; the first
     * one that does not end well ends the deployment with its truthful outcome.
     */
    private CompletableFuture<Optional<Outcome>> follow(Subject spec, Observed observed, PlanRunner runner, Instant started) {
        CompletableFuture<Optional<Outcome>> chain = CompletableFuture.completedFuture(Optional.empty());
        for (String resource : observed.inFlight()) {
            chain = chain.thenCompose(stop -> stop.isPresent() ? CompletableFuture.completedFuture(stop)
                    : runner.followInFlight(spec, resource, observed, started));
        }
        return chain;
    }

    /** Configures a {@link BallastEngine}. */
    public static final class Builder {
        private Transport transport;
        private TimeSource time = TimeSource.system();
        private Scheduler scheduler;
        private RetrySettings retry = RetrySettings.defaults();
        private WatchSettings watch = WatchSettings.defaults();
        private final List<DeploymentListener> listeners = new ArrayList<>();
        private boolean logging = true;
        private Duration leaseDuration = Duration.ofMinutes(10);
        private dev.ballast.plan.PriceTable prices = dev.ballast.plan.PriceTable.defaults();

        private Builder() {
        }

        /**
         * The prices a plan states its update's surge with ({@link Plan#surge()}); by default the
         * us-east-1 on-demand list carried with this release ({@link dev.ballast.plan.PriceTable#defaults()}).
         */
        public Builder prices(dev.ballast.plan.PriceTable prices) {
            this.prices = Objects.requireNonNull(prices, "prices");
            return this;
        }

        /**
         * Whether each call is logged on {@code dev.ballast.transport} (DEBUG: one line per attempt;
         * TRACE: the request as masked JSON). On by default; it costs nothing while those levels are off.
         */
        public Builder transportLogging(boolean enabled) {
            this.logging = enabled;
            return this;
        }

        /** Sets the transport every call goes through (required). */
        public Builder transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /**
         * Sets where the engine reads the time and spends it; the testkit's virtual clock is both.
         * By default the wall clock and a daemon scheduler thread.
         */
        public Builder clock(TimeSource time, Scheduler scheduler) {
            this.time = Objects.requireNonNull(time, "time");
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** Sets how calls are retried and paced. */
        public Builder retry(RetrySettings settings) {
            this.retry = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * How long an endpoint's lease holds without renewal (default 10 minutes). Every apply,
         * delete and traffic shift that changes an endpoint holds its lease, renews it every third
         * of this while it runs (while many run at once, the engine's one heartbeat does, for all of
         * them), and releases it at its end; another engine takes it over only once it expired, so
         * this is how long a crashed process blocks others.
         */
        public Builder leaseDuration(Duration duration) {
            Objects.requireNonNull(duration, "duration");
            if (duration.compareTo(Duration.ofMinutes(1)) < 0) {
                throw new IllegalArgumentException("leaseDuration must be at least 1 minute (renewals need time), not "
                        + duration);
            }
            this.leaseDuration = duration;
            return this;
        }

        /** Sets how deployments are watched. */
        public Builder watch(WatchSettings settings) {
            this.watch = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Adds a listener of every deployment's events. */
        public Builder listener(DeploymentListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** @return the engine */
        public BallastEngine build() {
            if (transport == null) {
                throw new IllegalStateException("A BallastEngine needs a transport: call transport(AwsTransport.create(..)) "
                        + "or transport(fakeSageMaker)");
            }
            if (scheduler == null) {
                scheduler = new SystemScheduler();
            }
            return new BallastEngine(this);
        }
    }
}
