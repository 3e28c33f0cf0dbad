package dev.ballast.scenario;

import static dev.ballast.testkit.assertions.FakeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentResponse;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

import dev.ballast.Ballast;
import dev.ballast.BlueGreen;
import dev.ballast.aws.AwsTransport;
import dev.ballast.engine.BallastEngine;
import dev.ballast.outcome.Outcome;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spec.EndpointSpec;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.spi.Transport;
import dev.ballast.testkit.ContainerBehavior;
import dev.ballast.testkit.ContainerResponse;
import dev.ballast.testkit.FakeSageMaker;
import dev.ballast.testkit.TimelineEvent;
import dev.ballast.testkit.http.FakeServer;

/**
 * Issue 12's proof that an outcome is a statement about what runs: a process is killed between
 * every two mutating calls of the notebook (its create and its two updates) and of blue/green
 * endpoint updates, and at moments of the rollouts it left in flight; then a new engine attaches
 * and another applies. At every point the attach outcome must be what really happened — judged
 * from the fake's own state and timeline, not from Ballast — the apply's too, and after the apply
 * the world holds exactly the resources an uninterrupted run leaves.
 */
class KillPointProofTest {

    private static final String LLAMA = "meta-llama/Llama-3.1-8B-Instruct";
    private static final String DEEPSEEK = "deepseek-ai/DeepSeek-R1-Distill-Llama-8B";

    /** One phase of a story: what a process applies when it dies, and the world before it. */
    private interface Phase {
        String name();

        FakeSageMaker world();

        /** Brings a fresh world to the phase's start with a healthy engine (and starts its traffic). */
        void prepare(FakeSageMaker fake, Ballast healthy);

        /** The spec the process applies; either kind goes through the same {@link Ballast} methods. */
        EndpointSpec spec();

        /** The oracle, from the fake alone: what runs is this phase's spec, and nothing is in flight. */
        boolean runs(FakeSageMaker fake);

        /** The resource whose rollback the fake's timeline records. */
        String rolledBackResource();

        /** The call that starts the change the process then waits for. */
        String watched();

        /** Moments after the watched call at which the process dies too. */
        List<Duration> during();
    }

    /** Gives an engine its transport to a world: the fake in process, or the fake's HTTP server. */
    private interface Wire extends AutoCloseable {
        Transport transport();

        @Override
        void close();
    }

    private static Wire inProcess(FakeSageMaker fake) {
        return new Wire() {
            @Override
            public Transport transport() {
                return fake;
            }

            @Override
            public void close() {
            }
        };
    }

    private static Wire overHttp(FakeSageMaker fake) {
        FakeServer server = FakeServer.builder(fake).build().start();
        URI uri = server.uri();
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDKILLPOINTS", "secret"));
        SageMakerClient sm = SageMakerClient.builder().endpointOverride(uri).region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        SageMakerRuntimeClient runtime = SageMakerRuntimeClient.builder().endpointOverride(uri).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        CloudWatchClient cw = CloudWatchClient.builder().endpointOverride(uri).region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        ApplicationAutoScalingClient aas = ApplicationAutoScalingClient.builder().endpointOverride(uri).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        AwsTransport transport = AwsTransport.builder().sageMaker(sm).runtime(runtime).cloudWatch(cw).autoScaling(aas).build();
        return new Wire() {
            @Override
            public Transport transport() {
                return transport;
            }

            @Override
            public void close() {
                transport.close();
                sm.close();
                runtime.close();
                cw.close();
                aas.close();
                server.close();
            }
        };
    }

    /** Past the engine's default lease duration (10 minutes). */
    private static final Duration LEASE_EXPIRY = Duration.ofMinutes(11);

    private static BallastEngine engine(Transport transport, FakeSageMaker fake) {
        return fake.engineBuilder().transport(transport).build();
    }

    // ---- the notebook ----

