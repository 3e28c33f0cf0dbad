package dev.ballast.testkit.http;

import static dev.ballast.RollingUpdate.batch;
import static dev.ballast.testkit.assertions.FakeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ballast.Alarm;
import dev.ballast.Component;
import dev.ballast.Endpoint;
import dev.ballast.aws.AwsTransport;
import dev.ballast.engine.BallastEngine;
import dev.ballast.engine.RetrySettings;
import dev.ballast.engine.internal.call.ResilientCaller;
import dev.ballast.error.ResourceConflictException;
import dev.ballast.outcome.Outcome;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.testkit.FakeSageMaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.sagemaker.model.UpdateInferenceComponentRequest;
import software.amazon.awssdk.utils.SdkAutoCloseable;

@DisplayName("Over HTTP: repeatable calls ride out a 500, a 503 and a dropped connection; a busy component's refusal is a conflict")
class RetriesAndConflictsOverHttpTest {

    private FakeSageMaker fake;
    private FakeServer server;
    private final List<SdkAutoCloseable> clients = new ArrayList<>();
    private AwsTransport transport;
    private BallastEngine ballast;

    @BeforeEach
    void start() {
        fake = FakeSageMaker.create();
        server = FakeServer.builder(fake).build().start();
        transport = SdkClients.awsTransport(server, clients);
        ballast = fake.engineBuilder().transport(transport).build();
    }

    @AfterEach
    void stop() {
        transport.close();
        clients.forEach(SdkAutoCloseable::close);
        server.close();
        fake.close();
    }

    private static ComponentEndpointSpec notebook() {
        Component llm = Component.named("llm")
                .image("763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.2.0")
                .env("HF_MODEL_ID", "meta-llama/Llama-3.1-8B-Instruct").accelerators(1).memoryMb(1024).copies(2);
        return Endpoint.on("ml.g5.2xlarge").scale(1, 4).instances(2)
                .executionRole("arn:aws:iam::123456789012:role/SageMakerExecutionRole")
                .component(llm)
                .rollingUpdate(batch(1).wait(Duration.ofSeconds(120)).rollbackBatch(1)
                        .rollbackOn(Alarm.invocation4xxErrors().above(5).per(Duration.ofMinutes(5)),
                                Alarm.invocation5xxErrors().above(0).per(Duration.ofMinutes(1))))
                .named("rolling-demo");
    }

    static Stream<Arguments> faults() {
        List<Arguments> cases = new ArrayList<>();
        for (String op : List.of("PutMetricAlarm", "DeleteInferenceComponent", "DeleteEndpoint", "DeleteEndpointConfig", "DeleteAlarms")) {
            for (String fault : List.of("fail:500", "fail:503", "drop")) {
                cases.add(Arguments.of(op, fault));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("faults")
    @DisplayName("one fault on a repeatable call of the notebook's create or deletion: the deployment succeeds, nothing duplicated or left")
    void repeatableCallOverHttp(String operation, String fault) {
        boolean create = operation.equals("PutMetricAlarm");
        if (!create) {
            assertThat(ballast.apply(notebook()).await()).isSucceeded();
        }
        server.faults().add(operation + "=" + fault + ":1");

        Outcome outcome = create ? ballast.apply(notebook()).await() : ballast.delete(notebook()).await();

        assertThat(outcome).isSucceeded();
        assertThat(server.faults().remaining(operation)).as("the fault was used").isZero();
        if (create) {
            assertThat(fake.cloudWatchClient().describeAlarms(b -> { }).metricAlarms()).hasSize(2);
            assertThat(ballast.plan(notebook())).isEmpty();
        } else {
            assertThat(fake.sageMakerClient().listEndpoints(b -> { }).endpoints()).isEmpty();
            assertThat(fake.sageMakerClient().listEndpointConfigs(b -> { }).endpointConfigs()).isEmpty();
            assertThat(fake.sageMakerClient().listInferenceComponents(b -> { }).inferenceComponents()).isEmpty();
            assertThat(fake.cloudWatchClient().describeAlarms(b -> { }).metricAlarms()).isEmpty();
        }
    }

    @Test
    @DisplayName("UpdateInferenceComponent of a component that is Updating: a ResourceConflictException naming it and what it is doing")
    void busyComponentOverHttp() {
        assertThat(ballast.apply(notebook()).await()).isSucceeded();
        fake.sageMakerClient().updateInferenceComponentRuntimeConfig(b -> b.inferenceComponentName("llm").desiredRuntimeConfig(c -> c.copyCount(3)));
        ResilientCaller caller = new ResilientCaller(transport, fake.clock(), fake.clock(), defaultBudget());

        Throwable thrown = catchThrowable(() -> fake.clock().await(caller.call(UpdateInferenceComponentRequest.builder()
                .inferenceComponentName("llm").runtimeConfig(r -> r.copyCount(1)).build(), SdkResponse.class)));

        assertThat(thrown).isInstanceOfSatisfying(ResourceConflictException.class, e -> {
            assertThat(e.resource()).isEqualTo("inference-component/llm");
            assertThat(e.activity()).isEqualTo("Updating");
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.requestId()).isPresent();
            assertThat(e.getMessage()).contains("wait until it settles, or follow the change in flight with Ballast.attach(spec)");
        });
    }

    /** The engine's default retry budget ({@link RetrySettings#defaults()}), as the engine hands it to its caller. */
    private static ResilientCaller.Budget defaultBudget() {
        RetrySettings d = RetrySettings.defaults();
        return new ResilientCaller.Budget(d.maxAttempts(), d.initialBackoff(), d.maxBackoff(), d.callsPerSecond(), d.burst(), d.jitterSeed());
    }
}
