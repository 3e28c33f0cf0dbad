package dev.ballast.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.testkit.ContainerResponse;
import dev.ballast.testkit.FakeSageMaker;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.InferenceExecutionMode;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.ValidationErrorException;

@DisplayName("Multi-container models over HTTP, through the real Java SDK clients")
class MultiContainerOverHttpTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerExecutionRole";
    private static final String IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/sklearn:1.2";

    private FakeSageMaker fake;
    private FakeServer server;
    private SageMakerClient sageMaker;
    private SageMakerRuntimeClient runtime;

    @BeforeEach
    void start() {
        fake = FakeSageMaker.create();
        // each container answers its own hostname and what it received
        fake.givenContainer(spec -> spec.containerHostname() != null,
                (request, spec) -> ContainerResponse.ok("\"" + spec.containerHostname() + " got " + request.bodyAsString()
                        .replace("\"", "'") + "\""));
        server = FakeServer.builder(fake).build().start();
        sageMaker = SdkClients.sageMaker(server);
        runtime = SdkClients.runtime(server);
    }

    @AfterEach
    void stop() {
        sageMaker.close();
        runtime.close();
        server.close();
        fake.close();
    }

    private void deploy(InferenceExecutionMode mode) {
        sageMaker.createModel(b -> b.modelName("m").executionRoleArn(ROLE).containers(
                ContainerDefinition.builder().containerHostname("first").image(IMAGE).build(),
                ContainerDefinition.builder().containerHostname("second").image(IMAGE).build())
                .inferenceExecutionConfig(c -> c.mode(mode)));
        sageMaker.createEndpointConfig(b -> b.endpointConfigName("cfg").productionVariants(v -> v
                .variantName("AllTraffic").modelName("m").instanceType("ml.m5.xlarge").initialInstanceCount(1)));
        sageMaker.createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg"));
        assertThat(fake.clock().advanceUntil(() -> sageMaker.describeEndpoint(b -> b.endpointName("ep"))
                .endpointStatus() == EndpointStatus.IN_SERVICE, Duration.ofHours(1))).isTrue();
    }

    @Test
    @DisplayName("direct: the X-Amzn-SageMaker-Target-Container-Hostname header picks the container; without it, a ValidationError")
    void directInvocationOverHttp() {
        deploy(InferenceExecutionMode.DIRECT);
        assertThat(sageMaker.describeModel(b -> b.modelName("m")).inferenceExecutionConfig().mode())
                .isEqualTo(InferenceExecutionMode.DIRECT);

        assertThat(runtime.invokeEndpoint(b -> b.endpointName("ep").targetContainerHostname("second")
                .contentType("application/json").body(SdkBytes.fromUtf8String("1"))).body().asUtf8String())
                .isEqualTo("\"second got 1\"");
        assertThatThrownBy(() -> runtime.invokeEndpoint(b -> b.endpointName("ep").contentType("application/json")
                .body(SdkBytes.fromUtf8String("1"))))
                .isInstanceOfSatisfying(ValidationErrorException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(
                            "Endpoint ep is configured for direct invocation: TargetContainerHostname is required.");
                });
    }

    @Test
    @DisplayName("serial: the first container's answer is the second one's request")
    void serialPipelineOverHttp() {
        deploy(InferenceExecutionMode.SERIAL);

        assertThat(runtime.invokeEndpoint(b -> b.endpointName("ep").contentType("application/json")
                .body(SdkBytes.fromUtf8String("1"))).body().asUtf8String()).isEqualTo("\"second got 'first got 1'\"");
    }

    @Test
    @DisplayName("boto3: a pipeline and a direct model are created and invoked; the invocation errors are ValidationErrors")
    void boto3() throws Exception {
        server.close();
        server = FakeServer.builder(fake).timeScale(600).build().start();

        ExternalClients.Result result = ExternalClients.boto3Script("multi_container_with_boto3.py", server.uri());

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout().lines()).containsExactly(
                "pipeline=\"post got 'pre got 1'\"",
                "pipeline_mode=Serial",
                "direct=\"second got 1\"",
                "missing=ValidationError: Endpoint multi is configured for direct invocation: TargetContainerHostname is required.",
                "unknown=ValidationError: Container hostname third not found on endpoint multi of account 123456789012.",
                "not_direct=ValidationError: TargetContainerHostname is accepted only by endpoints configured for direct"
                        + " invocation; endpoint pipe is not.",
                "unnamed_direct=ValidationException: ContainerHostname must be specified for every container of model bad"
                        + " when InferenceExecutionConfig.Mode is Direct.");
    }

    @Test
    @DisplayName("createModel: a duplicate ContainerHostname is a ValidationException")
    void duplicateHostnameOverHttp() {
        assertThatThrownBy(() -> sageMaker.createModel(b -> b.modelName("m").executionRoleArn(ROLE).containers(
                ContainerDefinition.builder().containerHostname("a").image(IMAGE).build(),
                ContainerDefinition.builder().containerHostname("a").image(IMAGE).build())))
                .isInstanceOfSatisfying(SageMakerException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                });
    }
}
