package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.DeployedImage;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.InferenceExecutionMode;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.ValidationErrorException;

/**
 * Models of several containers on the fake: inference pipelines ({@code Serial}), where the request flows
 * through the containers in order, and multi-container endpoints with direct invocation ({@code Direct}),
 * where {@code TargetContainerHostname} picks the one container that answers.
 */
class MultiContainerModelTest {

    private final FakeSageMaker fake = FakeSageMaker.create();
    /** What each container received, as "hostname:contentType:accept:body". */
    private final List<String> received = new ArrayList<>();

    private static ContainerDefinition container(String hostname, String step) {
        return ContainerDefinition.builder().containerHostname(hostname).image(Fixtures.IMAGE)
                .environment(Map.of("STEP", step)).build();
    }

    /** Each container appends its step to the body and answers its own content type. */
    private void givenSteps() {
        fake.givenContainer(spec -> spec.env("STEP") != null, (request, spec) -> {
            received.add(spec.containerHostname() + ":" + request.contentType() + ":" + request.accept() + ":"
                    + request.bodyAsString());
            if (request.bodyAsString().contains("fail-at-" + spec.env("STEP"))) {
                return ContainerResponse.error(500, spec.env("STEP") + " broke");
            }
            return new ContainerResponse(200, (request.bodyAsString() + ">" + spec.env("STEP")).getBytes(),
                    "application/x-" + spec.env("STEP"), Duration.ofMillis(10));
        });
    }

