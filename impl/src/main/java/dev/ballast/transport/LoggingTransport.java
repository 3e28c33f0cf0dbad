package dev.ballast.transport;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

import dev.ballast.error.TransportException;
import dev.ballast.internal.json.SdkJson;
import dev.ballast.spi.TimeSource;
import dev.ballast.spi.Transport;
import dev.ballast.transport.internal.Requests;
import dev.ballast.transport.internal.SdkErrors;

/**
 * Logs each call on the topic logger {@value #LOGGER}: at DEBUG one line with the operation, the
 * resource, the latency and the outcome (on failure the error code, HTTP status and request id),
 * and at TRACE the request as the service's JSON with secret values masked.
 *
 * <p>Only what Ballast renders itself is logged. SDK objects are never logged, because their own
 * {@code toString()} does not mask container environment values; response bodies are not logged
 * at all (a {@code DescribeInferenceComponent} carries the environment too). Failures are rethrown
 * unchanged and logged without their stack trace: the caller decides what to do with them.
 */
public final class LoggingTransport implements Transport {

    /** The topic logger's name; enable DEBUG on it to see one line per call. */
    public static final String LOGGER = "dev.ballast.transport";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private final Transport delegate;
    private final TimeSource time;
    private final Function<SdkRequest, Set<String>> secretPaths;

    private LoggingTransport(Transport delegate, TimeSource time, Function<SdkRequest, Set<String>> secretPaths) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.time = Objects.requireNonNull(time, "time");
        this.secretPaths = Objects.requireNonNull(secretPaths, "secretPaths");
    }

    /**
     * Logs around {@code delegate}, masking every container environment value at TRACE
     * ({@link SecretPaths#allEnvironmentValues()}).
     *
     * @param delegate the transport that sends
     * @param time measures latency; the engine's time source, so a virtual clock gives virtual latencies
     * @return the logging transport
     */
    public static LoggingTransport wrap(Transport delegate, TimeSource time) {
        return wrap(delegate, time, SecretPaths.allEnvironmentValues());
    }

    /**
     * Logs around {@code delegate}, masking the given paths of each request at TRACE.
     *
     * @param delegate the transport that sends
     * @param time measures latency
     * @param secretPaths for each request, the member paths to mask, for example
     *     {@code Specification.Container.Environment.HF_TOKEN}; an {@code ApiCall}'s
     *     {@code redactedPaths()} are such paths
     * @return the logging transport
     */
    public static LoggingTransport wrap(Transport delegate, TimeSource time, Function<SdkRequest, Set<String>> secretPaths) {
        return new LoggingTransport(delegate, time, secretPaths);
    }

    /** Sends through the delegate and logs the call; the response or failure is the delegate's own. */
    @Override
    public SdkResponse execute(SdkRequest request) {
        Objects.requireNonNull(request, "request");
        if (!LOG.isDebugEnabled()) {
            // Nothing would be logged (TRACE implies DEBUG): do not even read the request's names.
            return delegate.execute(request);
        }
        String target = Requests.target(request);
        String resource = Requests.resource(request);
        String on = resource.isEmpty() ? "" : " " + resource;
        if (LOG.isTraceEnabled()) {
            LOG.trace("{}{} request {}", target, on, SdkJson.render(request, secretPaths.apply(request), false));
        }
        Instant start = time.now();
        try {
            SdkResponse response = delegate.execute(request);
            long ms = millisSince(start);
            LOG.atDebug().addKeyValue("operation", target).addKeyValue("resource", resource)
                    .addKeyValue("latencyMs", ms).addKeyValue("outcome", "ok")
                    .log("{}{} ok in {} ms", target, on, ms);
            return response;
        } catch (RuntimeException e) {
            long ms = millisSince(start);
            TransportException f = SdkErrors.translate(request, e);
            String code = f.errorCode().isEmpty() ? e.getClass().getSimpleName() : f.errorCode();
            LOG.atDebug().addKeyValue("operation", target).addKeyValue("resource", resource)
                    .addKeyValue("latencyMs", ms).addKeyValue("outcome", "failed")
                    .addKeyValue("errorCode", code).addKeyValue("requestId", f.requestId().orElse(""))
                    .log("{}{} failed in {} ms: {}{}{}", target, on, ms, code,
                            f.statusCode() > 0 ? " (HTTP " + f.statusCode() + ")" : "",
                            f.requestId().map(id -> " [request id " + id + "]").orElse(""));
            throw e;
        }
    }

    /**
     * Opens the stream through the delegate and logs the opening as {@link #execute} logs a call
     * (the latency is the time to the open stream, the outcome whether it opened); the parts are
     * the model's output and are not logged.
     */
    @Override
    public java.util.concurrent.CompletableFuture<dev.ballast.spi.StreamedResponse> executeStream(SdkRequest request) {
        Objects.requireNonNull(request, "request");
        if (!LOG.isDebugEnabled()) {
            return delegate.executeStream(request);
        }
        String target = Requests.target(request);
        String resource = Requests.resource(request);
        String on = resource.isEmpty() ? "" : " " + resource;
        Instant start = time.now();
        return delegate.executeStream(request).whenComplete((opened, failure) -> {
            long ms = millisSince(start);
            if (failure == null) {
                LOG.atDebug().addKeyValue("operation", target).addKeyValue("resource", resource)
                        .addKeyValue("latencyMs", ms).addKeyValue("outcome", "streaming")
                        .log("{}{} streaming after {} ms", target, on, ms);
            } else {
                TransportException f = SdkErrors.translate(request, failure);
                String code = f.errorCode().isEmpty() ? failure.getClass().getSimpleName() : f.errorCode();
                LOG.atDebug().addKeyValue("operation", target).addKeyValue("resource", resource)
                        .addKeyValue("latencyMs", ms).addKeyValue("outcome", "failed").addKeyValue("errorCode", code)
                        .log("{}{} failed in {} ms: {}", target, on, ms, code);
            }
        });
    }

    private long millisSince(Instant start) {
        return Duration.between(start, time.now()).toMillis();
    }
}
