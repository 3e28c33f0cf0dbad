package dev.ballast.testkit.internal.placement;

import dev.ballast.spi.Scheduler.Cancellable;
import dev.ballast.testkit.ContainerBehavior;
import java.util.List;

/** One copy of an inference component (or one model copy of a model-based variant). */
public final class Copy {

    public enum State { PENDING, WAITING_FOR_INSTANCE, STARTING, RUNNING, STOPPING, GONE, FAILED }

    final String id;
    final CopyOwner owner;
    final Revision revision;
    State state = State.PENDING;
    Instance instance;
    ContainerBehavior behavior;
    List<ContainerBehavior> behaviors = List.of();
    Cancellable timer;

    public Copy(String id, CopyOwner owner, Revision revision) {
        this.id = id;
        this.owner = owner;
        this.revision = revision;
    }

    public boolean isLive() {
        return state != State.GONE && state != State.FAILED;
    }

    void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    /** @return where the copy is in its life */
    public State state() {
        return state;
    }

    /** @return whether the copy serves traffic */
    public boolean running() {
        return state == State.RUNNING;
    }

    /** @return who receives the copy's outcomes */
    public CopyOwner owner() {
        return owner;
    }

    /** @return what the copy runs */
    public Revision revision() {
        return revision;
    }

    /** @return the container behaviour answering its invocations (set when it starts); the first of several */
    public ContainerBehavior behavior() {
        return behavior;
    }

    /**
     * @return one behaviour per container of {@link Revision#containers()}, in the same order (set when it
     *     starts)
     */
    public List<ContainerBehavior> behaviors() {
        return behaviors;
    }

    @Override
    public String toString() {
        return "Copy[" + id + ", revision " + revision.number() + ", " + state + "]";
    }
}
