package dev.ballast.testkit.http;

import com.sun.net.httpserver.HttpServer;
import dev.ballast.testkit.FakeSageMaker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves a {@link FakeSageMaker} over HTTP with the real AWS wire protocols, so any AWS SDK, boto3
 * or the AWS CLI can use it: SageMaker and Application Auto Scaling (AWS JSON 1.1), SageMaker
 * Runtime's {@code InvokeEndpoint} (REST-JSON), CloudWatch alarms (AWS JSON 1.0 as boto3 and the
 * CLI send it, awsQuery as the Java SDK 2.40 sends it).
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
    private final String requiredAccessKeyId;
    private HttpServer server;
    private ExecutorService executor;
    private ScheduledExecutorService delays;
    private boolean closed;
    private ClockDriver clockDriver;

    private FakeServer(Builder builder) {
        this.fake = builder.fake;
        this.requestedPort = builder.port;
        this.timeScale = builder.timeScale;
        this.threads = builder.threads;
        this.requiredAccessKeyId = builder.requiredAccessKeyId;
    }

    /**
     * @param fake the fake to serve
     * @return a builder: port 0 (any free port), time scale 0 (manual), 4 threads, any access key
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
        AtomicInteger count = new AtomicInteger();
        executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "ballast-fake-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        delays = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ballast-fake-http-delays");
            thread.setDaemon(true);
            return thread;
        });
        server.createContext("/", new FakeHttpHandler(fake, faults, requiredAccessKeyId, delays, executor));
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
         * @param value how many requests are served at once (a delayed call holds one thread)
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
