package dev.ballast.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.testkit.FakeSageMaker;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

@DisplayName("Fault injection and signature checks of the fake's HTTP server")
class FaultInjectionTest {

    private FakeSageMaker fake;
    private FakeServer server;
    private SageMakerClient sageMaker;

    @BeforeEach
    void start() {
        fake = FakeSageMaker.create();
        server = FakeServer.builder(fake).requireAccessKeyId(SdkClients.ACCESS_KEY).build().start();
        sageMaker = SdkClients.sageMaker(server);
    }

    @AfterEach
    void stop() {
        sageMaker.close();
        server.close();
        fake.close();
    }

    @Test
    @DisplayName("a throttled call gets SageMaker's ThrottlingException (400, Rate exceeded), then calls succeed again")
    void throttle() {
        server.faults().throttle("ListEndpoints", 1);

        assertThatThrownBy(() -> sageMaker.listEndpoints(b -> { }))
                .isInstanceOfSatisfying(SageMakerException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.isThrottlingException()).isTrue();
                });
        assertThat(sageMaker.listEndpoints(b -> { }).endpoints()).isEmpty();
        assertThat(server.faults().remaining("ListEndpoints")).isZero();
    }

    @Test
    @DisplayName("the SDK's standard retries ride out two throttled calls and use up both faults")
    void throttleRetried() {
        server.faults().throttle("ListModels", 2);
        try (SageMakerClient retrying = SdkClients.sageMaker(server, SdkClients.ACCESS_KEY, true)) {
            assertThat(retrying.listModels(b -> { }).models()).isEmpty();
        }
        assertThat(server.faults().remaining("ListModels")).isZero();
    }

    @Test
    @DisplayName("CloudWatch over awsQuery is throttled with its own code, Throttling")
    void throttleCloudWatch() {
        server.faults().throttle("DescribeAlarms", 1);
        try (CloudWatchClient cloudWatch = SdkClients.cloudWatch(server)) {
            assertThatThrownBy(() -> cloudWatch.describeAlarms(b -> { }))
                    .isInstanceOfSatisfying(CloudWatchException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
                        assertThat(e.requestId()).isNotBlank();
                    });
        }
    }

    @Test
    @DisplayName("5xx faults answer InternalFailure for 500 and ServiceUnavailable for 503")
    void serverErrors() {
        server.faults().fail("DescribeEndpoint", 500, 1).fail("DescribeEndpoint", 503, 1);

        assertThatThrownBy(() -> sageMaker.describeEndpoint(b -> b.endpointName("ep")))
                .isInstanceOfSatisfying(SageMakerException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(500);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalFailure");
                });
        assertThatThrownBy(() -> sageMaker.describeEndpoint(b -> b.endpointName("ep")))
                .isInstanceOfSatisfying(SageMakerException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
                });
        assertThatThrownBy(() -> sageMaker.describeEndpoint(b -> b.endpointName("ep")))
                .isInstanceOfSatisfying(SageMakerException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
    }

    @Test
    @DisplayName("a delayed call is answered normally after the delay on the wall clock")
    void delay() {
        server.faults().delay("ListEndpoints", Duration.ofMillis(300), 1);

        long start = System.nanoTime();
        assertThat(sageMaker.listEndpoints(b -> { }).endpoints()).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    @DisplayName("a delayed call holds no worker: with one worker thread, another call is answered while it waits")
    void delayHoldsNoWorker() {
        try (FakeServer single = FakeServer.builder(fake).threads(1).build().start();
                SageMakerClient client = SdkClients.sageMaker(single)) {
            single.faults().delay("DescribeEndpoint", Duration.ofMinutes(5), 1);
            java.util.concurrent.CompletableFuture<?> delayed = java.util.concurrent.CompletableFuture.runAsync(() ->
                    client.describeEndpoint(b -> b.endpointName("slow")));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (single.faults().remaining("DescribeEndpoint") > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();  // until the server has taken the delayed call
            }
            assertThat(single.faults().remaining("DescribeEndpoint")).isZero();

            assertThat(client.listEndpoints(b -> { }).endpoints()).isEmpty();
            assertThat(delayed).as("the delayed call is still waiting").isNotDone();
        }
    }

    @Test
    @DisplayName("a dropped connection reaches the client as an SDK client error, and the fake never sees the call")
    void drop() {
        server.faults().drop("CreateModel", 1);

        assertThatThrownBy(() -> sageMaker.createModel(b -> b.modelName("m").executionRoleArn(
                "arn:aws:iam::123456789012:role/R").primaryContainer(c -> c.image("img"))))
                .isInstanceOf(SdkClientException.class);
        assertThat(fake.sageMakerClient().listModels(b -> { }).models()).isEmpty();
    }

    @Test
    @DisplayName("any-operation faults hit calls that have no fault of their own; flag syntax adds the same faults")
    void anyOperationAndFlags() {
        server.faults().add("*=fail:503:1").add("ListModels=throttle:1");

        assertThatThrownBy(() -> sageMaker.listModels(b -> { }))
                .isInstanceOfSatisfying(SageMakerException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException"));
        assertThatThrownBy(() -> sageMaker.listEndpoints(b -> { }))
                .isInstanceOfSatisfying(SageMakerException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
        assertThat(sageMaker.listEndpoints(b -> { }).endpoints()).isEmpty();
        assertThatThrownBy(() -> server.faults().add("ListModels=explode:1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("<Op>=throttle:<n>");
    }

    @Test
    @DisplayName("a request without a SigV4 signature is rejected with 403 MissingAuthenticationTokenException")
    void missingSignature() throws IOException, InterruptedException {
        HttpResponse<String> response = post(HttpRequest.newBuilder(server.uri())
                .header("X-Amz-Target", "SageMaker.ListEndpoints")
                .header("Content-Type", "application/x-amz-json-1.1"), "{}");

        assertThat(response.statusCode()).isEqualTo(403);
        JsonNode body = new ObjectMapper().readTree(response.body());
        assertThat(body.get("__type").asText()).isEqualTo("MissingAuthenticationTokenException");
        assertThat(body.get("message").asText()).isEqualTo("Missing Authentication Token");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    }

    @Test
    @DisplayName("awsQuery rejects an unsigned request with an XML ErrorResponse, code MissingAuthenticationToken")
    void missingSignatureQuery() throws IOException, InterruptedException {
        HttpResponse<String> response = post(HttpRequest.newBuilder(server.uri())
                .header("Content-Type", "application/x-www-form-urlencoded"), "Action=DescribeAlarms&Version=2010-08-01");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).startsWith("<ErrorResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">")
                .contains("<Type>Sender</Type><Code>MissingAuthenticationToken</Code>");
    }

    @Test
    @DisplayName("a signature by another access key than the required one gets UnrecognizedClientException")
    void wrongAccessKey() {
        try (SageMakerClient stranger = SdkClients.sageMaker(server, "AKIDSOMEONEELSE", false)) {
            assertThatThrownBy(() -> stranger.listEndpoints(b -> { }))
                    .isInstanceOfSatisfying(SageMakerException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
                    });
        }
    }

    @Test
    @DisplayName("a request signed for another region is rejected: the region is read from the credential scope")
    void otherRegion() throws IOException, InterruptedException {
        HttpResponse<String> response = post(HttpRequest.newBuilder(server.uri())
                .header("X-Amz-Target", "SageMaker.ListEndpoints")
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + SdkClients.ACCESS_KEY
                        + "/20260101/eu-west-1/sagemaker/aws4_request, SignedHeaders=host, Signature=abc123"), "{}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"__type\":\"InvalidSignatureException\"")
                .contains("Credential should be scoped to a valid region, not 'eu-west-1'.");
    }

    private static HttpResponse<String> post(HttpRequest.Builder request, String body)
            throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
