package dev.ballast.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.ballast.Ballast;
import dev.ballast.Deployment;
import dev.ballast.engine.internal.SystemScheduler;
import dev.ballast.engine.internal.reconcile.Observed;
import dev.ballast.engine.internal.reconcile.Observer;
import dev.ballast.engine.internal.reconcile.Reconciler;
import dev.ballast.engine.internal.reconcile.Teardown;
import dev.ballast.engine.internal.run.DefaultDeployment;
import dev.ballast.engine.internal.run.PlanRunner;
import dev.ballast.engine.internal.run.ResilientCaller;
import dev.ballast.engine.internal.watch.Watcher;
import dev.ballast.outcome.Outcome;
import dev.ballast.plan.Plan;
import dev.ballast.spec.ComponentSpec;
import dev.ballast.spec.EndpointSpec;
import dev.ballast.spi.DeploymentListener;
import dev.ballast.spi.Scheduler;
import dev.ballast.spi.TimeSource;
import dev.ballast.spi.Transport;

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
 * }</pre>
 *
 * <p>Apply is declarative: it describes what runs, follows any update of the spec's resources that
 * is already in flight to its end (so a process that died mid-rollout can simply apply again), and
 * then carries out only the difference.
 */
public final class BallastEngine implements Ballast {

    private final ResilientCaller calls;
    private final Observer observer;
    private final TimeSource time;
    private final Scheduler scheduler;
    private final WatchSettings watchSettings;
    private final List<DeploymentListener> listeners;

    private BallastEngine(Builder b) {
        this.time = b.time;
        this.scheduler = b.scheduler;
        this.watchSettings = b.watch;
        this.listeners = List.copyOf(b.listeners);
        // The documented order (see dev.ballast.transport): retry and rate limit on the scheduler,
        // then logging of each attempt, then the user's transport.
        Transport transport = b.logging ? dev.ballast.transport.LoggingTransport.wrap(b.transport, b.time) : b.transport;
        this.calls = new ResilientCaller(transport, b.scheduler, b.time, b.retry);
        this.observer = new Observer(calls);
    }

    /** @return a builder; a transport is required */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Plan plan(EndpointSpec spec) {
        Objects.requireNonNull(spec, "spec");
        return Planner.logged(scheduler.await(observer.observe(spec).thenApply(o -> Reconciler.reconcile(spec, o))));
    }

    @Override
    public Deployment apply(EndpointSpec spec) {
        Objects.requireNonNull(spec, "spec");
        Observed observed = scheduler.await(observer.observe(spec));
        boolean inFlight = !observed.inFlight().isEmpty();
        Plan plan = inFlight ? new Plan("endpoint '" + spec.name() + "'", List.of()) : Planner.logged(Reconciler.reconcile(spec, observed));
        DefaultDeployment deployment = new DefaultDeployment("endpoint '" + spec.name() + "'", plan, scheduler, listeners);
        Instant started = time.now();
        PlanRunner runner = runner(deployment);
        start(deployment, () -> (inFlight ? follow(spec, observed, runner, started) : CompletableFuture.completedFuture(Optional.<Outcome>empty()))
                .thenCompose(stop -> {
                    if (stop.isPresent()) {
                        return CompletableFuture.completedFuture(stop.get());
                    }
                    CompletableFuture<Plan> next = inFlight
                            ? observer.observe(spec).thenApply(o -> Planner.logged(Reconciler.reconcile(spec, o)))
                            : CompletableFuture.completedFuture(plan);
                    return next.thenCompose(p -> {
                        deployment.plan(p);
                        return runner.run(spec, p, started);
                    });
                }), started);
        return deployment;
    }

    @Override
    public Deployment attach(EndpointSpec spec) {
        Objects.requireNonNull(spec, "spec");
        Observed observed = scheduler.await(observer.observe(spec));
        DefaultDeployment deployment = new DefaultDeployment("endpoint '" + spec.name() + "'",
                new Plan("endpoint '" + spec.name() + "'", List.of()), scheduler, listeners);
        Instant started = time.now();
        start(deployment, () -> follow(spec, observed, runner(deployment), started).thenApply(stop -> stop.orElseGet(() ->
                new Outcome.Succeeded(Duration.between(started, time.now()), observed.inFlight().isEmpty()
                        ? "nothing in flight" : "followed " + String.join(", ", observed.inFlight()) + " to its end"))), started);
        return deployment;
    }

    @Override
    public Deployment delete(EndpointSpec spec) {
        Objects.requireNonNull(spec, "spec");
        Plan plan = scheduler.await(observer.observe(spec).thenApply(o -> Teardown.plan(spec, o)));
        DefaultDeployment deployment = new DefaultDeployment("endpoint '" + spec.name() + "'", plan, scheduler, listeners);
        Instant started = time.now();
        start(deployment, () -> runner(deployment).run(spec, plan, started), started);
        return deployment;
    }

    @Override
    public dev.ballast.Invocation invoke(EndpointSpec spec, String componentName, String jsonBody) {
        Objects.requireNonNull(spec, "spec");
        ComponentSpec component = Planner.component(spec, componentName);
        software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest request =
                software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest.builder()
                        .endpointName(spec.name())
                        .inferenceComponentName(component.name())
                        .contentType("application/json")
                        .accept("application/json")
                        .body(software.amazon.awssdk.core.SdkBytes.fromUtf8String(jsonBody))
                        .build();
        software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse response = scheduler.await(calls.call(request,
                software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse.class));
        return new dev.ballast.Invocation(response.body().asUtf8String(), Optional.ofNullable(response.contentType()),
                Optional.ofNullable(response.invokedProductionVariant()));
    }

    private PlanRunner runner(DefaultDeployment deployment) {
        Watcher watcher = new Watcher(observer, scheduler, time, watchSettings, deployment::emit);
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
    private CompletableFuture<Optional<Outcome>> follow(EndpointSpec spec, Observed observed, PlanRunner runner, Instant started) {
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

        private Builder() {
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
