package dev.ballast.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.ballast.BlueGreen;
import dev.ballast.Component;
import dev.ballast.Endpoint;
import dev.ballast.Model;
import dev.ballast.RollingUpdate;
import dev.ballast.Variant;
import dev.ballast.plan.ApiCall;
import dev.ballast.plan.Plan;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spec.VariantEndpointSpec;

/** The compiler at the top of the int range: valid specs of Integer.MAX_VALUE instances and copies compile to the same numbers. */
class PlannerBoundsTest {

    private static final String ROLE = NotebookSpecs.ROLE;

    @Test
    @DisplayName("Integer.MAX_VALUE instances and a canary of 2^30 - 1 compile unchanged")
    void modelEndpointAtTheTop() {
        VariantEndpointSpec spec = Endpoint.serving(Variant.named("v1").on("ml.m5.xlarge").instances(Integer.MAX_VALUE)
                        .model(Model.named("m1").image("img").executionRole(ROLE)))
                .update(BlueGreen.canaryInstances((1 << 30) - 1).bake(Duration.ofMinutes(1)))
                .named("big");

        Plan create = Planner.create(spec);
        Plan update = Planner.updateEndpoint(spec);

        assertThat(request(create, "CreateEndpointConfig")).contains("\"InitialInstanceCount\":2147483647");
        assertThat(request(update, "UpdateEndpoint")).contains("\"CanarySize\":{\"Type\":\"INSTANCE_COUNT\",\"Value\":1073741823}");
    }

    @Test
    @DisplayName("Integer.MAX_VALUE copies with a batch of 50% compile unchanged (on a type whose hardware is not known, so nothing refuses the count)")
    void componentAtTheTop() {
        ComponentEndpointSpec spec = Endpoint.on("ml.g9z.4xlarge").scale(1, Integer.MAX_VALUE).executionRole(ROLE)
                .component(Component.named("llm").image("img").accelerators(1).memoryMb(1024).copies(Integer.MAX_VALUE))
                .rollingUpdate(RollingUpdate.batchPercent(50).wait(Duration.ofMinutes(1)))
                .named("big");

        assertThat(request(Planner.create(spec), "CreateInferenceComponent")).contains("\"CopyCount\":2147483647");
        assertThat(request(Planner.updateComponent(spec, "llm"), "UpdateInferenceComponent"))
                .contains("\"MaximumBatchSize\":{\"Type\":\"CAPACITY_PERCENT\",\"Value\":50}");
        assertThat(spec.components().get(0).rollingUpdate().orElseThrow().batches(Integer.MAX_VALUE)).isEqualTo(3);
    }

    private static String request(Plan plan, String operation) {
        return plan.calls().stream().filter(c -> c.operation().equals(operation)).findFirst().map(ApiCall::requestJsonCompact).orElseThrow();
    }
}
