package dev.ballast.testkit.http;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's workers, and what keeps slow or hostile clients from holding them.
 *
 * <p>The JDK's server hands a connection to its executor as soon as the first bytes of a request
 * arrive, and the worker then reads the request line and headers <em>blocking</em>, before any
 * handler runs; the body is read by the handler, blocking too. So:
 * <ul>
 *   <li><b>One worker per connection being served, never a queue.</b> The pool starts a thread
 *       whenever none is idle, so a request never waits behind another client's. What bounds the
 *       threads is the number of connections served at once: a request arriving when
 *       {@code maxConnections} are being served is refused by the executor, and the JDK closes its
 *       connection unread.</li>
 *   <li><b>Deadlines that close the connection.</b> Each request task gets a {@link Guard}: the
 *       request line and headers must arrive within the header timeout, counted from their first
 *       byte; while the body is read, no more than the body idle timeout may pass without a byte.
 *       When a deadline passes, a scheduler interrupts the worker; a thread blocked reading a
 *       {@link java.nio.channels.SocketChannel} (an interruptible channel) then has the channel
 *       closed under it and gets a {@link java.nio.channels.ClosedByInterruptException}, so the
 *       worker is free at once and the client sees its connection closed. The guard interrupts
 *       only while its task is reading (never once the request is being served), under a lock
 *       shared with the phase changes, and the flag is cleared before the thread takes other work.</li>
 * </ul>
 * A connection that is open but sends nothing holds no worker (the JDK's selector watches it) and
 * the JDK closes it after its idle interval ({@code sun.net.httpserver.idleInterval}, 30 s, checked
 * every 10 s).
 */
final class Workers implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(Workers.class);
    private static final ThreadLocal<Guard> CURRENT = new ThreadLocal<>();
    private static final Guard UNGUARDED = new Guard(null, null, 0, 0);

    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService timer;
    private final Semaphore connections;
    private final int maxConnections;
    private final long headerTimeoutNanos;
    private final long bodyIdleTimeoutNanos;
    private final AtomicLong refused = new AtomicLong();

    /**
     * @param idleThreads workers kept alive while there is no work
     * @param maxConnections connections served at once
     * @param headerTimeout the longest a request line and its headers may take, from their first byte
     * @param bodyIdleTimeout the longest silence while a body is read
     * @param timer where deadlines wait
     */
    Workers(int idleThreads, int maxConnections, Duration headerTimeout, Duration bodyIdleTimeout,
            ScheduledExecutorService timer) {
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(idleThreads, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "ballast-fake-http-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.timer = timer;
        this.maxConnections = maxConnections;
        this.connections = new Semaphore(maxConnections);
        this.headerTimeoutNanos = headerTimeout.toNanos();
        this.bodyIdleTimeoutNanos = bodyIdleTimeout.toNanos();
    }

    /**
     * Runs one request of a connection (the JDK's exchange task: read the headers, call the
     * handler), under its guard; refuses it when {@code maxConnections} are being served.
     *
     * @throws RejectedExecutionException when the bound is reached: the JDK then closes the connection
     */
    @Override
    public void execute(Runnable exchange) {
        if (!connections.tryAcquire()) {
            long n = refused.incrementAndGet();
            if (n == 1 || n % 100 == 0) {
                LOG.warn("{} connections are being served (the bound): closed a new request's connection unread"
                        + " ({} so far)", maxConnections, n);
            }
            throw new RejectedExecutionException("the server serves " + maxConnections + " connections at once");
        }
        try {
            pool.execute(() -> runGuarded(exchange));
        } catch (RejectedExecutionException e) {
            connections.release();
            throw e;
        }
    }

    /** Runs work of the server's own (a delayed answer) on a worker, outside the bound and unguarded. */
    void executeUnguarded(Runnable task) {
        pool.execute(task);
    }

    private void runGuarded(Runnable exchange) {
        Guard guard = new Guard(Thread.currentThread(), timer, headerTimeoutNanos, bodyIdleTimeoutNanos);
        CURRENT.set(guard);
        try {
            guard.readHeaders();
            exchange.run();
        } finally {
            guard.finish();
            CURRENT.remove();
            Thread.interrupted(); // a deadline's interrupt never outlives the request it was for
            connections.release();
        }
    }

    /** @return the guard of the request this thread is reading, or one that guards nothing off a worker */
    static Guard current() {
        Guard guard = CURRENT.get();
        return guard == null ? UNGUARDED : guard;
    }

    /** @return how many requests are being served (for tests and diagnostics) */
    int busy() {
        return maxConnections - connections.availablePermits();
    }

    void shutdownNow() {
        pool.shutdownNow();
    }

    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return pool.awaitTermination(timeout, unit);
    }

    /**
     * The deadlines of one request on one worker: headers, then body, then none while it is served.
     * Every phase change and the deadline's check hold the guard's lock, so an interrupt can only
     * reach the thread while it is still reading this request.
     */
    static final class Guard {

        private enum Phase { HEADERS, BODY, SERVING, EXPIRED, DONE }

        private final Thread thread;
        private final ScheduledExecutorService timer;
        private final long headerTimeoutNanos;
        private final long bodyIdleTimeoutNanos;
        private Phase phase = Phase.SERVING;
        private volatile long deadline;
        private ScheduledFuture<?> check;

        private Guard(Thread thread, ScheduledExecutorService timer, long headerTimeoutNanos, long bodyIdleTimeoutNanos) {
            this.thread = thread;
            this.timer = timer;
            this.headerTimeoutNanos = headerTimeoutNanos;
            this.bodyIdleTimeoutNanos = bodyIdleTimeoutNanos;
        }

        private synchronized void readHeaders() {
            phase = Phase.HEADERS;
            deadline = System.nanoTime() + headerTimeoutNanos;
            schedule(headerTimeoutNanos);
        }

        /**
         * The headers are in: from now on the body may pause for at most the body idle timeout.
         *
         * @return false when the header deadline passed first: the connection is being closed
         */
        synchronized boolean readBody() {
            if (thread == null) {
                return true;
            }
            if (phase == Phase.EXPIRED) {
                return false;
            }
            phase = Phase.BODY;
            deadline = System.nanoTime() + bodyIdleTimeoutNanos;
            return true;
        }

        /** Bytes of the body arrived: the idle deadline starts again. */
        void progress() {
            if (thread != null) {
                deadline = System.nanoTime() + bodyIdleTimeoutNanos;
            }
        }

        /**
         * The request is read: no deadline while it is served.
         *
         * @return false when a deadline passed first: the connection is being closed
         */
        synchronized boolean serving() {
            if (thread == null) {
                return true;
            }
            if (phase == Phase.EXPIRED) {
                return false;
            }
            phase = Phase.SERVING;
            cancel();
            return true;
        }

        private synchronized void finish() {
            phase = Phase.DONE;
            cancel();
        }

        private synchronized void expire() {
            if (phase != Phase.HEADERS && phase != Phase.BODY) {
                return;
            }
            long left = deadline - System.nanoTime();
            if (left > 0) {
                schedule(left);  // bytes arrived since: wait for the new deadline
                return;
            }
            LOG.debug("a client stalled while sending {}: closing its connection",
                    phase == Phase.HEADERS ? "a request's headers" : "a request's body");
            phase = Phase.EXPIRED;
            thread.interrupt();
        }

        private void schedule(long nanos) {
            try {
                check = timer.schedule(this::expire, nanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // the server is closing: its workers are being interrupted anyway
            }
        }

        private void cancel() {
            if (check != null) {
                check.cancel(false);
                check = null;
            }
        }
    }
}
