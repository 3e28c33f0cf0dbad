package dev.ballast.engine.internal.reconcile;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import dev.ballast.spi.Scheduler;

/**
 * One read that answers every plan that asked for it since the last one began: plans of a crowded
 * engine ask at about the same time (a fleet starts them together), so their reads coalesce into
 * one call, or one paged pass, instead of one each.
 *
 * <p>Freshness: an ask is answered by a read that <em>began after</em> it, never by an older one.
 * While a read runs, new asks wait for the next, which begins when the running one ends; asks made
 * in the same instant (before the scheduler's next task) share a read.
 *
 * @param <K> what a plan asks about (an alarm name, a scalable target); nothing for a whole listing
 * @param <R> what one read returns for every key asked
 */
final class SharedReads<K, R> {

    private final Scheduler scheduler;
    private final Function<Set<K>, CompletableFuture<R>> read;

    private Set<K> asked = new LinkedHashSet<>();
    private CompletableFuture<R> next;
    private boolean running;

    /** @param read one read of these keys (all asked since the last read began) */
    SharedReads(Scheduler scheduler, Function<Set<K>, CompletableFuture<R>> read) {
        this.scheduler = scheduler;
        this.read = read;
    }

    /** @return the answer of the next read, which includes {@code keys} */
    synchronized CompletableFuture<R> ask(Collection<K> keys) {
        asked.addAll(keys);
        if (next == null) {
            next = new CompletableFuture<>();
            if (!running) {
                scheduler.schedule(Duration.ZERO, this::run);
            }
        }
        return next;
    }

    private void run() {
        Set<K> keys;
        CompletableFuture<R> answer;
        synchronized (this) {
            keys = asked;
            answer = next;
            asked = new LinkedHashSet<>();
            next = null;
            running = true;
        }
        CompletableFuture<R> reading;
        try {
            reading = read.apply(keys);
        } catch (RuntimeException e) {
            reading = CompletableFuture.failedFuture(e);
        }
        reading.whenComplete((r, failure) -> {
            synchronized (this) {
                running = false;
                if (next != null) {
                    // Asked while this read ran: a read that begins now answers them.
                    scheduler.schedule(Duration.ZERO, this::run);
                }
            }
            if (failure == null) {
                answer.complete(r);
            } else {
                answer.completeExceptionally(failure);
            }
        });
    }
}
