package dev.ballast.transport;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

import dev.ballast.transport.internal.Requests;
import dev.ballast.spi.Transport;

/**
 * Records every call in order, for inspection; in a <em>dry run</em>, also keeps mutating calls
 * from being sent.
 *
 * <p>In a dry run, calls that only read ({@code Describe*}, {@code List*}, {@code Get*},
 * {@code InvokeEndpoint}) pass through to the delegate, so that planning sees what really runs;
 * every other call ({@code Create*}, {@code Update*}, {@code Delete*}, {@code Put*}, {@code Set*},
 * {@code Register*}, {@code Deregister*}, ...) is recorded and answered with an empty but valid
 * response of its type ({@code CreateEndpointResponse.builder().build()}), and nothing is sent.
 *
 * <p>Thread-safe. {@link #calls()} lists the calls that have finished, in the order they started.
 */
public final class RecordingTransport implements Transport {

    private final Transport delegate;
    private final boolean dryRun;
    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentSkipListMap<Long, RecordedCall> calls = new ConcurrentSkipListMap<>();
    private final EmptyResponses emptyResponses = new EmptyResponses();

    private RecordingTransport(Transport delegate, boolean dryRun) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.dryRun = dryRun;
    }

    /**
     * @param delegate the transport that sends every call
     * @return a transport that sends everything and records it
     */
    public static RecordingTransport recording(Transport delegate) {
        return new RecordingTransport(delegate, false);
    }

    /**
     * @param delegate the transport that sends the read-only calls
     * @return a transport that sends only read-only calls, answers the others itself, and records all
     */
    public static RecordingTransport dryRun(Transport delegate) {
        return new RecordingTransport(delegate, true);
    }

    /** @return whether mutating calls are kept from being sent */
    public boolean isDryRun() {
        return dryRun;
    }

    /**
     * Sends (or, in a dry run, answers) the call and records it with its outcome. Failures are
     * recorded and rethrown unchanged.
     */
    @Override
    public SdkResponse execute(SdkRequest request) {
        Objects.requireNonNull(request, "request");
        long n = sequence.incrementAndGet();
        boolean send = !dryRun || Requests.isReadOnly(request);
        try {
            SdkResponse response = send ? delegate.execute(request) : emptyResponses.forRequest(request);
            calls.put(n, new RecordedCall(n, request, Optional.of(response), Optional.empty(), send));
            return response;
        } catch (RuntimeException e) {
            calls.put(n, new RecordedCall(n, request, Optional.empty(), Optional.of(e), send));
            throw e;
        }
    }

    /**
     * Opens the stream through the delegate (also in a dry run: an invocation changes nothing) and
     * records the opening: its initial response, or the failure before the stream opened. The
     * parts are not recorded.
     */
    @Override
    public java.util.concurrent.CompletableFuture<dev.ballast.spi.StreamedResponse> executeStream(SdkRequest request) {
        Objects.requireNonNull(request, "request");
        long n = sequence.incrementAndGet();
        java.util.concurrent.CompletableFuture<dev.ballast.spi.StreamedResponse> opened;
        try {
            opened = delegate.executeStream(request);
        } catch (RuntimeException e) {
            calls.put(n, new RecordedCall(n, request, Optional.empty(), Optional.of(e), true));
            throw e;
        }
        return opened.whenComplete((stream, failure) -> calls.put(n, failure == null
                ? new RecordedCall(n, request, Optional.of(stream.response()), Optional.empty(), true)
                : new RecordedCall(n, request, Optional.empty(), Optional.of(asRuntime(failure)), true)));
    }

    private static RuntimeException asRuntime(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof RuntimeException r ? r : new java.util.concurrent.CompletionException(cause);
    }

    /** @return the finished calls, in the order they started */
    public List<RecordedCall> calls() {
        return List.copyOf(calls.values());
    }

    /** @return the finished calls that were not sent because of the dry run, in order */
    public List<RecordedCall> unsent() {
        return calls.values().stream().filter(c -> !c.sent()).toList();
    }

    /** Forgets every recorded call; numbering goes on. */
    public void clear() {
        calls.clear();
    }
}
