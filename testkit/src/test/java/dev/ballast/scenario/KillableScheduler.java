package dev.ballast.scenario;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import dev.ballast.spi.Scheduler;

/** A scheduler that can "die" like a crashed process: once killed, none of its tasks runs again. */
final class KillableScheduler implements Scheduler {

    private final Scheduler delegate;
    private volatile boolean killed;

    KillableScheduler(Scheduler delegate) {
        this.delegate = delegate;
    }

    void kill() {
        killed = true;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        return delegate.schedule(delay, () -> {
            if (!killed) {
                task.run();
            }
        });
    }

    @Override
    public <T> T await(CompletionStage<T> stage) {
        return delegate.await(stage);
    }
}
