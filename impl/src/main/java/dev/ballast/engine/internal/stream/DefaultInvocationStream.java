package dev.ballast.engine.internal.stream;

import java.io.ByteArrayOutputStream;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.PayloadPart;

import dev.ballast.InvocationStream;
import dev.ballast.spi.Scheduler;
import dev.ballast.spi.StreamedResponse;
import dev.ballast.transport.internal.SdkErrors;

/**
 * An open {@code InvokeEndpointWithResponseStream} answer, read once: by a subscriber of its
 * parts, a subscriber of its texts, or a blocking read of either through the engine's scheduler
 * (so that on a virtual clock the wait advances simulated time, as every engine wait does).
 * Events other than {@code PayloadPart} (none exist today; the SDK's union may grow) are skipped.
 */
public final class DefaultInvocationStream implements InvocationStream {

    private final StreamedResponse opened;
    private final SdkRequest request;
    private final Scheduler scheduler;
    private final AtomicBoolean read = new AtomicBoolean();
    /** The reader's subscription to the events, once there is a reader: what close() cancels. */
    private volatile Flow.Subscription reading;

    /**
     * @param opened the open stream, as the transport handed it over
     * @param request the request that opened it, to name the call in a failure
     * @param scheduler where the blocking reads wait
     */
    public DefaultInvocationStream(StreamedResponse opened, SdkRequest request, Scheduler scheduler) {
        this.opened = opened;
        this.request = request;
        this.scheduler = scheduler;
    }

    @Override
    public Optional<String> contentType() {
        return initial().map(InvokeEndpointWithResponseStreamResponse::contentType);
    }

    @Override
    public Optional<String> invokedVariant() {
        return initial().map(InvokeEndpointWithResponseStreamResponse::invokedProductionVariant);
    }

    private Optional<InvokeEndpointWithResponseStreamResponse> initial() {
        return opened.response() instanceof InvokeEndpointWithResponseStreamResponse r ? Optional.of(r) : Optional.empty();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super byte[]> subscriber) {
        if (claimedBy(subscriber)) {
            opened.events().subscribe(new PartRelay(subscriber));
        }
    }

    @Override
    public Flow.Publisher<String> tokens() {
        return subscriber -> {
            if (claimedBy(subscriber)) {
                TokenRelay relay = new TokenRelay(subscriber, DefaultInvocationStream::bytesOf, this::translate);
                reading = relay;
                opened.events().subscribe(relay);
            }
        };
    }

    @Override
    public String body() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CompletableFuture<String> done = new CompletableFuture<>();
        subscribe(new Collector<>(part -> bytes.write(part, 0, part.length),
                () -> done.complete(bytes.toString(java.nio.charset.StandardCharsets.UTF_8)), done::completeExceptionally));
        return scheduler.await(done);
    }

    @Override
    public String text() {
        StringBuilder text = new StringBuilder();
        CompletableFuture<String> done = new CompletableFuture<>();
        tokens().subscribe(new Collector<>(text::append, () -> done.complete(text.toString()), done::completeExceptionally));
        return scheduler.await(done);
    }

    @Override
    public void close() {
        Flow.Subscription reading = this.reading;
        if (reading != null) {
            reading.cancel();
        } else if (read.compareAndSet(false, true)) {
            // nobody read it: take the events only to cancel them, so the connection is let go
            opened.events().subscribe(new Flow.Subscriber<SdkPojo>() {
                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    subscription.cancel();
                }

                @Override
                public void onNext(SdkPojo item) {
                }

                @Override
                public void onError(Throwable throwable) {
                }

                @Override
                public void onComplete() {
                }
            });
        }
    }

    @Override
    public String toString() {
        // never the parts: they are the model's output
        return "InvocationStream[" + invokedVariant().map(v -> "variant=" + v).orElse("") + "]";
    }

    /** @return whether this subscriber is the stream's one reader; a later one is told so through onError */
    private boolean claimedBy(Flow.Subscriber<?> subscriber) {
        java.util.Objects.requireNonNull(subscriber, "subscriber");
        if (read.compareAndSet(false, true)) {
            return true;
        }
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
            }
        });
        subscriber.onError(new IllegalStateException("this InvocationStream has already been read: an answer streams"
                + " once; invoke again for another reading"));
        return false;
    }

    private static byte[] bytesOf(SdkPojo event) {
        return event instanceof PayloadPart part && part.bytes() != null ? part.bytes().asByteArray() : null;
    }

    private RuntimeException translate(Throwable failure) {
        return SdkErrors.translate(request, failure);
    }

    /** Hands each part's bytes on, skipping events without any (asking upstream for another instead). */
    private final class PartRelay implements Flow.Subscriber<SdkPojo> {

        private final Flow.Subscriber<? super byte[]> reader;
        private Flow.Subscription upstream;

        PartRelay(Flow.Subscriber<? super byte[]> reader) {
            this.reader = reader;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            upstream = subscription;
            reading = subscription;
            reader.onSubscribe(subscription);
        }

        @Override
        public void onNext(SdkPojo event) {
            byte[] bytes = bytesOf(event);
            if (bytes == null) {
                upstream.request(1);  // the reader asked for a part, and this was none
            } else {
                reader.onNext(bytes);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            reader.onError(translate(throwable));
        }

        @Override
        public void onComplete() {
            reader.onComplete();
        }
    }

    /** Reads everything at once into a blocking read's result. */
    private static final class Collector<T> implements Flow.Subscriber<T> {

        private final Consumer<T> each;
        private final Runnable complete;
        private final Consumer<Throwable> failed;

        Collector(Consumer<T> each, Runnable complete, Consumer<Throwable> failed) {
            this.each = each;
            this.complete = complete;
            this.failed = failed;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(T item) {
            each.accept(item);
        }

        @Override
        public void onError(Throwable throwable) {
            failed.accept(throwable);
        }

        @Override
        public void onComplete() {
            complete.run();
        }
    }
}