    private static Map<String, String> env(String model, boolean messagesApi, boolean token) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("SM_NUM_GPUS", "1", "HF_MODEL_ID", model));
        if (messagesApi) {
            env.put("MESSAGES_API_ENABLED", "true");
        }
        if (token) {
            env.put("HF_TOKEN", NotebookSpecs.TOKEN);
        }
        return env;
    }

    private static boolean notebookRuns(FakeSageMaker fake, ComponentEndpointSpec spec, Map<String, String> env) {
        DescribeEndpointResponse e;
        DescribeInferenceComponentResponse ic;
        try {
            e = fake.sageMakerClient().describeEndpoint(b -> b.endpointName(NotebookSpecs.ENDPOINT));
            ic = fake.sageMakerClient().describeInferenceComponent(b -> b.inferenceComponentName("llm"));
        } catch (RuntimeException notFound) {
            return false;
        }
        return e.endpointStatusAsString().equals("InService") && e.endpointConfigName().equals(spec.endpointConfigName())
                && ic.inferenceComponentStatusAsString().equals("InService")
                && ic.specification().container().environment().equals(env)
                && ic.runtimeConfig().currentCopyCount() == 2 && ic.runtimeConfig().desiredCopyCount() == 2
                && !fake.cloudWatchClient().describeAlarms(b -> b.alarmNames(NotebookSpecs.ALARM)).metricAlarms().isEmpty();
    }

    private abstract static class NotebookPhase implements Phase {
        private final String name;
        private final ComponentEndpointSpec spec;
        private final Map<String, String> env;
        private final String watched;
        private final List<Duration> during;

        NotebookPhase(String name, ComponentEndpointSpec spec, Map<String, String> env, String watched, List<Duration> during) {
            this.name = name;
            this.spec = spec;
            this.env = env;
            this.watched = watched;
            this.during = during;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public FakeSageMaker world() {
            return FakeSageMaker.create();
        }

        @Override
        public EndpointSpec spec() {
            return spec;
        }

        @Override
        public boolean runs(FakeSageMaker fake) {
            return notebookRuns(fake, spec, env);
        }

        @Override
        public String rolledBackResource() {
            return "llm";
        }

        @Override
        public String watched() {
            return watched;
        }

        @Override
        public List<Duration> during() {
            return during;
        }
    }

    private static final List<Duration> ROLLOUT = List.of(Duration.ZERO, Duration.ofMinutes(2), Duration.ofMinutes(5),
            Duration.ofMinutes(8), Duration.ofMinutes(20), Duration.ofMinutes(45));

    private static Phase notebookCreate() {
        return new NotebookPhase("notebook: create llama", NotebookSpecs.llama(), env(LLAMA, true, true), "CreateInferenceComponent",
                List.of(Duration.ZERO, Duration.ofMinutes(30))) {
            @Override
            public void prepare(FakeSageMaker fake, Ballast healthy) {
            }
        };
    }

    private static Phase notebookFirstUpdate() {
        return new NotebookPhase("notebook: update to DeepSeek without the Messages API (rolled back by its alarm)",
                NotebookSpecs.deepSeekWithoutMessagesApi(), env(DEEPSEEK, false, false), "UpdateInferenceComponent", ROLLOUT) {
            @Override
            public void prepare(FakeSageMaker fake, Ballast healthy) {
                assertThat(healthy.apply(NotebookSpecs.llama()).await()).isSucceeded();
                fake.traffic().toComponent(NotebookSpecs.ENDPOINT, "llm").body(NotebookSpecs.CHAT).start();
            }
        };
    }

    private static Phase notebookSecondUpdate() {
        return new NotebookPhase("notebook: update to DeepSeek with the Messages API", NotebookSpecs.deepSeek(), env(DEEPSEEK, true, false),
                "UpdateInferenceComponent", ROLLOUT) {
            @Override
            public void prepare(FakeSageMaker fake, Ballast healthy) {
                assertThat(healthy.apply(NotebookSpecs.llama()).await()).isSucceeded();
                fake.traffic().toComponent(NotebookSpecs.ENDPOINT, "llm").body(NotebookSpecs.CHAT).start();
                assertThat(healthy.apply(NotebookSpecs.deepSeekWithoutMessagesApi()).await()).isRolledBack();
                fake.clock().advance(Duration.ofMinutes(10)); // the alarm's next period sees no errors: back to OK
            }
        };
    }

    // ---- blue/green ----

    private abstract static class BlueGreenPhase implements Phase {
        private final String name;
        private final VariantEndpointSpec spec;

        BlueGreenPhase(String name, VariantEndpointSpec spec) {
            this.name = name;
            this.spec = spec;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public FakeSageMaker world() {
            return FakeSageMaker.create().givenContainer(c -> c.image().equals(ABTestSpecs.BROKEN_IMAGE),
                    ContainerBehavior.always(ContainerResponse.error(500, "model crashed")));
        }

        @Override
        public EndpointSpec spec() {
            return spec;
        }

        @Override
        public boolean runs(FakeSageMaker fake) {
            try {
                DescribeEndpointResponse e = fake.sageMakerClient().describeEndpoint(b -> b.endpointName(ABTestSpecs.ENDPOINT));
                return e.endpointStatusAsString().equals("InService") && e.pendingDeploymentSummary() == null
                        && e.endpointConfigName().equals(spec.endpointConfigName());
            } catch (RuntimeException notFound) {
                return false;
            }
        }

        @Override
        public String rolledBackResource() {
            return ABTestSpecs.ENDPOINT;
        }

        @Override
        public String watched() {
            return "UpdateEndpoint";
        }

        @Override
        public List<Duration> during() {
            return List.of(Duration.ZERO, Duration.ofMinutes(3), Duration.ofMinutes(9), Duration.ofMinutes(14), Duration.ofMinutes(18));
        }
    }

    private static Phase canaryRetrain() {
        return new BlueGreenPhase("blue/green: canary retrain of v2", ABTestSpecs.retrain(ABTestSpecs.IMAGE + "2.4-cpu", ABTestSpecs.canary())) {
            @Override
            public void prepare(FakeSageMaker fake, Ballast healthy) {
                assertThat(healthy.apply(ABTestSpecs.abTestOnTwo()).await()).isSucceeded();
            }
        };
    }

    private static Phase brokenRetrain() {
        return new BlueGreenPhase("blue/green: broken retrain of v2, all at once (rolled back by its alarm)",
                ABTestSpecs.retrain(ABTestSpecs.BROKEN_IMAGE, BlueGreen.allAtOnce().bake(Duration.ofMinutes(5)))) {
            @Override
            public void prepare(FakeSageMaker fake, Ballast healthy) {
                assertThat(healthy.apply(ABTestSpecs.abTestOnTwo()).await()).isSucceeded();
                fake.traffic().toEndpoint(ABTestSpecs.ENDPOINT).every(Duration.ofSeconds(2)).start();
                // requests to v2 whatever the weights, so that every rollout of the broken v2 trips its alarm
                fake.traffic().toVariant(ABTestSpecs.ENDPOINT, ABTestSpecs.V2).every(Duration.ofSeconds(5)).start();
            }
        };
    }

    // ---- the proof ----

    /** A kill point: the process dies before its mutating call number {@code mutations + 1}, or {@code after} its watched call. */
    private record Point(int mutations, Duration after, String label) {
    }

    private record Verdict(String line, boolean attachTrue, boolean attachExact, boolean applyTrue, boolean leakFree) {
        boolean allTrue() {
            return attachTrue && applyTrue && leakFree;
        }
    }

    private static String kind(Outcome o) {
        return o.summary().substring(0, o.summary().indexOf(" after"));
    }

    private static boolean settled(FakeSageMaker fake) {
        boolean endpoints = fake.sageMakerClient().listEndpoints().endpoints().stream()
                .allMatch(e -> e.endpointStatusAsString().equals("InService"));
        boolean components = fake.sageMakerClient().listInferenceComponents(b -> { }).inferenceComponents().stream()
                .allMatch(c -> c.inferenceComponentStatusAsString().equals("InService"));
        return endpoints && components;
    }

    private static boolean rolledBackSince(FakeSageMaker fake, String resource, Instant since) {
        return fake.timeline().eventsFor(resource).stream()
                .anyMatch(e -> e.kind() == TimelineEvent.Kind.ROLLBACK_FINISHED && !e.at().isBefore(since));
    }

    /** What a truthful outcome says now, from the fake alone. */
    private static String truth(FakeSageMaker fake, Phase phase, boolean updateSent, Instant since) {
        if (phase.runs(fake)) {
            return "SUCCEEDED";
        }
        if (updateSent && rolledBackSince(fake, phase.rolledBackResource(), since)) {
            return "ROLLED_BACK";
        }
        return settled(fake) ? "NOT_APPLIED" : "IN FLIGHT";
    }

    /**
     * Whether an outcome is true, though not the most specific one: {@code NOT_APPLIED} ("what
     * runs is not the spec, nothing is in flight") for a component update that was rolled back
     * before anyone watched, once SageMaker's record no longer shows it (its alarm is back to OK;
     * a component's record never names the specification a rolled-back update carried).
     */
    private static boolean trueButLessSpecific(FakeSageMaker fake, Phase phase, String said, String truth, Instant watchedFrom) {
        return said.equals("NOT_APPLIED") && truth.equals("ROLLED_BACK") && settled(fake) && !phase.rolledBackResource().equals(ABTestSpecs.ENDPOINT)
                && fake.timeline().eventsFor(phase.rolledBackResource()).stream().filter(e -> e.kind() == TimelineEvent.Kind.ROLLBACK_FINISHED)
                        .reduce((a, b) -> b).map(e -> e.at().isBefore(watchedFrom)).orElse(false);
    }

    /** Every resource of the world, by kind and name: what an uninterrupted run must leave, no more, no less. */
    private static TreeSet<String> resources(FakeSageMaker fake) {
        TreeSet<String> all = new TreeSet<>();
        var sm = fake.sageMakerClient();
        sm.listEndpoints().endpoints().forEach(e -> all.add("endpoint/" + e.endpointName()));
        sm.listEndpointConfigs(b -> b.maxResults(100)).endpointConfigs().forEach(c -> all.add("endpoint-config/" + c.endpointConfigName()));
        sm.listInferenceComponents(b -> { }).inferenceComponents().forEach(c -> all.add("inference-component/" + c.inferenceComponentName()));
        sm.listModels(b -> b.maxResults(100)).models().forEach(m -> all.add("model/" + m.modelName()));
        fake.cloudWatchClient().describeAlarms().metricAlarms().forEach(a -> all.add("alarm/" + a.alarmName()));
        fake.autoScalingClient().describeScalableTargets(b -> b.serviceNamespace("sagemaker")).scalableTargets()
                .forEach(t -> all.add("scalable-target/" + t.resourceId()));
        return all;
    }

    private record Baseline(List<String> mutations, TreeSet<String> resources, String outcome) {
    }

    private static Baseline baseline(Phase phase) {
        FakeSageMaker fake = phase.world();
        phase.prepare(fake, engine(fake, fake));
        List<String> mutations = new CopyOnWriteArrayList<>();
        Transport recording = request -> {
            String op = DyingProcess.operation(request);
            if (DyingProcess.isMutation(op)) {
                mutations.add(op);
            }
            return fake.execute(request);
        };
        Outcome outcome = engine(recording, fake).apply(phase.spec()).await();
        return new Baseline(List.copyOf(mutations), resources(fake), kind(outcome));
    }

    private static List<Point> points(Phase phase, Baseline baseline) {
        List<Point> points = new ArrayList<>();
        for (int k = 0; k < baseline.mutations().size(); k++) {
            points.add(new Point(k, null, "before " + baseline.mutations().get(k) + " (call " + (k + 1) + " of "
                    + baseline.mutations().size() + ")"));
        }
        int watched = baseline.mutations().indexOf(phase.watched());
        assertThat(watched).as("%s sends %s", phase.name(), phase.watched()).isNotNegative();
        for (Duration after : phase.during()) {
            points.add(new Point(watched + 1, after, DeploymentStoryTest.readable(after) + " after " + phase.watched()));
        }
        return points;
    }

    private static Verdict run(Phase phase, Point point, Baseline baseline, Function<FakeSageMaker, Wire> wires) {
        FakeSageMaker fake = phase.world();
        try (Wire wire = wires.apply(fake)) {
            phase.prepare(fake, engine(fake, fake));
            Instant since = fake.clock().now();
            DyingProcess process = new DyingProcess(wire.transport(), fake.clock(), point.mutations());
            process.engine(fake.clock()).apply(phase.spec());
            if (point.after() == null) {
                for (int i = 0; i < 6 * 60 * 3 && !process.dead(); i++) {
                    fake.clock().advance(Duration.ofSeconds(10));
                }
                assertThat(process.dead()).as("%s: the process reached %s", phase.name(), point.label()).isTrue();
            } else {
                for (int i = 0; i < 6 * 60 * 3 && process.mutations().size() < point.mutations(); i++) {
                    fake.clock().advance(Duration.ofSeconds(10));
                }
                fake.clock().advance(point.after());
                process.kill();
            }
            boolean sentByTheDead = process.mutations().contains(phase.watched());

            Instant attachedAt = fake.clock().now();
            Outcome attached = engine(wire.transport(), fake).attach(phase.spec()).await();
            String attachTruth = truth(fake, phase, sentByTheDead, since);
            boolean attachExact = kind(attached).equals(attachTruth);
            boolean attachTrue = attachExact || trueButLessSpecific(fake, phase, kind(attached), attachTruth, attachedAt);

            List<String> applyMutations = new CopyOnWriteArrayList<>();
            Transport counting = request -> {
                String op = DyingProcess.operation(request);
                if (DyingProcess.isMutation(op)) {
                    applyMutations.add(op);
                }
                return wire.transport().execute(request);
            };
            // The dead process still holds the endpoint's lease: the next apply can take it over only once it expired.
            fake.clock().advance(LEASE_EXPIRY);
            Outcome applied = engine(counting, fake).apply(phase.spec()).await();
            String applyTruth = truth(fake, phase, sentByTheDead || applyMutations.contains(phase.watched()), since);
            TreeSet<String> left = resources(fake);
            boolean leakFree = left.equals(baseline.resources());
            String line = String.format("%-44s attach %-11s (true: %-11s) apply %-11s (true: %-11s, uninterrupted: %-11s)%s",
                    point.label(), kind(attached), attachTruth, kind(applied), applyTruth, baseline.outcome(),
                    leakFree ? "" : " LEFT " + diff(left, baseline.resources()));
            return new Verdict(line + (attachExact ? "" : attachTrue ? " (true, less specific: the record no longer shows the rollback)"
                    : "") + (attachExact ? "" : "\n      attach said: " + attached.summary()), attachTrue, attachExact,
                    kind(applied).equals(applyTruth) && kind(applied).equals(baseline.outcome()), leakFree);
        }
    }

    private static String diff(TreeSet<String> left, TreeSet<String> expected) {
        TreeSet<String> extra = new TreeSet<>(left);
        extra.removeAll(expected);
        TreeSet<String> missing = new TreeSet<>(expected);
        missing.removeAll(left);
        return "extra " + extra + " missing " + missing;
    }

    private static void prove(List<Phase> phases, Function<FakeSageMaker, Wire> wires, String how) {
        List<Verdict> verdicts = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        for (Phase phase : phases) {
            Baseline baseline = baseline(phase);
            report.append("\n").append(phase.name()).append(" — uninterrupted: ").append(baseline.outcome()).append(", calls ")
                    .append(baseline.mutations()).append("\n");
            for (Point point : points(phase, baseline)) {
                Verdict v = run(phase, point, baseline, wires);
                verdicts.add(v);
                report.append(v.allTrue() ? "  ok   " : "  FAIL ").append(v.line()).append("\n");
            }
        }
        long attachTrue = verdicts.stream().filter(Verdict::attachTrue).count();
        long attachExact = verdicts.stream().filter(Verdict::attachExact).count();
        long applyTrue = verdicts.stream().filter(Verdict::applyTrue).count();
        long leakFree = verdicts.stream().filter(Verdict::leakFree).count();
        report.append(String.format("%s: attach true at %d of %d kill points (%d of them the most specific outcome), apply true at %d of %d, "
                + "nothing leaked at %d of %d%n", how, attachTrue, verdicts.size(), attachExact, applyTrue, verdicts.size(), leakFree, verdicts.size()));
        System.out.println(report);
        assertThat(verdicts).as(report.toString()).allMatch(Verdict::allTrue);
    }

    @Test
    @DisplayName("the notebook, killed between every two mutating calls and during its rollouts: attach and apply are true, nothing leaks")
    void notebookInProcess() {
        prove(List.of(notebookCreate(), notebookFirstUpdate(), notebookSecondUpdate()), KillPointProofTest::inProcess, "notebook, in process");
    }

    @Test
    @DisplayName("blue/green updates, killed between every two mutating calls and during their deployments: attach and apply are true, nothing leaks")
    void blueGreenInProcess() {
        prove(List.of(canaryRetrain(), brokenRetrain()), KillPointProofTest::inProcess, "blue/green, in process");
    }

    @Test
    @DisplayName("over HTTP: the notebook's second update and the canary retrain, killed at every point: true, nothing leaks")
    void overHttp() {
        prove(List.of(notebookSecondUpdate(), canaryRetrain()), KillPointProofTest::overHttp, "over HTTP");
    }
}
