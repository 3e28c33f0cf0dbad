package dev.ballast.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentResponse;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentComputeResourceRequirements;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentContainerSpecificationSummary;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentRuntimeConfigSummary;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentSpecificationSummary;

import dev.ballast.Component;
import dev.ballast.Endpoint;
import dev.ballast.engine.internal.reconcile.ComponentEndpointReconciler;
import dev.ballast.engine.internal.reconcile.Observed;
import dev.ballast.engine.internal.reconcile.Teardown;
import dev.ballast.plan.ApiCall;
import dev.ballast.spec.ComponentEndpointSpec;

/**
 * Pins the plans of an endpoint with LoRA adapter components: created after their base is in
 * service, a new artifact loaded in place, deleted before their base.
 */
class AdapterPlanGoldenTest {

    private static final String IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.4.0-tgi2.2.0-gpu-py311-cu124-ubuntu22.04";

    /** The adapter is declared before its base on purpose: the plan still creates the base first. */
    static ComponentEndpointSpec spec(String supportArtifact) {
        return Endpoint.on("ml.g5.2xlarge").scale(1, 2).executionRole("arn:aws:iam::123456789012:role/SageMakerRole")
                .component(Component.named("support").adapterOf("llm").artifact(supportArtifact))
                .component(Component.named("llm").image(IMAGE).env("HF_MODEL_ID", "meta-llama/Llama-3.1-8B-Instruct")
                        .env("ENABLE_LORA", "true").accelerators(1).memoryMb(1024).copies(1))
                .component(Component.named("billing").adapterOf("llm").artifact("s3://my-bucket/adapters/billing.tar.gz"))
                .named("lora-demo");
    }

    private static String golden(String file) throws IOException {
        try (InputStream in = AdapterPlanGoldenTest.class.getResourceAsStream("/golden/adapters/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
        }
    }

    /** Everything of {@code spec("s3://my-bucket/adapters/support.tar.gz")} runs in service. */
    private static Observed running(ComponentEndpointSpec spec) {
        Map<String, Optional<DescribeInferenceComponentResponse>> components = new LinkedHashMap<>();
        components.put("support", Optional.of(adapter("support", "s3://my-bucket/adapters/support.tar.gz")));
        components.put("llm", Optional.of(DescribeInferenceComponentResponse.builder().inferenceComponentName("llm")
                .inferenceComponentStatus("InService")
                .specification(InferenceComponentSpecificationSummary.builder()
                        .container(InferenceComponentContainerSpecificationSummary.builder()
                                .deployedImage(i -> i.specifiedImage(IMAGE))
                                .environment(Map.of("HF_MODEL_ID", "meta-llama/Llama-3.1-8B-Instruct", "ENABLE_LORA", "true")).build())
                        .computeResourceRequirements(InferenceComponentComputeResourceRequirements.builder()
                                .numberOfAcceleratorDevicesRequired(1f).minMemoryRequiredInMb(1024).build()).build())
                .runtimeConfig(InferenceComponentRuntimeConfigSummary.builder().desiredCopyCount(1).currentCopyCount(1).build()).build()));
        components.put("billing", Optional.of(adapter("billing", "s3://my-bucket/adapters/billing.tar.gz")));
        return new Observed(Optional.of(DescribeEndpointResponse.builder().endpointName(spec.name())
                .endpointConfigName(spec.endpointConfigName()).endpointStatus("InService").build()),
                true, components, Map.of(), Map.of());
    }

    private static DescribeInferenceComponentResponse adapter(String name, String artifact) {
        return DescribeInferenceComponentResponse.builder().inferenceComponentName(name).inferenceComponentStatus("InService")
                .specification(InferenceComponentSpecificationSummary.builder().baseInferenceComponentName("llm")
                        .container(InferenceComponentContainerSpecificationSummary.builder().artifactUrl(artifact).build()).build())
                .build();
    }

    @Test
    @DisplayName("create: the base, a wait until it is in service, then each adapter with only its base and artifact")
    void createPlan() throws IOException {
        assertThat(Planner.create(spec("s3://my-bucket/adapters/support.tar.gz")).toString()).isEqualTo(golden("create-plan.txt"));
    }

    @Test
    @DisplayName("a new artifact: one UpdateInferenceComponent of the adapter, without copy count or rollout; nothing else")
    void newArtifactPlan() throws IOException {
        ComponentEndpointSpec next = spec("s3://my-bucket/adapters/support-v2.tar.gz");
        assertThat(ComponentEndpointReconciler.reconcile(next, running(next)).toString()).isEqualTo(golden("new-artifact-plan.txt"));
        ComponentEndpointSpec same = spec("s3://my-bucket/adapters/support.tar.gz");
        assertThat(ComponentEndpointReconciler.reconcile(same, running(same)).steps()).isEmpty();
    }

    @Test
    @DisplayName("delete: the adapters first (a base with adapters cannot go), then the base, then the endpoint")
    void deletePlan() throws IOException {
        ComponentEndpointSpec spec = spec("s3://my-bucket/adapters/support.tar.gz");
        assertThat(Teardown.plan(spec, running(spec)).toString()).isEqualTo(golden("delete-plan.txt"));
        assertThat(Teardown.plan(spec, running(spec)).steps()).filteredOn(ApiCall.class::isInstance).map(s -> ((ApiCall) s).resource())
                .startsWith("inference-component/support", "inference-component/billing", "inference-component/llm");
    }

    @Test
    @DisplayName("an adapter cannot be scaled: it has no copies of its own")
    void adapterCannotBeScaled() {
        assertThatThrownBy(() -> Planner.scaleComponent(spec("s3://b/a.tar.gz"), "support"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Component 'support' is an adapter of 'llm' and has no copies of its own; scale 'llm' instead");
    }
}
