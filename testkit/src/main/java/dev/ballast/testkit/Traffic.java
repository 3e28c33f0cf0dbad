package dev.ballast.testkit;

import dev.ballast.spi.Scheduler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;

/**
 * Requests to an endpoint every few simulated seconds while a deployment runs, counted: the
 * answers (by the variant that served them) and the failures (by the error code and status the
 * runtime answered with). Traffic is what feeds the invocation metrics, so it is how a test makes
 * a rollback alarm fire the real way, or shows that an update served every request.
 *
 * <pre>{@code
 * Traffic traffic = fake.traffic().toComponent("rolling-demo", "llm")
 *         .every(Duration.ofSeconds(10)).body(chatRequest).start();
 * Outcome outcome = ballast.apply(deepSeek).await();     // the clock moves; a request every 10 s
 * traffic.stop();
 * assertThat(traffic.answered()).isPositive();
 * assertThat(traffic.failed("ModelError")).isEqualTo(traffic.failed());
 * }</pre>
 *
 * <p>The first request is sent by {@link Builder#start()}, on the calling thread; each next one
 * is a task on the fake's {@link VirtualClock}, so requests are sent only while simulated time
 * moves (the engine's waits, {@link VirtualClock#advance(Duration)}), and always at the same
 * simulated instants. A failure is an error the runtime answers with (an
 * {@link AwsServiceException}: {@code ModelError}, {@code ValidationError}, ...); any other
 * exception is a bug and propagates from the task to whoever moves the clock. Counters are safe
 * to read from any thread.
 */
public final class Traffic {

    /**
     * The body sent unless {@link Builder#body(String)} says otherwise: a text-generation
     * {@code {"inputs": ...}} request, which the fake's default container answers whatever its
     * environment.
     */
    public static final String DEFAULT_BODY = "{\"inputs\":\"How many R are in STRAWBERRY?\"}";

    /** The pace unless {@link Builder#every(Duration)} says otherwise: the seed notebook's 10 seconds. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    private final FakeSageMaker fake;
    private final InvokeEndpointRequest request;
    private final Duration every;
    private final String target;
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final Map<String, AtomicInteger> byVariant = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> byErrorCode = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> byStatus = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> byContainerStatus = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private boolean running;
    private Scheduler.Cancellable next;

    private Traffic(Builder b) {
        this.fake = b.fake;
        this.every = b.every;
        this.target = b.describe();
        this.request = InvokeEndpointRequest.builder().endpointName(b.endpoint).inferenceComponentName(b.component)
                .targetVariant(b.variant).targetContainerHostname(b.container).contentType(b.contentType)
                .body(SdkBytes.fromString(b.body, StandardCharsets.UTF_8)).build();
    }

    private Traffic begin() {
        synchronized (lock) {
            running = true;
        }
        tick();
        return this;
    }

    /**
     * Stops sending: no request is sent after this call, and the pending one is taken off the
     * clock. The counts stay readable. Stopping twice does nothing.
     */
    public void stop() {
        synchronized (lock) {
            running = false;
            if (next != null) {
                next.cancel();
                next = null;
            }
        }
    }

    /** @return whether requests are still being sent (started and not stopped) */
    public boolean isRunning() {
        synchronized (lock) {
            return running;
        }
    }

    private void tick() {
        synchronized (lock) {
            if (!running) {
                return;
            }
        }
        try {
            InvokeEndpointResponse response = fake.runtimeClient().invokeEndpoint(request);
            answered.incrementAndGet();
            String variant = response.invokedProductionVariant();
            if (variant != null) {
                count(byVariant, variant);
            }
        } catch (AwsServiceException e) {
            failed.incrementAndGet();
            count(byErrorCode, e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "(none)"
                    : e.awsErrorDetails().errorCode());
            count(byStatus, e.statusCode());
            if (e instanceof ModelErrorException modelError && modelError.originalStatusCode() != null) {
                count(byContainerStatus, modelError.originalStatusCode());
            }
        }
        synchronized (lock) {
            if (running) {
                next = fake.clock().schedule(every, this::tick);
            }
        }
    }

