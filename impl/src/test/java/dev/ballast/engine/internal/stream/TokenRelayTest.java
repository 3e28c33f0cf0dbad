package dev.ballast.engine.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelStreamErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.PayloadPart;

import dev.ballast.InvocationStream;
import dev.ballast.engine.internal.SystemScheduler;
import dev.ballast.error.TransportException;
import dev.ballast.spi.StreamedResponse;

/** The reading of an open stream: demand, cancellation, one reader, and failures after the text before them. */
class TokenRelayTest {

    private static final InvokeEndpointWithResponseStreamRequest REQUEST = InvokeEndpointWithResponseStreamRequest.builder()
            .endpointName("e").inferenceComponentName("llm").build();

    @Test
    @DisplayName("a reader asking for one text at a time gets one at a time, and parts are taken only as needed")
    void demand() {
        Parts parts = new Parts(chunk("a") + chunk("b"), chunk("c"), "data: [DONE]\n\n");
        Reader reader = new Reader(0);
        stream(parts).tokens().subscribe(reader);

        reader.subscription.request(1);
        assertThat(reader.texts).containsExactly("a");
        assertThat(parts.delivered).isEqualTo(1);
        reader.subscription.request(1);
        assertThat(reader.texts).containsExactly("a", "b");
        assertThat(parts.delivered).as("b was waiting: no new part taken").isEqualTo(1);
        reader.subscription.request(5);
        assertThat(reader.texts).containsExactly("a", "b", "c");
        assertThat(reader.completed).isTrue();
        assertThat(parts.cancelled).as("[DONE] ends the reading").isTrue();
    }

    @Test
    @DisplayName("a cancelled reader gets nothing more and the stream is cancelled")
    void cancel() {
        Parts parts = new Parts(chunk("a"), chunk("b"));
        Reader reader = new Reader(0);
        stream(parts).tokens().subscribe(reader);
        reader.subscription.request(1);
        reader.subscription.cancel();
        reader.subscription.request(1);

        assertThat(reader.texts).containsExactly("a");
        assertThat(parts.cancelled).isTrue();
        assertThat(reader.completed).isFalse();
    }

    @Test
    @DisplayName("a failure mid-stream reaches the reader after the text before it, translated, with its code")
    void failureAfterText() {
        Parts parts = new Parts(chunk("a"));
        parts.failure = ModelStreamErrorException.builder().message("stopped").errorCode("ModelStreamError").build();
        Reader reader = new Reader(Long.MAX_VALUE);
        stream(parts).tokens().subscribe(reader);

        assertThat(reader.texts).containsExactly("a");
        assertThat(reader.failure).isInstanceOf(TransportException.class);
        assertThat(((TransportException) reader.failure).resource()).isEqualTo("inference-component/llm");
    }

    @Test
    @DisplayName("a stream is read once: a second reader is told so through onError")
    void readOnce() {
        InvocationStream stream = stream(new Parts(chunk("a")));
        stream.tokens().subscribe(new Reader(Long.MAX_VALUE));
        Reader second = new Reader(Long.MAX_VALUE);
        stream.subscribe(new Flow.Subscriber<byte[]>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
            }

            @Override
            public void onNext(byte[] item) {
            }

            @Override
            public void onError(Throwable t) {
                second.failure = t;
            }

            @Override
            public void onComplete() {
            }
        });

        assertThat(second.failure).isInstanceOf(IllegalStateException.class).hasMessageContaining("already been read");
    }

    @Test
    @DisplayName("a non-positive request fails the reading (Reactive Streams rule 3.9)")
    void nonPositive() {
        Parts parts = new Parts(chunk("a"));
        Reader reader = new Reader(0);
        stream(parts).tokens().subscribe(reader);
        reader.subscription.request(0);

        assertThat(reader.failure).isInstanceOf(IllegalArgumentException.class);
        assertThat(parts.cancelled).isTrue();
    }

    @Test
    @DisplayName("close() cancels a stream nobody read, and the rest of one being read; it then counts as read")
    void close() {
        Parts unread = new Parts(chunk("a"));
        InvocationStream stream = stream(unread);
        stream.close();
        assertThat(unread.cancelled).isTrue();
        assertThat(unread.delivered).isZero();
        Reader late = new Reader(Long.MAX_VALUE);
        stream.tokens().subscribe(late);
        assertThat(late.failure).isInstanceOf(IllegalStateException.class);

        Parts reading = new Parts(chunk("a"), chunk("b"));
        Reader reader = new Reader(0);
        try (InvocationStream open = stream(reading)) {
            open.tokens().subscribe(reader);
            reader.subscription.request(1);
        }
        assertThat(reader.texts).containsExactly("a");
        assertThat(reading.cancelled).isTrue();
    }

    @Test
    @DisplayName("body() and text() block until the end and return all of it")
    void blocking() {
        assertThat(stream(new Parts(chunk("x"), chunk("y"))).text()).isEqualTo("xy");
        assertThat(stream(new Parts("ab", "c")).body()).isEqualTo("abc");
    }

    private static InvocationStream stream(Parts parts) {
        return new DefaultInvocationStream(new StreamedResponse(InvokeEndpointWithResponseStreamResponse.builder()
                .invokedProductionVariant("AllTraffic").build(), parts), REQUEST, new SystemScheduler());
    }

    private static String chunk(String text) {
        return "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"}}]}\n\n";
    }

    /** A synchronous publisher of PayloadParts that records what it was asked. */
    private static final class Parts implements Flow.Publisher<SdkPojo> {
        private final List<String> parts;
        int delivered;
        boolean cancelled;
        RuntimeException failure;

        Parts(String... parts) {
            this.parts = List.of(parts);
        }

        @Override
        public void subscribe(Flow.Subscriber<? super SdkPojo> subscriber) {
            subscriber.onSubscribe(new Flow.Subscription() {
                private boolean ended;

                @Override
                public void request(long n) {
                    for (long i = 0; i < n && !cancelled && !ended; i++) {
                        if (delivered < parts.size()) {
                            subscriber.onNext(PayloadPart.builder().bytes(SdkBytes.fromString(parts.get(delivered++),
                                    StandardCharsets.UTF_8)).build());
                        } else {
                            ended = true;
                            if (failure != null) {
                                subscriber.onError(failure);
                            } else {
                                subscriber.onComplete();
                            }
                        }
                    }
                }

                @Override
                public void cancel() {
                    cancelled = true;
                }
            });
        }
    }

    private static final class Reader implements Flow.Subscriber<String> {
        private final long initial;
        final List<String> texts = new ArrayList<>();
        Flow.Subscription subscription;
        boolean completed;
        Throwable failure;

        Reader(long initial) {
            this.initial = initial;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (initial > 0) {
                s.request(initial);
            }
        }

        @Override
        public void onNext(String item) {
            texts.add(item);
        }

        @Override
        public void onError(Throwable t) {
            failure = t;
        }

        @Override
        public void onComplete() {
            completed = true;
        }
    }
}
