package dev.ballast.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.Ballast;
import dev.ballast.Component;
import dev.ballast.Deployment;
import dev.ballast.Endpoint;
import dev.ballast.FleetDeployment;
import dev.ballast.engine.RetrySettings;
import dev.ballast.event.DeploymentEvent;
import dev.ballast.outcome.Outcome;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spi.DeploymentListener;
import dev.ballast.spi.Transport;
import dev.ballast.testkit.FakeSageMaker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/** Many deployments through one engine: their outcomes, the fleet's guardrail, the shared rate and its throttling. */
class FleetTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerRole";
    private static final String IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/tgi:2.2.0";

    static ComponentEndpointSpec endpoint(String name, String instanceType, String model) {
        return Endpoint.on(instanceType).scale(1, 2).executionRole(ROLE)
                .component(Component.named(name + "-llm").image(IMAGE).env("HF_MODEL_ID", model).accelerators(1)
                        .memoryMb(1024).copies(1))
                .named(name);
    }

    static List<ComponentEndpointSpec> fleet(int n, String model) {
        return IntStream.range(0, n).mapToObj(i -> endpoint("fleet-" + i, "ml.g5.2xlarge", model)).toList();
    }

    /** Every call that reached the fake, with its simulated time and operation. */
    record Sent(Instant at, String operation, String endpoint) {
    }

    static final class Recording implements Transport {
        private final FakeSageMaker fake;
        final List<Sent> sent = new CopyOnWriteArrayList<>();
        volatile Instant throttleFrom = Instant.MIN;
        volatile Instant throttleUntil = Instant.MIN;
        int throttled;

        Recording(FakeSageMaker fake) {
            this.fake = fake;
        }

        @Override
        public SdkResponse execute(SdkRequest request) {
            String op = request.getClass().getSimpleName().replaceFirst("Request$", "");
            String endpoint = request.getValueForField("EndpointName", String.class).orElse("");
            sent.add(new Sent(fake.clock().now(), op, endpoint));
            if (!fake.clock().now().isBefore(throttleFrom) && fake.clock().now().isBefore(throttleUntil)) {
                throttled++;
                throw (SageMakerException) SageMakerException.builder().statusCode(400).message("Rate exceeded")
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").errorMessage("Rate exceeded")
                                .sdkHttpResponse(SdkHttpResponse.builder().statusCode(400).build()).build()).build();
            }
            return fake.execute(request);
        }

        /** @return the most calls sent in any window of this length */
        int mostIn(Duration window) {
            int most = 0;
            int from = 0;
            for (int to = 0; to < sent.size(); to++) {
                while (!sent.get(from).at().plus(window).isAfter(sent.get(to).at())) {
                    from++;
                }
                most = Math.max(most, to - from + 1);
            }
            return most;
        }
    }

    @Test
    @DisplayName("applyAll: each spec its own deployment and outcome, a summary, and events that name their deployment")
    void outcomesPerDeployment() {
        FakeSageMaker fake = FakeSageMaker.create();
        Map<String, List<DeploymentEvent>> byDeployment = new ConcurrentHashMap<>();
        Ballast ballast = fake.engine(b -> b.listener(new DeploymentListener() {
            @Override
            public void onEvent(DeploymentEvent event) {
            }

            @Override
            public void onEvent(String deployment, DeploymentEvent event) {
                byDeployment.computeIfAbsent(deployment, d -> new CopyOnWriteArrayList<>()).add(event);
            }
        }));

        FleetDeployment fleet = ballast.applyAll(fleet(6, "org/a"), FleetDeployment.Policy.defaults().concurrency(3));
        FleetDeployment.Summary summary = fleet.await();

        assertThat(summary.counts()).isEqualTo(Map.of("SUCCEEDED", 6));
        assertThat(summary.allSucceeded()).isTrue();
        assertThat(summary.firstFailure()).isEmpty();
        assertThat(summary.notStarted()).isEmpty();
        assertThat(summary.slowest()).isPresent();
        assertThat(fleet.deployments()).hasSize(6);
        for (int n = 0; n < 6; n++) {
            int i = n;
            Deployment d = fleet.deployments().get("fleet-" + i);
            assertThat(d.name()).isEqualTo("endpoint 'fleet-" + i + "'");
            assertThat(d.await().isSuccess()).isTrue();
            // the listener heard exactly this deployment's events under its name
            assertThat(byDeployment.get(d.name())).isEqualTo(d.events());
            assertThat(d.events()).anySatisfy(e -> assertThat(e.describe()).contains("fleet-" + i + "-llm"));
            assertThat(d.events()).noneSatisfy(e -> assertThat(e.describe()).contains("fleet-" + ((i + 1) % 6) + "-llm"));
        }
        // and a second fleet of the same specs changes nothing
        assertThat(ballast.applyAll(fleet(6, "org/a"), FleetDeployment.Policy.defaults()).await().counts()).isEqualTo(Map.of("SUCCEEDED", 6));
    }

    @Test
    @DisplayName("the fleet's guardrail: once N ended other than SUCCEEDED, no new deployment starts")
    void guardrailStopsNewStarts() {
        FakeSageMaker fake = FakeSageMaker.create().givenNoCapacity("ml.g5.4xlarge");
        Ballast ballast = fake.engine();
        List<ComponentEndpointSpec> specs = new ArrayList<>();
        specs.add(endpoint("bad-0", "ml.g5.4xlarge", "org/a"));
        specs.add(endpoint("bad-1", "ml.g5.4xlarge", "org/a"));
        specs.addAll(fleet(4, "org/a"));

        FleetDeployment.Summary summary = ballast.applyAll(specs, FleetDeployment.Policy.defaults().concurrency(1).stopAfter(2)).await();

        assertThat(summary.counts()).isEqualTo(Map.of("FAILED", 2));
        assertThat(summary.firstFailure()).hasValueSatisfying(f -> assertThat(f.getKey()).isEqualTo("bad-0"));
        assertThat(summary.notStarted()).containsExactly("fleet-0", "fleet-1", "fleet-2", "fleet-3");
        assertThat(summary.allSucceeded()).isFalse();
        // nothing of the four was created
        assertThat(fake.sageMakerClient().listEndpoints(b -> b.nameContains("fleet-")).endpoints()).isEmpty();
    }

    @Test
    @DisplayName("deployments share the engine's rate fairly and never exceed it, and watching a fleet costs fewer calls than watching each alone")
    void sharedRateIsFairAndBounded() {
        FakeSageMaker fake = FakeSageMaker.create();
        Recording calls = new Recording(fake);
        Ballast ballast = fake.engineBuilder().transport(calls).build();

        FleetDeployment.Summary summary = ballast.applyAll(fleet(8, "org/a"), FleetDeployment.Policy.defaults().concurrency(8)).await();

        assertThat(summary.counts()).isEqualTo(Map.of("SUCCEEDED", 8));
        RetrySettings limits = RetrySettings.defaults();
        // never more than the rate, bursts aside
        assertThat(calls.mostIn(Duration.ofSeconds(10))).isLessThanOrEqualTo((int) (limits.callsPerSecond() * 10) + limits.burst());
        // fair: identical deployments started together end close together
        List<Duration> took = summary.outcomes().values().stream().map(Outcome::took).sorted().toList();
        assertThat(took.get(took.size() - 1).minus(took.get(0))).isLessThan(took.get(0).dividedBy(5));
        // shared looks: the fleet's polls were lists, not a Describe per resource per poll
        assertThat(calls.sent).anySatisfy(s -> assertThat(s.operation()).isEqualTo("ListInferenceComponents"));
        long describes = calls.sent.stream().filter(s -> s.operation().startsWith("Describe")).count();
        FakeSageMaker alone = FakeSageMaker.create();
        Recording aloneCalls = new Recording(alone);
        alone.engineBuilder().transport(aloneCalls).build().apply(endpoint("fleet-0", "ml.g5.2xlarge", "org/a")).await();
        long aloneDescribes = aloneCalls.sent.stream().filter(s -> s.operation().startsWith("Describe")).count();
        assertThat(describes).isLessThan(aloneDescribes * 8 / 2);
    }

    @Test
    @DisplayName("throttling slows the whole engine, and every deployment still succeeds")
    void throttlingSlowsTheEngine() {
        FakeSageMaker fake = FakeSageMaker.create();
        Recording calls = new Recording(fake);
        Ballast ballast = fake.engineBuilder().transport(calls)
                .retry(new RetrySettings(8, Duration.ofSeconds(1), Duration.ofSeconds(20), 0.5, 1, 42L)).build();
        Instant start = fake.clock().now();
        // AWS refuses every call for 20 s, a minute in
        calls.throttleFrom = start.plus(Duration.ofSeconds(60));
        calls.throttleUntil = start.plus(Duration.ofSeconds(80));
        FleetDeployment fleet = ballast.applyAll(fleet(8, "org/a"), FleetDeployment.Policy.defaults().concurrency(8));
        fake.clock().advance(Duration.ofSeconds(60));
        int before = calls.sent.size();
        FleetDeployment.Summary summary = fleet.await();

        assertThat(summary.counts()).isEqualTo(Map.of("SUCCEEDED", 8));
        assertThat(calls.throttled).isPositive();
        // in the half minute after the throttling ended the engine sent well under its rate (0.5/s): it slowed down
        Instant after = start.plus(Duration.ofSeconds(80));
        long sentAfter = calls.sent.stream().filter(s -> !s.at().isBefore(after) && s.at().isBefore(after.plus(Duration.ofSeconds(30)))).count();
        long sentBefore = calls.sent.subList(0, before).stream()
                .filter(s -> !s.at().isBefore(start.plus(Duration.ofSeconds(30))) && s.at().isBefore(start.plus(Duration.ofSeconds(60)))).count();
        assertThat(sentBefore).as("calls in the half minute before the throttling: the rate (0.5/s) was spent ")
                .isGreaterThanOrEqualTo(14);
        assertThat(sentAfter).as("calls in the half minute after it: the engine slowed down").isLessThan(8);
    }
}
