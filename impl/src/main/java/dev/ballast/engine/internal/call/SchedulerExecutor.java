package dev.ballast.engine.internal.call;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.ballast.spi.Scheduler;

/**
 * Presents the engine's {@link Scheduler} as the {@link ScheduledExecutorService} that
 * Resilience4j's asynchronous retry schedules its waits on, so retry backoff runs on the same
 * (possibly virtual) clock as everything else. Only one-shot scheduling is supported: that is all
 * the retry uses; periodic scheduling and shutdown are refused or ignored.
 */
final class SchedulerExecutor extends AbstractExecutorService implements ScheduledExecutorService {

    private final Scheduler scheduler;

    SchedulerExecutor(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return schedule(() -> {
            command.run();
            return null;
        }, delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        Task<V> task = new Task<>(unit.toNanos(delay));
        Scheduler.Cancellable handle = scheduler.schedule(Duration.ofNanos(unit.toNanos(delay)), () -> {
            try {
                task.result.complete(callable.call());
            } catch (Exception e) {
                task.result.completeExceptionally(e);
            }
        });
        task.handle = handle;
        return task;
    }

    @Override
    public void execute(Runnable command) {
        scheduler.schedule(Duration.ZERO, command);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("Ballast schedules one-shot tasks only");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("Ballast schedules one-shot tasks only");
    }

    /** The engine owns the scheduler's lifecycle, not the retry library. */
    @Override
    public void shutdown() {
    }

    @Override
    public List<Runnable> shutdownNow() {
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return false;
    }

    private static final class Task<V> implements ScheduledFuture<V> {
        private final CompletableFuture<V> result = new CompletableFuture<>();
        private final long delayNanos;
        private volatile Scheduler.Cancellable handle;

        Task(long delayNanos) {
            this.delayNanos = delayNanos;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(delayNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            Scheduler.Cancellable h = handle;
            if (h != null) {
                h.cancel();
            }
            return result.cancel(false);
        }

        @Override
        public boolean isCancelled() {
            return result.isCancelled();
        }

        @Override
        public boolean isDone() {
            return result.isDone();
        }

        @Override
        public V get() throws InterruptedException, ExecutionException {
            return result.get();
        }

        @Override
        public V get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
            return result.get(timeout, unit);
        }
    }
}
