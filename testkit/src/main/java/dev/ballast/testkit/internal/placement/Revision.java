package dev.ballast.testkit.internal.placement;

import dev.ballast.testkit.ContainerSpec;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentSpecification;
import software.amazon.awssdk.services.sagemaker.model.InferenceExecutionMode;

/**
 * One version of what a copy runs: the specification as requested (for Describe), what it
 * reserves, the containers it plays, and its startup health-check timeout.
 *
 * @param number 1 for the creation spec, incremented by each spec update
 * @param specification the SDK specification ({@code null} for model-based variants)
 * @param requirement what a copy reserves
 * @param container the (first) container's spec for behaviours
 * @param healthCheckTimeout startup health-check timeout
 * @param containers every container a copy runs, in order (just {@code container} for a single one)
 * @param executionMode how several containers run ({@code Serial} or {@code Direct}); null for one container
 */
public record Revision(int number, InferenceComponentSpecification specification, Requirement requirement,
        ContainerSpec container, Duration healthCheckTimeout, List<ContainerSpec> containers,
        InferenceExecutionMode executionMode) {

    /** Copies the container list. */
    public Revision {
        containers = List.copyOf(containers);
    }

    /** A revision of a single container. */
    public Revision(int number, InferenceComponentSpecification specification, Requirement requirement,
            ContainerSpec container, Duration healthCheckTimeout) {
        this(number, specification, requirement, container, healthCheckTimeout, List.of(container), null);
    }

    /** @return whether a copy runs several containers (an inference pipeline or a multi-container model) */
    public boolean multiContainer() {
        return executionMode != null;
    }
}
