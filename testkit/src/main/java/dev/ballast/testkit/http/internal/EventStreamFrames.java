package dev.ballast.testkit.http.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/**
 * The frames of {@code InvokeEndpointWithResponseStream}'s answer
 * ({@code application/vnd.amazon.eventstream}), built with the AWS event-stream codec: each frame
 * is a prelude (total length, headers length, prelude CRC32), the headers, the payload and the
 * message CRC32. A {@code PayloadPart} is an {@code event} frame ({@code :event-type PayloadPart},
 * {@code :content-type application/octet-stream}) whose payload is the part's bytes; an error in
 * the middle of the stream is an {@code exception} frame ({@code :exception-type ModelStreamError}
 * or {@code InternalStreamFailure}, {@code :content-type application/json}) whose payload is the
 * error's members as JSON ({@code Message}, and {@code ErrorCode} for a {@code ModelStreamError}),
 * which the SDKs read as the modelled exception.
 */
public final class EventStreamFrames {

    /** The answer's {@code Content-Type}. */
    public static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";

    private EventStreamFrames() {
    }

    /**
     * @param bytes the part's bytes
     * @return the {@code PayloadPart} event carrying them
     */
    public static Message payloadPart(byte[] bytes) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":event-type", HeaderValue.fromString("PayloadPart"));
        headers.put(":content-type", HeaderValue.fromString("application/octet-stream"));
        headers.put(":message-type", HeaderValue.fromString("event"));
        return new Message(headers, bytes);
    }

    /**
     * @param exceptionType {@code ModelStreamError} or {@code InternalStreamFailure}
     * @param message the error's {@code Message}
     * @param errorCode the {@code ErrorCode} of a {@code ModelStreamError}, or {@code null}
     * @return the exception frame
     */
    public static Message exception(String exceptionType, String message, String errorCode) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":exception-type", HeaderValue.fromString(exceptionType));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString("exception"));
        ObjectNode body = PojoJson.MAPPER.createObjectNode();
        body.put("Message", message);
        if (errorCode != null) {
            body.put("ErrorCode", errorCode);
        }
        try {
            return new Message(headers, PojoJson.MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
