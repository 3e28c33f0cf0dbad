package dev.ballast.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.testkit.ContainerBehavior;
import dev.ballast.testkit.ContainerRequest;
import dev.ballast.testkit.ContainerResponse;
import dev.ballast.testkit.ContainerSpec;
import dev.ballast.testkit.ContainerStream;
import dev.ballast.testkit.FakeSageMaker;
import dev.ballast.testkit.FakeTimings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.sagemakerruntime.model.InternalStreamFailureException;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelStreamErrorException;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;
import software.amazon.eventstream.MessageDecoder;

@DisplayName("InvokeEndpointWithResponseStream over HTTP: AWS event-stream frames for the Java SDK, boto3 and raw clients")
class ResponseStreamOverHttpTest {

    private static final String CHAT = "{\"messages\":[{\"role\":\"user\",\"content\":\"How many R's in strawberry?\"}],"
            + "\"stream\":true}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeSageMaker fake = FakeSageMaker.create();
    private FakeServer server;
    private final List<SageMakerRuntimeAsyncClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(SageMakerRuntimeAsyncClient::close);
        if (server != null) {
            server.close();
        }
    }

    /** One endpoint, components: chat (TGI with the Messages API), plain (TGI without it), broken (fails mid-stream). */
    private void deploy() {
        fake.givenContainerFor("broken", new ContainerBehavior() {
            @Override
            public ContainerResponse respond(ContainerRequest request, ContainerSpec spec) {
                return ContainerResponse.ok("{}");
            }

            @Override
            public ContainerStream stream(ContainerRequest request, ContainerSpec spec) {
                return ContainerStream.of("text/plain", List.of(ContainerStream.Part.of("one", Duration.ofMillis(10)),
                                ContainerStream.Part.of("two", Duration.ofMillis(10))))
                        .thenModelStreamError("StreamBroken", "The model server closed the stream.",
                                Duration.ofMillis(10));
            }
        });
        SageMakerClient sm = fake.sageMakerClient();
        sm.createEndpointConfig(b -> b.endpointConfigName("cfg")
                .executionRoleArn("arn:aws:iam::123456789012:role/SageMakerExecutionRole")
                .productionVariants(v -> v.variantName("AllTraffic").instanceType("ml.g5.12xlarge")
                        .initialInstanceCount(1)));
        sm.createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg"));
        fake.clock().advanceUntil(() -> sm.describeEndpoint(b -> b.endpointName("ep")).endpointStatus()
                == EndpointStatus.IN_SERVICE, Duration.ofHours(1));
        component(sm, "chat", Map.of("HF_MODEL_ID", "meta-llama/Llama-3.1-8B-Instruct", "MESSAGES_API_ENABLED", "true"));
        component(sm, "plain", Map.of("HF_MODEL_ID", "meta-llama/Llama-3.1-8B-Instruct"));
        component(sm, "broken", Map.of());
    }

    private void component(SageMakerClient sm, String name, Map<String, String> env) {
        sm.createInferenceComponent(b -> b.inferenceComponentName(name).endpointName("ep").variantName("AllTraffic")
                .specification(s -> s.container(c -> c.image("123456789012.dkr.ecr.us-east-1.amazonaws.com/tgi:2.2.0")
                                .environment(env))
                        .computeResourceRequirements(r -> r.numberOfAcceleratorDevicesRequired(1f)
                                .numberOfCpuCoresRequired(1f).minMemoryRequiredInMb(1024)))
                .runtimeConfig(r -> r.copyCount(1)));
        fake.clock().advanceUntil(() -> sm.describeInferenceComponent(b -> b.inferenceComponentName(name))
                .inferenceComponentStatus() == InferenceComponentStatus.IN_SERVICE, Duration.ofHours(1));
    }

    private SageMakerRuntimeAsyncClient asyncClient() {
        // the SDK's default async HTTP client (Netty), as a service would build it
        SageMakerRuntimeAsyncClient client = SageMakerRuntimeAsyncClient.builder().endpointOverride(server.uri())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        clients.add(client);
        return client;
    }

    /** What an SDK handler saw. */
    private static final class Seen {
        final StringBuilder text = new StringBuilder();
        final List<String> parts = new ArrayList<>();
        InvokeEndpointWithResponseStreamResponse response;
        Throwable error;
        boolean completed;

        InvokeEndpointWithResponseStreamResponseHandler handler() {
            return InvokeEndpointWithResponseStreamResponseHandler.builder().onResponse(r -> response = r)
                    .onError(e -> error = e).onComplete(() -> completed = true)
                    .subscriber(InvokeEndpointWithResponseStreamResponseHandler.Visitor.builder().onPayloadPart(p -> {
                        parts.add(p.bytes().asUtf8String());
                        text.append(p.bytes().asUtf8String());
                    }).build()).build();
        }
    }

    private static InvokeEndpointWithResponseStreamRequest request(String component, String body) {
        return InvokeEndpointWithResponseStreamRequest.builder().endpointName("ep").inferenceComponentName(component)
                .contentType("application/json").customAttributes("trace=1").body(SdkBytes.fromUtf8String(body))
                .build();
    }

    private static String chatText(String events) throws Exception {
        StringBuilder text = new StringBuilder();
        for (String event : events.split("\n\n")) {
            if (!event.equals("data:[DONE]")) {
                text.append(JSON.readTree(event.substring("data:".length())).at("/choices/0/delta/content").asText());
            }
        }
        return text.toString();
    }

    @Test
    @DisplayName("the Java SDK's SageMakerRuntimeAsyncClient reads every PayloadPart, the same stream as in process, and the server moves its manual clock through the generation time")
    void javaSdkReadsTheStream() throws Exception {
        deploy();
        server = FakeServer.builder(fake).build().start();
        Seen seen = new Seen();
        Instant before = fake.clock().now();

        asyncClient().invokeEndpointWithResponseStream(request("chat", CHAT), seen.handler()).get(30, TimeUnit.SECONDS);

        assertThat(seen.completed).isTrue();
        assertThat(seen.response.invokedProductionVariant()).isEqualTo("AllTraffic");
        assertThat(seen.response.contentType()).isEqualTo("text/event-stream");
        assertThat(seen.response.customAttributes()).isEqualTo("trace=1");
        assertThat(seen.parts).allSatisfy(p -> assertThat(p).startsWith("data:").endsWith("\n\n"));
        assertThat(seen.parts.get(seen.parts.size() - 1)).isEqualTo("data:[DONE]\n\n");
        assertThat(chatText(seen.text.toString())).startsWith("There are 3 R's in STRAWBERRY. (simulated answer from");
        int textTokens = seen.parts.size() - 2;
        assertThat(Duration.between(before, fake.clock().now())).isEqualTo(fake.timings().timeToFirstToken()
                .plus(fake.timings().timePerToken().multipliedBy(textTokens)));

        Seen inProcess = new Seen();
        fake.runtimeAsyncClient().invokeEndpointWithResponseStream(request("chat", CHAT), inProcess.handler()).join();
        assertThat(inProcess.parts).isEqualTo(seen.parts);
    }

    @Test
    @DisplayName("a ModelStreamError in the middle reaches the Java SDK after the parts before it, as the same exception as in process")
    void javaSdkSeesTheModelStreamError() {
        deploy();
        server = FakeServer.builder(fake).build().start();
        Seen seen = new Seen();

        assertThatThrownBy(() -> asyncClient().invokeEndpointWithResponseStream(request("broken", "{}"), seen.handler())
                .get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOfSatisfying(ModelStreamErrorException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("StreamBroken");
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ModelStreamError");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The model server closed the stream.");
                    assertThat(e.statusCode()).isEqualTo(500); // the SDK's status for an exception event
                });
        assertThat(seen.parts).containsExactly("one", "two");
        // the SDK's async pipeline hands the handler the error wrapped, as the fake's async client does
        assertThat(seen.error).isInstanceOf(CompletionException.class).cause()
                .isInstanceOf(ModelStreamErrorException.class);

        Seen inProcess = new Seen();
        assertThatThrownBy(() -> fake.runtimeAsyncClient().invokeEndpointWithResponseStream(request("broken", "{}"),
                inProcess.handler()).get()).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOfSatisfying(ModelStreamErrorException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("StreamBroken");
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ModelStreamError");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The model server closed the stream.");
                    assertThat(e.statusCode()).isEqualTo(500);
                });
        assertThat(inProcess.error).isInstanceOf(CompletionException.class).cause()
                .isInstanceOf(ModelStreamErrorException.class);
    }

    @Test
    @DisplayName("an error before the stream is InvokeEndpoint's: a chat request without the Messages API is a ModelError 424")
    void upFrontErrorIsAModelError() {
        deploy();
        server = FakeServer.builder(fake).build().start();

        Seen seen = new Seen();

        assertThatThrownBy(() -> asyncClient().invokeEndpointWithResponseStream(request("plain", CHAT), seen.handler())
                .get(30, TimeUnit.SECONDS)).cause().isInstanceOfSatisfying(ModelErrorException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(424);
                    assertThat(e.originalStatusCode()).isEqualTo(422);
                    assertThat(e.originalMessage()).startsWith("Failed to deserialize the JSON body");
                });
        assertThat(seen.error).isInstanceOf(CompletionException.class).cause().isInstanceOf(ModelErrorException.class);
    }

    @Test
    @DisplayName("with a driven clock the server writes each part when the clock reaches its time")
    void drivenClock() throws Exception {
        fake = FakeSageMaker.builder().timings(FakeTimings.builder().timeToFirstToken(Duration.ofSeconds(2))
                .timePerToken(Duration.ofMillis(100)).build()).build();
        deploy();
        server = FakeServer.builder(fake).timeScale(200).build().start();
        Seen seen = new Seen();
        Instant before = fake.clock().now();

        asyncClient().invokeEndpointWithResponseStream(request("chat", CHAT), seen.handler()).get(30, TimeUnit.SECONDS);

        assertThat(seen.completed).isTrue();
        int textTokens = seen.parts.size() - 2;
        // the last part was written once the driven clock had passed its time
        assertThat(Duration.between(before, fake.clock().now())).isGreaterThanOrEqualTo(Duration.ofSeconds(2)
                .plus(Duration.ofMillis(100).multipliedBy(textTokens)));
        assertThat(chatText(seen.text.toString())).startsWith("There are 3 R's in STRAWBERRY.");
    }

    @Test
    @DisplayName("a raw client gets application/vnd.amazon.eventstream, chunked, frames whose lengths and CRC32s check out")
    void framesOnTheWire() throws Exception {
        deploy();
        server = FakeServer.builder(fake).build().start();
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.uri() + "/endpoints/ep/invocations-response-stream"))
                .header("Authorization", RawHttp.authorization("sagemaker"))
                .header("Content-Type", "application/json")
                .header("X-Amzn-SageMaker-Inference-Component", "broken")
                .header("X-Amzn-SageMaker-Custom-Attributes", "trace=2")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/vnd.amazon.eventstream");
        assertThat(response.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        assertThat(response.headers().firstValue("X-Amzn-SageMaker-Content-Type")).hasValue("text/plain");
        assertThat(response.headers().firstValue("x-Amzn-Invoked-Production-Variant")).hasValue("AllTraffic");
        assertThat(response.headers().firstValue("X-Amzn-SageMaker-Custom-Attributes")).hasValue("trace=2");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();

        byte[] body = response.body();
        List<Message> messages = new ArrayList<>();
        int at = 0;
        while (at < body.length) {
            ByteBuffer frame = ByteBuffer.wrap(body, at, body.length - at);
            int total = frame.getInt();
            int headersLength = frame.getInt();
            int preludeCrc = frame.getInt();
            assertThat(Integer.toUnsignedLong(preludeCrc)).isEqualTo(crc(body, at, 8));
            assertThat(Integer.toUnsignedLong(ByteBuffer.wrap(body, at + total - 4, 4).getInt()))
                    .isEqualTo(crc(body, at, total - 4));
            assertThat(headersLength).isLessThan(total - 16);
            messages.add(Message.decode(ByteBuffer.wrap(body, at, total))); // checks both CRCs too
            at += total;
        }
        assertThat(at).isEqualTo(body.length);
        MessageDecoder decoder = new MessageDecoder();
        decoder.feed(body);
        assertThat(decoder.getDecodedMessages()).isEqualTo(messages);

        assertThat(messages).hasSize(3);
        for (Message part : messages.subList(0, 2)) {
            assertThat(headers(part)).containsExactly(Map.entry(":event-type", "PayloadPart"),
                    Map.entry(":content-type", "application/octet-stream"), Map.entry(":message-type", "event"));
        }
        assertThat(new String(messages.get(0).getPayload(), StandardCharsets.UTF_8)).isEqualTo("one");
        assertThat(new String(messages.get(1).getPayload(), StandardCharsets.UTF_8)).isEqualTo("two");
        Message error = messages.get(2);
        assertThat(headers(error)).containsExactly(Map.entry(":exception-type", "ModelStreamError"),
                Map.entry(":content-type", "application/json"), Map.entry(":message-type", "exception"));
        assertThat(JSON.readTree(error.getPayload())).isEqualTo(JSON.readTree(
                "{\"Message\":\"The model server closed the stream.\",\"ErrorCode\":\"StreamBroken\"}"));
    }

    @Test
    @DisplayName("an InternalStreamFailure frame carries only a Message, and the Java SDK raises InternalStreamFailureException")
    void internalStreamFailureFrame() {
        fake.givenContainerFor("broken", new ContainerBehavior() {
            @Override
            public ContainerResponse respond(ContainerRequest request, ContainerSpec spec) {
                return ContainerResponse.ok("{}");
            }

            @Override
            public ContainerStream stream(ContainerRequest request, ContainerSpec spec) {
                return ContainerStream.of("text/plain", List.of()).thenInternalStreamFailure("Try again.", Duration.ZERO);
            }
        });
        SageMakerClient sm = fake.sageMakerClient();
        sm.createEndpointConfig(b -> b.endpointConfigName("cfg")
                .executionRoleArn("arn:aws:iam::123456789012:role/SageMakerExecutionRole")
                .productionVariants(v -> v.variantName("AllTraffic").instanceType("ml.g5.12xlarge")
                        .initialInstanceCount(1)));
        sm.createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg"));
        fake.clock().advanceUntil(() -> sm.describeEndpoint(b -> b.endpointName("ep")).endpointStatus()
                == EndpointStatus.IN_SERVICE, Duration.ofHours(1));
        component(sm, "broken", Map.of());
        server = FakeServer.builder(fake).build().start();

        assertThatThrownBy(() -> asyncClient().invokeEndpointWithResponseStream(request("broken", "{}"),
                new Seen().handler()).get(30, TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(InternalStreamFailureException.class, e ->
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Try again."));
    }

    @Test
    @DisplayName("boto3's invoke_endpoint_with_response_stream reads the PayloadPart events and the ModelStreamError")
    void boto3() throws Exception {
        String missing = ExternalClients.unavailable("python3", "-c", "import boto3");
        Assumptions.assumeTrue(missing == null, "boto3 is not installed: " + missing);
        deploy();
        server = FakeServer.builder(fake).build().start();

        ExternalClients.Result result = ExternalClients.run(List.of("python3", script().toString(),
                server.uri().toString()), 180);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout().lines()).containsExactly(
                "content_type=text/event-stream",
                "variant=AllTraffic",
                "events_gt_10=True",
                "text=There are 3 R's in STRAWBERRY. (simulated answer from meta-llama/Llama-3.1-8B-Instruct)",
                "done=True",
                "parts_before_error=one,two",
                "stream_error_code=ModelStreamError",
                "stream_error_message=The model server closed the stream.",
                "error_code=ModelError",
                "error_status=424",
                "original_status=422");
    }

    private static Path script() throws Exception {
        return Path.of(Objects.requireNonNull(ResponseStreamOverHttpTest.class.getResource("/http/stream_with_boto3.py"),
                "stream_with_boto3.py on the test classpath").toURI());
    }

    private static List<Map.Entry<String, String>> headers(Message message) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Map.Entry<String, HeaderValue> h : message.getHeaders().entrySet()) {
            headers.add(Map.entry(h.getKey(), h.getValue().getString()));
        }
        return headers;
    }

    private static long crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }
}
