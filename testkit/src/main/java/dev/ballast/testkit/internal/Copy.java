package dev.ballast.testkit.internal;

import dev.ballast.spi.Scheduler.Cancellable;
import dev.ballast.testkit.ContainerBehavior;

/** One copy of an inference component (or one model copy of a model-based variant). */
final class Copy {

    enum State { PENDING, WAITING_FOR_INSTANCE, STARTING, RUNNING, STOPPING, GONE, FAILED }

    final String id;
    final CopyOwner owner;
    final Revision revision;
    State state = State.PENDING;
    Instance instance;
    ContainerBehavior behavior;
    Cancellable timer;

    Copy(String id, CopyOwner owner, Revision revision) {
        this.id = id;
        this.owner = owner;
        this.revision = revision;
    }

    boolean isLive() {
        return state != State.GONE && state != State.FAILED;
    }

    void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    @Override
    public String toString() {
        return "Copy[" + id + ", revision " + revision.number() + ", " + state + "]";
    }
}
