package dev.ballast.testkit;

import dev.ballast.spi.Scheduler;
import dev.ballast.spi.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Simulated time for the fake and for the code under test: a {@link TimeSource} and a
 * {@link Scheduler} in which nothing happens on the wall clock.
 *
 * <p>Tasks run in the order of their due time (ties in the order they were scheduled), on the
 * thread that moves time: {@link #advance(Duration)}, {@link #advanceUntil(BooleanSupplier,
 * Duration)} or {@link #await(CompletionStage)}. Task execution is serialised, so two threads that
 * advance the same clock take turns; scheduling is safe from any thread, including from inside a
 * task.
 */
public final class VirtualClock implements TimeSource, Scheduler {

    /** How far {@link #await(CompletionStage)} may move time before it gives up by default. */
    public static final Duration DEFAULT_AWAIT_HORIZON = Duration.ofDays(30);

    private final Object queueLock = new Object();
    // Serialises task execution: tasks take the world lock, so they must never run concurrently
    // with each other or be interleaved by two advancing threads.
    private final ReentrantLock runLock = new ReentrantLock();
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private final Duration awaitHorizon;
    private volatile Instant now;
    private long sequence;

    /**
     * Creates a clock at {@code start} whose {@code await} gives up after
     * {@link #DEFAULT_AWAIT_HORIZON} of simulated time.
     *
     * @param start the initial instant
     */
    public VirtualClock(Instant start) {
        this(start, DEFAULT_AWAIT_HORIZON);
    }

    /**
     * Creates a clock.
     *
     * @param start the initial instant
     * @param awaitHorizon how much simulated time one {@code await} may consume before it throws,
     *     so that periodic tasks (alarm evaluation) cannot make a never-completing wait spin forever
     */
    public VirtualClock(Instant start, Duration awaitHorizon) {
        this.now = Objects.requireNonNull(start, "start");
        this.awaitHorizon = requirePositive(awaitHorizon, "awaitHorizon");
    }

    /** @return the current simulated instant */
    @Override
    public Instant now() {
        return now;
    }

    /**
     * Schedules {@code task} to run once, {@code delay} after the current simulated instant.
     *
     * @throws IllegalArgumentException if the delay is negative
     */
    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Objects.requireNonNull(task, "task");
        if (Objects.requireNonNull(delay, "delay").isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        Task entry;
        synchronized (queueLock) {
            entry = new Task(now.plus(delay), sequence++, task);
            queue.add(entry);
        }
        return () -> {
            // Removed under the lock runNext polls with: a cancelled task can never run.
            synchronized (queueLock) {
                queue.remove(entry);
            }
        };
    }

    /**
     * Runs due tasks, advancing simulated time task by task, until {@code stage} completes.
     *
     * @throws IllegalStateException if no task is scheduled while the stage is still incomplete
     *     (nothing could ever complete it), or if the await horizon is exceeded
     */
    @Override
    public <T> T await(CompletionStage<T> stage) {
        CompletableFuture<T> future = Objects.requireNonNull(stage, "stage").toCompletableFuture();
        runLock.lock();
        try {
            Instant limit = now.plus(awaitHorizon);
            while (!future.isDone()) {
                Task next = peek();
                if (next == null) {
                    throw new IllegalStateException("VirtualClock.await: the stage is not complete and no task is"
                            + " scheduled, so nothing can ever complete it (simulated time " + now + ")");
                }
                if (next.at.isAfter(limit)) {
                    throw new IllegalStateException("VirtualClock.await: the stage did not complete within "
                            + awaitHorizon + " of simulated time (now " + now + ")");
                }
                runNext();
            }
        } finally {
            runLock.unlock();
        }
        return join(future);
    }

    /**
     * Moves simulated time forward by {@code duration}, running every task that falls due on the
     * way at its own instant.
     *
     * @throws IllegalArgumentException if the duration is negative
     */
    public void advance(Duration duration) {
        if (Objects.requireNonNull(duration, "duration").isNegative()) {
            throw new IllegalArgumentException("duration must not be negative: " + duration);
        }
        runLock.lock();
        try {
            Instant target = now.plus(duration);
            runUntil(target, () -> false);
            setNow(target);
        } finally {
            runLock.unlock();
        }
    }

    /**
     * Runs tasks in time order until {@code condition} holds or {@code limit} of simulated time has
     * passed. The condition is checked before each task.
     *
     * @return whether the condition held; time stops at the instant it first held, or at the limit
     */
    public boolean advanceUntil(BooleanSupplier condition, Duration limit) {
        Objects.requireNonNull(condition, "condition");
        runLock.lock();
        try {
            Instant target = now.plus(requirePositive(limit, "limit"));
            if (runUntil(target, condition)) {
                return true;
            }
            setNow(target);
            return condition.getAsBoolean();
        } finally {
            runLock.unlock();
        }
    }

    /** @return how many tasks are waiting to run */
    public int pendingTasks() {
        synchronized (queueLock) {
            return queue.size();
        }
    }

    private boolean runUntil(Instant target, BooleanSupplier condition) {
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Task next = peek();
            if (next == null || next.at.isAfter(target)) {
                return false;
            }
            runNext();
        }
    }

    private Task peek() {
        synchronized (queueLock) {
            return queue.peek();
        }
    }

    private void runNext() {
        Task task;
        synchronized (queueLock) {
            task = queue.poll();
            if (task == null) {
                return;
            }
            if (task.at.isAfter(now)) {
                now = task.at;
            }
        }
        task.action.run();
    }

    private void setNow(Instant target) {
        synchronized (queueLock) {
            if (target.isAfter(now)) {
                now = target;
            }
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        } catch (CancellationException e) {
            throw e;
        }
    }

    private static Duration requirePositive(Duration value, String name) {
        if (Objects.requireNonNull(value, name).isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return value;
    }

    @Override
    public String toString() {
        return "VirtualClock[now=" + now + ", pendingTasks=" + pendingTasks() + "]";
    }

    private static final class Task implements Comparable<Task> {
        private final Instant at;
        private final long sequence;
        private final Runnable action;

        private Task(Instant at, long sequence, Runnable action) {
            this.at = at;
            this.sequence = sequence;
            this.action = action;
        }

        @Override
        public int compareTo(Task other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }
}
