package dev.ballast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.ballast.error.SpecValidationException;
import dev.ballast.spec.ComponentEndpointSpec;

class SecretTest {

    private final String canary = "hf_canary_" + UUID.randomUUID();

    @Test
    @DisplayName("a secret shows as **** and only reveal() gives the value")
    void masked() {
        Secret secret = Secret.of(canary);

        assertThat(secret.toString()).isEqualTo("****");
        assertThat(secret.reveal()).isEqualTo(canary);
        assertThat(secret).isEqualTo(Secret.of(canary)).isNotEqualTo(Secret.of("other"));
    }

    @Test
    @DisplayName("no toString() of a component, draft or endpoint spec shows a secret value")
    void specsNeverShowSecrets() {
        Component component = SeedSpecs.llama(canary);
        ComponentEndpointSpec spec = SeedSpecs.seed(canary);

        assertThat(component.toString()).contains("HF_TOKEN=****").doesNotContain(canary);
        assertThat(component.spec().toString()).doesNotContain(canary);
        assertThat(SeedSpecs.endpoint().component(component).toString()).doesNotContain(canary);
        assertThat(spec.toString()).contains("HF_TOKEN=****").doesNotContain(canary);
        assertThat(spec.component("llm").orElseThrow().secretEnvironment().get("HF_TOKEN").reveal()).isEqualTo(canary);
    }

    @Test
    @DisplayName("validation messages mask secret values, even when the secret is the offending value")
    void violationsNeverShowSecrets() {
        String longSecret = canary + "x".repeat(1100);
        assertThatThrownBy(() -> SeedSpecs.endpoint()
                .component(SeedSpecs.llama(longSecret).env("HF_TOKEN", canary))
                .named("rolling-demo"))
                .isInstanceOf(SpecValidationException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).contains("component[llm].env[HF_TOKEN]", "****").doesNotContain(canary);
                    assertThat(((SpecValidationException) e).violations()).allSatisfy(v ->
                            assertThat(v.toString()).doesNotContain(canary));
                });
    }
}
