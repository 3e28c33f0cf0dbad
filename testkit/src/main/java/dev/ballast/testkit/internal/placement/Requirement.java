package dev.ballast.testkit.internal.placement;

import dev.ballast.InstanceShape;

/**
 * What one copy reserves on one instance
 * (<a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_InferenceComponentComputeResourceRequirements.html">
 * ComputeResourceRequirements</a>): whole accelerators, vCPUs and the minimum memory.
 * {@code MaxMemoryRequiredInMb} is a cap, not a reservation. How SageMaker fits copies on instances is
 * undocumented; this is the fake's rule.
 *
 * @param accelerators accelerator devices (rounded up from the API's float)
 * @param vcpus virtual CPUs
 * @param memoryMiB minimum host memory
 */
public record Requirement(int accelerators, double vcpus, int memoryMiB) {

    /** A requirement that takes a whole instance (model-based variants: one model copy per instance). */
    public static Requirement wholeInstance(InstanceShape shape, int reservedMiB) {
        return new Requirement(shape.accelerators(), shape.vcpus(),
                Math.toIntExact(Math.max(0, shape.memoryMib() - reservedMiB)));
    }
}
