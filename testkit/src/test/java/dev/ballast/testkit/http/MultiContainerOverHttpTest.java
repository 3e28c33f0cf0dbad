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
