package dev.ballast.testkit.internal.runtime;

import dev.ballast.testkit.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.sagemakerruntime.model.ResponseStream;

/**
 * The events of an {@link OpenStream} in process, as {@code PayloadPart}s, paced on the virtual
 * clock: a part is delivered when the subscriber's demand asks for it, and its delivery first moves
 * the clock to the part's due instant if that lies ahead (as an engine's wait would), running what
 * falls due on the way. So a test that reads the stream on its own thread never waits for a clock
 * nobody moves, and the timeline shows the generation time. The stream's end (completion or its
 * failure, through {@code onError}) moves the clock to the stream's end. One subscriber only, as the
 * SDK's own event publishers; a second gets {@code onError}.
 */
public final class PacedEvents implements Flow.Publisher<SdkPojo> {

    private final OpenStream stream;
    private final VirtualClock clock;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    /**
     * @param stream the stream to deliver
     * @param clock the clock its parts are due on
     */
    public PacedEvents(OpenStream stream, VirtualClock clock) {
        this.stream = stream;
        this.clock = clock;
    }

    /** @return the stream these events deliver (the HTTP front writes it on its own schedule) */
    public OpenStream stream() {
        return stream;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super SdkPojo> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        if (!subscribed.compareAndSet(false, true)) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(new IllegalStateException("the events of a response stream have one subscriber"
                    + " only, and this one already has it"));
            return;
        }
        new Delivery(subscriber).start();
    }

    /** One subscription: delivers on demand, never two signals at once, never reentrantly. */
    private final class Delivery implements Flow.Subscription {
        private final Flow.Subscriber<? super SdkPojo> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger work = new AtomicInteger();
        private volatile boolean cancelled;
        private boolean done;
        private int next;

        private Delivery(Flow.Subscriber<? super SdkPojo> subscriber) {
            this.subscriber = subscriber;
        }

        private void start() {
            subscriber.onSubscribe(this);
            drain();
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                // Reactive Streams rule 3.9
                cancelled = true;
                subscriber.onError(new IllegalArgumentException("request must be positive: " + n));
                return;
            }
            demand.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            drain();
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        private void drain() {
            if (work.getAndIncrement() != 0) {
                return; // the thread already draining sees the new demand
            }
            int missed = 1;
            while (true) {
                while (!cancelled && !done) {
                    if (next < stream.parts().size()) {
                        if (demand.get() == 0) {
                            break;
                        }
                        OpenStream.TimedPart part = stream.parts().get(next++);
                        reach(part.due());
                        demand.decrementAndGet();
                        // the event stream's own kind of PayloadPart (as the SDK builds events): its accept(visitor)
                        // calls visitPayloadPart, where the base class's throws
                        subscriber.onNext(ResponseStream.payloadPartBuilder().bytes(SdkBytes.fromByteArray(part.bytes()))
                                .build());
                    } else {
                        done = true;
                        reach(stream.endsAt());
                        if (stream.failure().isPresent()) {
                            subscriber.onError(stream.failure().get());
                        } else {
                            subscriber.onComplete();
                        }
                    }
                }
                missed = work.addAndGet(-missed);
                if (missed == 0) {
                    return;
                }
            }
        }

        /** Moves the clock to {@code due} if it lies ahead; at {@code due} itself runs what is due. */
        private void reach(Instant due) {
            Duration ahead = Duration.between(clock.now(), due);
            clock.advance(ahead.isNegative() ? Duration.ZERO : ahead);
        }
    }
}
