package dev.ballast.transport;

import java.util.Objects;
import java.util.Optional;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

import dev.ballast.transport.internal.Requests;

/**
 * One call a {@link RecordingTransport} saw: the request, and the response or the failure.
 *
 * <p>{@code toString()} shows the sequence number, the operation, the resource and the outcome,
 * never the SDK objects' own rendering (which does not mask container environment values).
 *
 * @param sequence the call's position among all calls of its recorder, from 1, in the order they started
 * @param request the request as the caller made it
 * @param response the response, if the call succeeded
 * @param failure what was thrown, if the call failed
 * @param sent false if a dry run answered the call itself instead of sending it
 */
public record RecordedCall(long sequence, SdkRequest request, Optional<SdkResponse> response,
                           Optional<RuntimeException> failure, boolean sent) {

    public RecordedCall {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(failure, "failure");
        if (response.isPresent() == failure.isPresent()) {
            throw new IllegalArgumentException("a recorded call has either a response or a failure");
        }
    }

    /** @return the operation, for example {@code CreateEndpoint} */
    public String operation() {
        return Requests.operation(request);
    }

    /** @return the resource the call touched, for example {@code endpoint/demo}, or empty */
    public String resource() {
        return Requests.resource(request);
    }

    /** @return whether the call succeeded */
    public boolean succeeded() {
        return response.isPresent();
    }

    /** @return for example {@code #3 SageMaker.CreateEndpoint endpoint/demo: ok (dry run, not sent)} */
    @Override
    public String toString() {
        String resource = resource();
        return "#" + sequence + " " + Requests.target(request) + (resource.isEmpty() ? "" : " " + resource) + ": "
                + (succeeded() ? "ok" : "failed (" + failure.orElseThrow().getClass().getSimpleName() + ")")
                + (sent ? "" : " (dry run, not sent)");
    }
}
