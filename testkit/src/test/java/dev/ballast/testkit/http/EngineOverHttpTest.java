package dev.ballast.testkit.http;

import static dev.ballast.RollingUpdate.batch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.Alarm;
import dev.ballast.Component;
import dev.ballast.Endpoint;
import dev.ballast.aws.AwsTransport;
import dev.ballast.engine.BallastEngine;
import dev.ballast.outcome.Outcome;
import dev.ballast.spec.EndpointSpec;
import dev.ballast.testkit.FakeSageMaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

@DisplayName("The Ballast engine deploys through AwsTransport and the real SDK clients over HTTP to the fake")
class EngineOverHttpTest {

    private FakeSageMaker fake;
    private FakeServer server;
    private final List<SdkAutoCloseable> clients = new ArrayList<>();
    private AwsTransport transport;

    @BeforeEach
    void start() {
        fake = FakeSageMaker.create();
        server = FakeServer.builder(fake).build().start();
        SageMakerClient sageMaker = SdkClients.sageMaker(server);
        SageMakerRuntimeClient runtime = SdkClients.runtime(server);
        CloudWatchClient cloudWatch = SdkClients.cloudWatch(server);
        ApplicationAutoScalingClient autoScaling = SdkClients.autoScaling(server);
        clients.addAll(List.of(sageMaker, runtime, cloudWatch, autoScaling));
        transport = AwsTransport.builder().sageMaker(sageMaker).runtime(runtime).cloudWatch(cloudWatch)
                .autoScaling(autoScaling).build();
    }

    @AfterEach
    void stop() {
        transport.close();
        // the transport leaves the clients it was given open
        clients.forEach(SdkAutoCloseable::close);
        server.close();
        fake.close();
    }

    private static EndpointSpec notebook(String modelId) {
        Component llm = Component.named("llm")
                .image("763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.2.0")
                .env("SM_NUM_GPUS", "1").env("HF_MODEL_ID", modelId).env("MESSAGES_API_ENABLED", "true")
                .accelerators(1).memoryMb(1024).copies(2);
        return Endpoint.on("ml.g5.2xlarge").scale(1, 4).instances(2)
                .executionRole("arn:aws:iam::123456789012:role/SageMakerExecutionRole")
                .component(llm)
                .rollingUpdate(batch(1).wait(Duration.ofSeconds(120)).rollbackBatch(1)
                        .rollbackOn(Alarm.invocation4xxErrors().above(5).per(Duration.ofMinutes(5))))
                .named("rolling-demo");
    }

    @Test
    @DisplayName("the notebook's create and rolling update both succeed, with every call crossing the wire")
    void createAndRollingUpdate() {
        BallastEngine ballast = BallastEngine.builder().transport(transport).clock(fake.clock(), fake.clock()).build();

        Outcome created = ballast.apply(notebook("meta-llama/Llama-3.1-8B-Instruct")).await();
        Outcome updated = ballast.apply(notebook("deepseek-ai/DeepSeek-R1-Distill-Llama-8B")).await();

        assertThat(created).isInstanceOf(Outcome.Succeeded.class);
        assertThat(created.summary()).contains("created inference-component/llm");
        assertThat(updated).isInstanceOf(Outcome.Succeeded.class);
        assertThat(updated.summary()).contains("updated inference-component/llm");
        assertThat(fake.sageMakerClient().describeInferenceComponent(b -> b.inferenceComponentName("llm")))
                .satisfies(ic -> {
                    assertThat(ic.inferenceComponentStatus()).isEqualTo(InferenceComponentStatus.IN_SERVICE);
                    assertThat(ic.specification().container().environment())
                            .containsEntry("HF_MODEL_ID", "deepseek-ai/DeepSeek-R1-Distill-Llama-8B");
                });
        assertThat(fake.cloudWatchClient().describeAlarms(b -> { }).metricAlarms()).isNotEmpty();
    }
}
