package dev.ballast.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.testkit.FakeSageMaker;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.ValidationErrorException;

/**
 * Clients that stall or crowd the server: they hold no worker another client needs, they are cut
 * off at their deadlines, the number of connections served at once is bounded, and none of their
 * requests changes anything.
 */
@DisplayName("The server holds against clients that stall or crowd it")
class HostileClientsTest {

    private static final Logger LOG = LoggerFactory.getLogger(HostileClientsTest.class);
    private static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerExecutionRole";
    private static final String IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/tgi:2.2.0";

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final List<Socket> sockets = new ArrayList<>();
    private final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    private FakeServer server;

    @AfterEach
    void close() throws IOException {
        trickle.shutdownNow();
        for (Socket socket : sockets) {
            socket.close();
        }
        if (server != null) {
            server.close();
        }
        fake.close();
    }

    @Test
    @DisplayName("16 half-sent requests (8 half headers, 8 half bodies) starve no one: valid calls are answered within a second each")
    void stalledClientsStarveNoOne() throws IOException {
        server = FakeServer.builder(fake).build().start();  // the defaults: 10 s for headers, 10 s of body silence
        try (SageMakerClient sm = SdkClients.sageMaker(server); CloudWatchClient cw = SdkClients.cloudWatch(server);
                SageMakerRuntimeClient runtime = SdkClients.runtime(server)) {
            // warm up each kind of call (class loading) before the clock starts
            sm.createModel(b -> b.modelName("valid-warm-up").executionRoleArn(ROLE).primaryContainer(c -> c.image(IMAGE)));
            cw.describeAlarms(b -> { });
            assertThatThrownBy(() -> runtime.invokeEndpoint(b -> b.endpointName("none").contentType("application/json")
                    .body(SdkBytes.fromUtf8String("{}")))).isInstanceOf(ValidationErrorException.class);

            for (int i = 0; i < 8; i++) {
                halfHeader();
                halfBody("stalled-" + i);
            }
            awaitUntil(() -> server.connectionsBeingServed() == 16, Duration.ofSeconds(10));

            long[] nanos = new long[30];
            for (int i = 0; i < nanos.length; i++) {
                int n = i;
                long start = System.nanoTime();
                switch (i % 3) {
                    case 0 -> sm.createModel(b -> b.modelName("valid-" + n).executionRoleArn(ROLE)
                            .primaryContainer(c -> c.image(IMAGE)));
                    case 1 -> cw.describeAlarms(b -> { });
                    default -> assertThatThrownBy(() -> runtime.invokeEndpoint(b -> b.endpointName("none")
                            .contentType("application/json").body(SdkBytes.fromUtf8String("{}"))))
                            .isInstanceOf(ValidationErrorException.class);
                }
                nanos[i] = System.nanoTime() - start;
            }

            // the last valid call may still be counted for an instant after its answer reached the client
            awaitUntil(() -> server.connectionsBeingServed() == 16, Duration.ofSeconds(5));
            assertThat(server.connectionsBeingServed()).as("the 16 stalled requests still hold their workers")
                    .isEqualTo(16);
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            LOG.info("30 valid calls beside 16 stalled requests: median {} ms, max {} ms",
                    String.format("%.1f", sorted[15] / 1e6), String.format("%.1f", sorted[29] / 1e6));
            assertThat(Duration.ofNanos(sorted[29])).as("the slowest of 30 valid calls").isLessThan(Duration.ofSeconds(1));
            assertThat(sm.listModels(b -> b.maxResults(100)).models()).hasSize(11)
                    .allSatisfy(m -> assertThat(m.modelName()).startsWith("valid-"));
        }
    }

    @Test
    @DisplayName("a client that stops in its headers or its body is cut off at the deadline, and its request changes nothing")
    void stalledClientsAreCutOff() throws Exception {
        server = FakeServer.builder(fake).requestHeaderTimeout(Duration.ofSeconds(1))
                .requestBodyIdleTimeout(Duration.ofSeconds(1)).build().start();
        Socket header = halfHeader();
        Socket body = halfBody("cut-off");
        long start = System.nanoTime();

        assertThat(RawHttp.closedWithoutAnswer(header)).as("closed in its headers").isTrue();
        assertThat(RawHttp.closedWithoutAnswer(body)).as("closed in its body").isTrue();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        LOG.info("two stalled requests cut off {} ms after they stalled (deadlines of 1 s)", took.toMillis());
        assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
        awaitUntil(() -> server.connectionsBeingServed() == 0, Duration.ofSeconds(5));
        assertThat(fake.sageMakerClient().listModels(b -> { }).models()).isEmpty();
    }

