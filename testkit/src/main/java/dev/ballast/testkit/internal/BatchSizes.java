package dev.ballast.testkit.internal;

import software.amazon.awssdk.services.sagemaker.model.InferenceComponentCapacitySize;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentCapacitySizeType;

/**
 * Resolves rolling-update batch sizes (reference §8.5): {@code COPY_COUNT} is the value itself,
 * {@code CAPACITY_PERCENT} is {@code max(1, floor(copies * value / 100))} (the rounding rule is
 * undocumented).
 */
final class BatchSizes {

    private BatchSizes() {
    }

    static int resolve(InferenceComponentCapacitySize size, int copies) {
        if (size.type() == InferenceComponentCapacitySizeType.CAPACITY_PERCENT) {
            return Math.max(1, (int) Math.floor(copies * size.value() / 100.0));
        }
        return size.value();
    }

    /** @return whether {@code batch} is within 5-50 % of {@code copies} (a batch of one is always allowed) */
    static boolean withinRule(int batch, int copies) {
        if (batch <= 1) {
            return true;
        }
        return batch * 2 <= copies && batch * 20 >= copies;
    }
}
