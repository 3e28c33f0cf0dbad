package dev.ballast.engine.internal.run;

import dev.ballast.engine.internal.call.ResilientCaller;
import dev.ballast.engine.internal.compile.VariantEndpointRequests;
import dev.ballast.engine.internal.reconcile.Drift;
import dev.ballast.engine.internal.reconcile.Observer;
import dev.ballast.engine.internal.watch.Watcher;
import dev.ballast.error.PlanningException;
import dev.ballast.event.DeploymentEvent;
import dev.ballast.outcome.Outcome;
import dev.ballast.plan.ApiCall;
import dev.ballast.plan.AwaitState;
import dev.ballast.plan.Plan;
import dev.ballast.plan.PlanStep;
import dev.ballast.spec.AlarmSpec;
import dev.ballast.spec.TrafficShiftSpec;
import dev.ballast.spi.Scheduler;
import dev.ballast.spi.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;

/**
 * Carries out a guarded traffic shift: the check alarms first, then one
 * {@code UpdateEndpointWeightsAndCapacities} per step, each followed by a wait until the endpoint
 * is in service again, the step's wait, and its checks. A failed check returns the weights to what
 * they were when the shift began. A shift that died midway resumes from the live weights: steps the
 * target already reached are skipped.
 */
public final class TrafficShiftRunner {

    private final ResilientCaller calls;
    private final Observer observer;
    private final Scheduler scheduler;
    private final TimeSource time;
    private final MetricCheck metrics;

    public TrafficShiftRunner(ResilientCaller calls, Observer observer, Scheduler scheduler, TimeSource time) {
        this.calls = calls;
        this.observer = observer;
        this.scheduler = scheduler;
        this.time = time;
        this.metrics = new MetricCheck(calls, time);
    }

    /**
     * A shift ready to run.
     *
     * @param spec the shift
     * @param before every live variant's weight when the shift began: what a failed check returns to
     * @param steps the steps still to take, in percent
     * @param alarmPuts the check alarms to create or correct
     * @param plan everything, for people and for {@code plan(..)}
     */
    public record Start(TrafficShiftSpec spec, Map<String, Double> before, List<Integer> steps, List<ApiCall> alarmPuts, Plan plan) {
    }

    /** @return the plan of the shift against the live weights */
    public CompletableFuture<Plan> plan(TrafficShiftSpec spec) {
        return prepare(spec).thenApply(Start::plan);
    }

    /** Reads the live endpoint and plans the steps still to take. */
    public CompletableFuture<Start> prepare(TrafficShiftSpec spec) {
        String name = spec.endpoint().name();
        return observer.endpoint(name).thenCompose(found -> {
            DescribeEndpointResponse e = found.orElseThrow(() -> new PlanningException("Endpoint '" + name
                    + "' does not exist; apply its spec first, then shift its traffic."));
            if (!"InService".equals(e.endpointStatusAsString())) {
                throw new PlanningException("Endpoint '" + name + "' is " + e.endpointStatusAsString()
                        + "; weights can change only in service. Wait for it (Ballast.attach(spec)), then shift again.");
            }
            Map<String, Double> before = new LinkedHashMap<>();
            for (ProductionVariantSummary v : e.productionVariants()) {
                before.put(v.variantName(), v.currentWeight() == null ? 0.0 : v.currentWeight().doubleValue());
            }
            if (!before.containsKey(spec.targetVariant())) {
                throw new PlanningException("Variant '" + spec.targetVariant() + "' is not live on endpoint '" + name
                        + "' (it has " + before.keySet() + "); apply the endpoint's spec first.");
            }
            return observer.endpointConfig(e.endpointConfigName()).thenCompose(config -> observer.alarms(new LinkedHashSet<>(spec.alarmCheckNames()))
                    .thenApply(running -> start(spec, baseline(spec, before, config.map(c -> initialWeights(c)).orElse(Map.of())), running)));
        });
    }

    /**
     * The weights a failed check returns to. Normally the live ones. When the live weights are not
     * the configuration's initial ones and the target's share is one of the shift's own steps, an
     * earlier run of this shift was cut short: its baseline is gone from SageMaker, and the
     * configuration's initial weights are the last weights known to be chosen on purpose.
     */
    private static Baseline baseline(TrafficShiftSpec spec, Map<String, Double> live, Map<String, Double> initial) {
        if (!initial.keySet().equals(live.keySet()) || close(initial, live)) {
            return new Baseline(live, live);
        }
        double share = share(spec.targetVariant(), live);
        boolean resumed = spec.steps().stream().anyMatch(p -> Math.abs(p - share) < 0.05);
        return new Baseline(resumed ? initial : live, live);
    }

