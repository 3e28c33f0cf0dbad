package dev.ballast.engine.internal.call;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

import dev.ballast.error.ResourceConflictException;
import dev.ballast.error.ThrottledException;
import dev.ballast.error.TransportException;
import dev.ballast.spi.Scheduler;
import dev.ballast.spi.StreamedResponse;
import dev.ballast.spi.TimeSource;
import dev.ballast.spi.Transport;
import dev.ballast.transport.internal.Requests;
import dev.ballast.transport.internal.SdkErrors;

/**
 * Every call the engine makes goes through here: a rate limit, whose queue serves calls in the
 * order of the work they belong to ({@link CallQueue}; the engine's upkeep goes {@link #ahead}),
 * then the transport, then — only for what is safe — a retry with jittered exponential backoff,
 * all on the engine's scheduler.
 *
 * <p>What is safe is what a call is ({@link CallKinds}, one row per request class), never its name:
 * <ul>
 * <li>reads and repeatable calls ({@code PutMetricAlarm}, deletes, tagging, scaling registrations and
 *     policies, {@code UpdateEndpointWeightsAndCapacities}) are sent again on throttling, a 5xx or a
 *     lost answer (no response at all), within the {@link Budget}'s attempts;</li>
 * <li>a delete answered "not found" is done: the resource is gone, as asked (its first send may
 *     have been the one that deleted it, its answer lost);</li>
 * <li>a repeatable call refused because its resource is busy ({@code DeleteEndpoint} while the
 *     endpoint is {@code Deleting}, a weight change while the endpoint applies the same weights) is
 *     done when a describe shows its effect in place; otherwise the refusal stands;</li>
 * <li>creates, updates and invocations are sent again only when AWS refused them for their rate
 *     (throttling), before acting on them. Any other failure is returned: the runner describes the
 *     resource before it would send a create or an update again, so nothing is created twice.</li>
 * </ul>
 * The SDK clients' own retries stay as the user configured them; this layer adds only the
 * domain-aware part.
 */
public final class ResilientCaller {

    private static final Logger LOG = LoggerFactory.getLogger("dev.ballast.transport");

    private final Transport transport;
    private final SchedulerExecutor executor;
    private final TokenBucket rateLimit;
    private final CallQueue queue;
    /** For reads and repeatable calls: every failure that may pass. */
    private final Retry anyPassing;
    /** For creates, updates and the rest: throttling only. */
    private final Retry throttledOnly;

    /**
     * How many attempts a call gets and how calls are paced: the values of the engine's
     * {@code RetrySettings}, which the engine hands over here. The caller does not take the public
     * settings type itself, so that this package sits below the engine's API package.
     *
     * @param maxAttempts attempts per call, the first included
     * @param initialBackoff the wait before the first retry; doubled for each further one
     * @param maxBackoff the longest wait between two attempts
     * @param callsPerSecond the steady rate of calls
     * @param burst how many calls may go at once before the rate applies
     * @param jitterSeed the seed of the backoff jitter
     */
    public record Budget(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double callsPerSecond, int burst,
                         long jitterSeed) {
    }

    public ResilientCaller(Transport transport, Scheduler scheduler, TimeSource time, Budget settings) {
        this.transport = transport;
        this.executor = new SchedulerExecutor(scheduler);
        this.rateLimit = new TokenBucket(time, settings.callsPerSecond(), settings.burst());
        this.queue = new CallQueue(rateLimit, scheduler);
        Random jitter = new Random(settings.jitterSeed());
        this.anyPassing = retry("ballast-repeatable", settings, jitter, ResilientCaller::mayPass);
        this.throttledOnly = retry("ballast-throttled", settings, jitter, ResilientCaller::throttled);
    }

    private static Retry retry(String name, Budget settings, Random jitter, Predicate<Throwable> retryOn) {
        RetryConfig config = RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .intervalBiFunction((attempt, outcome) -> backoff(settings, attempt, jitter))
                .retryOnException(retryOn)
                .failAfterMaxAttempts(false)
                .build();
        Retry retry = Retry.of(name, config);
        retry.getEventPublisher().onRetry(e -> LOG.debug("Retrying (attempt {}) after {}: {}", e.getNumberOfRetryAttempts(),
                e.getWaitInterval(), e.getLastThrowable() == null ? "" : e.getLastThrowable().getMessage()));
        return retry;
    }

    /** Exponential backoff from the initial wait, capped, with jitter of up to half the wait (seeded, so runs repeat). */
    private static long backoff(Budget s, int attempt, Random jitter) {
        double base = s.initialBackoff().toMillis() * Math.pow(2, Math.max(0, attempt - 1));
        double capped = Math.min(base, s.maxBackoff().toMillis());
        synchronized (jitter) {
            return (long) (capped * (0.5 + jitter.nextDouble() * 0.5));
        }
    }

    private static boolean mayPass(Throwable t) {
        return unwrap(t) instanceof TransportException e && e.retryable();
    }

