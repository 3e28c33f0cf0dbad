package dev.ballast.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.testkit.FakeSageMaker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.SageMakerRuntimeException;
import software.amazon.awssdk.services.sagemakerruntime.model.ValidationErrorException;

/**
 * Bodies are bounded by their service's limit before they are read: 6 MiB for an invocation, as
 * SageMaker's, 1 MiB for a control call. A 50 MB body, declared or chunked, is refused with the
 * service's 413 without the server's heap growing, and changes nothing.
 */
@DisplayName("Request bodies are bounded before they are read")
class BoundedBodiesTest {

    private static final Logger LOG = LoggerFactory.getLogger(BoundedBodiesTest.class);
    private static final long FIFTY_MB = 50L * 1000 * 1000;
    private static final int RUNTIME_LIMIT = 6_291_456;
    private static final int CONTROL_LIMIT = 1_048_576;
    private static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerExecutionRole";

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final ExecutorService writers = Executors.newCachedThreadPool();
    private FakeServer server;

    @AfterEach
    void close() {
        writers.shutdownNow();
        if (server != null) {
            server.close();
        }
        fake.close();
    }

    /**
     * One kind of oversized request: where it goes, how its body is framed, and the answer
     * expected (its {@code x-amzn-ErrorType} header, absent from the runtime's 413 as from awsQuery errors).
     */
    private record Flood(String name, boolean chunked, int status, String code, String message) {
        String head() {
            long length = chunked ? -1 : FIFTY_MB;
            return switch (name) {
                case "InvokeEndpoint" -> RawHttp.invokeHead("ep", length);
                case "CreateModel" -> RawHttp.sageMakerHead("CreateModel", length);
                default -> RawHttp.queryHead(length);
            };
        }
    }

    private static List<Flood> floods() {
        List<Flood> floods = new ArrayList<>();
        for (boolean chunked : new boolean[] {false, true}) {
            String size = chunked ? "" : " " + FIFTY_MB;
            floods.add(new Flood("InvokeEndpoint", chunked, 413, null,
                    "\"Message\":\"HTTP content length exceeded 6291456 bytes.\""));
            floods.add(new Flood("CreateModel", chunked, 413, "RequestEntityTooLarge",
                    "\"message\":\"Request size" + size + " exceeded 1048576 bytes\""));
            floods.add(new Flood("PutMetricAlarm (awsQuery)", chunked, 413, null,  // awsQuery: the code is in the XML
                    "<Code>RequestEntityTooLarge</Code><Message>Request size" + size + " exceeded 1048576 bytes</Message>"));
        }
        return floods;
    }

    /** Sends a 50 MB body as fast as the server takes it, and reads the answer meanwhile. */
    private RawHttp.Response flood(int port, Flood flood, long[] written) throws Exception {
        try (Socket socket = RawHttp.open(port, Duration.ofSeconds(30))) {
            RawHttp.write(socket, flood.head());
            CompletableFuture<Long> sent = CompletableFuture.supplyAsync(
                    () -> RawHttp.writeBody(socket, FIFTY_MB, flood.chunked()), writers);
            RawHttp.Response answer = RawHttp.read(socket);
            assertThat(RawHttp.closedWithoutAnswer(socket)).as("closed after the answer").isTrue();
            written[0] = sent.get(30, TimeUnit.SECONDS);
            return answer;
        }
    }

    private static void assertRefused(Flood flood, RawHttp.Response answer) {
        assertThat(answer.status()).as(flood.toString()).isEqualTo(flood.status());
        assertThat(answer.header("x-amzn-ErrorType")).as(flood.toString()).isEqualTo(flood.code());
        assertThat(answer.header("Connection")).isEqualTo("close");
        assertThat(answer.body()).as(flood.toString()).contains(flood.message());
    }

    @Test
    @DisplayName("a 50 MB body, declared or chunked, to the runtime, SageMaker or CloudWatch: the service's 413, the rest unread, the heap flat")
    void fiftyMegabytesAreRefused() throws Exception {
        server = FakeServer.builder(fake).build().start();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        System.gc();
        long before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);

        List<String> figures = new ArrayList<>();
        for (Flood flood : floods()) {
            long[] written = new long[1];
            RawHttp.Response answer = flood(server.port(), flood, written);
            assertRefused(flood, answer);
            assertThat(written[0]).as("body bytes the client could send before the server closed").isLessThan(FIFTY_MB);
            figures.add(flood.name() + (flood.chunked() ? " chunked" : " declared") + ": " + written[0] / 1_000_000 + " MB sent");
        }

