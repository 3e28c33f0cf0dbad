package dev.ballast.aws.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.reactivestreams.FlowAdapters;

import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamResponseHandler;

import dev.ballast.spi.StreamedResponse;

/**
 * The SDK's response-handler contract for an event stream, turned into an open stream: the
 * initial response comes first ({@code onResponse}), then the events' publisher
 * ({@code onEventStream}), which is handed over as a {@link java.util.concurrent.Flow.Publisher}.
 * A failure before the publisher came fails the opening; one after it reaches the publisher's
 * subscriber, as the SDK signals it there.
 */
public final class EventStreams {

    private EventStreams() {
    }

    /**
     * @param client the asynchronous runtime client
     * @param request the streamed invocation
     * @return a stage that completes once the stream is open, or fails with the SDK's exception
     */
    public static CompletableFuture<StreamedResponse> open(SageMakerRuntimeAsyncClient client,
                                                            InvokeEndpointWithResponseStreamRequest request) {
        CompletableFuture<StreamedResponse> opened = new CompletableFuture<>();
        AtomicReference<InvokeEndpointWithResponseStreamResponse> initial = new AtomicReference<>();
        InvokeEndpointWithResponseStreamResponseHandler handler = InvokeEndpointWithResponseStreamResponseHandler.builder()
                .onResponse(initial::set)
                .onEventStream(events -> opened.complete(new StreamedResponse(initial.get(),
                        FlowAdapters.toFlowPublisher(events.map(event -> (SdkPojo) event)))))
                .onError(opened::completeExceptionally)
                .build();
        CompletableFuture<Void> whole;
        try {
            whole = client.invokeEndpointWithResponseStream(request, handler);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        // the whole call's end also settles an opening that never came (a completeExceptionally
        // after the stream opened changes nothing: the subscriber has the failure)
        whole.whenComplete((done, failure) -> {
            if (failure != null) {
                opened.completeExceptionally(failure);
            }
        });
        return opened;
    }
}