    /** The weights to return to, and the live ones the remaining steps start from. */
    private record Baseline(Map<String, Double> weights, Map<String, Double> live) {
    }

    private static Map<String, Double> initialWeights(software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse config) {
        Map<String, Double> weights = new LinkedHashMap<>();
        config.productionVariants().forEach(v -> weights.put(v.variantName(),
                v.initialVariantWeight() == null ? 1.0 : v.initialVariantWeight().doubleValue()));
        return weights;
    }

    private static double share(String variant, Map<String, Double> weights) {
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        return total <= 0 ? 0 : 100 * weights.getOrDefault(variant, 0.0) / total;
    }

    /** Weights compare as shares, with the float precision SageMaker keeps them in. */
    private static boolean close(Map<String, Double> a, Map<String, Double> b) {
        return a.keySet().equals(b.keySet()) && a.keySet().stream().allMatch(k -> Math.abs(share(k, a) - share(k, b)) < 0.05);
    }

    private Start start(TrafficShiftSpec spec, Baseline baseline, Map<String, MetricAlarm> running) {
        Map<String, Double> before = baseline.weights();
        List<ApiCall> puts = new ArrayList<>();
        List<String> names = spec.alarmCheckNames();
        for (int i = 0; i < names.size(); i++) {
            ApiCall put = VariantEndpointRequests.putVariantAlarm(spec.endpoint(), spec.targetVariant(), spec.alarmChecks().get(i), names.get(i),
                    "traffic-shift check", "check of the shift to " + spec.targetVariant());
            MetricAlarm alarm = running.get(names.get(i));
            if (alarm == null || !Drift.sameAlarm((PutMetricAlarmRequest) put.request(), alarm)) {
                puts.add(put);
            }
        }
        double share = share(spec.targetVariant(), baseline.live());
        // Resuming: steps the target already reached are done (a small tolerance for float weights).
        List<Integer> remaining = spec.steps().stream().filter(p -> p > share + 0.05).toList();
        List<PlanStep> steps = new ArrayList<>(puts);
        String checks = describeChecks(spec);
        for (int i = 0; i < remaining.size(); i++) {
            int p = remaining.get(i);
            steps.add(VariantEndpointRequests.updateWeights(spec.endpoint().name(), spec.weightsAt(p, before), "step " + (i + 1) + " of "
                    + remaining.size() + ": " + spec.targetVariant() + " to " + p + "%, then wait " + spec.waitPerStep().toSeconds()
                    + " s and " + checks));
            steps.add(new AwaitState("endpoint/" + spec.endpoint().name(), "InService", "the new weights are in place"));
        }
        return new Start(spec, before, remaining, puts, new Plan("traffic of endpoint '" + spec.endpoint().name() + "'", steps));
    }

    private static String describeChecks(TrafficShiftSpec spec) {
        List<String> checks = new ArrayList<>();
        spec.alarmCheckNames().forEach(n -> checks.add("alarm " + n));
        spec.existingAlarmChecks().forEach(n -> checks.add("alarm " + n));
        spec.metricChecks().forEach(m -> checks.add("metric " + MetricCheck.describe(m)));
        return checks.isEmpty() ? "no checks (nothing stops the shift)" : "check " + String.join(", ", checks);
    }

    /** Runs the shift; completes with its outcome (never exceptionally). */
    public CompletableFuture<Outcome> run(Start start, DefaultDeployment deployment, Watcher watcher, Instant started) {
        TrafficShiftSpec spec = start.spec();
        String endpoint = "endpoint/" + spec.endpoint().name();
        int total = start.plan().steps().size();
        CompletableFuture<Optional<Outcome>> chain = CompletableFuture.completedFuture(Optional.empty());
        int index = 0;
        for (ApiCall put : start.alarmPuts()) {
            int n = ++index;
            chain = chain.thenCompose(stop -> stop.isPresent() ? CompletableFuture.completedFuture(stop) : send(deployment, put, n, total)
                    .thenApply(x -> Optional.empty()));
        }
        List<Integer> steps = start.steps();
        for (int i = 0; i < steps.size(); i++) {
            int step = i;
            int n = index + 1 + 2 * i;
            chain = chain.thenCompose(stop -> stop.isPresent() ? CompletableFuture.completedFuture(stop)
                    : step(start, deployment, watcher, started, step, n, total));
        }
        return chain.handle((stop, failure) -> {
            Duration took = Duration.between(started, time.now());
            if (failure != null) {
                return new Outcome.Failed(took, PlanRunner.unwrap(failure).getMessage());
            }
            return stop.orElseGet(() -> new Outcome.Succeeded(took, steps.isEmpty()
                    ? "nothing to do: " + spec.targetVariant() + " already has " + spec.steps().get(spec.steps().size() - 1) + "% of " + endpoint
                    : spec.targetVariant() + " serves " + steps.get(steps.size() - 1) + "% of " + endpoint + " after "
                            + steps.stream().map(p -> p + "%").toList() + ", every step checked"));
        });
    }