    @Test
    @DisplayName("headers trickled a byte at a time are cut off at the header deadline, though bytes keep coming")
    void trickledHeadersAreCutOff() throws Exception {
        server = FakeServer.builder(fake).requestHeaderTimeout(Duration.ofSeconds(1)).build().start();
        Socket socket = track(RawHttp.open(server.port(), Duration.ofSeconds(10)));
        byte[] head = (RawHttp.sageMakerHead("ListModels", 2) + "{}").getBytes(StandardCharsets.UTF_8);
        AtomicInteger next = new AtomicInteger();
        trickle.scheduleAtFixedRate(() -> {
            try {
                if (next.get() < head.length) {
                    socket.getOutputStream().write(head[next.getAndIncrement()]);
                }
            } catch (IOException e) {
                throw new IllegalStateException("closed", e);  // ends the schedule: the server closed it
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
        long start = System.nanoTime();

        assertThat(RawHttp.closedWithoutAnswer(socket)).isTrue();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
        assertThat(next.get()).as("bytes sent before the cut (of %d)", head.length).isLessThan(head.length);
    }

    @Test
    @DisplayName("a body that keeps coming, however slowly, is read: the body deadline is one of silence")
    void slowBodyThatKeepsComingIsRead() throws Exception {
        server = FakeServer.builder(fake).requestBodyIdleTimeout(Duration.ofSeconds(1)).build().start();
        Socket socket = track(RawHttp.open(server.port(), Duration.ofSeconds(20)));
        byte[] body = ("{" + " ".repeat(10) + "}").getBytes(StandardCharsets.UTF_8);  // 12 bytes over 3 s
        RawHttp.write(socket, RawHttp.sageMakerHead("ListModels", body.length));
        AtomicInteger next = new AtomicInteger();
        trickle.scheduleAtFixedRate(() -> {
            try {
                if (next.get() < body.length) {
                    socket.getOutputStream().write(body[next.getAndIncrement()]);
                }
            } catch (IOException e) {
                throw new IllegalStateException("closed", e);
            }
        }, 250, 250, TimeUnit.MILLISECONDS);

        RawHttp.Response answer = RawHttp.read(socket);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("\"Models\":[]");
    }

    @Test
    @DisplayName("beyond maxConnections a new request's connection is closed unread; once a stalled client leaves, calls are served again")
    void connectionsAreBounded() throws IOException {
        server = FakeServer.builder(fake).maxConnections(4).build().start();
        List<Socket> stalled = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            stalled.add(halfHeader());
        }
        awaitUntil(() -> server.connectionsBeingServed() == 4, Duration.ofSeconds(10));

        Socket fifth = track(RawHttp.open(server.port(), Duration.ofSeconds(10)));
        String model = "{\"ModelName\":\"fifth\",\"ExecutionRoleArn\":\"" + ROLE + "\",\"PrimaryContainer\":{\"Image\":\""
                + IMAGE + "\"}}";
        boolean closed;
        try {
            RawHttp.write(fifth, RawHttp.sageMakerHead("CreateModel", model.length()) + model);
            closed = RawHttp.closedWithoutAnswer(fifth);
        } catch (SocketException e) {
            closed = true;  // closed (reset) while the request was still being written
        }
        assertThat(closed).as("the fifth connection is closed unread").isTrue();
        assertThat(fake.sageMakerClient().listModels(b -> { }).models()).isEmpty();

        stalled.get(0).close();  // one stalled client gives up: its worker and its place are free
        awaitUntil(() -> server.connectionsBeingServed() == 3, Duration.ofSeconds(10));
        // with its standard retries, as a client would: the freed place may lag the count by a moment
        try (SageMakerClient sm = SdkClients.sageMaker(server, SdkClients.ACCESS_KEY, true)) {
            assertThat(sm.listModels(b -> { }).models()).isEmpty();
        }
    }

    /** Opens a connection that sends the start of a request line and headers, and then nothing. */
    private Socket halfHeader() throws IOException {
        Socket socket = track(RawHttp.open(server.port(), Duration.ofSeconds(15)));
        RawHttp.write(socket, "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: SageMaker.Crea");
        return socket;
    }

    /** Opens a connection that sends a whole {@code CreateModel} but the last byte of its body, and then nothing. */
    private Socket halfBody(String modelName) throws IOException {
        Socket socket = track(RawHttp.open(server.port(), Duration.ofSeconds(15)));
        String body = "{\"ModelName\":\"" + modelName + "\",\"ExecutionRoleArn\":\"" + ROLE
                + "\",\"PrimaryContainer\":{\"Image\":\"" + IMAGE + "\"}}";
        RawHttp.write(socket, RawHttp.sageMakerHead("CreateModel", body.length())
                + body.substring(0, body.length() - 1));
        return socket;
    }

    private Socket track(Socket socket) {
        sockets.add(socket);
        return socket;
    }

    /** Waits for a condition the server reaches on its own threads, failing after {@code timeout}. */
    private static void awaitUntil(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not reached within " + timeout);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