        long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        System.gc();
        long after = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        LOG.info("six 50 MB floods refused ({}); used heap after GC {} MiB before, {} MiB after; peak of the heap pools"
                        + " meanwhile (garbage included) {} MiB", String.join(", ", figures), before >> 20, after >> 20,
                peak >> 20);
        assertThat(peak - before).as("heap growth while six 50 MB bodies were refused").isLessThan(256L << 20);
        assertThat(after - before).as("heap kept after").isLessThan(16L << 20);
        assertThat(fake.sageMakerClient().listModels(b -> { }).models()).isEmpty();
        assertThat(fake.cloudWatchClient().describeAlarms(b -> { }).metricAlarms()).isEmpty();
    }

    @Test
    @DisplayName("an invocation of exactly 6 MiB passes the front; one byte more is SageMaker's 413, which the SDK reports as such")
    void invocationBound() {
        server = FakeServer.builder(fake).build().start();
        try (SageMakerRuntimeClient runtime = SdkClients.runtime(server)) {
            assertThatThrownBy(() -> runtime.invokeEndpoint(b -> b.endpointName("none").contentType("application/json")
                    .body(SdkBytes.fromByteArray(new byte[RUNTIME_LIMIT]))))
                    .as("at the bound: the fake's own answer (no such endpoint)")
                    .isInstanceOf(ValidationErrorException.class).hasMessageContaining("not found");

            assertThatThrownBy(() -> runtime.invokeEndpoint(b -> b.endpointName("none").contentType("application/json")
                    .body(SdkBytes.fromByteArray(new byte[RUNTIME_LIMIT + 1]))))
                    .isInstanceOfSatisfying(SageMakerRuntimeException.class, e -> {
                        assertThat(e).isNotInstanceOf(ValidationErrorException.class);
                        assertThat(e.statusCode()).isEqualTo(413);
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("HTTP content length exceeded 6291456 bytes.");
                    });
        }
    }

    @Test
    @DisplayName("a control call over 1 MiB is RequestEntityTooLarge (413) in SageMaker's and CloudWatch's protocols, and changes nothing")
    void controlBound() {
        server = FakeServer.builder(fake).build().start();
        try (SageMakerClient sm = SdkClients.sageMaker(server); CloudWatchClient cw = SdkClients.cloudWatch(server)) {
            assertThatThrownBy(() -> sm.createModel(b -> b.modelName("big").executionRoleArn(ROLE)
                    .primaryContainer(c -> c.image("img").environment(Map.of("A", "x".repeat(CONTROL_LIMIT))))))
                    .isInstanceOfSatisfying(SageMakerException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(413);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestEntityTooLarge");
                        assertThat(e.awsErrorDetails().errorMessage()).matches("Request size [0-9]+ exceeded 1048576 bytes");
                    });
            assertThatThrownBy(() -> cw.putMetricAlarm(b -> b.alarmName("big").alarmDescription("x".repeat(CONTROL_LIMIT))
                    .namespace("AWS/SageMaker").metricName("Invocations").statistic(Statistic.SUM).period(60)
                    .evaluationPeriods(1).threshold(1.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)))
                    .isInstanceOfSatisfying(CloudWatchException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(413);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestEntityTooLarge");
                    });

            assertThat(sm.listModels(b -> { }).models()).isEmpty();
            assertThat(cw.describeAlarms(b -> { }).metricAlarms()).isEmpty();
            assertThat(sm.listModels(b -> { }).models()).as("the server still answers on").isEmpty();
        }
    }

    @Test
    @DisplayName("a server in a JVM of 256 MiB (-Xmx256m) refuses eight 50 MB bodies sent at once, and goes on answering")
    void childJvmOf256MiB(@TempDir Path dir) throws Exception {
        Path gcLog = dir.resolve("gc.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-Xmx256m", "-Xlog:gc:file=" + gcLog,
                "-cp", System.getProperty("java.class.path"), FakeServerMain.class.getName(),
                "--port", "0", "--time-scale", "0"))
                .redirectError(dir.resolve("stderr.txt").toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> readLine(out)).get(60, TimeUnit.SECONDS);
            assertThat(line).startsWith("Ballast fake listening on http://127.0.0.1:");
            int port = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1));

            List<Flood> floods = new ArrayList<>(floods());
            floods.addAll(floods().subList(0, 2));  // eight at once: two invocations and two CreateModels more
            List<CompletableFuture<RawHttp.Response>> answers = new ArrayList<>();
            for (Flood flood : floods) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return flood(port, flood, new long[1]);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, writers));
            }
            for (int i = 0; i < floods.size(); i++) {
                assertRefused(floods.get(i), answers.get(i).get(60, TimeUnit.SECONDS));
            }

            try (SageMakerClient sm = SdkClients.sageMaker(URI.create("http://127.0.0.1:" + port))) {
                assertThat(sm.listModels(b -> { }).models()).as("the child still answers").isEmpty();
            }
            assertThat(child.isAlive()).isTrue();
        } finally {
            child.destroy();
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        String stderr = Files.readString(dir.resolve("stderr.txt"));
        assertThat(stderr).doesNotContain("OutOfMemoryError");
        long maxUsed = 0;
        int collections = 0;
        Matcher pause = Pattern.compile("([0-9]+)M->([0-9]+)M\\(([0-9]+)M\\)").matcher(Files.readString(gcLog));
        while (pause.find()) {
            collections++;
            maxUsed = Math.max(maxUsed, Long.parseLong(pause.group(1)));
        }
        LOG.info("child JVM -Xmx256m, eight 50 MB floods at once: {} collections, at most {} MiB of heap in use",
                collections, maxUsed);
        assertThat(maxUsed).isLessThanOrEqualTo(256);
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
