package dev.ballast.spi;

import java.util.Objects;
import java.util.concurrent.Flow;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkResponse;

/**
 * An event-stream answer as a {@link Transport} hands it over: the response's initial members and
 * the events that follow.
 *
 * @param response the initial members, e.g. an {@code InvokeEndpointWithResponseStreamResponse}
 *     (content type, invoked production variant)
 * @param events the events in the order the service sent them, e.g. {@code PayloadPart}s; one
 *     subscriber only, as the SDK's own event publishers; an error in the middle of the stream
 *     reaches it through {@code onError} as the SDK's exception
 */
public record StreamedResponse(SdkResponse response, Flow.Publisher<SdkPojo> events) {

    /** Checks both are given. */
    public StreamedResponse {
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(events, "events");
    }
}
