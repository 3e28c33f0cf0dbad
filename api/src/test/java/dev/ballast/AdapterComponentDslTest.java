package dev.ballast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.ballast.error.SpecValidationException;
import dev.ballast.error.Violation;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spec.ComponentSpec;

class AdapterComponentDslTest {

    private static final String URL = "s3://my-bucket/adapters/support.tar.gz";

    @Test
    @DisplayName("adapterOf(..).artifact(..) describes a LoRA adapter on a component of the same endpoint")
    void adapterChain() {
        ComponentEndpointSpec spec = SeedSpecs.endpoint()
                .component(SeedSpecs.llama("t"))
                .component(Component.named("support").adapterOf("llm").artifact(URL))
                .named("lora-demo");

        ComponentSpec support = spec.component("support").orElseThrow();
        assertThat(support.isAdapter()).isTrue();
        assertThat(support.baseComponent()).contains("llm");
        assertThat(support.modelDataUrl()).contains(URL);
        assertThat(support.copies()).isEmpty();
        assertThat(spec.component("llm").orElseThrow().isAdapter()).isFalse();
        assertThat(support.toString()).isEqualTo("Component{support, adapter of llm, model data " + URL + "}");
    }

    @Test
    @DisplayName("an adapter's base and artifact are checked at once in the chain")
    void chainChecksAtOnce() {
        assertThatThrownBy(() -> Component.named("support").adapterOf("not_a_name"))
                .isInstanceOf(SpecValidationException.class).hasMessageContaining("component[support].adapterOf");
        assertThatThrownBy(() -> Component.named("support").artifact("ftp://x/y"))
                .isInstanceOf(SpecValidationException.class).hasMessageContaining("must be an s3:// or https:// URL");
    }

    @Test
    @DisplayName("every violation of adapters at once: unknown base, adapter as base, itself, missing artifact, copy settings")
    void everyViolationAtOnce() {
        SpecValidationException e = org.junit.jupiter.api.Assertions.assertThrows(SpecValidationException.class, () -> SeedSpecs.endpoint()
                .component(SeedSpecs.llama("t"))
                .component(Component.named("ghost-adapter").adapterOf("nope").artifact(URL))
                .component(Component.named("support").adapterOf("llm").artifact(URL))
                .component(Component.named("nested").adapterOf("support").artifact(URL))
                .component(Component.named("self").adapterOf("self").artifact(URL))
                .component(Component.named("heavy").adapterOf("llm").image("img").env("A", "1").accelerators(1).memoryMb(1024).copies(2))
                .named("lora-demo"));

        assertThat(e.violations()).extracting(Violation::path).containsExactly(
                "component[ghost-adapter].adapterOf",
                "component[nested].adapterOf",
                "component[self].adapterOf",
                "component[heavy].artifact",
                "component[heavy].image",
                "component[heavy].env",
                "component[heavy].accelerators",
                "component[heavy].memoryMb",
                "component[heavy].copies");
        assertThat(e.violations().get(0).rule()).isEqualTo("must name a component of this endpoint (the base must be on the same endpoint)");
        assertThat(e.violations().get(0).fix()).isEqualTo("name one of the endpoint's base components: adapterOf(\"llm\")");
        assertThat(e.violations().get(1).rule()).isEqualTo("must name a base component, not another adapter ('support' is an adapter of 'llm')");
        assertThat(e.violations().get(2).rule()).isEqualTo("must name another component, not the adapter itself");
        assertThat(e.violations().get(3).fix()).isEqualTo("give the adapter's S3 location: artifact(\"s3://my-bucket/adapters/heavy.tar.gz\")");
        assertThat(e.violations().get(6).rule()).isEqualTo("must not be set on an adapter (SageMaker: omit ComputeResourceRequirements)");
        assertThat(e.violations().get(8).fix()).isEqualTo("remove copies(..): an adapter runs in the copies of its base 'llm'; scale the base instead");
    }
}
