package dev.ballast.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Pins the printed plan of the seed, so a change in what users read (order, reasons, JSON layout,
 * masking) is a deliberate change of this golden file.
 */
class PlanGoldenTest {

    private static String golden(String file) throws IOException {
        try (InputStream in = PlanGoldenTest.class.getResourceAsStream("/golden/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
        }
    }

    @Test
    @DisplayName("the seed's plan prints as pinned")
    void printedCreatePlan() throws IOException {
        assertThat(Planner.create(NotebookSpecs.llama("hf_notebook_token")).toString()).isEqualTo(golden("notebook-create-plan.txt"));
    }

    @Test
    @DisplayName("the plans of both samples' updates state their surge, pinned: the notebook's two rolling updates, the A/B test's canary")
    void surgeOfTheSamples() {
        // The notebook: 1 extra ml.g5.2xlarge (its 2 instances of 1 GPU hold the 2 old copies), 2 batches
        // × (10 min launch allowance + 120 s wait) = 24 min = 0.4 instance-hours; × $1.515 = $0.606.
        String notebook = "surge: at most 1 extra ml.g5.2xlarge for ~24 min (≈ 0.4 instance-hours, ≈ $0.61 at us-east-1 on-demand)";
        assertThat(Planner.updateComponent(NotebookSpecs.deepSeekWithoutMessagesApi(), NotebookSpecs.COMPONENT).surge())
                .extracting(Object::toString).containsExactly(notebook);
        assertThat(Planner.updateComponent(NotebookSpecs.deepSeek(), NotebookSpecs.COMPONENT).surge())
                .extracting(Object::toString).containsExactly(notebook);

        // The A/B sample's retrained v2: a second fleet of 2 + 2 ml.m5.xlarge through the launch (10 min),
        // the canary's and the final bake (2 × 10 min) and the termination wait (5 min): 35 min;
        // 4 × 35 / 60 = 2.33 instance-hours; × $0.23 = $0.537.
        dev.ballast.spec.VariantEndpointSpec retrained = dev.ballast.Endpoint.serving(
                        dev.ballast.Variant.named("model-v1-variant").model(abModel("my-model-v1")).on("ml.m5.xlarge").instances(2).weight(0.9),
                        dev.ballast.Variant.named("model-v2-variant").model(abModel("my-model-v2-1")).on("ml.m5.xlarge").instances(2).weight(0.1))
                .update(dev.ballast.BlueGreen.canaryInstances(1).bake(java.time.Duration.ofMinutes(10))
                        .terminationWait(java.time.Duration.ofMinutes(5)).timeout(java.time.Duration.ofMinutes(45))
                        .rollbackOn(dev.ballast.Alarm.invocation5xxErrors().above(0).per(java.time.Duration.ofMinutes(1))))
                .named("my-model-endpoint");
        assertThat(Planner.updateEndpoint(retrained).toString().lines().limit(2)).containsExactly(
                "Plan for endpoint 'my-model-endpoint': 5 steps",
                "surge: at most 4 extra ml.m5.xlarge for ~35 min (≈ 2.3 instance-hours, ≈ $0.54 at us-east-1 on-demand)");
    }

    private static dev.ballast.Model abModel(String name) {
        return dev.ballast.Model.named(name).image("763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.3.0-cpu-py311")
                .modelData("s3://my-models/" + name + "/model.tar.gz").executionRole("arn:aws:iam::123456789012:role/SageMakerExecutionRole");
    }

    @Test
    @DisplayName("the seed's second update prints as pinned")
    void printedUpdatePlan() throws IOException {
        assertThat(Planner.updateComponent(NotebookSpecs.deepSeek(), NotebookSpecs.COMPONENT).toString())
                .isEqualTo(golden("notebook-update-plan.txt"));
    }
}
