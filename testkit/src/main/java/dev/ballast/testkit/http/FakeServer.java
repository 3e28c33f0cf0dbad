package dev.ballast.testkit.http;

import com.sun.net.httpserver.HttpServer;
import dev.ballast.testkit.FakeSageMaker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Serves a {@link FakeSageMaker} over HTTP with the real AWS wire protocols, so any AWS SDK, boto3
 * or the AWS CLI can use it: SageMaker and Application Auto Scaling (AWS JSON 1.1), SageMaker
 * Runtime's {@code InvokeEndpoint} (REST-JSON) and {@code InvokeEndpointWithResponseStream} (its
 * answer chunked AWS event-stream frames, each part written when the clock reaches its time: with
 * a {@linkplain Builder#timeScale(double) time scale} once the driven clock gets there, without
 * one at once, the server moving the clock as a reader in process does), CloudWatch alarms and
 * metrics (AWS JSON 1.0 as boto3 and the CLI send it, awsQuery as the Java SDK up to 2.40 sends it,
 * Smithy RPC v2 CBOR as the Java SDK sends it from 2.41 on:
 * {@code POST /service/GraniteServiceVersion20100801/operation/<Op>}).
 *
 * <pre>{@code
 * try (FakeServer server = FakeServer.builder(fake).build().start()) {
 *     SageMakerClient sm = SageMakerClient.builder().endpointOverride(server.uri())
 *             .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(
 *                     AwsBasicCredentials.create("test", "test"))).build();
 * }
 * }</pre>
 *
 * <p>The server listens on 127.0.0.1 only. Requests must carry a SigV4 {@code Authorization}
 * header scoped to the fake's region and the service's signing name; the signature itself is not
 * verified, and the access key only when {@link Builder#requireAccessKeyId(String)} asks for it.
 * Simulated time stays where the test puts it unless a {@linkplain Builder#timeScale(double) time
 * scale} is given.
 *
 * <h2>Hostile and broken clients</h2>
 * The server holds against clients that stall, flood or send too much, and a request it refuses
 * for any of these reasons never reaches the fake, so it changes nothing:
 * <ul>
 *   <li><b>Stalled requests.</b> A request's line and headers must be complete within
 *       {@linkplain Builder#requestHeaderTimeout(Duration) the header timeout} (10 s) of their first
 *       byte, and its body may pause for at most {@linkplain Builder#requestBodyIdleTimeout(Duration)
 *       the body idle timeout} (10 s); otherwise the connection is closed without an answer and its
 *       worker is free again. (The JDK's server has no such timeout of its own, and its
 *       {@code sun.net.httpserver.*} settings are JVM-wide and read once, so they are not relied on.)</li>
 *   <li><b>No client waits for another.</b> Every connection being served has a worker of its own
 *       (threads are started as needed, {@linkplain Builder#threads(int) some} kept while idle), so
 *       slow clients delay only themselves: a valid call is answered while others stall.</li>
 *   <li><b>A bound on connections.</b> At most {@linkplain Builder#maxConnections(int) maxConnections}
 *       (256) connections are served at once, counted from a request's first byte until its answer
 *       is written; the connection of a request beyond that is closed unread. Open connections that
 *       send nothing hold no worker; the JDK closes them after 30-40 s.</li>
 *   <li><b>Bounded bodies.</b> An {@code InvokeEndpoint} body may have 6 MiB (6,291,456 bytes), as
 *       SageMaker's; any other body 1 MiB. A longer body is refused before it is read when its
 *       {@code Content-Length} says so, and as soon as it passes the bound when it is chunked; the
 *       server never holds more of a body than the client sent. The answer is the service's:
 *       Runtime's HTTP 413 {@code HTTP content length exceeded 6291456 bytes.} (without an error
 *       code, as SageMaker answers it), and for the control-plane services CloudWatch's 413
 *       {@code RequestEntityTooLarge} {@code Request size <n> exceeded 1048576 bytes}. So that
 *       clients that write a whole body before they read (the SDKs) see it, up to 16 MiB more of
 *       the body is read and dropped first; a longer one is not read further, and the connection
 *       is closed after the answer.</li>
 *   <li><b>Streaming reads.</b> JSON and CBOR bodies are parsed as they arrive, without a copy of
 *       their bytes; the runtime's payload and awsQuery forms are read into one array that grows with
 *       what arrives, never sized by what a request declares.</li>
 * </ul>
 * Not bounded: the time a client takes to read an answer (a client that never reads a large
 * answer holds its worker, and one connection of the bound, until it goes away).
 */
public final class FakeServer implements AutoCloseable {

    static {
        // Without TCP_NODELAY every answer waits ~40 ms for Nagle's algorithm against the client's
        // delayed ACK. The JDK server reads this JVM-wide property once, when its first server is
        // created: set it unless the user chose a value with -D.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final FakeSageMaker fake;
    private final Faults faults = new Faults();
    private final int requestedPort;
    private final double timeScale;
    private final int threads;
    private final int maxConnections;
    private final Duration requestHeaderTimeout;
    private final Duration requestBodyIdleTimeout;
    private final String requiredAccessKeyId;
    private HttpServer server;
    private Workers executor;
    private ScheduledExecutorService delays;
    private boolean closed;
    private ClockDriver clockDriver;

    private FakeServer(Builder builder) {
        this.fake = builder.fake;
        this.requestedPort = builder.port;
        this.timeScale = builder.timeScale;
        this.threads = builder.threads;
        this.maxConnections = builder.maxConnections;
        this.requestHeaderTimeout = builder.requestHeaderTimeout;
        this.requestBodyIdleTimeout = builder.requestBodyIdleTimeout;
        this.requiredAccessKeyId = builder.requiredAccessKeyId;
    }

    /**
     * @param fake the fake to serve
     * @return a builder: port 0 (any free port), time scale 0 (manual), 4 idle threads, 256 connections,
     *     10 s for a request's headers and 10 s of silence in its body, any access key
     */
    public static Builder builder(FakeSageMaker fake) {
        return new Builder(fake);
    }

    /**
     * Binds the port and starts serving (and, with a time scale, moving simulated time).
     *
     * @return this
     * @throws IllegalStateException if already started
     * @throws UncheckedIOException if the port cannot be bound
     */
    public synchronized FakeServer start() {
        if (server != null) {
            throw new IllegalStateException(closed ? "closed: build a new FakeServer" : "already started");
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind 127.0.0.1:" + requestedPort, e);
        }
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "ballast-fake-http-timers");
            thread.setDaemon(true);
            return thread;
        });
        // every request arms a deadline and cancels it once read: drop cancelled ones at once
        timers.setRemoveOnCancelPolicy(true);
        delays = timers;
        executor = new Workers(threads, maxConnections, requestHeaderTimeout, requestBodyIdleTimeout, delays);
        server.setExecutor(executor);
        server.createContext("/", new FakeHttpHandler(fake, faults, requiredAccessKeyId, delays, executor,
                timeScale));
        server.start();
        if (timeScale > 0) {
            clockDriver = new ClockDriver(fake.clock(), timeScale);
            clockDriver.start();
        }
        return this;
    }

    /** @return {@code http://127.0.0.1:<port>}, for {@code endpointOverride}, {@code endpoint_url} or {@code --endpoint-url} */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /**
     * @return the bound port
     * @throws IllegalStateException if not started
     */
    public synchronized int port() {
        if (server == null || closed) {
            throw new IllegalStateException(closed ? "closed" : "not started");
        }
        return server.getAddress().getPort();
    }

    /** @return the faults to inject into the next calls; arrange them at any time */
    public Faults faults() {
        return faults;
    }

    /** @return how many connections are being served right now (a request read, computed or answered) */
    synchronized int connectionsBeingServed() {
        return executor == null ? 0 : executor.busy();
    }

    /** @return the fake being served */
    public FakeSageMaker fake() {
        return fake;
    }

    /** @return how many times faster than the wall clock simulated time runs; 0 when the test moves it */
    public double timeScale() {
        return timeScale;
    }

    /** Stops the clock driver and the server at once; calls still in flight are cut off. */
    @Override
    public synchronized void close() {
        if (clockDriver != null) {
            clockDriver.close();
            clockDriver = null;
        }
        if (server != null) {
            server.stop(0);
            delays.shutdownNow();
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closed = true;
        }
    }

    @Override
    public String toString() {
        return "FakeServer[" + (server == null ? "not started" : closed ? "closed" : uri()) + ", timeScale=" + timeScale + "]";
    }

    /** Configures a {@link FakeServer}. */
    public static final class Builder {
        private final FakeSageMaker fake;
        private int port;
        private double timeScale;
        private int threads = 4;
        private int maxConnections = 256;
        private Duration requestHeaderTimeout = Duration.ofSeconds(10);
        private Duration requestBodyIdleTimeout = Duration.ofSeconds(10);
        private String requiredAccessKeyId;

        private Builder(FakeSageMaker fake) {
            this.fake = Objects.requireNonNull(fake, "fake");
        }

        /**
         * @param value the port on 127.0.0.1; 0 picks a free one
         * @return this
         */
        public Builder port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("port out of range: " + value);
            }
            this.port = value;
            return this;
        }

        /**
         * @param value how many times faster than the wall clock simulated time runs (100: a 120 s
         *     wait takes 1.2 s); 0 leaves time to the test
         * @return this
         */
        public Builder timeScale(double value) {
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("timeScale must be zero or positive: " + value);
            }
            this.timeScale = value;
            return this;
        }

        /**
         * @param value how many worker threads are kept while the server is idle (default 4); more
         *     are started whenever a request finds none free, one per connection being served, up to
         *     {@link #maxConnections(int)}, and stop after 30 s without work
         * @return this
         */
        public Builder threads(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("threads must be at least 1: " + value);
            }
            this.threads = value;
            return this;
        }

        /**
         * @param value how many connections are served at once (default 256): a connection counts
         *     from the first byte of a request until its answer is written, so idle keep-alive
         *     connections do not; the connection of a request beyond the bound is closed unread
         *     (an SDK retries it as a connection error). A call waiting out a {@code delay} fault
         *     does not count.
         * @return this
         */
        public Builder maxConnections(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1: " + value);
            }
            this.maxConnections = value;
            return this;
        }

        /**
         * @param value the longest a request's line and headers may take from their first byte
         *     (default 10 s); a client still sending them then has its connection closed, unanswered
         * @return this
         */
        public Builder requestHeaderTimeout(Duration value) {
            this.requestHeaderTimeout = positive(value, "requestHeaderTimeout");
            return this;
        }

        /**
         * @param value the longest a request's body may pause (default 10 s): a client that sends
         *     no byte of its body for that long has its connection closed, unanswered, and its
         *     request never reaches the fake. A body that keeps coming, however slowly, is read
         *     (within its size bound): what keeps such a client from delaying others is that it
         *     holds only its own worker and one place among {@link #maxConnections(int)}
         * @return this
         */
        public Builder requestBodyIdleTimeout(Duration value) {
            this.requestBodyIdleTimeout = positive(value, "requestBodyIdleTimeout");
            return this;
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }

        /**
         * Rejects requests signed with any other access key id, with the service's invalid-token
         * error (403).
         *
         * @param value the only access key id accepted
         * @return this
         */
        public Builder requireAccessKeyId(String value) {
            this.requiredAccessKeyId = Objects.requireNonNull(value, "value");
            return this;
        }

        /** @return the server, not started yet */
        public FakeServer build() {
            return new FakeServer(this);
        }
    }
}
