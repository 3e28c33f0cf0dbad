package dev.ballast.engine.internal.stream;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import software.amazon.awssdk.core.SdkPojo;

/**
 * Between an event stream and a reader of its generated text: takes one part at a time from
 * upstream, only when the reader has asked for text and none is waiting, and hands the reader the
 * texts the part completed. A part may complete no text (half a line) or several (many small
 * chunks), so the texts wait in a queue, and one drain loop (entered by one thread at a time)
 * signals the reader, keeping its signals serial however upstream and the reader's requests
 * interleave.
 */
final class TokenRelay implements Flow.Subscriber<SdkPojo>, Flow.Subscription {

    private final Flow.Subscriber<? super String> reader;
    private final Function<SdkPojo, byte[]> bytesOf;
    private final Function<Throwable, RuntimeException> translate;
    private final ServerSentEventText sse = new ServerSentEventText();
    private final AtomicInteger wip = new AtomicInteger();

    // guarded by this
    private final Deque<String> ready = new ArrayDeque<>();
    private Flow.Subscription upstream;
    private long demand;
    private boolean partRequested;
    private boolean upstreamDone;
    private Throwable failure;
    private boolean finished;

    /**
     * @param reader who reads the texts
     * @param bytesOf an event's bytes, or null for an event that carries none
     * @param translate turns the stream's failure into the one the reader sees
     */
    TokenRelay(Flow.Subscriber<? super String> reader, Function<SdkPojo, byte[]> bytesOf,
               Function<Throwable, RuntimeException> translate) {
        this.reader = reader;
        this.bytesOf = bytesOf;
        this.translate = translate;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        synchronized (this) {
            upstream = subscription;
        }
        reader.onSubscribe(this);
    }

    @Override
    public void onNext(SdkPojo event) {
        Flow.Subscription cancel = null;
        synchronized (this) {
            partRequested = false;
            byte[] bytes = bytesOf.apply(event);
            if (bytes != null && !upstreamDone) {
                try {
                    ready.addAll(sse.accept(bytes));
                    if (sse.done()) {
                        upstreamDone = true;  // [DONE]: the answer is complete, whatever follows
                        cancel = upstream;
                    }
                } catch (IllegalArgumentException e) {
                    failure = e;
                    upstreamDone = true;
                    cancel = upstream;
                }
            }
        }
        if (cancel != null) {
            cancel.cancel();
        }
        drain();
    }

    @Override
    public void onError(Throwable throwable) {
        synchronized (this) {
            if (!upstreamDone) {
                failure = translate.apply(throwable);
                upstreamDone = true;
            }
        }
        drain();
    }

    @Override
    public void onComplete() {
        synchronized (this) {
            if (!upstreamDone) {
                try {
                    ready.addAll(sse.finish());
                } catch (IllegalArgumentException e) {
                    failure = e;
                }
                upstreamDone = true;
            }
        }
        drain();
    }

    @Override
    public void request(long n) {
        Flow.Subscription cancel = null;
        synchronized (this) {
            if (n <= 0) {
                cancel = upstreamDone ? null : upstream;
                // Reactive Streams rule 3.9: a non-positive request fails the subscription
                failure = new IllegalArgumentException("request(" + n + "): the number of texts asked for must be positive");
                ready.clear();
                upstreamDone = true;
            } else {
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            }
        }
        if (cancel != null) {
            cancel.cancel();
        }
        drain();
    }

    @Override
    public void cancel() {
        Flow.Subscription cancel;
        synchronized (this) {
            finished = true;
            cancel = upstream;
        }
        if (cancel != null) {
            cancel.cancel();
        }
    }

    /** Signals what is due; whoever enters while another thread drains leaves the work to it. */
    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        do {
            while (step()) {
                // keep going while a step did something
            }
        } while (wip.decrementAndGet() != 0);
    }

    /** @return whether it signalled or asked for something, so another step may have more to do */
    private boolean step() {
        String next = null;
        boolean askPart = false;
        boolean end = false;
        Throwable endFailure = null;
        Flow.Subscription source;
        synchronized (this) {
            if (finished) {
                return false;
            }
            source = upstream;
            if (demand > 0 && !ready.isEmpty()) {
                next = ready.poll();
                demand--;
            } else if (ready.isEmpty() && upstreamDone) {
                finished = true;
                end = true;
                endFailure = failure;
            } else if (demand > 0 && !partRequested) {
                partRequested = true;
                askPart = true;
            } else {
                return false;
            }
        }
        if (next != null) {
            reader.onNext(next);
        } else if (end) {
            if (endFailure == null) {
                reader.onComplete();
            } else {
                reader.onError(endFailure);
            }
        } else if (askPart) {
            source.request(1);
        }
        return true;
    }
}
