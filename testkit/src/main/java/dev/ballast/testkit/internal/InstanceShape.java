package dev.ballast.testkit.internal;

/**
 * The hardware of one instance type as placement sees it.
 *
 * @param vcpus virtual CPUs
 * @param memoryMiB nominal host memory
 * @param accelerators accelerator devices (GPUs, Neuron devices)
 */
public record InstanceShape(int vcpus, int memoryMiB, int accelerators) {

    /** Validates the figures. */
    public InstanceShape {
        if (vcpus <= 0 || memoryMiB <= 0 || accelerators < 0) {
            throw new IllegalArgumentException("invalid instance shape: " + vcpus + " vCPU, " + memoryMiB + " MiB, "
                    + accelerators + " accelerators");
        }
    }

    /** Shape assumed for instance types the catalogue does not know: 8 vCPU, 32 GiB, 1 accelerator. */
    public static final InstanceShape DEFAULT_UNKNOWN = new InstanceShape(8, 32 * 1024, 1);
}
