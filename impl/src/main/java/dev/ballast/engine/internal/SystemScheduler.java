package dev.ballast.engine.internal;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.ballast.spi.Scheduler;

/**
 * The wall-clock scheduler: one daemon thread runs the engine's scheduled work, and
 * {@link #await(CompletionStage)} blocks the caller.
 */
public final class SystemScheduler implements Scheduler {

    private volatile Thread engineThread;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ballast-engine");
        t.setDaemon(true);
        engineThread = t;
        return t;
    });

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> future = executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public <T> T await(CompletionStage<T> stage) {
        if (Thread.currentThread() == engineThread && !stage.toCompletableFuture().isDone()) {
            // The one engine thread would wait for work that only it can do.
            throw new IllegalStateException("Ballast was called and awaited on its own engine thread (from a listener or a "
                    + "future continuation); call it from another thread, or chain on Deployment.future() without blocking");
        }
        try {
            return stage.toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException("interrupted while waiting for a deployment", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new CompletionException(e.getCause());
        }
    }
}