    private CompletableFuture<SdkResponse> send(DefaultDeployment deployment, ApiCall call, int index, int total) {
        deployment.emit(new DeploymentEvent.StepStarted(time.now(), index, total, call.target() + " " + call.resource()));
        return calls.call(call.request(), SdkResponse.class);
    }

    private CompletableFuture<Optional<Outcome>> step(Start start, DefaultDeployment deployment, Watcher watcher, Instant started,
                                                      int step, int index, int total) {
        TrafficShiftSpec spec = start.spec();
        int percent = start.steps().get(step);
        ApiCall call = VariantEndpointRequests.updateWeights(spec.endpoint().name(), spec.weightsAt(percent, start.before()),
                "step " + (step + 1) + ": " + spec.targetVariant() + " to " + percent + "%");
        Instant sent = time.now();
        Map<String, Double> wanted = spec.weightsAt(percent, start.before());
        return send(deployment, call, index, total)
                .handle((x, error) -> error)
                .thenCompose(error -> {
                    if (error == null) {
                        return CompletableFuture.completedFuture(Optional.<Outcome>empty());
                    }
                    String why = PlanRunner.unwrap(error).getMessage();
                    // Nothing moved yet: nothing to return. After a step, the earlier weights are live: return them.
                    return step == 0 ? CompletableFuture.completedFuture(Optional.<Outcome>of(new Outcome.Failed(
                            Duration.between(started, time.now()), "the first weight change failed, nothing moved: " + why)))
                            : revert(start, deployment, watcher, started, step, new Failure("UpdateEndpointWeightsAndCapacities", why, Optional.empty()));
                })
                .thenCompose(stop -> stop.isPresent() ? CompletableFuture.completedFuture(stop) : applied(start, deployment, watcher,
                        started, step, index, total, sent, wanted));
    }

    /** Waits until the step's weights are in place (in service, and the weights SageMaker reports are the ones sent), then checks. */
    private CompletableFuture<Optional<Outcome>> applied(Start start, DefaultDeployment deployment, Watcher watcher, Instant started,
                                                         int step, int index, int total, Instant sent, Map<String, Double> wanted) {
        TrafficShiftSpec spec = start.spec();
        return CompletableFuture.completedFuture(null)
                .thenCompose(x -> {
                    deployment.emit(new DeploymentEvent.StepStarted(time.now(), index + 1, total,
                            "wait until endpoint/" + spec.endpoint().name() + " is InService"));
                    return watcher.follow(target(spec, sent));
                })
                .thenCompose(settled -> {
                    if (settled.timedOut()) {
                        return CompletableFuture.completedFuture(Optional.<Outcome>of(new Outcome.TimedOut(
                                Duration.between(started, time.now()), settled.lastObserved())));
                    }
                    if (!settled.status().equals("InService")) {
                        return CompletableFuture.completedFuture(Optional.<Outcome>of(new Outcome.Failed(Duration.between(started, time.now()),
                                "endpoint/" + spec.endpoint().name() + " is " + settled.status() + " after the weights of step " + (step + 1)
                                        + settled.failureReason().map(r -> ": " + r).orElse(""))));
                    }
                    return observer.endpoint(spec.endpoint().name()).thenCompose(e -> {
                        Map<String, Double> live = new LinkedHashMap<>();
                        e.ifPresent(d -> d.productionVariants().forEach(v -> live.put(v.variantName(),
                                v.currentWeight() == null ? 0.0 : v.currentWeight().doubleValue())));
                        if (!close(live, wanted)) {
                            // SageMaker can roll a weight change back (an auto-scaled variant, reference 6.5).
                            return revert(start, deployment, watcher, started, step, new Failure("the weights of step " + (step + 1),
                                    "SageMaker reports " + describe(live) + " instead of " + describe(wanted), Optional.empty()));
                        }
                        return sleep(spec.waitPerStep()).thenCompose(y -> check(spec, deployment))
                                .thenCompose(failed -> failed.isEmpty() ? CompletableFuture.completedFuture(Optional.<Outcome>empty())
                                        : revert(start, deployment, watcher, started, step, failed.get()));
                    });
                });
    }

