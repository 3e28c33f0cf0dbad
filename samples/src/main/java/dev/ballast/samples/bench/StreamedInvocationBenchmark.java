package dev.ballast.samples.bench;

import dev.ballast.testkit.ContainerBehavior;
import dev.ballast.testkit.ContainerRequest;
import dev.ballast.testkit.ContainerResponse;
import dev.ballast.testkit.ContainerSpec;
import dev.ballast.testkit.ContainerStream;
import dev.ballast.testkit.FakeSageMaker;
import dev.ballast.testkit.http.FakeServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamResponseHandler;

/**
 * A 200-token chat answer over HTTP through the Java SDK's asynchronous runtime client (Netty), in
 * the same run: streamed ({@code InvokeEndpointWithResponseStream}: 200 server-sent-event chunks,
 * each its own {@code PayloadPart} frame, then {@code [DONE]}) and unstreamed
 * ({@code InvokeEndpoint}: the same text in one chat completion). Generation takes no simulated
 * time, so only the serving is measured. Target: the streamed answer costs less than three times
 * the unstreamed one.
 *
 * <p>The same two calls are also read by the JDK's plain HTTP client ({@code *Raw}), which does
 * nothing with the bytes: the fake's serving alone, without the SDK's decoding of 200 events.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 25, time = 2)
@Measurement(iterations = 10, time = 2)
@State(Scope.Benchmark)
public class StreamedInvocationBenchmark {

    static final int TOKENS = 200;
    private static final String CHAT = "{\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a story.\"}],\"stream\":true}";

    private FakeSageMaker fake;
    private FakeServer server;
    private SageMakerRuntimeAsyncClient client;
    private HttpClient raw;
    private HttpRequest rawUnstreamed;
    private HttpRequest rawStreamed;
    private final InvokeEndpointRequest unstreamed = InvokeEndpointRequest.builder().endpointName("ep")
            .inferenceComponentName("ic").contentType("application/json").body(SdkBytes.fromUtf8String(CHAT)).build();
    private final InvokeEndpointWithResponseStreamRequest streamed = InvokeEndpointWithResponseStreamRequest.builder()
            .endpointName("ep").inferenceComponentName("ic").contentType("application/json")
            .body(SdkBytes.fromUtf8String(CHAT)).build();

    /** Deploys the notebook's endpoint with a 200-token container, and serves it. */
    @Setup(Level.Trial)
    public void start() {
        fake = FakeSageMaker.create();
        fake.givenContainer(spec -> true, new StoryContainer());
        BenchWorlds.endpoint(fake, "ml.g5.2xlarge", 2, 4);
        BenchWorlds.component(fake, 2);
        server = FakeServer.builder(fake).build().start();
        client = client(server.uri());
        raw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        rawUnstreamed = rawRequest(server.uri().resolve("/endpoints/ep/invocations"));
        rawStreamed = rawRequest(server.uri().resolve("/endpoints/ep/invocations-response-stream"));
    }

    /** A request the server accepts: its signature's scope is checked, not its value. */
    private static HttpRequest rawRequest(URI uri) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("X-Amzn-SageMaker-Inference-Component", "ic")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/sagemaker/aws4_request,"
                        + " SignedHeaders=host, Signature=00")
                .POST(HttpRequest.BodyPublishers.ofString(CHAT)).build();
    }

    /** Stops the client, the server and the fake. */
    @TearDown(Level.Trial)
    public void stop() {
        client.close();
        server.close();
        fake.close();
    }

    /** @return the bytes of the whole answer, in one body */
    @Benchmark
    public int unstreamed() {
        return client.invokeEndpoint(unstreamed).join().body().asByteArrayUnsafe().length;
    }

    /** @return the bytes of all 200 parts, read as they arrive */
    @Benchmark
    public long streamed() {
        return read(client, streamed);
    }

    /** @return the bytes of the whole answer, read by a plain HTTP client (the serving alone) */
    @Benchmark
    public int unstreamedRaw() throws IOException, InterruptedException {
        return raw.send(rawUnstreamed, HttpResponse.BodyHandlers.ofByteArray()).body().length;
    }

    /** @return the bytes of the 200 framed parts, read by a plain HTTP client (the serving alone) */
    @Benchmark
    public int streamedRaw() throws IOException, InterruptedException {
        return raw.send(rawStreamed, HttpResponse.BodyHandlers.ofByteArray()).body().length;
    }

    /** Reads a streamed answer to its end through the SDK's handler; returns the bytes of its parts. */
    static long read(SageMakerRuntimeAsyncClient client, InvokeEndpointWithResponseStreamRequest request) {
        AtomicLong bytes = new AtomicLong();
        client.invokeEndpointWithResponseStream(request, InvokeEndpointWithResponseStreamResponseHandler.builder()
                .subscriber(InvokeEndpointWithResponseStreamResponseHandler.Visitor.builder()
                        .onPayloadPart(part -> bytes.addAndGet(part.bytes().asByteArrayUnsafe().length)).build())
                .build()).join();
        return bytes.get();
    }

    static SageMakerRuntimeAsyncClient client(URI endpoint) {
        return SageMakerRuntimeAsyncClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .build();
    }

    /** Answers every chat with the same 200 tokens: whole, or as 200 chunks and {@code [DONE]}, in no time. */
    static final class StoryContainer implements ContainerBehavior {

        private static final List<String> WORDS = words();
        private static final ContainerResponse WHOLE = new ContainerResponse(200,
                ("{\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
                        + String.join("", WORDS) + "\"},\"finish_reason\":\"stop\"}]}").getBytes(StandardCharsets.UTF_8),
                "application/json", Duration.ZERO);
        private static final ContainerStream STREAM = stream();

        @Override
        public ContainerResponse respond(ContainerRequest request, ContainerSpec spec) {
            return WHOLE;
        }

        @Override
        public ContainerStream stream(ContainerRequest request, ContainerSpec spec) {
            return STREAM;
        }

        private static List<String> words() {
            List<String> words = new ArrayList<>(TOKENS);
            for (int i = 0; i < TOKENS; i++) {
                words.add(i == 0 ? "Once" : " word" + i);
            }
            return List.copyOf(words);
        }

        private static ContainerStream stream() {
            List<ContainerStream.Part> parts = new ArrayList<>(TOKENS + 1);
            for (String word : WORDS) {
                parts.add(ContainerStream.Part.of("data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                        + "\"delta\":{\"content\":\"" + word + "\"},\"finish_reason\":null}]}\n\n", Duration.ZERO));
            }
            parts.add(ContainerStream.Part.of("data: [DONE]\n\n", Duration.ZERO));
            return ContainerStream.of("text/event-stream", parts);
        }
    }
}
