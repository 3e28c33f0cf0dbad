package dev.ballast;

import java.util.Optional;

/**
 * The hardware of one instance, as far as placing inference-component copies is concerned.
 *
 * @param vcpus the number of vCPUs
 * @param memoryMib the nominal host memory in MiB (SageMaker reserves an undocumented part of it
 *     for its agents, so the usable amount is somewhat lower)
 * @param accelerators the number of accelerator devices as SageMaker counts them for
 *     {@code NumberOfAcceleratorDevicesRequired} (GPUs; Neuron devices on Inferentia and Trainium)
 * @param acceleratorName the accelerator's name, for example {@code A10G}, if the type has any
 */
public record InstanceShape(int vcpus, long memoryMib, int accelerators, Optional<String> acceleratorName) {

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
