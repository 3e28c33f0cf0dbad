package dev.ballast.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.AutoScaling;
import dev.ballast.Component;
import dev.ballast.Endpoint;
import dev.ballast.spec.ComponentEndpointSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Pins the plan of a component that scales to zero: {@code ManagedInstanceScaling} with
 * {@code MinInstanceCount 0}, {@code RegisterScalableTarget} with {@code MinCapacity 0}, the
 * target-tracking policy that scales in, then the step policy and the
 * {@code NoCapacityInvocationFailures} alarm (its {@code AlarmActions} the policy's ARN) that scale
 * out from zero, as AWS's scale-down-to-zero example has them.
 */
class ScaleToZeroGoldenTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerRole";

    static ComponentEndpointSpec zeroComponent() {
        return Endpoint.on("ml.g5.2xlarge").scale(0, 2).executionRole(ROLE)
                .component(Component.named("llm").image("763104351884.dkr.ecr.us-east-1.amazonaws.com/tgi:2.2.0")
                        .env("HF_MODEL_ID", "meta-llama/Llama-3.1-8B-Instruct").accelerators(1).memoryMb(1024).copies(1)
                        .autoScaling(AutoScaling.between(0, 4).invocationsPerCopy(1)
                                .scaleInCooldown(Duration.ofMinutes(5)).scaleOutCooldown(Duration.ofMinutes(5))))
                .named("zero-demo");
    }

    @Test
    @DisplayName("scale to zero: MinInstanceCount 0, MinCapacity 0, target tracking, then the step policy and its NoCapacityInvocationFailures alarm")
    void scaleToZeroPlan() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/golden/scale-to-zero-create-plan.txt")) {
            String golden = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
            assertThat(Planner.create(zeroComponent()).toString()).isEqualTo(golden);
        }
    }
}
