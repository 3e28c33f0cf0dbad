package dev.ballast.scenario;

import static dev.ballast.RollingUpdate.batch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.Ballast;
import dev.ballast.Component;
import dev.ballast.Endpoint;
import dev.ballast.FleetDeployment;
import dev.ballast.outcome.Outcome;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.testkit.ContainerBehavior;
import dev.ballast.testkit.FakeSageMaker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.ListInferenceComponentsRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateInferenceComponentRequest;

/**
 * How a crowded engine watches: its sweeps list what changed since the last one, a new component
 * seen {@code InService} in a list needs no Describe, and what a list cannot tell (a rollback, a
 * failure's reason) is still described, so outcomes stay true.
 */
class FleetWatchTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerRole";
    private static final String IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.31.0-lmi13.0.0-cu124";

    /** Eight endpoints of two components, each rolled one copy at a time. */
    private static List<ComponentEndpointSpec> fleet(String model, String badOne) {
        return IntStream.range(0, 8).mapToObj(i -> {
            String name = "watch-" + i;
            String m = name.equals(badOne) ? "org/broken" : model;
            return Endpoint.on("ml.g5.12xlarge").scale(1, 2).executionRole(ROLE)
                    .component(Component.named(name + "-a").image(IMAGE).env("HF_MODEL_ID", m).accelerators(1).memoryMb(1024).copies(1))
                    .rollingUpdate(batch(1).wait(Duration.ofSeconds(60)))
                    .component(Component.named(name + "-b").image(IMAGE).env("HF_MODEL_ID", m).accelerators(1).memoryMb(1024).copies(1))
                    .rollingUpdate(batch(1).wait(Duration.ofSeconds(60)))
                    .named(name);
        }).toList();
    }

    @Test
    @DisplayName("a fleet's new components are judged InService from the sweeps' lists, without a Describe after their create")
    void createdComponentsSettleFromLists() {
        FakeSageMaker fake = FakeSageMaker.create();
        FleetReadsTest.Requests calls = new FleetReadsTest.Requests(fake);
        Ballast ballast = fake.engineBuilder().transport(calls).build();

        FleetDeployment.Summary created = ballast.applyAll(fleet("org/a", ""), FleetDeployment.Policy.defaults()).await();

        assertThat(created.counts()).as(created.outcomes().toString()).isEqualTo(Map.of("SUCCEEDED", 8));
        for (int i = 0; i < 8; i++) {
            for (String c : List.of("watch-" + i + "-a", "watch-" + i + "-b")) {
                int create = indexOf(calls.sent, r -> r instanceof CreateInferenceComponentRequest q && q.inferenceComponentName().equals(c));
                assertThat(calls.sent.subList(create, calls.sent.size())).as(c)
                        .noneMatch(r -> r instanceof DescribeInferenceComponentRequest d && d.inferenceComponentName().equals(c));
                assertThat(fake.sageMakerClient().describeInferenceComponent(r -> r.inferenceComponentName(c)).runtimeConfig()
                        .currentCopyCount()).as(c).isEqualTo(1);
            }
        }
        // A new endpoint, too, is judged from the list that shows it InService: it has no configuration to roll back to.
        for (int i = 0; i < 8; i++) {
            String e = "watch-" + i;
            int create = indexOf(calls.sent, r -> r instanceof CreateEndpointRequest q && q.endpointName().equals(e));
            assertThat(calls.sent.subList(create, calls.sent.size())).as(e)
                    .noneMatch(r -> r instanceof DescribeEndpointRequest d && d.endpointName().equals(e));
        }
        // Sweeps list what changed (LastModifiedTimeAfter), never every component in a status.
        assertThat(calls.sent).anyMatch(r -> r instanceof ListInferenceComponentsRequest l && l.lastModifiedTimeAfter() != null)
                .noneMatch(r -> r instanceof ListInferenceComponentsRequest l && l.statusEquals() != null);
    }

    @Test
    @DisplayName("in a fleet's roll, a component SageMaker rolled back ends ROLLED_BACK and the others SUCCEEDED; the roll plans from the engine's own record")
    void rollbackInAFleetIsToldApart() {
        FakeSageMaker fake = FakeSageMaker.create();
        fake.givenContainerWithEnv("HF_MODEL_ID", "org/broken", ContainerBehavior.neverHealthy());
        FleetReadsTest.Requests calls = new FleetReadsTest.Requests(fake);
        Ballast ballast = fake.engineBuilder().transport(calls).build();
        assertThat(ballast.applyAll(fleet("org/a", ""), FleetDeployment.Policy.defaults()).await().counts())
                .isEqualTo(Map.of("SUCCEEDED", 8));
        calls.sent.clear();

        FleetDeployment.Summary rolled = ballast.applyAll(fleet("org/b", "watch-5"), FleetDeployment.Policy.defaults()).await();

        assertThat(rolled.outcomes().get("watch-5")).as(rolled.outcomes().toString()).isInstanceOf(Outcome.RolledBack.class);
        assertThat(((Outcome.RolledBack) rolled.outcomes().get("watch-5")).reason())
                .contains("component watch-5-a is InService with its previous specification");
        assertThat(rolled.counts()).containsEntry("SUCCEEDED", 7);
        assertThat(fake.sageMakerClient().describeInferenceComponent(r -> r.inferenceComponentName("watch-5-a")).specification()
                .container().environment()).containsEntry("HF_MODEL_ID", "org/a");
        // The roll's plans take each endpoint from the engine's record of its create (the list shows it unchanged).
        assertThat(calls.sent).noneMatch(r -> r instanceof DescribeEndpointRequest);
        for (int i = 0; i < 8; i++) {
            String c = "watch-" + i + "-a";
            int update = indexOf(calls.sent, r -> r instanceof UpdateInferenceComponentRequest u && u.inferenceComponentName().equals(c));
            // planned from the record of its create, which a list showed unchanged since
            assertThat(calls.sent.subList(0, update)).as(c)
                    .noneMatch(r -> r instanceof DescribeInferenceComponentRequest d && d.inferenceComponentName().equals(c));
            // an update's end is described: only the specification tells a rollback from a success
            assertThat(calls.sent.subList(update, calls.sent.size())).as(c)
                    .anyMatch(r -> r instanceof DescribeInferenceComponentRequest d && d.inferenceComponentName().equals(c));
        }
    }

    @Test
    @DisplayName("a fleet's component whose create fails ends FAILED with SageMaker's reason, which only a Describe shows")
    void failedCreateNamesTheReason() {
        FakeSageMaker fake = FakeSageMaker.create();
        fake.givenContainerWithEnv("HF_MODEL_ID", "org/broken", ContainerBehavior.neverHealthy());
        Ballast ballast = fake.engineBuilder().build();

        FleetDeployment.Summary created = ballast.applyAll(fleet("org/a", "watch-2"), FleetDeployment.Policy.defaults()).await();

        assertThat(created.counts()).as(created.outcomes().toString()).containsEntry("SUCCEEDED", 7);
        Outcome failed = created.outcomes().get("watch-2");
        String reason = fake.sageMakerClient().describeInferenceComponent(r -> r.inferenceComponentName("watch-2-a")).failureReason();
        assertThat(reason).isNotBlank();
        assertThat(failed).isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.reason())
                .contains("inference-component/watch-2-a is Failed").contains(reason));
    }

    @Test
    @DisplayName("lists that never show a change (a clock far off, a view that lags) cost a fleet time, not truth: what no list shows for 10 minutes is described")
    void blindListsFallBackToDescribes() {
        FakeSageMaker fake = FakeSageMaker.create();
        java.util.List<software.amazon.awssdk.core.SdkRequest> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        // Every sweep's list of what changed comes back empty; the account listing and status lists stay true.
        dev.ballast.spi.Transport blind = request -> {
            sent.add(request);
            if (request instanceof ListInferenceComponentsRequest l && l.lastModifiedTimeAfter() != null) {
                return software.amazon.awssdk.services.sagemaker.model.ListInferenceComponentsResponse.builder().build();
            }
            if (request instanceof software.amazon.awssdk.services.sagemaker.model.ListEndpointsRequest l
                    && l.lastModifiedTimeAfter() != null) {
                return software.amazon.awssdk.services.sagemaker.model.ListEndpointsResponse.builder().build();
            }
            return fake.execute(request);
        };
        Ballast ballast = fake.engineBuilder().transport(blind).build();

        FleetDeployment.Summary created = ballast.applyAll(fleet("org/a", ""), FleetDeployment.Policy.defaults()).await();

        assertThat(created.counts()).as(created.outcomes().toString()).isEqualTo(Map.of("SUCCEEDED", 8));
        for (int i = 0; i < 8; i++) {
            String c = "watch-" + i + "-b";
            assertThat(fake.sageMakerClient().describeInferenceComponent(r -> r.inferenceComponentName(c)).inferenceComponentStatusAsString())
                    .isEqualTo("InService");
            // seen settle only by a Describe, once no list had shown it for the stale time
            assertThat(sent).as(c).anyMatch(r -> r instanceof DescribeInferenceComponentRequest d && d.inferenceComponentName().equals(c));
        }
        assertThat(created.slowest().orElseThrow().getValue().took()).isGreaterThan(Duration.ofMinutes(10));
    }

    @Test
    @DisplayName("a fleet's deployment goes on at the sweep that lists its component settled, not at its wait's next poll however far off")
    void aSweepWakesTheWaitItSawSettle() {
        FakeSageMaker fake = FakeSageMaker.create();
        Map<String, java.time.Instant> updateSent = new java.util.concurrent.ConcurrentHashMap<>();
        dev.ballast.spi.Transport timed = request -> {
            if (request instanceof UpdateInferenceComponentRequest u) {
                updateSent.put(u.inferenceComponentName(), fake.clock().now());
            }
            return fake.execute(request);
        };
        // Polls back off up to ten minutes: a wait that slept through its component's settle would show it here.
        Ballast ballast = fake.engineBuilder().transport(timed).watch(new dev.ballast.engine.WatchSettings(Duration.ofSeconds(5),
                Duration.ofMinutes(10), Duration.ofHours(8), Duration.ofMinutes(2))).build();
        assertThat(ballast.applyAll(fleet("org/a", ""), FleetDeployment.Policy.defaults()).await().counts())
                .isEqualTo(Map.of("SUCCEEDED", 8));
        java.time.Instant rollStart = fake.clock().now();

        FleetDeployment.Summary rolled = ballast.applyAll(fleet("org/b", ""), FleetDeployment.Policy.defaults()).await();

        assertThat(rolled.counts()).as(rolled.outcomes().toString()).isEqualTo(Map.of("SUCCEEDED", 8));
        for (int i = 0; i < 8; i++) {
            String first = "watch-" + i + "-a";
            java.time.Instant settled = fake.timeline().eventsFor(first).stream()
                    .filter(e -> e.kind() == dev.ballast.testkit.TimelineEvent.Kind.STATUS && "InService".equals(e.to())
                            && e.at().isAfter(rollStart))
                    .map(dev.ballast.testkit.TimelineEvent::at).reduce((a, b) -> b).orElseThrow();
            // the next component's update follows the sweep that saw the first settle (every 15 s), its Describe and its turn
            assertThat(Duration.between(settled, updateSent.get("watch-" + i + "-b"))).as(first)
                    .isPositive().isLessThanOrEqualTo(Duration.ofSeconds(30));
        }
    }

    @Test
    @DisplayName("a fleet's component whose Describe fails when a sweep lists it Failed still ends FAILED with SageMaker's reason")
    void aFailedDescribeStillOwesTheReason() {
        FakeSageMaker fake = FakeSageMaker.create();
        fake.givenContainerWithEnv("HF_MODEL_ID", "org/broken", ContainerBehavior.neverHealthy());
        java.util.concurrent.atomic.AtomicReference<java.time.Instant> firstRefused = new java.util.concurrent.atomic.AtomicReference<>();
        // Once the component is Failed, its Describe answers 503 for five minutes: longer than the caller's retries.
        dev.ballast.spi.Transport flaky = request -> {
            if (request instanceof DescribeInferenceComponentRequest d && d.inferenceComponentName().equals("watch-2-a")
                    && "Failed".equals(fake.sageMakerClient().describeInferenceComponent(r -> r.inferenceComponentName("watch-2-a"))
                            .inferenceComponentStatusAsString())) {
                firstRefused.compareAndSet(null, fake.clock().now());
                if (fake.clock().now().isBefore(firstRefused.get().plus(Duration.ofMinutes(5)))) {
                    throw software.amazon.awssdk.core.exception.SdkServiceException.builder().statusCode(503)
                            .message("Service Unavailable").build();
                }
            }
            return fake.execute(request);
        };
        Ballast ballast = fake.engineBuilder().transport(flaky).watch(new dev.ballast.engine.WatchSettings(Duration.ofSeconds(5),
                Duration.ofMinutes(10), Duration.ofHours(8), Duration.ofMinutes(2))).build();

        FleetDeployment.Summary created = ballast.applyAll(fleet("org/a", "watch-2"), FleetDeployment.Policy.defaults()).await();

        String reason = fake.sageMakerClient().describeInferenceComponent(r -> r.inferenceComponentName("watch-2-a")).failureReason();
        assertThat(firstRefused.get()).as("the sweep's Describe was refused").isNotNull();
        assertThat(created.outcomes().get("watch-2")).isInstanceOfSatisfying(Outcome.Failed.class,
                f -> assertThat(f.reason()).contains("inference-component/watch-2-a is Failed").contains(reason));
        assertThat(created.counts()).containsEntry("SUCCEEDED", 7);
    }

    @Test
    @DisplayName("a fleet's update rolled back by its alarm names the alarm, though the alarm went off while the update's wait slept")
    void aWokenWaitReadsItsAlarmsFresh() {
        FakeSageMaker fake = FakeSageMaker.create();
        String alarm = "watch-3-watch-3-a-invocation4xxerrors";
        java.util.concurrent.atomic.AtomicReference<java.time.Instant> updated = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean fired = new java.util.concurrent.atomic.AtomicBoolean();
        dev.ballast.spi.Transport alarming = request -> {
            SdkResponse response = fake.execute(request);
            if (request instanceof UpdateInferenceComponentRequest u && u.inferenceComponentName().equals("watch-3-a")) {
                updated.set(fake.clock().now());
            }
            // well into the bake, when the wait's polls have backed off to minutes
            boolean baking = updated.get() != null && fake.timeline().eventsFor("watch-3-a").stream().anyMatch(e ->
                    e.kind() == dev.ballast.testkit.TimelineEvent.Kind.BAKE_STARTED && !e.at().isBefore(updated.get())
                            && !e.at().plus(Duration.ofMinutes(15)).isAfter(fake.clock().now()));
            // right after the engine read the alarm: the wait sees it next when a sweep wakes it, before its next poll
            if (baking && request instanceof software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest d
                    && d.alarmNames().contains(alarm) && fired.compareAndSet(false, true)) {
                fake.cloudWatchClient().setAlarmState(b -> b.alarmName(alarm).stateValue("ALARM").stateReason("4xx errors"));
            }
            return response;
        };
        Ballast ballast = fake.engineBuilder().transport(alarming).watch(new dev.ballast.engine.WatchSettings(Duration.ofSeconds(5),
                Duration.ofMinutes(10), Duration.ofHours(8), Duration.ofMinutes(2))).build();
        assertThat(ballast.applyAll(guarded("org/a"), FleetDeployment.Policy.defaults()).await().counts())
                .isEqualTo(Map.of("SUCCEEDED", 8));

        FleetDeployment.Summary rolled = ballast.applyAll(guarded("org/b"), FleetDeployment.Policy.defaults()).await();

        assertThat(rolled.outcomes().get("watch-3")).as(rolled.outcomes().toString()).isInstanceOfSatisfying(Outcome.RolledBack.class,
                r -> {
                    assertThat(r.alarm()).contains(alarm);
                    assertThat(r.reason()).contains("alarm reason: 4xx errors");
                });
        assertThat(rolled.counts()).containsEntry("SUCCEEDED", 7);
    }

    /** Eight endpoints of one component each, whose rolling update a 4xx alarm rolls back. */
    private static List<ComponentEndpointSpec> guarded(String model) {
        return IntStream.range(0, 8).mapToObj(i -> Endpoint.on("ml.g5.12xlarge").scale(1, 2).executionRole(ROLE)
                .component(Component.named("watch-" + i + "-a").image(IMAGE).env("HF_MODEL_ID", model).accelerators(1).memoryMb(1024)
                        .copies(2))
                .rollingUpdate(batch(1).wait(Duration.ofMinutes(30))
                        .rollbackOn(dev.ballast.Alarm.invocation4xxErrors().above(5).per(Duration.ofMinutes(5))))
                .named("watch-" + i)).toList();
    }

    private static int indexOf(List<SdkRequest> sent, java.util.function.Predicate<SdkRequest> which) {
        for (int i = 0; i < sent.size(); i++) {
            if (which.test(sent.get(i))) {
                return i;
            }
        }
        throw new AssertionError("not sent");
    }
}
