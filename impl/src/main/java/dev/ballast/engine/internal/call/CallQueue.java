package dev.ballast.engine.internal.call;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Supplier;

import dev.ballast.spi.Scheduler;

/**
 * Where the engine's calls wait for the rate's permits, served in the order of the work they
 * belong to rather than the order they were made.
 *
 * <p>A call made while another call's answer is being handled (the next page of a list, the
 * update a Describe cleared, the step a sweep's answer let go on) is part of the work that call
 * began, and takes the place right behind it: ahead of every call begun later, in the order its
 * chain made them. Any other call (one made after a wait, a new deployment's first) begins new
 * work, behind all that is queued; a call keeps its place through its retries. So a deployment that began a
 * step finishes it before the queue serves steps begun after it, and a fleet's deployments go
 * through their steps one after the other instead of queueing once per call: a thousand
 * deployments that each need a Describe and an update per step would otherwise send the thousand
 * Describes, then the thousand updates, each deployment waiting for the queue twice.
 *
 * <p>The engine's upkeep ({@link #ahead}: lease and heartbeat renewals, the shared looks'
 * sweeps) goes ahead of all work; apart from it, no work waits behind work begun later, so nothing
 * starves. With nothing queued and a permit free, a call goes at once, on the caller's thread: a
 * deployment alone, whose calls rarely queue, sends them when it would without the queue (one of
 * its lease renewals may go ahead of its other queued calls).
 */
final class CallQueue {

    /** The place of the call whose answer this thread is handling, if any. */
    private static final ThreadLocal<Scope> ANSWERING = new ThreadLocal<>();

    /** The place of upkeep: before any work's, whose paths start at zero. */
    private static final Place AHEAD = new Place(new long[] {-1});

    /**
     * The longest path a place takes: deeper in a chain, a call takes its parent's place, and calls
     * of one place go in the order they were queued.
     */
    private static final int DEEPEST = 32;

    private final TokenBucket permits;
    private final Scheduler scheduler;
    private final PriorityQueue<Waiting> waiting = new PriorityQueue<>();
    /** Numbers the work begun, in order; a place's first element. */
    private long begun;
    /** Numbers the calls queued, so that calls of one place go in the order they were made. */
    private long queued;
    private boolean wakeScheduled;

    CallQueue(TokenBucket permits, Scheduler scheduler) {
        this.permits = permits;
        this.scheduler = scheduler;
    }

    /**
     * Where a call made now queues: behind the call whose answer this thread handles, or, outside
     * any answer, as new work behind all queued.
     */
    synchronized Place place() {
        Scope scope = ANSWERING.get();
        if (scope == null) {
            return new Place(new long[] {begun++});
        }
        if (scope.place.path.length >= DEEPEST) {
            return scope.place; // a chain this long (pages upon pages) waits one call at a time: its place need not grow
        }
        long[] path = Arrays.copyOf(scope.place.path, scope.place.path.length + 1);
        path[path.length - 1] = scope.made++;
        return new Place(path);
    }

    /** Runs {@code send} once a permit is free and no call of an earlier place waits. */
    void submit(Place place, Runnable send) {
        boolean now;
        Duration wakeIn = null;
        synchronized (this) {
            now = waiting.isEmpty() && permits.tryTake();
            if (!now) {
                waiting.add(new Waiting(place, queued++, send));
                wakeIn = wakeIn();
            }
        }
        if (now) {
            send.run();
        } else if (wakeIn != null) {
            scheduleDispatch(wakeIn);
        }
    }

    private void scheduleDispatch(Duration wakeIn) {
        try {
            scheduler.schedule(wakeIn, this::dispatch);
        } catch (RuntimeException e) {
            // a scheduler that refused the task (shut down): the next call queued tries again
            synchronized (this) {
                wakeScheduled = false;
            }
            throw e;
        }
    }

    /**
     * Handles the answer of the call at {@code place}: the calls {@code answer} makes take the
     * places behind it.
     */
    static void answering(Place place, Runnable answer) {
        // What upkeep's answer lets go on (the steps a sweep found settled) is work begun now, in turn.
        within(place.isUpkeep() ? null : new Scope(place), () -> {
            answer.run();
            return null;
        });
    }

    /**
     * Runs {@code upkeep}, whose calls go ahead of all work queued: the engine's own upkeep (the
     * renewal of a lease or of the heartbeat, the lookout's sweeps), which every deployment's calls
     * depend on and which costs them all when it comes late. What the answers of upkeep set off
     * is new work, queued in turn.
     */
    static <T> T ahead(Supplier<T> upkeep) {
        return within(new Scope(AHEAD), upkeep);
    }

    /** Runs {@code work} outside any answer: the calls it makes begin new work. */
    static void asNewWork(Runnable work) {
        within(null, () -> {
            work.run();
            return null;
        });
    }

    private static <T> T within(Scope scope, Supplier<T> work) {
        Scope before = ANSWERING.get();
        if (scope == null) {
            ANSWERING.remove();
        } else {
            ANSWERING.set(scope);
        }
        try {
            return work.get();
        } finally {
            if (before == null) {
                ANSWERING.remove();
            } else {
                ANSWERING.set(before);
            }
        }
    }

    /** @return when the next dispatch is due, or null if one is scheduled or nothing waits; the caller holds the lock */
    private Duration wakeIn() {
        if (wakeScheduled || waiting.isEmpty()) {
            return null;
        }
        wakeScheduled = true;
        return permits.untilFree();
    }

    private void dispatch() {
        List<Runnable> due = new ArrayList<>();
        Duration wakeIn;
        synchronized (this) {
            wakeScheduled = false;
            while (!waiting.isEmpty() && permits.tryTake()) {
                due.add(waiting.poll().send);
            }
            wakeIn = wakeIn();
        }
        // Scheduled and sent outside the lock: a transport that blocks, or a scheduler that runs a task at once,
        // holds no other caller up.
        if (wakeIn != null) {
            scheduleDispatch(wakeIn);
        }
        for (int i = 1; i < due.size(); i++) {
            // several permits at once (a burst): each call on a task of its own, so that none waits for another's answer
            scheduler.schedule(Duration.ZERO, due.get(i));
        }
        if (!due.isEmpty()) {
            due.get(0).run();
        }
    }

    /** A call's place in the queue: the path of the work it belongs to, compared element by element. */
    static final class Place implements Comparable<Place> {
        private final long[] path;

        private Place(long[] path) {
            this.path = path;
        }

        @Override
        public int compareTo(Place other) {
            return Arrays.compare(path, other.path);
        }

        boolean isUpkeep() {
            return path[0] < 0;
        }

        @Override
        public String toString() {
            return Arrays.toString(path);
        }
    }

    /** An answer being handled: the place of its call, and how many calls it made so far. */
    private static final class Scope {
        final Place place;
        long made;

        Scope(Place place) {
            this.place = place;
        }
    }

    private record Waiting(Place place, long order, Runnable send) implements Comparable<Waiting> {
        @Override
        public int compareTo(Waiting other) {
            int byPlace = place.compareTo(other.place);
            return byPlace != 0 ? byPlace : Long.compare(order, other.order);
        }
    }
}
