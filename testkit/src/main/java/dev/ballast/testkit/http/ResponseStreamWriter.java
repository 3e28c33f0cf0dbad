package dev.ballast.testkit.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.ballast.testkit.VirtualClock;
import dev.ballast.testkit.http.internal.EventStreamFrames;
import dev.ballast.testkit.internal.runtime.OpenStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelStreamErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.SageMakerRuntimeException;
import software.amazon.eventstream.Message;

/**
 * Writes an open response stream to its client: status 200, the response's headers
 * ({@code X-Amzn-SageMaker-Content-Type}, {@code x-Amzn-Invoked-Production-Variant},
 * {@code X-Amzn-SageMaker-Custom-Attributes}), {@code Content-Type: application/vnd.amazon.eventstream},
 * a chunked body of event-stream frames ({@link EventStreamFrames}), flushed whenever the next one
 * is not due yet (frames due at the same simulated instant go out together, as the bytes a
 * container writes at once do), then the exception frame of a failure in the middle, if any. Takes over the exchange and closes it
 * when done (or when the client goes away).
 *
 * <p>Each part is written when its simulated time has come:
 * <ul>
 *   <li>with a server whose clock is driven ({@code timeScale > 0}), when the driven clock reaches
 *       it: the writer does not hold a worker while it waits, it is woken by the server's timer
 *       after the wall time the scale gives and writes from a worker again (as a delayed answer
 *       is);</li>
 *   <li>with a clock the test moves ({@code timeScale} 0), at once, moving the clock to the part's
 *       time if it lies ahead, as a reader in process does: nobody else would move it.</li>
 * </ul>
 */
final class ResponseStreamWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseStreamWriter.class);
    private static final long MIN_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final HttpExchange exchange;
    private final OpenStream stream;
    private final VirtualClock clock;
    private final double timeScale;
    private final ScheduledExecutorService delays;
    private final Workers workers;
    private OutputStream body;
    private int next;
    private Instant lastDue;

    private ResponseStreamWriter(HttpExchange exchange, OpenStream stream, VirtualClock clock, double timeScale,
            ScheduledExecutorService delays, Workers workers) {
        this.exchange = exchange;
        this.stream = stream;
        this.clock = clock;
        this.timeScale = timeScale;
        this.delays = delays;
        this.workers = workers;
    }

    /**
     * Sends the headers and the parts that are due, and arranges for the rest.
     *
     * @throws IOException if the client went away before the headers were sent (the caller closes)
     */
    static void start(HttpExchange exchange, OpenStream stream, String requestId, VirtualClock clock,
            double timeScale, ScheduledExecutorService delays, Workers workers) throws IOException {
        InvokeEndpointWithResponseStreamResponse response = stream.response();
        Headers headers = exchange.getResponseHeaders();
        headers.set("x-amzn-RequestId", requestId);
        headers.set("Content-Type", EventStreamFrames.CONTENT_TYPE);
        setIfPresent(headers, "X-Amzn-SageMaker-Content-Type", response.contentType());
        setIfPresent(headers, "x-Amzn-Invoked-Production-Variant", response.invokedProductionVariant());
        setIfPresent(headers, "X-Amzn-SageMaker-Custom-Attributes", response.customAttributes());
        exchange.sendResponseHeaders(200, 0); // length 0: chunked
        ResponseStreamWriter writer = new ResponseStreamWriter(exchange, stream, clock, timeScale, delays, workers);
        writer.body = exchange.getResponseBody();
        writer.pump();
    }

    /** Writes every frame that is due; then waits (without a thread) for the next, or ends the answer. */
    private void pump() {
        try {
            int frames = stream.parts().size();
            while (next <= frames) {
                Instant due = next < frames ? stream.parts().get(next).due() : stream.endsAt();
                if (lastDue != null && due.isAfter(lastDue)) {
                    // what was due before is out before time moves on: frames due at the same instant travel together
                    body.flush();
                }
                if (!reached(due)) {
                    later(due);
                    return;
                }
                lastDue = due;
                if (next < frames) {
                    write(EventStreamFrames.payloadPart(stream.parts().get(next).bytes()));
                } else if (stream.failure().isPresent()) {
                    write(exceptionFrame(stream.failure().get()));
                }
                next++;
            }
            body.close();
            exchange.close();
        } catch (IOException e) {
            // the client went away: nothing more can be told to it
            LOG.debug("response stream cut off: {}", e.getClass().getSimpleName());
            exchange.close();
        } catch (RuntimeException e) {
            LOG.warn("the fake failed while streaming ({}); enable DEBUG on {} for the stack trace",
                    e.getClass().getName(), ResponseStreamWriter.class.getName());
            LOG.debug("stack trace of the failure", e);
            exchange.close();
        }
    }

    /** @return whether the part due then may be written now (moving a clock nobody else moves) */
    private boolean reached(Instant due) {
        Duration ahead = Duration.between(clock.now(), due);
        if (timeScale > 0) {
            return ahead.isNegative() || ahead.isZero();
        }
        if (!ahead.isNegative() && !ahead.isZero()) {
            clock.advance(ahead);
        }
        return true;
    }

    private void later(Instant due) {
        long wallNanos = (long) (Duration.between(clock.now(), due).toNanos() / timeScale);
        try {
            delays.schedule(() -> workers.executeUnguarded(this::pump), Math.max(wallNanos, MIN_WAIT_NANOS),
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            exchange.close(); // the server is closing
        }
    }

    private void write(Message frame) throws IOException {
        java.nio.ByteBuffer bytes = frame.toByteBuffer();
        body.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
    }

    private static Message exceptionFrame(SageMakerRuntimeException failure) {
        String type = failure.awsErrorDetails().errorCode();
        String message = failure.awsErrorDetails().errorMessage();
        String errorCode = failure instanceof ModelStreamErrorException model ? model.errorCode() : null;
        return EventStreamFrames.exception(type, message, errorCode);
    }

    private static void setIfPresent(Headers headers, String name, String value) {
        if (value != null) {
            headers.set(name, value);
        }
    }
}
