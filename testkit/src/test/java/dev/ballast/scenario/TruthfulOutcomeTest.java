package dev.ballast.scenario;

import static dev.ballast.testkit.assertions.FakeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentResponse;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.UpdateInferenceComponentRequest;

import dev.ballast.Deployment;
import dev.ballast.engine.BallastEngine;
import dev.ballast.outcome.Outcome;
import dev.ballast.spi.Scheduler;
import dev.ballast.spi.Transport;
import dev.ballast.testkit.ContainerBehavior;
import dev.ballast.testkit.FakeSageMaker;

/** Issue 12, item 1: an outcome is a statement about what runs. */
class TruthfulOutcomeTest {

    private static final String LLAMA = "meta-llama/Llama-3.1-8B-Instruct";
    private static final String DEEPSEEK = "deepseek-ai/DeepSeek-R1-Distill-Llama-8B";

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final BallastEngine ballast = engine(fake);

    private BallastEngine engine(Transport transport) {
        return fake.engineBuilder().transport(transport).build();
    }

    private DescribeInferenceComponentResponse llm() {
        return fake.sageMakerClient().describeInferenceComponent(b -> b.inferenceComponentName("llm"));
    }

    private String model() {
        return llm().specification().container().environment().get("HF_MODEL_ID");
    }

    /** Another process starts an update of llm and dies: nobody follows it. */
    private void updateByAProcessThatDies(dev.ballast.spec.ComponentEndpointSpec spec) {
        KillableScheduler doomed = new KillableScheduler(fake.clock());
        BallastEngine.builder().transport(fake).clock(fake.clock(), doomed).build().apply(spec);
        fake.clock().advance(Duration.ofSeconds(30));
        doomed.kill();
        assertThat(llm().inferenceComponentStatusAsString()).isEqualTo("Updating");
    }

    @Test
    @DisplayName("attach after SageMaker rolled the update back, nothing in flight: not SUCCEEDED")
    void attachAfterAMissedRollback() {
        assertThat(ballast.apply(NotebookSpecs.llama()).await()).isSucceeded();
        fake.givenContainerWithEnv("HF_MODEL_ID", DEEPSEEK, ContainerBehavior.neverHealthy());
        updateByAProcessThatDies(NotebookSpecs.deepSeek());
        fake.clock().advance(Duration.ofHours(2));
        assertThat(llm().inferenceComponentStatusAsString()).isEqualTo("InService");
        assertThat(model()).isEqualTo(LLAMA);

        Outcome outcome = engine(fake).attach(NotebookSpecs.deepSeek()).await();

        // A failed health check leaves no alarm and no failure reason: SageMaker's record does not name the spec.
        assertThat(outcome).isInstanceOfSatisfying(Outcome.NotApplied.class, o -> {
            assertThat(o.differences()).singleElement().asString()
                    .startsWith("inference-component/llm: the running specification of llm differs from the spec in environment")
                    .contains("HF_MODEL_ID", "HF_TOKEN").doesNotContain(LLAMA, NotebookSpecs.TOKEN);
            assertThat(o.detail()).contains("nothing in flight", "used this spec's rolling policy");
            assertThat(o.summary()).startsWith("NOT_APPLIED after 0s: what runs is not the spec");
        });
    }

    @Test
    @DisplayName("attach of one spec while another spec rolls out: not SUCCEEDED once the other spec runs")
    void attachWhileAnotherSpecRollsOut() {
        assertThat(ballast.apply(NotebookSpecs.llama()).await()).isSucceeded();
        updateByAProcessThatDies(NotebookSpecs.deepSeek());

        Outcome outcome = engine(fake).attach(NotebookSpecs.llama()).await();

        assertThat(model()).isEqualTo(DEEPSEEK);
        assertThat(outcome).isInstanceOfSatisfying(Outcome.NotApplied.class, o -> {
            assertThat(o.detail()).startsWith("followed ").contains("inference-component/llm");
            assertThat(o.differences()).containsExactly(
                    "inference-component/llm: the running specification of llm differs from the spec in environment (HF_MODEL_ID, HF_TOKEN)");
        });
    }