    private static Watcher.Target target(TrafficShiftSpec spec, Instant since) {
        Set<String> alarms = new LinkedHashSet<>(spec.alarmCheckNames());
        alarms.addAll(spec.existingAlarmChecks());
        return new Watcher.Target(spec.endpoint().name(), null, alarms, 0, false, since, false);
    }

    private CompletableFuture<Void> sleep(Duration wait) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.schedule(wait, () -> done.complete(null));
        return done;
    }

    /** A check that failed: what, why, and the alarm, if an alarm said so. */
    private record Failure(String check, String detail, Optional<String> alarm) {
    }

    /** Runs every check, reports each, and completes with the first that failed. */
    private CompletableFuture<Optional<Failure>> check(TrafficShiftSpec spec, DefaultDeployment deployment) {
        Set<String> names = new LinkedHashSet<>(spec.alarmCheckNames());
        names.addAll(spec.existingAlarmChecks());
        List<Failure> failures = new ArrayList<>();
        CompletableFuture<Void> alarms = observer.alarms(names).thenAccept(found -> {
            for (String name : names) {
                MetricAlarm a = found.get(name);
                String state = a == null ? "missing" : a.stateValueAsString();
                // No data yet (INSUFFICIENT_DATA) is not a failure: a small share may see few requests.
                boolean passed = a != null && !"ALARM".equals(state);
                String detail = a == null ? "the alarm does not exist" : state + (a.stateReason() == null || passed ? "" : " (" + a.stateReason() + ")");
                deployment.emit(new DeploymentEvent.CheckEvaluated(time.now(), "alarm " + name, passed, detail));
                if (!passed) {
                    failures.add(new Failure("alarm " + name, detail, a == null ? Optional.empty() : Optional.of(name)));
                }
            }
        });
        CompletableFuture<Void> chain = alarms;
        for (AlarmSpec m : spec.metricChecks()) {
            chain = chain.thenCompose(x -> metrics.evaluate(m, VariantEndpointRequests.variantDimensions(spec.endpoint().name(), spec.targetVariant()))
                    .thenAccept(result -> {
                        deployment.emit(new DeploymentEvent.CheckEvaluated(time.now(), "metric " + MetricCheck.describe(m),
                                result.passed(), result.detail()));
                        if (!result.passed()) {
                            failures.add(new Failure("metric " + MetricCheck.describe(m), result.detail(), Optional.empty()));
                        }
                    }));
        }
        return chain.thenApply(x -> failures.stream().findFirst());
    }

    private CompletableFuture<Optional<Outcome>> revert(Start start, DefaultDeployment deployment, Watcher watcher, Instant started,
                                                        int step, Failure failure) {
        TrafficShiftSpec spec = start.spec();
        int percent = start.steps().get(step);
        String cause = failure.check() + " failed at step " + (step + 1) + " of " + start.steps().size() + " (" + spec.targetVariant()
                + " at " + percent + "%): " + failure.detail();
        deployment.emit(new DeploymentEvent.RollbackStarted(time.now(), "endpoint/" + spec.endpoint().name(), cause));
        ApiCall back = VariantEndpointRequests.updateWeights(spec.endpoint().name(), start.before(), "a check failed: the weights from before the shift");
        Instant sent = time.now();
        deployment.emit(new DeploymentEvent.StepStarted(time.now(), start.plan().steps().size(), start.plan().steps().size(),
                back.target() + " " + back.resource() + " (weights from before the shift)"));
        return calls.call(back.request(), SdkResponse.class)
                .thenCompose(x -> watcher.follow(target(spec, sent)))
                .handle((settled, error) -> {
                    Duration took = Duration.between(started, time.now());
                    if (error != null || !settled.status().equals("InService")) {
                        String why = error != null ? PlanRunner.unwrap(error).getMessage() : "endpoint is " + settled.status();
                        return Optional.<Outcome>of(new Outcome.Failed(took, cause + "; returning the weights failed: " + why
                                + ". Set them with UpdateEndpointWeightsAndCapacities or shift again."));
                    }
                    return Optional.<Outcome>of(new Outcome.RolledBack(took, failure.alarm(), cause + "; weights returned to "
                            + describe(start.before())));
                });
    }

    private static String describe(Map<String, Double> weights) {
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        List<String> parts = new ArrayList<>();
        weights.forEach((k, v) -> parts.add(k + " " + (total <= 0 ? "0" : Math.round(1000 * v / total) / 10.0) + "%"));
        return String.join(", ", parts);
    }
}
