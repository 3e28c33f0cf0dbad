package dev.ballast.testkit.internal.placement;

import dev.ballast.testkit.ContainerSpec;
import java.time.Duration;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentSpecification;

/**
 * One version of what a copy runs: the specification as requested (for Describe), what it
 * reserves, the container it plays, and its startup health-check timeout.
 *
 * @param number 1 for the creation spec, incremented by each spec update
 * @param specification the SDK specification ({@code null} for model-based variants)
 * @param requirement what a copy reserves
 * @param container the container's spec for behaviours
 * @param healthCheckTimeout startup health-check timeout
 */
public record Revision(int number, InferenceComponentSpecification specification, Requirement requirement,
        ContainerSpec container, Duration healthCheckTimeout) {
}