    private static boolean throttled(Throwable t) {
        return unwrap(t) instanceof ThrottledException;
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    /**
     * Calls {@code request} and completes with its response, or with the translated
     * {@link TransportException} once retries are spent or the failure is not safe to retry. A
     * repeatable call that counts as done without an answer of its own (a delete of what is gone)
     * completes with an empty response of its type.
     */
    public <R extends SdkResponse> CompletableFuture<R> call(SdkRequest request, Class<R> responseType) {
        CallKinds.Row row = CallKinds.of(request);
        CallQueue.Place place = queue.place(); // kept by every attempt: a retry does not lose its turn
        Supplier<CompletionStage<R>> attempt = () -> limited(request, responseType, place);
        CompletableFuture<R> sent = (row.kind().safeToRepeat() ? anyPassing : throttledOnly)
                .executeCompletionStage(executor, attempt).toCompletableFuture();
        return row.kind() == CallKinds.Kind.REPEATABLE ? sent.exceptionallyCompose(f -> settle(request, responseType, row, unwrap(f))) : sent;
    }

    /** A repeatable call failed for good: it is still done if its resource is gone (a delete) or its effect is in place. */
    private <R extends SdkResponse> CompletableFuture<R> settle(SdkRequest request, Class<R> responseType, CallKinds.Row row, Throwable failure) {
        if (row.goneIsDone() && SdkErrors.isNotFound(failure)) {
            LOG.info("{} on {}: already gone, which is what it asked for", Requests.target(request), Requests.resource(request));
            return CompletableFuture.completedFuture(responseType.cast(row.done().get()));
        }
        if (!(failure instanceof ResourceConflictException) || row.check().isEmpty()) {
            return CompletableFuture.failedFuture(failure);
        }
        CallKinds.BusyCheck check = row.check().get();
        return call(check.describe().apply(request), check.responseType()).handle((described, readFailure) -> {
            boolean done = readFailure == null ? check.inPlace().test(request, described)
                    : row.goneIsDone() && SdkErrors.isNotFound(unwrap(readFailure));
            if (!done) {
                throw new CompletionException(failure);
            }
            LOG.info("{} on {} was refused as busy, and its effect is in place: done", Requests.target(request), Requests.resource(request));
            return responseType.cast(row.done().get());
        });
    }

    /**
     * Opens an event stream ({@code InvokeEndpointWithResponseStream}) under the same rate limit,
     * sent again only when refused for its rate before it opened (as an invocation: the container's
     * work need not be repeatable). Completes with the open stream, or with the translated
     * {@link TransportException}; what fails after the stream opened reaches the stream's reader.
     */
    public CompletableFuture<StreamedResponse> stream(SdkRequest request) {
        CallQueue.Place place = queue.place();
        Supplier<CompletionStage<StreamedResponse>> attempt = () -> {
            CompletableFuture<StreamedResponse> result = new CompletableFuture<>();
            queue.submit(place, () -> {
                try {
                    transport.executeStream(request).whenComplete((opened, failure) -> CallQueue.answering(place, () -> {
                        if (failure == null) {
                            result.complete(opened);
                        } else {
                            result.completeExceptionally(SdkErrors.translate(request, failure));
                        }
                    }));
                } catch (RuntimeException e) {
                    RuntimeException failure = e instanceof UnsupportedOperationException ? e : SdkErrors.translate(request, e);
                    CallQueue.answering(place, () -> result.completeExceptionally(failure));
                }
            });
            return result;
        };
        return throttledOnly.executeCompletionStage(executor, attempt).toCompletableFuture();
    }

    /**
     * Makes the calls of {@code upkeep} ahead of every call queued for the rate: for the engine's
     * upkeep (renewing a lease or its heartbeat, the shared looks' sweeps), which comes too late if
     * it waits behind a fleet's calls, and then costs every deployment. Only the calls
     * {@code upkeep} makes before it returns go ahead; what their answers set off is new work, so
     * upkeep that goes on after an answer goes through here again.
     */
    public <T> T ahead(Supplier<T> upkeep) {
        return CallQueue.ahead(upkeep);
    }

    /**
     * Runs {@code work} as new work, outside the answer this thread handles: its calls queue behind
     * all that is queued (for what a deployment's end sets off: a fleet's next deployment, a
     * user's callback).
     */
    public static void asNewWork(Runnable work) {
        CallQueue.asNewWork(work);
    }

    /** @return the calls per second the engine allows itself now: the configured rate, or less after throttling */
    public double rate() {
        return rateLimit.rate();
    }

    /** Sends the request when the queue lets it; what its answer sets off keeps its place in the queue. */
    private <R extends SdkResponse> CompletionStage<R> limited(SdkRequest request, Class<R> responseType, CallQueue.Place place) {
        CompletableFuture<R> result = new CompletableFuture<>();
        queue.submit(place, () -> {
            R response;
            try {
                response = responseType.cast(transport.execute(request));
            } catch (RuntimeException e) {
                RuntimeException failure = e instanceof TransportException ? e : SdkErrors.translate(request, e);
                if (failure instanceof ThrottledException) {
                    // the account's limit, not this call's: every deployment of the engine slows down
                    rateLimit.throttled();
                }
                CallQueue.answering(place, () -> result.completeExceptionally(failure));
                return;
            }
            rateLimit.passed();
            CallQueue.answering(place, () -> result.complete(response));
        });
        return result;
    }
}