    private void endpoint(String model) {
        fake.sageMakerClient().createEndpointConfig(b -> b.endpointConfigName("cfg").productionVariants(
                ProductionVariant.builder().variantName("AllTraffic").modelName(model).instanceType("ml.m5.xlarge")
                        .initialInstanceCount(1).build()));
        fake.sageMakerClient().createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg"));
        Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE);
    }

    private void pipeline() {
        givenSteps();
        fake.sageMakerClient().createModel(b -> b.modelName("pipe").executionRoleArn(Fixtures.ROLE)
                .containers(container("pre", "pre"), container("model", "model"), container("post", "post"))
                .inferenceExecutionConfig(c -> c.mode(InferenceExecutionMode.SERIAL)));
        endpoint("pipe");
    }

    private void direct() {
        givenSteps();
        fake.sageMakerClient().createModel(b -> b.modelName("multi").executionRoleArn(Fixtures.ROLE)
                .containers(container("english", "en"), container("french", "fr"))
                .inferenceExecutionConfig(c -> c.mode(InferenceExecutionMode.DIRECT)));
        endpoint("multi");
    }

    private InvokeEndpointResponse invoke(String body, String targetContainer) {
        return fake.runtimeClient().invokeEndpoint(InvokeEndpointRequest.builder().endpointName("ep")
                .contentType("text/csv").accept("application/json").targetContainerHostname(targetContainer)
                .body(SdkBytes.fromUtf8String(body)).build());
    }

    private double sum(String metric, Map<String, String> dimensions, Instant from) {
        return fake.cloudWatchClient().getMetricStatistics(b -> b.namespace("AWS/SageMaker").metricName(metric)
                .startTime(from).endTime(from.plusSeconds(600)).period(60).statistics(Statistic.SUM)
                .dimensions(dimensions.entrySet().stream()
                        .map(e -> software.amazon.awssdk.services.cloudwatch.model.Dimension.builder()
                                .name(e.getKey()).value(e.getValue()).build()).toList()))
                .datapoints().stream().mapToDouble(d -> d.sum()).sum();
    }

    private Instant minute() {
        Instant now = fake.clock().now();
        return now.minusSeconds(now.getEpochSecond() % 60).minusNanos(now.getNano());
    }

    @Test
    @DisplayName("serial: the body flows through the containers in order and the last one answers; Accept reaches the last only")
    void serialFlowsThroughTheContainersInOrder() {
        pipeline();

        InvokeEndpointResponse response = invoke("1,2", null);

        assertThat(response.body().asUtf8String()).isEqualTo("1,2>pre>model>post");
        assertThat(response.contentType()).isEqualTo("application/x-post");
        assertThat(received).containsExactly("pre:text/csv:null:1,2", "model:application/x-pre:null:1,2>pre",
                "post:application/x-model:application/json:1,2>pre>model");
    }

    @Test
    @DisplayName("serial: an error in any container is a ModelError naming it, and the containers after it do not run")
    void serialErrorIsAModelErrorNamingTheContainer() {
        pipeline();

        assertThatThrownBy(() -> invoke("fail-at-model", null)).isInstanceOfSatisfying(ModelErrorException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(424);
            assertThat(e.originalStatusCode()).isEqualTo(500);
            assertThat(e.originalMessage()).isEqualTo("model broke");
            assertThat(e.getMessage()).startsWith("Received server error (500) from model with message \"model broke\".");
        });
        assertThat(received).hasSize(2);
    }

    @Test
    @DisplayName("serial: each container reports ContainerLatency under its ContainerName; ModelLatency is their sum")
    void serialMetricsPerContainer() {
        pipeline();
        Instant minute = minute();

        invoke("x", null);

        for (String c : List.of("pre", "model", "post")) {
            assertThat(sum("ContainerLatency", Map.of("EndpointName", "ep", "VariantName", "AllTraffic",
                    "ContainerName", c), minute)).isEqualTo(10_000.0);
        }
        assertThat(sum("ModelLatency", Map.of("EndpointName", "ep", "VariantName", "AllTraffic"), minute))
                .isEqualTo(30_000.0);
        assertThat(sum("Invocations", Map.of("EndpointName", "ep", "VariantName", "AllTraffic"), minute)).isEqualTo(1.0);
    }

    @Test
    @DisplayName("serial: a pipeline that names no hostname gets container-1, container-2 by position")
    void serialWithoutHostnamesIsNamedByPosition() {
        givenSteps();
        fake.sageMakerClient().createModel(b -> b.modelName("pipe").executionRoleArn(Fixtures.ROLE)
                .containers(container(null, "a"), container(null, "b")));
        endpoint("pipe");

        assertThatThrownBy(() -> invoke("fail-at-b", null)).isInstanceOf(ModelErrorException.class)
                .hasMessageStartingWith("Received server error (500) from container-2 with message");
        assertThat(received).containsExactly("container-1:text/csv:null:fail-at-b",
                "container-2:application/x-a:application/json:fail-at-b>a");
    }

    @Test
    @DisplayName("describe: the model echoes its containers and execution mode; the variant lists every deployed image")
    void describeShowsContainersAndImages() {
        pipeline();

        DescribeModelResponse model = fake.sageMakerClient().describeModel(b -> b.modelName("pipe"));
        assertThat(model.containers()).extracting(ContainerDefinition::containerHostname)
                .containsExactly("pre", "model", "post");
        assertThat(model.inferenceExecutionConfig().mode()).isEqualTo(InferenceExecutionMode.SERIAL);
        assertThat(model.primaryContainer()).isNull();
        assertThat(Fixtures.endpoint(fake, "ep").productionVariants().get(0).deployedImages())
                .extracting(DeployedImage::specifiedImage).containsExactly(Fixtures.IMAGE, Fixtures.IMAGE, Fixtures.IMAGE);
    }

    @Test
    @DisplayName("a model without any container, and InferenceExecutionConfig beside a single PrimaryContainer, are refused")
    void modelsWithoutContainersOrWithAModeForOneAreRefused() {
        var sm = fake.sageMakerClient();
        assertThatThrownBy(() -> sm.createModel(b -> b.modelName("empty").executionRoleArn(Fixtures.ROLE)))
                .isInstanceOf(software.amazon.awssdk.services.sagemaker.model.SageMakerException.class)
                .hasMessageStartingWith("Model empty has no container: specify either PrimaryContainer or Containers.")
                .satisfies(e -> assertThat(((software.amazon.awssdk.services.sagemaker.model.SageMakerException) e)
                        .awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        assertThatThrownBy(() -> sm.createModel(b -> b.modelName("single").executionRoleArn(Fixtures.ROLE)
                .primaryContainer(c -> c.image(Fixtures.IMAGE)).inferenceExecutionConfig(i -> i.mode(InferenceExecutionMode.DIRECT))))
                .isInstanceOf(software.amazon.awssdk.services.sagemaker.model.SageMakerException.class)
                .hasMessageStartingWith("InferenceExecutionConfig applies only to a model of several containers (Containers);"
                        + " model single has a single PrimaryContainer.");
        assertThat(sm.listModels().models()).isEmpty();
    }

    @Test
    @DisplayName("direct: TargetContainerHostname picks the one container that answers")
    void directTargetPicksTheContainer() {
        direct();

        assertThat(invoke("hi", "french").body().asUtf8String()).isEqualTo("hi>fr");
        assertThat(invoke("hi", "english").body().asUtf8String()).isEqualTo("hi>en");
        assertThat(received).containsExactly("french:text/csv:application/json:hi",
                "english:text/csv:application/json:hi");
    }

    @Test
    @DisplayName("direct: a missing or unknown TargetContainerHostname is a ValidationError, and so is one sent to a pipeline")
    void directTargetIsRequiredAndMustExist() {
        direct();

        assertThatThrownBy(() -> invoke("hi", null)).isInstanceOf(ValidationErrorException.class)
                .hasMessageStartingWith("Endpoint ep is configured for direct invocation: TargetContainerHostname is required.");
        assertThatThrownBy(() -> invoke("hi", "german")).isInstanceOf(ValidationErrorException.class)
                .hasMessageStartingWith("Container hostname german not found on endpoint ep of account 123456789012.");
        assertThat(received).isEmpty();

        FakeSageMaker other = FakeSageMaker.create();
        Fixtures.model(other, "single", "v1");
        other.sageMakerClient().createEndpointConfig(b -> b.endpointConfigName("cfg").productionVariants(
                ProductionVariant.builder().variantName("AllTraffic").modelName("single").instanceType("ml.m5.xlarge")
                        .initialInstanceCount(1).build()));
        other.sageMakerClient().createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg"));
        Fixtures.awaitEndpoint(other, "ep", EndpointStatus.IN_SERVICE);
        assertThatThrownBy(() -> other.runtimeClient().invokeEndpoint(b -> b.endpointName("ep")
                .targetContainerHostname("primary").body(SdkBytes.fromUtf8String("{}"))))
                .isInstanceOf(ValidationErrorException.class)
                .hasMessageStartingWith("TargetContainerHostname is accepted only by endpoints configured for direct"
                        + " invocation; endpoint ep is not.");
    }

    @Test
    @DisplayName("direct: invocations, errors and latency are reported per container under its ContainerName")
    void directMetricsPerContainer() {
        direct();
        Instant minute = minute();

        invoke("hi", "french");
        invoke("hi", "french");
        assertThatThrownBy(() -> invoke("fail-at-en", "english")).isInstanceOf(ModelErrorException.class)
                .hasMessageStartingWith("Received server error (500) from english with message \"en broke\".");

        Map<String, String> french = Map.of("EndpointName", "ep", "VariantName", "AllTraffic", "ContainerName", "french");
        Map<String, String> english = Map.of("EndpointName", "ep", "VariantName", "AllTraffic", "ContainerName", "english");
        assertThat(sum("Invocations", french, minute)).isEqualTo(2.0);
        assertThat(sum("Invocations", english, minute)).isEqualTo(1.0);
        assertThat(sum("Invocation5XXErrors", english, minute)).isEqualTo(1.0);
        assertThat(sum("Invocation5XXErrors", french, minute)).isEqualTo(0.0);
        assertThat(sum("ContainerLatency", french, minute)).isEqualTo(20_000.0);
        assertThat(sum("Invocations", Map.of("EndpointName", "ep", "VariantName", "AllTraffic"), minute)).isEqualTo(3.0);
    }

    @Test
    @DisplayName("direct: traffic to one container reaches it alone, and counts under its ContainerName")
    void trafficToOneContainer() {
        direct();
        Instant minute = minute();

        Traffic traffic = fake.traffic().toContainer("ep", "french").every(Duration.ofSeconds(10)).body("hi").start();
        fake.clock().advance(Duration.ofSeconds(30));
        traffic.stop();

        assertThat(traffic.answered()).isEqualTo(4);
        assertThat(received).containsOnly("french:application/json:null:hi");
        assertThat(sum("Invocations", Map.of("EndpointName", "ep", "VariantName", "AllTraffic", "ContainerName", "french"),
                minute)).isEqualTo(4.0);
        assertThat(traffic.toString()).contains("container french of endpoint ep");
    }

    @Test
    @DisplayName("direct: a streamed invocation streams from the target container")
    void directStreamsFromTheTarget() {
        direct();

        var stream = fake.executeStream(InvokeEndpointWithResponseStreamRequest.builder().endpointName("ep")
                .targetContainerHostname("french").body(SdkBytes.fromUtf8String("hi")).build()).join();

        Instant minute = minute();
        assertThat(StreamedInvocationTest.Reader.readAll(stream).texts()).containsExactly("hi>fr");
        fake.clock().advance(Duration.ofSeconds(1));
        assertThat(sum("Invocations", Map.of("EndpointName", "ep", "VariantName", "AllTraffic", "ContainerName", "french"),
                minute)).as("counted when the stream ends").isEqualTo(1.0);
        assertThatThrownBy(() -> fake.executeStream(InvokeEndpointWithResponseStreamRequest.builder().endpointName("ep")
                .body(SdkBytes.fromUtf8String("hi")).build()).join()).hasCauseInstanceOf(ValidationErrorException.class);
    }

    @Test
    @DisplayName("copies run one behaviour per container: a container that never passes its health check fails the endpoint")
    void everyContainerMustPassItsHealthCheck() {
        fake.givenContainer(spec -> "model".equals(spec.containerHostname()),
                ContainerBehavior.neverHealthy(ContainerBehavior.always(ContainerResponse.ok("{}"))));
        fake.sageMakerClient().createModel(b -> b.modelName("pipe").executionRoleArn(Fixtures.ROLE)
                .containers(container("pre", "pre"), container("model", "model")));
        fake.sageMakerClient().createEndpointConfig(b -> b.endpointConfigName("cfg").productionVariants(
                ProductionVariant.builder().variantName("AllTraffic").modelName("pipe").instanceType("ml.m5.xlarge")
                        .initialInstanceCount(1).build()));
        fake.sageMakerClient().createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg"));

        assertThat(Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.FAILED)).isTrue();
    }

    @Test
    @DisplayName("createModel refuses both PrimaryContainer and Containers, hostnames missing in Direct mode, partial or duplicate, and more than 15 containers")
    void createModelRefusesInvalidContainers() {
        assertThatThrownBy(() -> fake.sageMakerClient().createModel(b -> b.modelName("m").executionRoleArn(Fixtures.ROLE)
                .primaryContainer(container(null, "a")).containers(container("a", "a"), container("b", "b"))))
                .isInstanceOf(SageMakerException.class)
                .hasMessageStartingWith("Cannot specify both PrimaryContainer and Containers for model m.");
        assertThatThrownBy(() -> fake.sageMakerClient().createModel(b -> b.modelName("m").executionRoleArn(Fixtures.ROLE)
                .containers(container("a", "a"), container(null, "b"))
                .inferenceExecutionConfig(c -> c.mode(InferenceExecutionMode.DIRECT))))
                .isInstanceOf(SageMakerException.class)
                .hasMessageStartingWith("ContainerHostname must be specified for every container of model m when"
                        + " InferenceExecutionConfig.Mode is Direct.");
        assertThatThrownBy(() -> fake.sageMakerClient().createModel(b -> b.modelName("m").executionRoleArn(Fixtures.ROLE)
                .containers(container("a", "a"), container(null, "b"))))
                .isInstanceOf(SageMakerException.class)
                .hasMessageStartingWith("ContainerHostname must be specified for every container of model m or for none of them.");
        assertThatThrownBy(() -> fake.sageMakerClient().createModel(b -> b.modelName("m").executionRoleArn(Fixtures.ROLE)
                .containers(container("a", "a"), container("a", "b"))))
                .isInstanceOf(SageMakerException.class)
                .hasMessageStartingWith("ContainerHostname a is used by more than one container of model m;");
        List<ContainerDefinition> sixteen = IntStream.rangeClosed(1, 16).mapToObj(i -> container("c" + i, "s")).toList();
        assertThatThrownBy(() -> fake.sageMakerClient().createModel(b -> b.modelName("m").executionRoleArn(Fixtures.ROLE)
                .containers(sixteen)))
                .isInstanceOf(SageMakerException.class)
                .hasMessageContaining("at 'containers' failed to satisfy constraint: Member must have length less than or equal to 15");
        assertThat(fake.sageMakerClient().listModels().models()).isEmpty();
    }
}
