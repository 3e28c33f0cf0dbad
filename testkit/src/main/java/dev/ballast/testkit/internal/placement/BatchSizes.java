package dev.ballast.testkit.internal.placement;

import software.amazon.awssdk.services.sagemaker.model.CapacitySize;
import software.amazon.awssdk.services.sagemaker.model.CapacitySizeType;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentCapacitySize;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentCapacitySizeType;

/**
 * Resolves rolling-update batch sizes: {@code COPY_COUNT} (endpoints: {@code INSTANCE_COUNT}) is the value
 * itself, {@code CAPACITY_PERCENT} is {@code max(1, floor(count * value / 100))} of the copy (instance) count.
 * SageMaker does not document the rounding; this rule is the fake's choice. Whether the 5-50 % rule is enforced
 * is set with {@code FakeSageMaker.Builder#enforceBatchSizeRule}.
 */
public final class BatchSizes {

    private BatchSizes() {
    }

    public static int resolve(InferenceComponentCapacitySize size, int copies) {
        if (size.type() == InferenceComponentCapacitySizeType.CAPACITY_PERCENT) {
            return Math.max(1, (int) Math.floor(copies * (double) size.value() / 100.0));
        }
        return size.value();
    }

    /**
     * Adds instance counts without wrapping round: two variants of {@code Integer.MAX_VALUE}
     * instances ask for more than any quota, not for -2.
     *
     * @return {@code a + b}, or {@code Integer.MAX_VALUE} when the sum does not fit
     */
    public static int sum(int a, int b) {
        return (int) Math.min(Integer.MAX_VALUE, (long) a + b);
    }

    /** Endpoint variants: {@code INSTANCE_COUNT} or {@code CAPACITY_PERCENT} of {@code instances}. */
    public static int resolve(CapacitySize size, int instances) {
        if (size.type() == CapacitySizeType.CAPACITY_PERCENT) {
            return Math.max(1, (int) Math.floor(instances * (double) size.value() / 100.0));
        }
        return size.value();
    }

    /** @return whether {@code batch} is within 5-50 % of {@code copies} (a batch of one is always allowed) */
    public static boolean withinRule(int batch, int copies) {
        return within(batch, copies, 5, 50);
    }

    /** @return whether {@code size} is within the percentages of {@code count} (a size of one is always allowed) */
    public static boolean within(int size, int count, int minPercent, int maxPercent) {
        if (size <= 1) {
            return true;
        }
        return size * 100 <= count * maxPercent && size * 100 >= count * minPercent;
    }
}
