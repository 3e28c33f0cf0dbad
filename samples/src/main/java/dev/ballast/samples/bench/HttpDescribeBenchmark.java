package dev.ballast.samples.bench;

import com.sun.net.httpserver.HttpServer;
import dev.ballast.testkit.FakeSageMaker;
import dev.ballast.testkit.http.FakeServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentResponse;

/**
 * {@code DescribeInferenceComponent} through the Java SDK's sync client (Apache HTTP client) over
 * loopback: against the fake's HTTP server, and against a static JDK-server stub that answers the
 * same bytes without doing anything, in the same run. Target: the fake keeps at least 90% of the
 * stub's calls per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 30, time = 2)
@Measurement(iterations = 5, time = 3)
@State(Scope.Benchmark)
public class HttpDescribeBenchmark {

    private final DescribeInferenceComponentRequest request = DescribeInferenceComponentRequest.builder()
            .inferenceComponentName("ic").build();
    private FakeSageMaker fake;
    private FakeServer server;
    private HttpServer stub;
    private ExecutorService stubExecutor;
    private SageMakerClient viaFake;
    private SageMakerClient viaStub;

    /** Deploys the notebook's endpoint and component, serves them, and starts the stub with the fake's own answer. */
    @Setup(Level.Trial)
    public void start() throws IOException, InterruptedException {
        fake = FakeSageMaker.create();
        BenchWorlds.endpoint(fake, "ml.g5.2xlarge", 2, 4);
        BenchWorlds.component(fake, 2);
        server = FakeServer.builder(fake).build().start();
        byte[] answer = describeBytes(server.uri());
        // the same TCP_NODELAY setting as the fake's server, or the stub would be the one 40 ms late
        System.setProperty("sun.net.httpserver.nodelay", "true");
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        stubExecutor = Executors.newFixedThreadPool(4);
        stub.setExecutor(stubExecutor);
        stub.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.getResponseHeaders().set("x-amzn-RequestId", "00000000-0000-0000-0000-000000000000");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        stub.start();
        // the Apache client, as measured for the target; the SDK would refuse to choose when another is on the classpath
        System.setProperty("software.amazon.awssdk.http.service.impl",
                "software.amazon.awssdk.http.apache.ApacheSdkHttpService");
        viaFake = client(server.uri());
        viaStub = client(URI.create("http://127.0.0.1:" + stub.getAddress().getPort()));
    }

    /** Stops both servers and clients. */
    @TearDown(Level.Trial)
    public void stop() {
        viaFake.close();
        viaStub.close();
        server.close();
        stub.stop(0);
        stubExecutor.shutdownNow();
        fake.close();
    }

    /** @return the description, from the fake over HTTP */
    @Benchmark
    public DescribeInferenceComponentResponse fake() {
        return viaFake.describeInferenceComponent(request);
    }

    /** @return the same description, from the static stub */
    @Benchmark
    public DescribeInferenceComponentResponse stub() {
        return viaStub.describeInferenceComponent(request);
    }

    /** The SDK's default sync HTTP client, the Apache client by the system property set in {@link #start()}. */
    private static SageMakerClient client(URI endpoint) {
        return SageMakerClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
.build();
    }

    /** The fake's raw answer to the benchmark's request, signed the way the server requires. */
    private static byte[] describeBytes(URI endpoint) throws IOException, InterruptedException {
        HttpRequest describe = HttpRequest.newBuilder(endpoint)
                .header("X-Amz-Target", "SageMaker.DescribeInferenceComponent")
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/sagemaker/aws4_request,"
                        + " SignedHeaders=host, Signature=00")
                .POST(HttpRequest.BodyPublishers.ofString("{\"InferenceComponentName\":\"ic\"}")).build();
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(describe, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the fake answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }
}
