package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelStreamErrorException;

/** {@link FakeSageMaker#runtimeAsyncClient()}: the SDK's async runtime client and its handler contract. */
class RuntimeAsyncClientTest {

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final SageMakerRuntimeAsyncClient client = fake.runtimeAsyncClient();

    /** Records the handler's calls in order. */
    private static final class Calls {
        final List<String> calls = new ArrayList<>();
        final StringBuilder text = new StringBuilder();
        InvokeEndpointWithResponseStreamResponse response;
        Throwable error;

        InvokeEndpointWithResponseStreamResponseHandler handler() {
            return InvokeEndpointWithResponseStreamResponseHandler.builder()
                    .onResponse(r -> {
                        calls.add("response");
                        response = r;
                    })
                    .onError(e -> {
                        calls.add("error");
                        error = e;
                    })
                    .onComplete(() -> calls.add("complete"))
                    .subscriber(InvokeEndpointWithResponseStreamResponseHandler.Visitor.builder()
                            .onPayloadPart(part -> {
                                if (!calls.get(calls.size() - 1).equals("part")) {
                                    calls.add("part");
                                }
                                text.append(part.bytes().asUtf8String());
                            }).build())
                    .build();
        }
    }

    @Test
    @DisplayName("invokeEndpointWithResponseStream with a visitor: response, the parts, complete, and the future completes")
    void streamsThroughTheSdkHandlerContract() throws Exception {
        StreamedInvocationTest.componentEndpoint(fake, StreamedInvocationTest.llama(true));
        Calls calls = new Calls();
        Instant before = fake.clock().now();

        CompletableFuture<Void> done = client.invokeEndpointWithResponseStream(b -> b.endpointName("ep")
                .inferenceComponentName("ic").contentType("application/json")
                .body(SdkBytes.fromUtf8String(StreamedInvocationTest.CHAT_STREAM)), calls.handler());

        assertThat(done).isCompleted();
        done.join();
        assertThat(calls.calls).containsExactly("response", "part", "complete");
        assertThat(calls.response.invokedProductionVariant()).isEqualTo("AllTraffic");
        assertThat(calls.response.contentType()).isEqualTo("text/event-stream");
        assertThat(calls.text.toString()).startsWith("data:{\"object\":\"chat.completion.chunk\"")
                .endsWith("data:[DONE]\n\n");
        assertThat(StreamedInvocationTest.chatText(List.of(calls.text.toString().split("(?<=\n\n)"))))
                .startsWith("There are 3 R's in STRAWBERRY.");
        assertThat(fake.clock().now()).isAfter(before.plus(fake.timings().timeToFirstToken()));
    }

    @Test
    @DisplayName("an error before the stream: exceptionOccurred, and the future fails with the SDK's exception")
    void errorBeforeTheStream() {
        StreamedInvocationTest.componentEndpoint(fake, StreamedInvocationTest.llama(false));
        Calls calls = new Calls();

        CompletableFuture<Void> done = client.invokeEndpointWithResponseStream(b -> b.endpointName("ep")
                .inferenceComponentName("ic").body(SdkBytes.fromUtf8String(StreamedInvocationTest.CHAT_STREAM)),
                calls.handler());

        assertThat(done).isCompletedExceptionally();
        assertThatThrownBy(done::join).isInstanceOf(CompletionException.class).cause()
                .isInstanceOfSatisfying(ModelErrorException.class, e -> assertThat(e.statusCode()).isEqualTo(424));
        assertThat(calls.calls).containsExactly("error");
        assertThat(calls.error).isInstanceOf(CompletionException.class).cause().isInstanceOf(ModelErrorException.class);
    }

    @Test
    @DisplayName("a ModelStreamError in the middle: the parts before it, then exceptionOccurred, and the future fails")
    void errorInTheMiddle() {
        fake.givenContainerFor("ic", StreamedInvocationTest.streaming(ContainerStream.of("text/plain", List.of(
                ContainerStream.Part.of("partial", Duration.ofMillis(5))))
                .thenModelStreamError("StreamBroken", "The stream broke.", Duration.ZERO)));
        StreamedInvocationTest.componentEndpoint(fake, Map.of());
        Calls calls = new Calls();

        CompletableFuture<Void> done = client.invokeEndpointWithResponseStream(b -> b.endpointName("ep")
                .inferenceComponentName("ic").body(SdkBytes.fromUtf8String("{}")), calls.handler());

        assertThat(done).isCompletedExceptionally();
        assertThatThrownBy(done::join).cause().isInstanceOfSatisfying(ModelStreamErrorException.class, e ->
                assertThat(e.errorCode()).isEqualTo("StreamBroken"));
        assertThat(calls.calls).containsExactly("response", "part", "error");
        assertThat(calls.text.toString()).isEqualTo("partial");
    }

    @Test
    @DisplayName("invokeEndpoint answers a completed future; other operations fail naming themselves")
    void invokeEndpointAndTheRest() {
        StreamedInvocationTest.componentEndpoint(fake, StreamedInvocationTest.llama(true));

        assertThat(client.invokeEndpoint(b -> b.endpointName("ep").inferenceComponentName("ic")
                .body(SdkBytes.fromUtf8String("{\"inputs\":\"hi\"}"))).join().body().asUtf8String())
                .startsWith("[{\"generated_text\":\"There are 3 R's");
        assertThat(client.invokeEndpoint(b -> b.endpointName("nope").body(SdkBytes.fromUtf8String("{}"))))
                .failsWithin(Duration.ZERO).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withMessageContaining("Endpoint nope of account 123456789012 not found.");
        assertThatThrownBy(() -> client.invokeEndpointAsync(b -> b.endpointName("ep").inputLocation("s3://b/k")))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("does not offer invokeEndpointAsync(..)")
                .hasMessageContaining("InvokeEndpointWithResponseStream");
        assertThat(client.serviceName()).isEqualTo(SageMakerRuntimeAsyncClient.SERVICE_NAME);
        client.close();
    }
}
