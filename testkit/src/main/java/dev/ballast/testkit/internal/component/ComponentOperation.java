package dev.ballast.testkit.internal.component;

import dev.ballast.testkit.internal.placement.Copy;

/** What an inference component is doing; receives its copies' outcomes. Defaults ignore them. */
abstract class ComponentOperation {

    protected final InferenceComponent ic;

    ComponentOperation(InferenceComponent ic) {
        this.ic = ic;
    }

    abstract void start();

    void copyRunning(Copy copy) {
    }

    void copyFailed(Copy copy) {
    }

    void copyGone(Copy copy) {
    }

    void placementTimedOut(Copy copy) {
    }

    void alarmChanged(String alarmName, boolean inAlarm) {
    }

    /** The component is being deleted: stop all timers; no callback will arrive any more. */
    void abandon() {
    }
}