    private static <K> void count(Map<K, AtomicInteger> counts, K key) {
        counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    /** @return how many requests were sent so far: {@link #answered()} plus {@link #failed()} */
    public int sent() {
        return answered.get() + failed.get();
    }

    /** @return how many requests were answered (by any variant or copy) */
    public int answered() {
        return answered.get();
    }

    /**
     * @param variant a production variant's name, as {@code InvokedProductionVariant} reports it
     * @return how many requests that variant answered; for example
     *     {@code traffic.answeredBy("model-v2-variant")} after a canary
     */
    public int answeredBy(String variant) {
        AtomicInteger count = byVariant.get(Objects.requireNonNull(variant, "variant"));
        return count == null ? 0 : count.get();
    }

    /** @return the answers by the variant that served them, sorted by name; for example {@code {v1=541, v2=59}} */
    public Map<String, Integer> answeredByVariant() {
        return snapshot(byVariant);
    }

    /** @return how many requests failed, whatever the error */
    public int failed() {
        return failed.get();
    }

    /**
     * @param errorCode the runtime's error code, for example {@code ModelError} (the container
     *     answered 4xx or 5xx), {@code ValidationError} (no such endpoint or component),
     *     {@code ModelNotReadyException}
     * @return how many requests failed with that code; for example {@code traffic.failed("ModelError")}
     */
    public int failed(String errorCode) {
        AtomicInteger count = byErrorCode.get(Objects.requireNonNull(errorCode, "errorCode"));
        return count == null ? 0 : count.get();
    }

    /**
     * @param status the HTTP status the runtime answered with, for example {@code 424} for a
     *     {@code ModelError} or {@code 400} for a {@code ValidationError}
     * @return how many requests failed with that status; for example {@code traffic.failedWithStatus(400)}
     */
    public int failedWithStatus(int status) {
        AtomicInteger count = byStatus.get(status);
        return count == null ? 0 : count.get();
    }

    /**
     * @param status the container's own status inside a {@code ModelError} ({@code OriginalStatusCode}),
     *     for example {@code 422} from a container that does not speak the Messages API or
     *     {@code 500} from a broken model: what the {@code Invocation4XXErrors} and
     *     {@code Invocation5XXErrors} metrics count
     * @return how many requests the container failed with that status; for example
     *     {@code traffic.failedByContainerWith(500)}
     */
    public int failedByContainerWith(int status) {
        AtomicInteger count = byContainerStatus.get(status);
        return count == null ? 0 : count.get();
    }

    /** @return the failures by error code, sorted; for example {@code {ModelError=53}} */
    public Map<String, Integer> failures() {
        return snapshot(byErrorCode);
    }

    private static <K extends Comparable<K>> Map<K, Integer> snapshot(Map<K, AtomicInteger> counts) {
        Map<K, Integer> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.get()));
        return java.util.Collections.unmodifiableMap(copy);
    }

    /** @return for example {@code Traffic[to inference-component llm of endpoint rolling-demo every PT10S: 114 answered, 53 failed {ModelError=53}]} */
    @Override
    public String toString() {
        return "Traffic[to " + target + " every " + every + ": " + answered() + " answered, " + failed() + " failed"
                + (failed() > 0 ? " " + failures() : "") + "]";
    }

    /**
     * Says where the requests go, how often and what they carry; {@link #start()} sends the first
     * one. Get one from {@link FakeSageMaker#traffic()}:
     *
     * <pre>{@code
     * Traffic toV2 = fake.traffic().toVariant("ab-test", "model-v2-variant").every(Duration.ofSeconds(5)).start();
     * }</pre>
     */
    public static final class Builder {
        private final FakeSageMaker fake;
        private String endpoint;
        private String component;
        private String variant;
        private String container;
        private Duration every = DEFAULT_INTERVAL;
        private String body = DEFAULT_BODY;
        private String contentType = "application/json";

        Builder(FakeSageMaker fake) {
            this.fake = Objects.requireNonNull(fake, "fake");
        }

        /**
         * Sends to one inference component of an endpoint ({@code InferenceComponentName}).
         *
         * <pre>{@code fake.traffic().toComponent("rolling-demo", "llm").start();}</pre>
         *
         * @param endpointName the endpoint
         * @param componentName the inference component
         * @return this builder
         */
        public Builder toComponent(String endpointName, String componentName) {
            endpoint = Objects.requireNonNull(endpointName, "endpointName");
            component = Objects.requireNonNull(componentName, "componentName");
            variant = null;
            container = null;
            return this;
        }

        /**
         * Sends to an endpoint of model variants; SageMaker picks the variant by weight.
         *
         * <pre>{@code fake.traffic().toEndpoint("ab-test").every(Duration.ofSeconds(2)).start();}</pre>
         *
         * @param endpointName the endpoint
         * @return this builder
         */
        public Builder toEndpoint(String endpointName) {
            endpoint = Objects.requireNonNull(endpointName, "endpointName");
            component = null;
            variant = null;
            container = null;
            return this;
        }

        /**
         * Sends to one variant of an endpoint ({@code TargetVariant}), whatever the weights.
         *
         * <pre>{@code fake.traffic().toVariant("ab-test", "model-v2-variant").start();}</pre>
         *
         * @param endpointName the endpoint
         * @param variantName the production variant
         * @return this builder
         */
        public Builder toVariant(String endpointName, String variantName) {
            endpoint = Objects.requireNonNull(endpointName, "endpointName");
            variant = Objects.requireNonNull(variantName, "variantName");
            component = null;
            container = null;
            return this;
        }

        /**
         * Sends to one container of a multi-container model invoked directly ({@code TargetContainerHostname}).
         *
         * <pre>{@code fake.traffic().toContainer("translators", "french").start();}</pre>
         *
         * @param endpointName the endpoint
         * @param containerHostname the container's hostname
         * @return this builder
         */
        public Builder toContainer(String endpointName, String containerHostname) {
            endpoint = Objects.requireNonNull(endpointName, "endpointName");
            container = Objects.requireNonNull(containerHostname, "containerHostname");
            component = null;
            variant = null;
            return this;
        }

        /**
         * How often a request is sent, in simulated time (default {@link #DEFAULT_INTERVAL}).
         *
         * <pre>{@code fake.traffic().toEndpoint("ab-test").every(Duration.ofSeconds(2)).start();}</pre>
         *
         * @param interval a positive duration
         * @return this builder
         * @throws IllegalArgumentException if the interval is zero or negative
         */
        public Builder every(Duration interval) {
            if (Objects.requireNonNull(interval, "interval").isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("every(..) needs a positive interval, not " + interval);
            }
            every = interval;
            return this;
        }

        /**
         * The body of every request (default {@link #DEFAULT_BODY}).
         *
         * <pre>{@code .body("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")}</pre>
         *
         * @param json the request body, sent as UTF-8
         * @return this builder
         */
        public Builder body(String json) {
            body = Objects.requireNonNull(json, "json");
            return this;
        }

        /**
         * The {@code ContentType} of every request (default {@code application/json}).
         *
         * <pre>{@code .contentType("text/csv").body("1.0,2.0")}</pre>
         *
         * @param value the content type
         * @return this builder
         */
        public Builder contentType(String value) {
            contentType = Objects.requireNonNull(value, "contentType");
            return this;
        }

        /**
         * Sends the first request now, then one every interval of simulated time until
         * {@link Traffic#stop()}.
         *
         * <pre>{@code Traffic traffic = fake.traffic().toComponent("rolling-demo", "llm").start();}</pre>
         *
         * @return the running traffic, to read its counts from
         * @throws IllegalStateException if no target was given ({@code toComponent}, {@code toEndpoint}
         *     or {@code toVariant})
         */
        public Traffic start() {
            if (endpoint == null) {
                throw new IllegalStateException("Traffic needs a target: call toComponent(endpoint, component),"
                        + " toEndpoint(endpoint) or toVariant(endpoint, variant) before start()");
            }
            return new Traffic(this).begin();
        }

        private String describe() {
            if (component != null) {
                return "inference-component " + component + " of endpoint " + endpoint;
            }
            if (container != null) {
                return "container " + container + " of endpoint " + endpoint;
            }
            return variant != null ? "variant " + variant + " of endpoint " + endpoint : "endpoint " + endpoint;
        }
    }
}
