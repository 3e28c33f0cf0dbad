package dev.ballast.testkit.internal.component;

import dev.ballast.testkit.TimelineEvent.Kind;
import dev.ballast.testkit.TimelineEvent.ResourceType;
import dev.ballast.testkit.internal.placement.Copy;
import java.time.Duration;
import java.util.List;

/** Deletion: every copy is removed; the component disappears once the last serving copy is gone. */
final class DeleteOperation extends ComponentOperation {

    private final Runnable onGone;

    DeleteOperation(InferenceComponent ic, Runnable onGone) {
        super(ic);
        this.onGone = onGone;
    }

    @Override
    void start() {
        for (Copy copy : List.copyOf(ic.copies)) {
            ic.removeCopy(copy);
        }
        // a serving copy always drains asynchronously, so removal ends on a scheduled task
        ic.sim.schedule(Duration.ZERO, this::checkGone);
    }

    @Override
    void copyGone(Copy copy) {
        checkGone();
    }

    private void checkGone() {
        if (ic.copies.isEmpty() && ic.operation == this) {
            ic.operation = null;
            ic.sim.timeline().record(ResourceType.INFERENCE_COMPONENT, ic.name, Kind.DELETED, ic.status, null, "");
            onGone.run();
        }
    }
}
