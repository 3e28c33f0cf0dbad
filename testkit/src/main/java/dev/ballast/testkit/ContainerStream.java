package dev.ballast.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a container answers a streamed invocation ({@code InvokeEndpointWithResponseStream}): the
 * parts it writes, each with the simulated time it takes after the one before (the first part's
 * time is the time to first token), optionally ending in a failure in the middle of the stream.
 * Immutable. A {@link ContainerBehavior} returns one from
 * {@link ContainerBehavior#stream(ContainerRequest, ContainerSpec)}.
 *
 * <pre>{@code
 * fake.givenContainerFor("llm", new ContainerBehavior() {
 *     public ContainerResponse respond(ContainerRequest request, ContainerSpec spec) {
 *         return ContainerResponse.ok("{\"generated_text\":\"Hello world\"}");
 *     }
 *     public ContainerStream stream(ContainerRequest request, ContainerSpec spec) {
 *         return ContainerStream.of("text/event-stream", List.of(
 *                         ContainerStream.Part.of("data:Hello\n\n", Duration.ofMillis(200)),
 *                         ContainerStream.Part.of("data: world\n\n", Duration.ofMillis(30))))
 *                 .thenModelStreamError("StreamBroken", "the model server closed the stream", Duration.ofMillis(30));
 *     }
 * });
 * }</pre>
 *
 * <p>The runtime wraps every part in a {@code PayloadPart} event, in order; a failure reaches the
 * client after the parts as the event stream's {@code ModelStreamError} or
 * {@code InternalStreamFailure}. A stream {@linkplain #refused(ContainerResponse) refused} with an
 * error status is answered before any part, as an unstreamed invocation: a {@code ModelError}
 * (424) with the container's status and body.
 */
public final class ContainerStream {

    private final String contentType;
    private final List<Part> parts;
    private final Failure failure;
    private final ContainerResponse refusal;

    private ContainerStream(String contentType, List<Part> parts, Failure failure, ContainerResponse refusal) {
        this.contentType = contentType;
        this.parts = parts;
        this.failure = failure;
        this.refusal = refusal;
    }

    /**
     * @param contentType the stream's content type, reported as {@code ContentType} of the
     *     response ({@code X-Amzn-SageMaker-Content-Type} on the wire); {@code null} means
     *     {@code application/json}
     * @param parts the parts, in order; may be empty (a stream that ends without a part)
     * @return a stream that ends normally after its parts
     */
    public static ContainerStream of(String contentType, List<Part> parts) {
        List<Part> copy = List.copyOf(Objects.requireNonNull(parts, "parts"));
        return new ContainerStream(contentType == null ? "application/json" : contentType, copy, null, null);
    }

    /**
     * The streamed form of a whole answer, as any behaviour that does not stream gives it: a
     * successful answer is one part (its body) that takes the answer's latency; an error status
     * refuses the stream up front (see {@link #refused(ContainerResponse)}).
     *
     * @param response the container's whole answer
     * @return that answer as a stream
     */
    public static ContainerStream whole(ContainerResponse response) {
        Objects.requireNonNull(response, "response");
        if (response.status() >= 400) {
            return refused(response);
        }
        return of(response.contentType(), List.of(new Part(response.body(), response.latency())));
    }

    /**
     * A stream the container refuses before writing any part: the runtime answers a
     * {@code ModelError} (424) carrying the container's status and body, exactly as for
     * {@code InvokeEndpoint}, and reports the answer's latency as {@code ModelLatency}.
     *
     * @param error the container's error answer (status 400 or more)
     * @return the refusal
     * @throws IllegalArgumentException if the status is not an error status
     */
    public static ContainerStream refused(ContainerResponse error) {
        Objects.requireNonNull(error, "error");
        if (error.status() < 400) {
            throw new IllegalArgumentException("a refused stream needs an error status (400 or more): "
                    + error.status());
        }
        return new ContainerStream(error.contentType(), List.of(), null, error);
    }

    /**
     * @param errorCode the {@code ErrorCode} member SageMaker documents for the error:
     *     {@code ModelInvocationTimeExceeded} (the model did not finish within the time allowed) or
     *     {@code StreamBroken} (the connection to the model was reset or closed); any text is accepted
     * @param message the error's {@code Message}
     * @param after the time after the last part at which the stream breaks
     * @return this stream, ending in a {@code ModelStreamError} instead of normally
     * @throws IllegalStateException if this stream is refused
     */
    public ContainerStream thenModelStreamError(String errorCode, String message, Duration after) {
        return ending(new Failure(Failure.Kind.MODEL_STREAM_ERROR, errorCode, message, after));
    }

    /**
     * @param message the error's {@code Message}
     * @param after the time after the last part at which the stream fails
     * @return this stream, ending in an {@code InternalStreamFailure} (a failure of SageMaker's
     *     own, which the client may retry) instead of normally
     * @throws IllegalStateException if this stream is refused
     */
    public ContainerStream thenInternalStreamFailure(String message, Duration after) {
        return ending(new Failure(Failure.Kind.INTERNAL_STREAM_FAILURE, null, message, after));
    }

    private ContainerStream ending(Failure end) {
        if (refusedUpFront()) {
            throw new IllegalStateException("a refused stream has no parts to fail after");
        }
        return new ContainerStream(contentType, parts, end, null);
    }

    /** @return whether the container refused the stream before writing any part */
    public boolean refusedUpFront() {
        return refusal != null;
    }

    /** @return the container's error answer when it refused the stream up front */
    public Optional<ContainerResponse> refusal() {
        return Optional.ofNullable(refusal);
    }

    /** @return the content type of the parts (or of the error body of a refused stream) */
    public String contentType() {
        return contentType;
    }

    /** @return the parts in order; empty for a refused stream */
    public List<Part> parts() {
        return parts;
    }

    /** @return how the stream fails after its parts, if it does */
    public Optional<Failure> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * @return the simulated time the whole stream takes: every part's time and the failure's, if
     *     any (the {@code ModelLatency} the fake reports for it); a refusal's latency
     */
    public Duration duration() {
        if (refusal != null) {
            return refusal.latency();
        }
        Duration total = Duration.ZERO;
        for (Part part : parts) {
            total = total.plus(part.after());
        }
        return failure == null ? total : total.plus(failure.after());
    }

    /** @return the parts' bytes one after the other (what a client that reads the whole stream gets) */
    public byte[] concatenated() {
        int size = 0;
        for (Part part : parts) {
            size += part.bytes.length;
        }
        byte[] all = new byte[size];
        int at = 0;
        for (Part part : parts) {
            System.arraycopy(part.bytes, 0, all, at, part.bytes.length);
            at += part.bytes.length;
        }
        return all;
    }

    /** Equal when content type, parts, failure and refusal are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ContainerStream s && contentType.equals(s.contentType) && parts.equals(s.parts)
                && Objects.equals(failure, s.failure) && Objects.equals(refusal, s.refusal);
    }

    @Override
    public int hashCode() {
        return Objects.hash(contentType, parts, failure, refusal);
    }

    /** @return content type, the number of parts, the failure or refusal status; never the content */
    @Override
    public String toString() {
        return "ContainerStream[contentType=" + contentType + ", parts=" + parts.size() + ", duration=" + duration()
                + (failure == null ? "" : ", failure=" + failure.kind())
                + (refusal == null ? "" : ", refusedWith=" + refusal.status()) + "]";
    }

    /**
     * One part the container writes.
     *
     * @param bytes what it writes
     * @param after how long after the previous part (after the request, for the first) it is written
     */
    public record Part(byte[] bytes, Duration after) {

        /** Validates the time and defends the bytes. */
        public Part {
            bytes = Objects.requireNonNull(bytes, "bytes").clone();
            if (Objects.requireNonNull(after, "after").isNegative()) {
                throw new IllegalArgumentException("after must not be negative: " + after);
            }
        }

        /**
         * @param text the part's text, written as UTF-8
         * @param after how long after the previous part it is written
         * @return the part
         */
        public static Part of(String text, Duration after) {
            return new Part(Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8), after);
        }

        /** @return a copy of the bytes */
        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        /** @return the bytes decoded as UTF-8 */
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Part p && Arrays.equals(bytes, p.bytes) && after.equals(p.after);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(bytes), after);
        }

        /** @return the size and time, never the content */
        @Override
        public String toString() {
            return "Part[bytes=" + bytes.length + ", after=" + after + "]";
        }
    }

    /**
     * How a stream fails after its parts.
     *
     * @param kind which of the event stream's errors the client gets
     * @param errorCode the {@code ErrorCode} of a {@code ModelStreamError}; {@code null} for an
     *     {@code InternalStreamFailure}, which has none
     * @param message the error's {@code Message}
     * @param after how long after the last part the failure comes
     */
    public record Failure(Kind kind, String errorCode, String message, Duration after) {

        /** Validates the members. */
        public Failure {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
            if (kind == Kind.MODEL_STREAM_ERROR) {
                Objects.requireNonNull(errorCode, "errorCode");
            }
            if (Objects.requireNonNull(after, "after").isNegative()) {
                throw new IllegalArgumentException("after must not be negative: " + after);
            }
        }

        /** The errors SageMaker Runtime's {@code ResponseStream} can end with. */
        public enum Kind {
            /** {@code ModelStreamError}: the model's stream broke or timed out. */
            MODEL_STREAM_ERROR,
            /** {@code InternalStreamFailure}: the stream failed inside SageMaker. */
            INTERNAL_STREAM_FAILURE;

            /** @return the name on the wire ({@code :exception-type}) */
            public String wireName() {
                return this == MODEL_STREAM_ERROR ? "ModelStreamError" : "InternalStreamFailure";
            }
        }
    }
}
