package dev.ballast.testkit.internal.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.SageMakerRuntimeException;

/**
 * A streamed invocation the runtime has accepted: the response's initial members, the parts with
 * the simulated instant each is due, and the failure that ends the stream, if any. Immutable;
 * delivering it (in process or over HTTP) is up to the caller, which paces the parts on the clock.
 */
public final class OpenStream {

    private final InvokeEndpointWithResponseStreamResponse response;
    private final List<TimedPart> parts;
    private final SageMakerRuntimeException failure;
    private final Instant endsAt;

    /**
     * @param response the initial members (content type, invoked variant, custom attributes)
     * @param parts the parts, in order, each with its due instant (never decreasing)
     * @param failure the error that ends the stream after the parts, or {@code null}
     * @param endsAt when the last part (or the failure) is due: the end of the container's answer
     */
    OpenStream(InvokeEndpointWithResponseStreamResponse response, List<TimedPart> parts,
            SageMakerRuntimeException failure, Instant endsAt) {
        this.response = Objects.requireNonNull(response, "response");
        this.parts = List.copyOf(parts);
        this.failure = failure;
        this.endsAt = Objects.requireNonNull(endsAt, "endsAt");
    }

    /** @return the initial members */
    public InvokeEndpointWithResponseStreamResponse response() {
        return response;
    }

    /** @return the parts, in order */
    public List<TimedPart> parts() {
        return parts;
    }

    /** @return the error that ends the stream after its parts ({@code ModelStreamError}, {@code InternalStreamFailure}) */
    public Optional<SageMakerRuntimeException> failure() {
        return Optional.ofNullable(failure);
    }

    /** @return when the stream ends (its last part, or its failure, is due) */
    public Instant endsAt() {
        return endsAt;
    }

    /**
     * One part of the stream.
     *
     * @param bytes the part's bytes (not copied: the stream never hands them out but as copies)
     * @param due the simulated instant the container writes it
     */
    public record TimedPart(byte[] bytes, Instant due) {
    }
}
