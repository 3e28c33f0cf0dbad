package dev.ballast.testkit.internal.component;

import dev.ballast.testkit.internal.placement.Copy;
import java.util.List;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;

/** Creation: place the requested copies; InService when all serve, Failed on health or capacity. */
final class CreateOperation extends ComponentOperation {

    CreateOperation(InferenceComponent ic) {
        super(ic);
    }

    @Override
    void start() {
        for (int i = 0; i < ic.desiredCopyCount; i++) {
            ic.addCopy(ic.revision);
        }
    }

    @Override
    void copyRunning(Copy copy) {
        if (ic.currentCopyCount() >= ic.desiredCopyCount) {
            ic.finish(InferenceComponentStatus.IN_SERVICE, null);
        }
    }

    @Override
    void copyFailed(Copy copy) {
        fail(ic.healthFailureReason());
    }

    @Override
    void placementTimedOut(Copy copy) {
        fail(ic.capacityFailureReason(ic.copies.size() - pendingCount(), ic.desiredCopyCount));
    }

    private int pendingCount() {
        return (int) ic.copies.stream().filter(c -> c.state() == Copy.State.PENDING).count();
    }

    private void fail(String reason) {
        for (Copy copy : List.copyOf(ic.copies)) {
            ic.removeCopy(copy);
        }
        ic.failureReason = reason;
        ic.finish(InferenceComponentStatus.FAILED, reason);
    }
}
