package dev.ballast.scenario;

import static dev.ballast.testkit.assertions.FakeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentResponse;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.UpdateInferenceComponentRequest;

import dev.ballast.Alarm;
import dev.ballast.Component;
import dev.ballast.Endpoint;
import dev.ballast.RollingUpdate;
import dev.ballast.engine.BallastEngine;
import dev.ballast.event.DeploymentEvent;
import dev.ballast.outcome.Outcome;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spec.MissingData;
import dev.ballast.spi.Transport;
import dev.ballast.testkit.ContainerBehavior;
import dev.ballast.testkit.FakeSageMaker;

/** Defects found in review of the engine, each kept as a regression. */
class EngineRegressionTest {

    private static final String DEEPSEEK = "deepseek-ai/DeepSeek-R1-Distill-Llama-8B";

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final CountingTransport transport = new CountingTransport(fake, 0);
    private final BallastEngine ballast = fake.engineBuilder().transport(transport).build();

    private DescribeInferenceComponentResponse llm() {
        return fake.sageMakerClient().describeInferenceComponent(b -> b.inferenceComponentName("llm"));
    }

    private String model() {
        return llm().specification().container().environment().get("HF_MODEL_ID");
    }

    /** Starts an update of a new version that never passes its health check, then "crashes" the process that started it. */
    private void crashDuringUnhealthyUpdate() {
        assertThat(ballast.apply(NotebookSpecs.llama()).await()).isSucceeded();
        fake.givenContainerWithEnv("HF_MODEL_ID", DEEPSEEK, ContainerBehavior.neverHealthy());
        KillableScheduler doomed = new KillableScheduler(fake.clock());
        BallastEngine.builder().transport(transport).clock(fake.clock(), doomed).build().apply(NotebookSpecs.deepSeek());
        fake.clock().advance(Duration.ofSeconds(30));
        doomed.kill();
    }

    @Test
    @DisplayName("attach to an update that SageMaker rolls back without any alarm (failed health check) reports ROLLED_BACK")
    void attachToRollbackWithoutAlarm() {
        crashDuringUnhealthyUpdate();

        Outcome outcome = ballast.attach(NotebookSpecs.deepSeek()).await();

        assertThat(outcome).isRolledBack().byNoAlarm().hasReasonContaining("previous specification");
        assertThat(model()).isEqualTo("meta-llama/Llama-3.1-8B-Instruct");
    }

    @Test
    @DisplayName("apply after a crash during an update that rolls back sends no second update")
    void applyAfterCrashDoesNotResendARolledBackUpdate() {
        crashDuringUnhealthyUpdate();
        transport.reset();

        Outcome outcome = ballast.apply(NotebookSpecs.deepSeek()).await();

        assertThat(outcome).isRolledBack();
        assertThat(transport.mutations()).isEmpty();
    }

    @Test
    @DisplayName("a copy-count change that cannot be placed ends FAILED, naming the copies it got")
    void partialScaleIsNotASuccess() {
        assertThat(ballast.apply(NotebookSpecs.llama()).await()).isSucceeded();
        fake.givenInstanceCapacity("ml.g5.2xlarge", 2);

        Outcome outcome = ballast.apply(NotebookSpecs.llamaWithCopies(3)).await();

        assertThat(outcome).isFailed().hasReasonContaining("component llm runs 2 of 3 copies");
    }

    @Test
    @DisplayName("an update whose response was lost is followed to its end, not reported FAILED")
    void lostUpdateResponse() {
        assertThat(ballast.apply(NotebookSpecs.llama()).await()).isSucceeded();
        boolean[] once = {false};
        Transport lossy = request -> {
            if (request instanceof UpdateInferenceComponentRequest && !once[0]) {
                once[0] = true;
                fake.execute(request);
                throw (SageMakerException) SageMakerException.builder().statusCode(500).message("internal").requestId("lost-2")
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("InternalFailure").errorMessage("internal")
                                .sdkHttpResponse(SdkHttpResponse.builder().statusCode(500).build()).build()).build();
            }
            return fake.execute(request);
        };

