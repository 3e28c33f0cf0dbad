package dev.ballast.transport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.CreateModelRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

import dev.ballast.aws.DemoSpec;
import dev.ballast.aws.WireClients;
import dev.ballast.engine.Planner;
import dev.ballast.plan.ApiCall;
import dev.ballast.spi.TimeSource;
import dev.ballast.spi.Transport;

/**
 * The logging decorator writes one DEBUG line per call and the masked request at TRACE, read back
 * from the test JVM's log file (slf4j-simple at TRACE, see impl's surefire configuration).
 */
class LoggingTransportTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    /** A clock that moves 250 ms each time it is read. */
    private static TimeSource steppingClock() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-23T12:00:00Z"));
        return () -> now.getAndUpdate(t -> t.plus(Duration.ofMillis(250)));
    }

    private static String log() throws IOException {
        return Files.readString(Path.of(System.getProperty("org.slf4j.simpleLogger.logFile", "target/trace.log")));
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    @DisplayName("a successful call is one DEBUG line with operation, resource, latency from the time source and 'ok'")
    void successLine() throws IOException {
        String endpoint = unique("ep");
        Transport fake = request -> DescribeEndpointResponse.builder().endpointName(endpoint).build();

        LoggingTransport.wrap(fake, steppingClock()).execute(DescribeEndpointRequest.builder().endpointName(endpoint).build());

        assertThat(LoggerFactory.getLogger(LoggingTransport.LOGGER).isTraceEnabled()).isTrue();
        assertThat(log()).contains("DEBUG " + LoggingTransport.LOGGER)
                .contains("SageMaker.DescribeEndpoint endpoint/" + endpoint + " ok in 250 ms");
    }

    @Test
    @DisplayName("a failed call logs the error code, status and request id, and the very same exception is rethrown")
    void failureLine() throws IOException {
        String endpoint = unique("ep");
        SageMakerException failure = (SageMakerException) SageMakerException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException")
                        .errorMessage("Could not find endpoint \"" + endpoint + "\".").build())
                .statusCode(400).requestId("rid-" + endpoint).build();
        Transport fake = request -> {
            throw failure;
        };

        Throwable thrown = catchThrowable(() -> LoggingTransport.wrap(fake, steppingClock())
                .execute(DescribeEndpointRequest.builder().endpointName(endpoint).build()));

        assertThat(thrown).isSameAs(failure);
        assertThat(log()).contains("SageMaker.DescribeEndpoint endpoint/" + endpoint
                + " failed in 250 ms: ValidationException (HTTP 400) [request id rid-" + endpoint + "]");
    }

    @Test
    @DisplayName("at TRACE the request is logged as masked JSON: the secret the real client sends never reaches the log")
    void secretNeverLogged() throws IOException {
        String canary = unique("hf_canary");
        ApiCall call = DemoSpec.call(Planner.create(DemoSpec.spec(canary)), "CreateInferenceComponent");
        wm.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.1").withHeader("x-amzn-RequestId", "rid-" + canary.substring(10))
                .withBody("{\"__type\":\"ValidationException\",\"message\":\"Could not find endpoint \\\"demo\\\".\"}")));
        Transport logged = LoggingTransport.wrap(WireClients.transport(wm.baseUrl()), steppingClock());

        catchThrowable(() -> logged.execute(call.request()));

        assertThat(wm.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing(canary))))
                .as("the secret is sent").hasSize(1);
        String log = log();
        assertThat(log).contains("SageMaker.CreateInferenceComponent inference-component/llm request {")
                .contains("\"HF_TOKEN\":\"****\"")
                .contains("\"SM_NUM_GPUS\":\"****\"")
                .contains("failed in 250 ms: ValidationException (HTTP 400) [request id rid-" + canary.substring(10) + "]");
        // WireMock's own Jetty threads (qtp-*) log what the server received at DEBUG; that is the
        // test server's log, not the client's, so only the client-side lines must be clean.
        assertThat(log.lines().filter(l -> !l.startsWith("[qtp"))).noneMatch(l -> l.contains(canary));
    }

    @Test
    @DisplayName("given the plan's secret paths, TRACE shows plain environment values and masks only the secrets")
    void explicitSecretPaths() throws IOException {
        String canary = unique("hf_canary");
        ApiCall call = DemoSpec.call(Planner.create(DemoSpec.spec(canary)), "CreateInferenceComponent");
        String marker = unique("ic");
        Transport fake = request -> software.amazon.awssdk.services.sagemaker.model.CreateInferenceComponentResponse.builder().build();
        software.amazon.awssdk.services.sagemaker.model.CreateInferenceComponentRequest request =
                ((software.amazon.awssdk.services.sagemaker.model.CreateInferenceComponentRequest) call.request()).toBuilder()
                        .inferenceComponentName(marker).build();

        LoggingTransport.wrap(fake, steppingClock(), r -> call.redactedPaths()).execute(request);

        String line = log().lines().filter(l -> l.contains("inference-component/" + marker + " request")).findFirst().orElseThrow();
        assertThat(line).contains("\"SM_NUM_GPUS\":\"1\"", "\"HF_TOKEN\":\"****\"").doesNotContain(canary);
    }

    @Test
    @DisplayName("in the documented order, logging outside a dry run logs each call once while only the read reaches the wire")
    void loggingOutsideDryRun() throws IOException {
        String endpoint = unique("dry");
        wm.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"EndpointName\":\"" + endpoint + "\",\"EndpointStatus\":\"InService\"}")));
        Transport stack = LoggingTransport.wrap(RecordingTransport.dryRun(WireClients.transport(wm.baseUrl())), steppingClock());

        stack.execute(software.amazon.awssdk.services.sagemaker.model.CreateEndpointRequest.builder()
                .endpointName(endpoint).endpointConfigName("c1").build());
        stack.execute(DescribeEndpointRequest.builder().endpointName(endpoint).build());

        assertThat(wm.findAll(postRequestedFor(urlEqualTo("/")))).hasSize(1);
        assertThat(log()).contains("SageMaker.CreateEndpoint endpoint/" + endpoint + " ok in 250 ms",
                "SageMaker.DescribeEndpoint endpoint/" + endpoint + " ok in 250 ms");
    }

    @Test
    @DisplayName("the default policy finds every Environment value, in a model's primary container and in each container")
    void environmentPathsOfAModel() {
        CreateModelRequest model = CreateModelRequest.builder().modelName("m")
                .primaryContainer(ContainerDefinition.builder().image("i").environment(java.util.Map.of("A", "1")).build())
                .containers(ContainerDefinition.builder().image("j").environment(java.util.Map.of("B", "2")).build())
                .build();

        assertThat(SecretPaths.environmentValues(model)).containsExactlyInAnyOrder("PrimaryContainer.Environment.A",
                "Containers.Environment.B");
    }
}
