package dev.ballast.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.ballast.samples.rolling.CurrentSdkProbe;
import dev.ballast.testkit.FakeSageMaker;
import dev.ballast.testkit.http.FakeServer;

/**
 * Ballast and its fake with the AWS SDK for Java a JVM service starting today depends on (2.59.1),
 * while the build itself keeps 2.40.2: {@link CurrentSdkProbe} runs in a JVM of its own on the SDK
 * jars Maven resolved into {@code target/current-sdk} (see this module's pom), Ballast's api and
 * impl classes and their own dependencies, and nothing else: no testkit, no SDK 2.40.2. The fake
 * server runs here. The probe prints what it saw; a failing check shows all of it.
 */
@DisplayName("The current AWS SDK for Java (2.59.1), in a JVM of its own, against the fake over HTTP")
class CurrentSdkTest {

    private static final String CURRENT_SDK = "2.59.1";

    /** What the probe printed, and how it ended. */
    private record Run(int exitCode, String out, String err) {
        List<String> lines(String prefix) {
            return out.lines().filter(l -> l.startsWith(prefix)).toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
        }
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The probe's class path: the current SDK, then Ballast's api and impl (as built in this reactor)
     * with their own runtime dependencies, this module's classes (the notebook's specs) and test
     * classes (the probe), and a logger.
     */
    private static String classPath() throws IOException {
        Path sdk = location(CurrentSdkTest.class).resolveSibling("current-sdk");
        List<String> entries = new ArrayList<>();
        try (Stream<Path> jars = Files.list(sdk)) {
            jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> entries.add(p.toString()));
        }
        assertThat(entries).as("target/current-sdk, resolved by the pom's current-sdk execution").hasSizeGreaterThan(20)
                .anyMatch(e -> e.endsWith("cloudwatch-" + CURRENT_SDK + ".jar"))
                .anyMatch(e -> e.endsWith("sdk-core-" + CURRENT_SDK + ".jar"));
        for (Class<?> type : List.of(dev.ballast.Ballast.class, dev.ballast.engine.BallastEngine.class,
                io.github.resilience4j.retry.Retry.class, io.github.resilience4j.core.IntervalFunction.class,
                org.slf4j.LoggerFactory.class, org.slf4j.simple.SimpleLogger.class,
                dev.ballast.samples.rolling.NotebookDeployment.class, CurrentSdkProbe.class)) {
            String entry = location(type).toString();
            if (!entries.contains(entry)) {
                entries.add(entry);
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static Run probe(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", classPath(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", CurrentSdkProbe.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        Run run = new Run(process.isAlive() ? -1 : process.exitValue(), out.get(10, TimeUnit.SECONDS),
                err.get(10, TimeUnit.SECONDS));
        // into target/surefire-reports/<class>-output.txt: what the probe saw, also when all went well
        System.out.println(String.join(" ", args) + "\n" + run);
        return run;
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("its CloudWatch client speaks RPC v2 CBOR: alarms created, described, set, deleted, statistics read, errors as the SDK's own types")
    void cloudWatchOverCbor() throws Exception {
        try (FakeSageMaker fake = FakeSageMaker.create();
             FakeServer server = FakeServer.builder(fake).build().start()) {
            server.faults().throttle("ListMetrics", 1).fail("ListMetrics", 500, 1);
            Instant now = fake.clock().now();

            Run run = probe("cloudwatch", server.uri().toString(), now.toString());

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.lines("sdk ")).as(run.toString()).containsExactly("sdk " + CURRENT_SDK);
            // every call went out as RPC v2 CBOR, and every answer (errors too) came back as one
            assertThat(run.lines("wire> ")).as(run.toString()).hasSizeGreaterThanOrEqualTo(16)
                    .allMatch(l -> l.matches("wire> POST /service/GraniteServiceVersion20100801/operation/[A-Za-z]+"
                            + " smithy-protocol=rpc-v2-cbor content-type=application/cbor"));
            assertThat(run.lines("wire< ")).as(run.toString()).hasSameSizeAs(run.lines("wire> "))
                    .allMatch(l -> l.contains(" smithy-protocol=rpc-v2-cbor"));
            assertThat(run.lines("wire< 200 ")).as("an operation without output answers without a body")
                    .contains("wire< 200 smithy-protocol=rpc-v2-cbor content-type=-",
                            "wire< 200 smithy-protocol=rpc-v2-cbor content-type=application/cbor");

            Instant minute = now.minus(Duration.ofMinutes(4)).truncatedTo(ChronoUnit.MINUTES);
            assertThat(run.out().lines().filter(l -> !l.startsWith("wire") && !l.startsWith("sdk ")).toList())
                    .as(run.toString()).containsExactly(
                    "put-alarm ok",
                    "describe created cbor-probe-alarm state=INSUFFICIENT_DATA threshold=5.0 period=60 dimensions=1 updated=true"
                            + " reason=Unchecked: Initial alarm creation",
                    "describe set cbor-probe-alarm state=ALARM threshold=5.0 period=60 dimensions=1 updated=true"
                            + " reason=set by the probe",
                    "for-metric cbor-probe-alarm",
                    // timestamps went out in tag 1 and came back in it, to the minute the points were put at
                    "datapoint " + minute.plus(Duration.ofMinutes(1)) + " sum=1.5 count=1.0 unit=Milliseconds",
                    "datapoint " + minute.plus(Duration.ofMinutes(2)) + " sum=2.5 count=1.0 unit=Milliseconds",
                    "datapoint " + minute.plus(Duration.ofMinutes(3)) + " sum=4.0 count=1.0 unit=Milliseconds",
                    // The 2.59.1 client picks the class from __type and reports x-amzn-query-error's code.
                    // ResourceNotFound's shape has no class of its own in the Java model (2.40's
                    // awsQuery client maps that code to DashboardNotFoundErrorException).
                    "error set-missing CloudWatchException code=ResourceNotFound status=404 requestId=true",
                    "error set-bad-state CloudWatchException code=ValidationError status=400 requestId=true",
                    "error bad-token InvalidNextTokenException code=InvalidNextToken status=400 requestId=true",
                    "error bad-period InvalidParameterValueException code=InvalidParameterValue status=400 requestId=true",
                    "error both-statistics InvalidParameterCombinationException code=InvalidParameterCombination status=400"
                            + " requestId=true",
                    "error no-start MissingRequiredParameterException code=MissingParameter status=400 requestId=true",
                    "error throttled CloudWatchException code=Throttling status=400 requestId=true",
                    "error server-error CloudWatchException code=InternalFailure status=500 requestId=true",
                    "deleted remaining=0");
            assertThat(fake.cloudWatchClient().describeAlarms(b -> { }).metricAlarms()).isEmpty();
        }
    }

    @Test
    @DisplayName("Ballast's engine on the current SDK's four clients runs the notebook's first update over HTTP to ROLLED_BACK")
    void engineRollsBackOverHttp() throws Exception {
        // about an hour of simulated time in under 20 s; slower than the fastest that passes, so that a
        // loaded machine's slower calls still see the notebook's invocation every 10 simulated seconds
        double timeScale = 200;
        try (FakeSageMaker fake = FakeSageMaker.create();
             FakeServer server = FakeServer.builder(fake).timeScale(timeScale).build().start()) {
            // the probe's clock starts where the fake's is at this wall-clock millisecond, at the same scale
            long wall = System.currentTimeMillis();
            Instant origin = fake.clock().now();

            Run run = probe("engine", server.uri().toString(), String.valueOf(timeScale), origin.toString(),
                    String.valueOf(wall));

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.lines("sdk ")).as(run.toString()).containsExactly("sdk " + CURRENT_SDK);
            assertThat(run.lines("create ")).as(run.toString()).singleElement()
                    .satisfies(l -> assertThat(l).startsWith("create Succeeded ").contains("created inference-component/llm"));
            assertThat(run.lines("first update: ")).as(run.toString()).singleElement()
                    .satisfies(l -> assertThat(l).startsWith("first update: ROLLED_BACK after ")
                            .contains("alarm rolling-demo-llm-invocation4xxerrors went into ALARM"));
            assertThat(run.lines("first update kind ")).as(run.toString()).containsExactly("first update kind RolledBack");
            assertThat(run.lines("delete ")).as(run.toString()).singleElement()
                    .satisfies(l -> assertThat(l).startsWith("delete Succeeded "));
            assertThat(run.lines("cloudwatch-wire ")).as(run.toString()).singleElement()
                    .satisfies(l -> assertThat(l).matches("cloudwatch-wire cbor=[1-9][0-9]* other=0"));
            assertThat(fake.sageMakerClient().listEndpoints(b -> { }).endpoints()).as(run.toString()).isEmpty();
            assertThat(fake.cloudWatchClient().describeAlarms(b -> { }).metricAlarms()).as(run.toString()).isEmpty();
        }
    }
}
