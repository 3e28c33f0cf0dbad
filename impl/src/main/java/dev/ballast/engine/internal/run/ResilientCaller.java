package dev.ballast.engine.internal.run;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

import dev.ballast.aws.internal.SdkErrors;
import dev.ballast.engine.RetrySettings;
import dev.ballast.error.ThrottledException;
import dev.ballast.error.TransportException;
import dev.ballast.spi.Scheduler;
import dev.ballast.spi.TimeSource;
import dev.ballast.spi.Transport;

/**
 * Every call the engine makes goes through here: a rate limit, then the transport, then — only
 * for what is safe — a retry with jittered exponential backoff, all on the engine's scheduler.
 *
 * <p>Safe means: a read (Describe/List), or a call AWS refused before acting on it (throttling).
 * A mutating call that failed in a way that may have taken effect is not retried here; the runner
 * describes the resource first (a create whose response was lost is checked, never sent twice
 * blindly). The SDK clients' own retries stay as the user configured them; this layer adds only
 * the domain-aware part, within a budget of attempts.
 */
public final class ResilientCaller {

    private static final Logger LOG = LoggerFactory.getLogger("dev.ballast.transport");

    private final Transport transport;
    private final Scheduler scheduler;
    private final SchedulerExecutor executor;
    private final TokenBucket rateLimit;
    private final Retry retry;

    public ResilientCaller(Transport transport, Scheduler scheduler, TimeSource time, RetrySettings settings) {
        this.transport = transport;
        this.scheduler = scheduler;
        this.executor = new SchedulerExecutor(scheduler);
        this.rateLimit = new TokenBucket(time, settings.callsPerSecond(), settings.burst());
        Random jitter = new Random(settings.jitterSeed());
        RetryConfig config = RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .intervalBiFunction((attempt, outcome) -> backoff(settings, attempt, jitter))
                .retryOnException(ResilientCaller::isSafeToRetry)
                .failAfterMaxAttempts(false)
                .build();
        this.retry = Retry.of("ballast", config);
        retry.getEventPublisher().onRetry(e -> LOG.debug("Retrying {} (attempt {}) after {}: {}", e.getName(),
                e.getNumberOfRetryAttempts(), e.getWaitInterval(), e.getLastThrowable() == null ? "" : e.getLastThrowable().getMessage()));
    }

    /** Exponential backoff from the initial wait, capped, with jitter of up to half the wait (seeded, so runs repeat). */
    private static long backoff(RetrySettings s, int attempt, Random jitter) {
        double base = s.initialBackoff().toMillis() * Math.pow(2, Math.max(0, attempt - 1));
        double capped = Math.min(base, s.maxBackoff().toMillis());
        synchronized (jitter) {
            return (long) (capped * (0.5 + jitter.nextDouble() * 0.5));
        }
    }

    private static boolean isSafeToRetry(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (!(cause instanceof TransportException e) || !e.retryable()) {
            return false;
        }
        return e instanceof ThrottledException || isRead(e.operation());
    }

    static boolean isRead(String operation) {
        return operation.startsWith("Describe") || operation.startsWith("List");
    }

    /**
     * Calls {@code request} and completes with its response, or with the translated
     * {@link TransportException} once retries are spent or the failure is not safe to retry.
     */
    public <R extends SdkResponse> CompletableFuture<R> call(SdkRequest request, Class<R> responseType) {
        Supplier<CompletionStage<R>> attempt = () -> limited(request, responseType);
        return retry.executeCompletionStage(executor, attempt).toCompletableFuture();
    }

    private <R extends SdkResponse> CompletionStage<R> limited(SdkRequest request, Class<R> responseType) {
        Duration wait = rateLimit.reserve();
        CompletableFuture<R> result = new CompletableFuture<>();
        Runnable send = () -> {
            try {
                result.complete(responseType.cast(transport.execute(request)));
            } catch (RuntimeException e) {
                result.completeExceptionally(e instanceof TransportException ? e : SdkErrors.translate(request, e));
            }
        };
        if (wait.isZero()) {
            send.run();
        } else {
            scheduler.schedule(wait, send);
        }
        return result;
    }
}