        Outcome outcome = fake.engineBuilder().transport(lossy).build()
                .apply(NotebookSpecs.deepSeek()).await();

        assertThat(outcome).isSucceeded();
        assertThat(model()).isEqualTo(DEEPSEEK);
    }

    @Test
    @DisplayName("one stale Describe right after an update does not decide the outcome")
    void staleReadAfterUpdate() {
        assertThat(ballast.apply(NotebookSpecs.llama()).await()).isSucceeded();
        DescribeInferenceComponentResponse before = llm();
        boolean[] state = {false, false};
        Transport stale = request -> {
            if (request instanceof UpdateInferenceComponentRequest) {
                state[0] = true;
            } else if (state[0] && !state[1] && request instanceof DescribeInferenceComponentRequest) {
                state[1] = true;
                return before;
            }
            return fake.execute(request);
        };

        Outcome outcome = fake.engineBuilder().transport(stale).build()
                .apply(NotebookSpecs.deepSeek()).await();

        assertThat(state[1]).as("the stale read was served").isTrue();
        assertThat(outcome).isSucceeded();
        assertThat(model()).isEqualTo(DEEPSEEK);
    }

    private static ComponentEndpointSpec rich(boolean reversed) {
        Component c = Component.named("llm").image(NotebookSpecs.IMAGE).env("B", "2").env("A", "1").secretEnv("HF_TOKEN", "t")
                .accelerators(1).cpuCores(2.3).memoryMb(1024).maxMemoryMb(4096).copies(2)
                .modelDataDownloadTimeout(Duration.ofSeconds(600)).containerStartupHealthCheckTimeout(Duration.ofSeconds(600));
        var e = Endpoint.on("ml.g5.2xlarge").scale(1, 4).instances(2).executionRole(NotebookSpecs.ROLE);
        e = reversed ? e.tag("team", "ml").tag("env", "prod") : e.tag("env", "prod").tag("team", "ml");
        return e.component(c)
                .rollingUpdate(RollingUpdate.batch(1).wait(Duration.ofSeconds(120)).rollbackBatch(1)
                        .rollbackOn(Alarm.invocation4xxErrors().above(5.5).per(Duration.ofMinutes(5)).evaluationPeriods(3)
                                .datapointsToAlarm(2).treatMissingData(MissingData.BREACHING)))
                .named(NotebookSpecs.ENDPOINT);
    }

    @Test
    @DisplayName("every field round-trips: a second apply of a spec using all of them plans nothing, whatever the tag order")
    void richSpecIsStable() {
        assertThat(ballast.apply(rich(false)).await()).isSucceeded();

        assertThat(rich(false).endpointConfigName()).isEqualTo(rich(true).endpointConfigName());
        assertThat(ballast.plan(rich(false))).isEmpty();
        assertThat(ballast.plan(rich(true))).isEmpty();
    }

    @Test
    @DisplayName("delete after a crash mid-teardown waits for what is already going and finishes the rest")
    void deleteAgainAfterCrash() {
        assertThat(ballast.apply(NotebookSpecs.llama()).await()).isSucceeded();
        KillableScheduler doomed = new KillableScheduler(fake.clock());
        BallastEngine.builder().transport(transport).clock(fake.clock(), doomed).build().delete(NotebookSpecs.llama());
        fake.clock().advance(Duration.ofSeconds(5));
        doomed.kill();
        assertThat(llm().inferenceComponentStatusAsString()).isEqualTo("Deleting");

        // The dead process still holds the endpoint's lease: a new engine is told so, with nothing sent ...
        Outcome blocked = ballast.delete(NotebookSpecs.llama()).await();
        assertThat(blocked).isFailed().hasReasonStartingWith("Conflict: endpoint 'rolling-demo' is being changed by Ballast engine")
                .hasReasonContaining("(delete since ", "nothing was sent");
        assertThat(llm().inferenceComponentStatusAsString()).isEqualTo("Deleting");

        // ... until the lease, no longer renewed, expires; then the next delete takes it over and finishes.
        fake.clock().advance(Duration.ofMinutes(10));
        Outcome outcome = ballast.delete(NotebookSpecs.llama()).await();

        assertThat(outcome).isSucceeded();
        assertThat(fake.sageMakerClient().listEndpoints().endpoints()).isEmpty();
        assertThat(fake.sageMakerClient().listEndpointConfigs(b -> { }).endpointConfigs())
                .as("the lease is released, and nothing else is left").isEmpty();
    }

    @Test
    @DisplayName("an alarm already in ALARM before a copy-count change is not reported as a rollback")
    void alarmAlreadyInAlarm() {
        assertThat(ballast.apply(NotebookSpecs.llama()).await()).isSucceeded();
        fake.cloudWatchClient().setAlarmState(b -> b.alarmName(NotebookSpecs.ALARM).stateValue("ALARM").stateReason("pre-existing"));

        var deployment = ballast.apply(NotebookSpecs.llamaWithCopies(3));
        Outcome outcome = deployment.await();

        assertThat(outcome).isSucceeded();
        assertThat(deployment.events()).noneMatch(DeploymentEvent.RollbackStarted.class::isInstance);
    }

    @Test
    @DisplayName("a listener that calls Ballast on the engine's own thread cannot hang the deployment")
    void listenerCannotDeadlockTheEngine() throws Exception {
        assertThat(ballast.apply(NotebookSpecs.llama()).await()).isSucceeded();
        AtomicReference<BallastEngine> self = new AtomicReference<>();
        AtomicReference<Throwable> refused = new AtomicReference<>();
        java.util.concurrent.CountDownLatch listened = new java.util.concurrent.CountDownLatch(1);
        BallastEngine wallClock = BallastEngine.builder().transport(fake).listener(e -> {
            if (e instanceof DeploymentEvent.Finished) {
                try {
                    self.get().apply(NotebookSpecs.llama()).await();
                } catch (IllegalStateException ex) {
                    refused.set(ex);
                } finally {
                    listened.countDown();
                }
            }
        }).build();
        self.set(wallClock);

        Outcome outcome = wallClock.apply(NotebookSpecs.llama()).future().get(30, TimeUnit.SECONDS);

        assertThat(outcome).isSucceeded();
        // The outcome completes before listeners hear of the end; wait for this one to have run.
        assertThat(listened.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(refused.get()).hasMessageContaining("own engine thread");
    }

    @Test
    @DisplayName("a service error that echoes the rejected environment never puts the secret in the outcome or events")
    void echoedSecretIsMasked() {
        String echoed = "1 validation error detected: Value '{HF_TOKEN=" + NotebookSpecs.TOKEN + ", SM_NUM_GPUS=1}' at "
                + "'specification.container.environment' failed to satisfy constraint: Map value must satisfy constraint";
        Transport rejecting = request -> {
            if (request instanceof software.amazon.awssdk.services.sagemaker.model.CreateInferenceComponentRequest) {
                throw (SageMakerException) SageMakerException.builder().statusCode(400).message(echoed).requestId("v-1")
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException").errorMessage(echoed)
                                .sdkHttpResponse(SdkHttpResponse.builder().statusCode(400).build()).build()).build();
            }
            return fake.execute(request);
        };
        var deployment = fake.engineBuilder().transport(rejecting).build()
                .apply(NotebookSpecs.llama());

        Outcome outcome = deployment.await();

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.reason())
                .contains("ValidationException", "Value '****' at 'specification.container.environment'")
                .doesNotContain(NotebookSpecs.TOKEN));
        assertThat(deployment.events()).allSatisfy(e -> assertThat(e.describe()).doesNotContain(NotebookSpecs.TOKEN));
    }

    @Test
    @DisplayName("Deployment.future() is a copy: completing it does not forge the outcome")
    void futureIsACopy() {
        var deployment = ballast.apply(NotebookSpecs.llama());
        deployment.future().complete(new Outcome.Failed(Duration.ZERO, "forged"));

        assertThat(deployment.await()).isSucceeded();
    }
}
