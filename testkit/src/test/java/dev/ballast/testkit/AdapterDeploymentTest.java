package dev.ballast.testkit;

import static dev.ballast.testkit.assertions.FakeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.Ballast;
import dev.ballast.Component;
import dev.ballast.Endpoint;
import dev.ballast.outcome.Outcome;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.testkit.TimelineEvent.Kind;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;

/** The engine deploys, updates and deletes LoRA adapter components on the fake. */
class AdapterDeploymentTest {

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final Ballast ballast = fake.engine();

    /** The adapter is declared first: the engine still creates its base first. */
    private static ComponentEndpointSpec spec(String supportArtifact) {
        return Endpoint.on("ml.g5.2xlarge").scale(1, 2).executionRole(Fixtures.ROLE)
                .component(Component.named("support").adapterOf("llm").artifact(supportArtifact))
                .component(Component.named("llm").image(Fixtures.IMAGE).accelerators(1).memoryMb(1024).copies(1))
                .named("lora");
    }

    @Test
    @DisplayName("apply: the base in service, then the adapter; the adapter answers by its name; a new artifact is loaded in place")
    void applyCreatesTheBaseThenTheAdapter() {
        Outcome created = ballast.apply(spec("s3://my-bucket/adapters/support.tar.gz")).await();

        assertThat(created).isSucceeded();
        String detail = ((Outcome.Succeeded) created).detail();
        assertThat(detail.indexOf("inference-component/llm")).isNotNegative().isLessThan(detail.indexOf("inference-component/support"));
        List<TimelineEvent> creations = fake.timeline().events().stream()
                .filter(e -> e.kind() == Kind.CREATED && e.resourceType() == TimelineEvent.ResourceType.INFERENCE_COMPONENT).toList();
        assertThat(creations).extracting(TimelineEvent::resourceName).containsExactly("llm", "support");
        // the adapter was created only once its base was in service
        assertThat(creations.get(1).at()).isAfterOrEqualTo(fake.timeline().events().stream()
                .filter(e -> e.resourceName().equals("llm") && e.kind() == Kind.STATUS && "InService".equals(e.to()))
                .findFirst().orElseThrow().at());
        assertThat(Fixtures.component(fake, "support").specification().baseInferenceComponentName()).isEqualTo("llm");
        assertThat(ballast.invoke(spec("s3://my-bucket/adapters/support.tar.gz"), "support", "{\"inputs\":\"hi\"}").body()).isNotEmpty();

        Outcome updated = ballast.apply(spec("s3://my-bucket/adapters/support-v2.tar.gz")).await();

        assertThat(updated).isSucceeded();
        assertThat(Fixtures.component(fake, "support").specification().container().artifactUrl())
                .isEqualTo("s3://my-bucket/adapters/support-v2.tar.gz");
        assertThat(Fixtures.component(fake, "llm").runtimeConfig().currentCopyCount()).isEqualTo(1);
        assertThat(ballast.plan(spec("s3://my-bucket/adapters/support-v2.tar.gz")).steps()).isEmpty();
    }

    @Test
    @DisplayName("delete: the adapter goes before its base, then the endpoint")
    void deleteRemovesTheAdapterFirst() {
        ComponentEndpointSpec spec = spec("s3://my-bucket/adapters/support.tar.gz");
        assertThat(ballast.apply(spec).await()).isSucceeded();

        Outcome deleted = ballast.delete(spec).await();

        assertThat(deleted).isSucceeded();
        String detail = ((Outcome.Succeeded) deleted).detail();
        assertThat(detail.indexOf("inference-component/support")).isNotNegative().isLessThan(detail.indexOf("inference-component/llm"));
        List<String> gone = fake.timeline().events().stream().filter(e -> e.kind() == Kind.DELETED)
                .map(TimelineEvent::resourceName).toList();
        assertThat(gone).containsSubsequence("support", "llm", "lora");
        assertThat(Fixtures.gone(fake, () -> Fixtures.component(fake, "llm"))).isTrue();
    }

    @Test
    @DisplayName("an adapter waits for its base, whatever the order: a base still creating is never skipped")
    void theAdapterStatusIsInServiceAfterApply() {
        assertThat(ballast.apply(spec("s3://my-bucket/adapters/support.tar.gz")).await()).isSucceeded();
        assertThat(Fixtures.component(fake, "support").inferenceComponentStatus()).isEqualTo(InferenceComponentStatus.IN_SERVICE);
        assertThat(Fixtures.component(fake, "support").runtimeConfig()).isNull();
    }
}
