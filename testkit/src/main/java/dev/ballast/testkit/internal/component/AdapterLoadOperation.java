package dev.ballast.testkit.internal.component;

import dev.ballast.testkit.internal.placement.Revision;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;

/**
 * Creation or update of an adapter component: SageMaker loads the adapter's artifact into the base's
 * copies. The fake takes {@code FakeTimings#modelDownload()} for it (the documentation gives no figure)
 * and then turns the adapter {@code InService} with the new revision.
 */
final class AdapterLoadOperation extends ComponentOperation {

    private final Revision next;

    AdapterLoadOperation(InferenceComponent ic, Revision next) {
        super(ic);
        this.next = next;
    }

    @Override
    void start() {
        ic.sim.schedule(ic.sim.timings().modelDownload(), () -> {
            if (ic.operation == this) {
                ic.revision = next;
                ic.finish(InferenceComponentStatus.IN_SERVICE, null);
            }
        });
    }
}
