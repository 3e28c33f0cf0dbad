package dev.ballast.engine.internal.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.ballast.BlueGreen;
import dev.ballast.Endpoint;
import dev.ballast.Model;
import dev.ballast.Variant;
import dev.ballast.spec.VariantEndpointSpec;

class UpdateShapeTest {

    @Test
    @DisplayName("the peak of a blue/green update of Integer.MAX_VALUE instances is counted in long, not wrapped to a negative number")
    void peakAtTheTop() {
        VariantEndpointSpec spec = Endpoint.serving(Variant.named("v1").on("ml.m5.xlarge").instances(Integer.MAX_VALUE)
                        .model(Model.named("m1").image("img").executionRole("arn:aws:iam::123456789012:role/SageMakerRole")))
                .update(BlueGreen.allAtOnce().bake(Duration.ofMinutes(1)))
                .named("big");

        assertThat(UpdateShape.describe(spec, spec.rollsInBatches()))
                .contains("2147483647 new ml.m5.xlarge beside 2147483647 (peak 4294967294)")
                .doesNotContain("peak -");
    }
}
