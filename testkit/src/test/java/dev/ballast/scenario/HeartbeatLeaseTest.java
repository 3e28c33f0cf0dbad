package dev.ballast.scenario;

import static dev.ballast.testkit.assertions.FakeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.Deployment;
import dev.ballast.FleetDeployment;
import dev.ballast.engine.BallastEngine;
import dev.ballast.outcome.Outcome;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spi.Scheduler;
import dev.ballast.spi.Transport;
import dev.ballast.testkit.FakeSageMaker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.sagemaker.model.AddTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.EndpointConfigSummary;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/**
 * A crowded engine's leases live by one heartbeat per engine (issue 17): a fleet's leases cost one
 * renewal per third of the lease duration in all, and still keep a second engine out while the
 * engine lives, and let it in once the engine is dead.
 */
class HeartbeatLeaseTest {

    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final Pattern LEASE_NAME = Pattern.compile("(.*)-lease-[0-9a-f]{8}");

    private final FakeSageMaker fake = FakeSageMaker.create();

    /** Every request that reached the fake, with its simulated time; AddTags of the heartbeats are refused while {@code refuseHeartbeat}. */
    private final class Sent implements Transport {
        final List<Instant> at = new CopyOnWriteArrayList<>();
        final List<SdkRequest> requests = new CopyOnWriteArrayList<>();
        volatile boolean refuseHeartbeat;
        volatile int unavailableHeartbeats;

        @Override
        public SdkResponse execute(SdkRequest request) {
            at.add(fake.clock().now());
            requests.add(request);
            if (request instanceof AddTagsRequest t && t.resourceArn().contains("/ballast-heartbeat-")) {
                if (refuseHeartbeat) {
                    throw (SageMakerException) SageMakerException.builder().statusCode(400).message("AccessDenied").build();
                }
                if (unavailableHeartbeats > 0) {
                    unavailableHeartbeats--;
                    throw (SageMakerException) SageMakerException.builder().statusCode(503).message("Service Unavailable").build();
                }
            }
            return fake.execute(request);
        }

        /** @return the operations that change something, the lease's apart */
        List<String> mutations() {
            return requests.stream().filter(r -> !LeaseTraffic.isLease(r)).map(DyingProcess::operation)
                    .filter(DyingProcess::isMutation).toList();
        }