    private static SageMakerException unavailable(SdkRequest request) {
        return (SageMakerException) SageMakerException.builder().statusCode(503).message("Service Unavailable").requestId("503-1")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ServiceUnavailable").errorMessage("Service Unavailable")
                        .sdkHttpResponse(SdkHttpResponse.builder().statusCode(503).build()).build()).build();
    }

    @Test
    @DisplayName("B's update never reached SageMaker (503) while A's was in flight: B does not report A's rollout as its own")
    void anotherWritersUpdateIsNotOnesOwn() {
        assertThat(ballast.apply(NotebookSpecs.llama()).await()).isSucceeded();
        SdkRequest writerA = ballast.plan(NotebookSpecs.deepSeek()).calls().get(0).request();
        boolean[] once = {false};
        Transport engineB = request -> {
            if (request instanceof UpdateInferenceComponentRequest && !once[0]) {
                once[0] = true;
                fake.execute(writerA); // A's update reaches SageMaker first ...
                throw unavailable(request); // ... B's never does
            }
            return fake.execute(request);
        };

        Outcome outcome = engine(engineB).apply(NotebookSpecs.deepSeekWithoutMessagesApi()).await();

        assertThat(model()).isEqualTo(DEEPSEEK);
        assertThat(outcome).isFailed()
                .hasReasonStartingWith("conflict: another writer's update ran instead of this deployment's: component llm runs")
                .hasReasonContaining("nothing of this deployment's update took effect", "ServiceUnavailable (HTTP 503)");
    }

    @Test
    @DisplayName("B's update never reached SageMaker while A's, begun well before, is in flight: B ends at once with a conflict")
    void anotherWritersUpdateInFlightEndsAtOnce() {
        assertThat(ballast.apply(NotebookSpecs.llama()).await()).isSucceeded();
        SdkRequest writerA = ballast.plan(NotebookSpecs.deepSeek()).calls().get(0).request();
        List<String> reached = new CopyOnWriteArrayList<>();
        Transport engineB = request -> {
            if (request instanceof UpdateInferenceComponentRequest) {
                throw unavailable(request);
            }
            if (!LeaseTraffic.isLease(request)) {
                reached.add(DyingProcess.operation(request)); // B's lease is B's own, not a change of the endpoint
            }
            return fake.execute(request);
        };
        // B looks now, but its process is slow: its plan runs a minute later.
        Deployment b = BallastEngine.builder().transport(engineB).clock(fake.clock(), late(Duration.ofMinutes(1))).build()
                .apply(NotebookSpecs.deepSeekWithoutMessagesApi());
        fake.execute(writerA); // meanwhile A's update starts

        Outcome outcome = b.await();

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
            assertThat(f.reason()).startsWith("conflict: another writer's update of inference-component/llm is in flight (SageMaker began it at")
                    .contains("nothing of this deployment's update took effect", "ServiceUnavailable (HTTP 503)");
            assertThat(f.took()).isLessThan(Duration.ofMinutes(2));
        });
        assertThat(reached).noneMatch(DyingProcess::isMutation);
        assertThat(llm().inferenceComponentStatusAsString()).as("A's update goes on").isEqualTo("Updating");
    }

    /** The fake's clock, with the first task (a deployment's start) run late, as by a slow process. */
    private Scheduler late(Duration by) {
        boolean[] first = {true};
        return new Scheduler() {
            @Override
            public Cancellable schedule(Duration delay, Runnable task) {
                Duration d = first[0] ? delay.plus(by) : delay;
                first[0] = false;
                return fake.clock().schedule(d, task);
            }

            @Override
            public <T> T await(java.util.concurrent.CompletionStage<T> stage) {
                return fake.clock().await(stage);
            }
        };
    }

    @Test
    @DisplayName("B's update never reached SageMaker while A's, with another rolling policy, was rolled back: a conflict, not B's rollback")
    void anotherWritersRollbackIsNotOnesOwn() {
        assertThat(ballast.apply(NotebookSpecs.llama()).await()).isSucceeded();
        fake.givenContainerWithEnv("HF_MODEL_ID", DEEPSEEK, ContainerBehavior.neverHealthy());
        UpdateInferenceComponentRequest planned = (UpdateInferenceComponentRequest) ballast.plan(NotebookSpecs.deepSeek()).calls().get(0).request();
        SdkRequest writerA = planned.toBuilder().deploymentConfig(planned.deploymentConfig().toBuilder()
                .rollingUpdatePolicy(planned.deploymentConfig().rollingUpdatePolicy().toBuilder().waitIntervalInSeconds(60).build()).build()).build();
        boolean[] once = {false};
        Transport engineB = request -> {
            if (request instanceof UpdateInferenceComponentRequest && !once[0]) {
                once[0] = true;
                fake.execute(writerA);
                throw unavailable(request);
            }
            return fake.execute(request);
        };

        Outcome outcome = engine(engineB).apply(NotebookSpecs.deepSeekWithoutMessagesApi()).await();

        assertThat(model()).isEqualTo(LLAMA);
        assertThat(outcome).isFailed()
                .hasReasonStartingWith("conflict: another writer's update was rolled back: its LastDeploymentConfig is not the rolling policy");
    }

    @Test
    @DisplayName("one's own update whose answer was lost, rolled back: ROLLED_BACK, saying SageMaker never confirmed it")
    void ownUnconfirmedUpdateRolledBack() {
        assertThat(ballast.apply(NotebookSpecs.llama()).await()).isSucceeded();
        fake.givenContainerWithEnv("HF_MODEL_ID", DEEPSEEK, ContainerBehavior.neverHealthy());
        boolean[] once = {false};
        Transport lossy = request -> {
            if (request instanceof UpdateInferenceComponentRequest && !once[0]) {
                once[0] = true;
                fake.execute(request); // it took effect; the answer is lost
                throw unavailable(request);
            }
            return fake.execute(request);
        };

        Outcome outcome = engine(lossy).apply(NotebookSpecs.deepSeek()).await();

        assertThat(outcome).isRolledBack().hasReasonContaining("component llm is InService with its previous specification",
                "SageMaker never answered this deployment's UpdateInferenceComponent (ServiceUnavailable (HTTP 503))");
    }

    @Test
    @DisplayName("an update refused with a 503 before reaching SageMaker, nothing in flight: described, then sent once more, and it succeeds")
    void describeBeforeResend() {
        assertThat(ballast.apply(NotebookSpecs.llama()).await()).isSucceeded();
        List<String> reached = new CopyOnWriteArrayList<>();
        boolean[] once = {false};
        Transport flaky = request -> {
            if (request instanceof UpdateInferenceComponentRequest && !once[0]) {
                once[0] = true;
                throw unavailable(request);
            }
            reached.add(DyingProcess.operation(request));
            return fake.execute(request);
        };

        Outcome outcome = engine(flaky).apply(NotebookSpecs.deepSeek()).await();

        assertThat(outcome).isSucceeded();
        assertThat(reached).containsSubsequence("DescribeInferenceComponent", "UpdateInferenceComponent");
        assertThat(reached.stream().filter("UpdateInferenceComponent"::equals)).hasSize(1);
        assertThat(model()).isEqualTo(DEEPSEEK);
    }

    @Test
    @DisplayName("attach after a rollback nobody watched, SageMaker recording a failure reason: ROLLED_BACK with the reason")
    void attachAfterAMissedRollbackOnRecord() {
        FakeSageMaker recording = FakeSageMaker.builder().rollbackFailureReason("Health check failed for the new copies").build();
        BallastEngine first = BallastEngine.builder().transport(recording).clock(recording.clock(), recording.clock()).build();
        assertThat(first.apply(NotebookSpecs.llama()).await()).isSucceeded();
        recording.givenContainerWithEnv("HF_MODEL_ID", DEEPSEEK, ContainerBehavior.neverHealthy());
        KillableScheduler doomed = new KillableScheduler(recording.clock());
        BallastEngine.builder().transport(recording).clock(recording.clock(), doomed).build().apply(NotebookSpecs.deepSeek());
        recording.clock().advance(Duration.ofSeconds(30));
        doomed.kill();
        recording.clock().advance(Duration.ofHours(2));

        Outcome outcome = BallastEngine.builder().transport(recording).clock(recording.clock(), recording.clock()).build()
                .attach(NotebookSpecs.deepSeek()).await();

        assertThat(outcome).isRolledBack().tookAtMost(Duration.ZERO)
                .hasReasonContaining("SageMaker's record shows its last update, with this spec's rolling policy, rolled back",
                        "SageMaker: Health check failed for the new copies");
    }

    @Test
    @DisplayName("attach of what runs while another spec's update rolls back: SUCCEEDED, since what runs is the spec")
    void attachOfWhatRunsWhileAnotherSpecRollsBack() {
        assertThat(ballast.apply(NotebookSpecs.llama()).await()).isSucceeded();
        fake.givenContainerWithEnv("HF_MODEL_ID", DEEPSEEK, ContainerBehavior.neverHealthy());
        updateByAProcessThatDies(NotebookSpecs.deepSeek());

        Outcome outcome = engine(fake).attach(NotebookSpecs.llama()).await();

        assertThat(model()).isEqualTo(LLAMA);
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Succeeded.class, o -> assertThat(o.detail())
                .startsWith("followed ").endsWith("to its end; what runs is the spec"));
    }

    @Test
    @DisplayName("attach to an endpoint while another configuration than the spec's is deployed and rolled back: NOT_APPLIED, not ROLLED_BACK")
    void attachWhileAnotherConfigurationRollsBack() {
        FakeSageMaker world = FakeSageMaker.create().givenContainer(c -> c.image().equals(ABTestSpecs.BROKEN_IMAGE),
                ContainerBehavior.always(dev.ballast.testkit.ContainerResponse.error(500, "model crashed")));
        BallastEngine healthy = BallastEngine.builder().transport(world).clock(world.clock(), world.clock()).build();
        assertThat(healthy.apply(ABTestSpecs.abTestOnTwo()).await()).isSucceeded();
        world.traffic().toEndpoint(ABTestSpecs.ENDPOINT).every(Duration.ofSeconds(1)).start();
        KillableScheduler doomed = new KillableScheduler(world.clock());
        BallastEngine.builder().transport(world).clock(world.clock(), doomed).build()
                .apply(ABTestSpecs.retrain(ABTestSpecs.BROKEN_IMAGE, dev.ballast.BlueGreen.allAtOnce().bake(Duration.ofMinutes(5))));
        world.clock().advance(Duration.ofMinutes(1));
        doomed.kill();
        dev.ballast.spec.VariantEndpointSpec canary = ABTestSpecs.variants(2, "my-model-v2-2", ABTestSpecs.IMAGE + "2.4-cpu")
                .update(ABTestSpecs.canary().rollbackOn(ABTestSpecs.ERRORS)).named(ABTestSpecs.ENDPOINT);

        Outcome outcome = healthy.attach(canary).await();

        assertThat(outcome).isInstanceOfSatisfying(Outcome.NotApplied.class, o -> {
            assertThat(o.detail()).startsWith("followed endpoint/my-model-endpoint to its end");
            assertThat(o.differences()).anySatisfy(d -> assertThat(d).startsWith("model/my-model-v2-2:"))
                    .anySatisfy(d -> assertThat(d).startsWith("endpoint/my-model-endpoint: the endpoint runs configuration"));
        });
    }
}
