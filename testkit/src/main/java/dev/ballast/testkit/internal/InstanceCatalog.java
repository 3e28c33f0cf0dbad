package dev.ballast.testkit.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Hardware of the hosting instance types the reference lists (§12.2: accelerator types; a few
 * CPU types added for model-based endpoints). Host memory is nominal GiB converted to MiB; fit
 * subtracts the memory SageMaker reserves (a world option). Inferentia and Trainium count Neuron
 * devices, not NeuronCores (reference §14 leaves this open).
 */
public final class InstanceCatalog {

    private static final Map<String, InstanceShape> SHAPES = build();

    private InstanceCatalog() {
    }

    /**
     * @param instanceType an {@code ml.*} instance type
     * @return its shape, if catalogued
     */
    public static Optional<InstanceShape> lookup(String instanceType) {
        return Optional.ofNullable(SHAPES.get(instanceType));
    }

    private static Map<String, InstanceShape> build() {
        Map<String, InstanceShape> shapes = new HashMap<>();
        put(shapes, "ml.g4dn.xlarge", 4, 16, 1);
        put(shapes, "ml.g4dn.2xlarge", 8, 32, 1);
        put(shapes, "ml.g4dn.4xlarge", 16, 64, 1);
        put(shapes, "ml.g4dn.8xlarge", 32, 128, 1);
        put(shapes, "ml.g4dn.12xlarge", 48, 192, 4);
        put(shapes, "ml.g4dn.16xlarge", 64, 256, 1);
        put(shapes, "ml.g5.xlarge", 4, 16, 1);
        put(shapes, "ml.g5.2xlarge", 8, 32, 1);
        put(shapes, "ml.g5.4xlarge", 16, 64, 1);
        put(shapes, "ml.g5.8xlarge", 32, 128, 1);
        put(shapes, "ml.g5.12xlarge", 48, 192, 4);
        put(shapes, "ml.g5.16xlarge", 64, 256, 1);
        put(shapes, "ml.g5.24xlarge", 96, 384, 4);
        put(shapes, "ml.g5.48xlarge", 192, 768, 8);
        put(shapes, "ml.g6.xlarge", 4, 16, 1);
        put(shapes, "ml.g6.2xlarge", 8, 32, 1);
        put(shapes, "ml.g6.4xlarge", 16, 64, 1);
        put(shapes, "ml.g6.8xlarge", 32, 128, 1);
        put(shapes, "ml.g6.12xlarge", 48, 192, 4);
        put(shapes, "ml.g6.16xlarge", 64, 256, 1);
        put(shapes, "ml.g6.24xlarge", 96, 384, 4);
        put(shapes, "ml.g6.48xlarge", 192, 768, 8);
        put(shapes, "ml.g6e.xlarge", 4, 32, 1);
        put(shapes, "ml.g6e.2xlarge", 8, 64, 1);
        put(shapes, "ml.g6e.4xlarge", 16, 128, 1);
        put(shapes, "ml.g6e.8xlarge", 32, 256, 1);
        put(shapes, "ml.g6e.12xlarge", 48, 384, 4);
        put(shapes, "ml.g6e.16xlarge", 64, 512, 1);
        put(shapes, "ml.g6e.24xlarge", 96, 768, 4);
        put(shapes, "ml.g6e.48xlarge", 192, 1536, 8);
        put(shapes, "ml.p4d.24xlarge", 96, 1152, 8);
        put(shapes, "ml.p4de.24xlarge", 96, 1152, 8);
        put(shapes, "ml.p5.48xlarge", 192, 2048, 8);
        put(shapes, "ml.p5e.48xlarge", 192, 2048, 8);
        put(shapes, "ml.p5en.48xlarge", 192, 2048, 8);
        put(shapes, "ml.inf2.xlarge", 4, 16, 1);
        put(shapes, "ml.inf2.8xlarge", 32, 128, 1);
        put(shapes, "ml.inf2.24xlarge", 96, 384, 6);
        put(shapes, "ml.inf2.48xlarge", 192, 768, 12);
        put(shapes, "ml.trn1.2xlarge", 8, 32, 1);
        put(shapes, "ml.trn1.32xlarge", 128, 512, 16);
        put(shapes, "ml.trn1n.32xlarge", 128, 512, 16);
        put(shapes, "ml.trn2.48xlarge", 192, 2048, 16);
        put(shapes, "ml.t2.medium", 2, 4, 0);
        put(shapes, "ml.m5.large", 2, 8, 0);
        put(shapes, "ml.m5.xlarge", 4, 16, 0);
        put(shapes, "ml.m5.2xlarge", 8, 32, 0);
        put(shapes, "ml.m5.4xlarge", 16, 64, 0);
        put(shapes, "ml.c5.large", 2, 4, 0);
        put(shapes, "ml.c5.xlarge", 4, 8, 0);
        put(shapes, "ml.c5.2xlarge", 8, 16, 0);
        return Map.copyOf(shapes);
    }

    private static void put(Map<String, InstanceShape> shapes, String type, int vcpus, int memoryGiB,
            int accelerators) {
        shapes.put(type, new InstanceShape(vcpus, memoryGiB * 1024, accelerators));
    }
}