        List<SdkRequest> since(Instant from) {
            List<SdkRequest> result = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                if (!at.get(i).isBefore(from)) {
                    result.add(requests.get(i));
                }
            }
            return result;
        }
    }

    private BallastEngine engine(Transport transport) {
        return fake.engineBuilder().transport(transport).leaseDuration(LEASE).build();
    }

    private List<String> configs() {
        return fake.sageMakerClient().listEndpointConfigs(r -> { }).endpointConfigs().stream()
                .map(EndpointConfigSummary::endpointConfigName).toList();
    }

    private static boolean heartbeat(String name) {
        return name.startsWith("ballast-heartbeat-");
    }

    /** @return the lease reads (DescribeEndpointConfig of a lease) among {@code requests}, by endpoint */
    private static Map<String, Long> leaseReads(List<SdkRequest> requests) {
        Map<String, Long> reads = new java.util.TreeMap<>();
        for (SdkRequest r : requests) {
            if (r instanceof DescribeEndpointConfigRequest d) {
                java.util.regex.Matcher m = LEASE_NAME.matcher(d.endpointConfigName());
                if (m.matches()) {
                    reads.merge(m.group(1), 1L, Long::sum);
                }
            }
        }
        return reads;
    }

    @Test
    @DisplayName("a crowded fleet's leases send no AddTags of their own: one heartbeat renewal per third of the lease in all, and no lease reads")
    void oneHeartbeatPerEngine() {
        Sent sent = new Sent();
        Instant start = fake.clock().now();

        FleetDeployment.Summary summary = engine(sent).applyAll(FleetTest.fleet(6, "org/a"), FleetDeployment.Policy.defaults()).await();

        assertThat(summary.counts()).as(summary.outcomes().toString()).isEqualTo(Map.of("SUCCEEDED", 6));
        Duration took = Duration.between(start, fake.clock().now());
        assertThat(took).as("the fleet outlasts many thirds of its leases").isGreaterThan(LEASE.multipliedBy(3));
        List<AddTagsRequest> tags = sent.requests.stream().filter(AddTagsRequest.class::isInstance).map(AddTagsRequest.class::cast).toList();
        assertThat(tags).as("no lease renews itself").allMatch(t -> t.resourceArn().contains("/ballast-heartbeat-"));
        long thirds = took.toMillis() / LEASE.dividedBy(3).toMillis();
        assertThat((long) tags.size()).as("one heartbeat renewal per third, for six leases").isBetween(thirds - 1, thirds);
        // each lease: its create (no read back: the name did not exist) and its delete (vouched for by the heartbeat)
        assertThat(leaseReads(sent.requests)).as("lease reads per endpoint").isEmpty();
        assertThat(sent.requests).filteredOn(r -> r instanceof CreateEndpointConfigRequest c && heartbeat(c.endpointConfigName()))
                .as("the heartbeat is created once").hasSize(1);
        assertThat(configs()).as("leases and heartbeat gone at the end").noneMatch(c -> c.contains("-lease-") || heartbeat(c));
    }

    @Test
    @DisplayName("an engine whose calls queue for minutes still renews its heartbeat in time: renewals go ahead of the queue, and no lease is read")
    void heartbeatGoesAheadOfAFullQueue() {
        Sent sent = new Sent();
        // Half a call a second for twenty deployments: their calls queue for minutes, far longer than a third of the lease.
        BallastEngine slow = fake.engineBuilder().transport(sent).leaseDuration(LEASE)
                .retry(new dev.ballast.engine.RetrySettings(8, Duration.ofSeconds(1), Duration.ofSeconds(20), 0.5, 1, 1)).build();

        FleetDeployment.Summary summary = slow.applyAll(FleetTest.fleet(20, "org/a"), FleetDeployment.Policy.defaults()).await();

        assertThat(summary.counts()).as(summary.outcomes().toString()).isEqualTo(Map.of("SUCCEEDED", 20));
        List<Instant> renewals = new ArrayList<>();
        for (int i = 0; i < sent.requests.size(); i++) {
            if (sent.requests.get(i) instanceof AddTagsRequest t && t.resourceArn().contains("/ballast-heartbeat-")) {
                renewals.add(sent.at.get(i));
            }
        }
        assertThat(renewals).as("renewals while the fleet ran").hasSizeGreaterThan(5);
        for (int i = 1; i < renewals.size(); i++) {
            // every third of the lease, plus at most the wait for the call in flight: never the queue's minutes
            assertThat(Duration.between(renewals.get(i - 1), renewals.get(i))).as("renewal %d", i)
                    .isLessThanOrEqualTo(LEASE.dividedBy(3).plusSeconds(4));
        }
        assertThat(leaseReads(sent.requests)).as("lease reads per endpoint").isEmpty();
    }

    @Test
    @DisplayName("one deployment alone takes the lease it always did: read back, renewed on its own, no heartbeat")
    void aloneNoHeartbeat() {
        Sent sent = new Sent();

        assertThat(engine(sent).apply(FleetTest.endpoint("solo", "ml.g5.2xlarge", "org/a")).await()).isSucceeded();

        assertThat(sent.requests).noneMatch(r -> r.getValueForField("EndpointConfigName", String.class).filter(HeartbeatLeaseTest::heartbeat)
                .isPresent() || r instanceof AddTagsRequest t && t.resourceArn().contains("/ballast-heartbeat-"));
        assertThat(sent.requests).filteredOn(AddTagsRequest.class::isInstance).as("its own renewals").isNotEmpty();
        assertThat(leaseReads(sent.requests).get("solo")).as("read back after its create, and a fence before each call")
                .isGreaterThan(2);
    }

    @Test
    @DisplayName("a second engine gets the Conflict from a live crowded engine's lease, also once the lease's own expiry passed")
    void liveHeartbeatKeepsASecondEngineOut() {
        Sent first = new Sent();
        FleetDeployment fleet = engine(first).applyAll(FleetTest.fleet(4, "org/a"), FleetDeployment.Policy.defaults());
        fake.clock().advance(Duration.ofSeconds(30));
        ComponentEndpointSpec theirs = FleetTest.endpoint("fleet-0", "ml.g5.2xlarge", "org/b");
        Sent second = new Sent();
        BallastEngine other = fake.engineBuilder().transport(second).build();

        Outcome early = other.delete(theirs).await();

        assertThat(early).isFailed().hasReasonStartingWith("Conflict: endpoint 'fleet-0' is being changed by Ballast engine ballast-");
        assertThat(second.requests).as("a lease in force: the heartbeat is not read")
                .noneMatch(r -> r.getValueForField("EndpointConfigName", String.class).filter(HeartbeatLeaseTest::heartbeat).isPresent());

        fake.clock().advance(LEASE); // past the lease's own expiry; the heartbeat is renewed
        assertThat(configs()).as("the endpoints are still being created").anyMatch(c -> c.startsWith("fleet-0-lease-"));
        Instant late = fake.clock().now();
        Outcome after = other.delete(theirs).await();

        assertThat(after).isFailed().hasReasonStartingWith("Conflict: endpoint 'fleet-0' is being changed by Ballast engine ballast-")
                .hasReasonContaining("alive by its heartbeat until ");
        assertThat(second.since(late)).as("the lease's own expiry passed: the heartbeat is read")
                .anyMatch(r -> r instanceof DescribeEndpointConfigRequest d && heartbeat(d.endpointConfigName()));
        assertThat(second.mutations()).isEmpty();
        assertThat(fleet.await().counts()).isEqualTo(Map.of("SUCCEEDED", 4));
    }

    @Test
    @DisplayName("an engine that stops (frozen) loses a lease once its heartbeat expired; when it wakes, the fence stops that deployment")
    void deadHeartbeatLetsASecondEngineIn() {
        Sent first = new Sent();
        PausableScheduler frozen = new PausableScheduler(fake.clock());
        BallastEngine a = fake.engineBuilder().transport(first).clock(fake.clock(), frozen).leaseDuration(LEASE).build();
        FleetDeployment fleet = a.applyAll(FleetTest.fleet(4, "org/a"), FleetDeployment.Policy.defaults());
        fake.clock().advance(Duration.ofSeconds(30));
        frozen.pause();
        fake.clock().advance(LEASE.multipliedBy(2)); // past the lease's own expiry and the heartbeat's
        String heartbeat = configs().stream().filter(HeartbeatLeaseTest::heartbeat).findFirst().orElseThrow();
        Sent second = new Sent();

        Deployment taking = fake.engineBuilder().transport(second).build().apply(FleetTest.endpoint("fleet-0", "ml.g5.2xlarge", "org/b"));

        assertThat(taking.await()).isSucceeded();
        assertThat(configs()).as("the dead engine's heartbeat is deleted by the taker").doesNotContain(heartbeat);
        Instant woke = fake.clock().now();
        frozen.resume();
        FleetDeployment.Summary summary = fleet.await();

        assertThat(summary.outcomes().get("fleet-0")).isFailed().hasReasonStartingWith("Conflict: endpoint 'fleet-0'");
        assertThat(first.since(woke)).as("nothing sent to fleet-0 after the lease was lost").noneMatch(r ->
                r instanceof CreateInferenceComponentRequest c && c.endpointName().equals("fleet-0"));
        assertThat(summary.counts()).containsEntry("SUCCEEDED", 3);
        assertThat(fake.sageMakerClient().describeInferenceComponent(r -> r.inferenceComponentName("fleet-0-llm")).specification()
                .container().environment()).containsEntry("HF_MODEL_ID", "org/b");
        assertThat(first.since(woke)).as("the woken engine's renewal found its heartbeat gone and created it again")
                .anyMatch(r -> r instanceof CreateEndpointConfigRequest c && c.endpointConfigName().equals(heartbeat));
        assertThat(configs()).noneMatch(c -> c.contains("-lease-") || heartbeat(c));
    }

    @Test
    @DisplayName("a heartbeat deleted under a live engine is created again, and its fences read their leases meanwhile")
    void deletedHeartbeatIsRecreated() {
        Sent sent = new Sent();
        FleetDeployment fleet = engine(sent).applyAll(FleetTest.fleet(4, "org/a"), FleetDeployment.Policy.defaults());
        fake.clock().advance(Duration.ofSeconds(90)); // past the leases' own expiry: only the heartbeat keeps them
        String heartbeat = configs().stream().filter(HeartbeatLeaseTest::heartbeat).findFirst().orElseThrow();
        fake.sageMakerClient().deleteEndpointConfig(r -> r.endpointConfigName(heartbeat));
        Instant deleted = fake.clock().now();

        fake.clock().advance(LEASE.dividedBy(3));

        assertThat(configs()).as("the next renewal created it again").contains(heartbeat);
        FleetDeployment.Summary summary = fleet.await();
        assertThat(summary.counts()).isEqualTo(Map.of("SUCCEEDED", 4));
        assertThat(leaseReads(sent.since(deleted))).as("each fence after the gap reads its lease (once: then the heartbeat vouches again)")
                .isEqualTo(Map.of("fleet-0", 1L, "fleet-1", 1L, "fleet-2", 1L, "fleet-3", 1L));
        assertThat(configs()).noneMatch(c -> c.contains("-lease-") || heartbeat(c));
    }

    @Test
    @DisplayName("a heartbeat renewal answered 503 is sent again and lands in time: the fences still read nothing")
    void heartbeatThroughAFiveHundred() {
        Sent sent = new Sent();
        sent.unavailableHeartbeats = 3;

        FleetDeployment.Summary summary = engine(sent).applyAll(FleetTest.fleet(4, "org/a"), FleetDeployment.Policy.defaults()).await();

        assertThat(summary.counts()).isEqualTo(Map.of("SUCCEEDED", 4));
        assertThat(sent.unavailableHeartbeats).as("the 503s were answered").isZero();
        assertThat(leaseReads(sent.requests)).isEmpty();
    }

    /** A scheduler that can freeze like a stopped process: tasks due while paused run once it resumes. */
    static final class PausableScheduler implements Scheduler {
        private final Scheduler delegate;
        private final List<Runnable> held = new ArrayList<>();
        private boolean paused;

        PausableScheduler(Scheduler delegate) {
            this.delegate = delegate;
        }

        synchronized void pause() {
            paused = true;
        }

        void resume() {
            List<Runnable> due;
            synchronized (this) {
                paused = false;
                due = List.copyOf(held);
                held.clear();
            }
            due.forEach(task -> delegate.schedule(Duration.ZERO, task));
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            return delegate.schedule(delay, () -> {
                synchronized (this) {
                    if (paused) {
                        held.add(task);
                        return;
                    }
                }
                task.run();
            });
        }

        @Override
        public <T> T await(CompletionStage<T> stage) {
            return delegate.await(stage);
        }
    }
}
