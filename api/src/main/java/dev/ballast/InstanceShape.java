package dev.ballast;

import java.util.Objects;
import java.util.Optional;

/**
 * The hardware of one instance, as far as placing inference-component copies is concerned.
 *
 * <p>{@link InstanceType#shape()} gives it for every instance type Ballast knows by name; the
 * figures are EC2's published specifications of the same type ({@code ml.X} is EC2 {@code X}).
 *
 * @param vcpus the number of vCPUs
 * @param memoryMib the nominal host memory in MiB (SageMaker reserves an undocumented part of it
 *     for its agents, so the usable amount is somewhat lower)
 * @param accelerators the number of accelerator devices as SageMaker counts them for
 *     {@code NumberOfAcceleratorDevicesRequired} (GPUs; Neuron devices on Inferentia and Trainium)
 * @param acceleratorName the accelerator's name, for example {@code A10G}, {@code H100} or
 *     {@code Inferentia2}; empty for a type without accelerators (or when not known)
 * @param acceleratorMemoryMib the nominal memory of one accelerator device in MiB, for example
 *     24576 for an A10G; 0 for a type without accelerators (or when not known)
 */
public record InstanceShape(int vcpus, long memoryMib, int accelerators, Optional<String> acceleratorName,
        long acceleratorMemoryMib) {

    /**
     * Checks the figures.
     *
     * @throws IllegalArgumentException if vCPUs or memory are not positive, a count is negative,
     *     or a type without accelerators names one or gives accelerator memory
     */
    public InstanceShape {
        Objects.requireNonNull(acceleratorName, "acceleratorName");
        if (vcpus <= 0 || memoryMib <= 0 || accelerators < 0 || acceleratorMemoryMib < 0) {
            throw new IllegalArgumentException("invalid instance shape: " + vcpus + " vCPUs, " + memoryMib + " MiB, "
                    + accelerators + " accelerators of " + acceleratorMemoryMib + " MiB");
        }
        if (accelerators == 0 && (acceleratorName.isPresent() || acceleratorMemoryMib > 0)) {
            throw new IllegalArgumentException("an instance shape without accelerators has no accelerator name or memory");
        }
    }

    /** @return how many copies of one inference component fit on one instance of this shape */
    public int copiesPerInstance(int acceleratorsPerCopy, double cpuCoresPerCopy, long minMemoryMibPerCopy) {
        long fit = Long.MAX_VALUE;
        if (acceleratorsPerCopy > 0) {
            fit = Math.min(fit, accelerators / acceleratorsPerCopy);
        }
        if (cpuCoresPerCopy > 0) {
            fit = Math.min(fit, (long) Math.floor(vcpus / cpuCoresPerCopy));
        }
        if (minMemoryMibPerCopy > 0) {
            fit = Math.min(fit, memoryMib / minMemoryMibPerCopy);
        }
        return (int) Math.min(fit, Integer.MAX_VALUE);
    }
}
