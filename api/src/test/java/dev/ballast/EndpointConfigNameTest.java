package dev.ballast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.ballast.internal.validation.Rules;
import dev.ballast.spec.ComponentEndpointSpec;

class EndpointConfigNameTest {

    @Test
    @DisplayName("the same configuration always gets the same versioned name")
    void deterministic() {
        ComponentEndpointSpec a = SeedSpecs.seed("one");
        ComponentEndpointSpec b = SeedSpecs.seed("two");

        assertThat(a.endpointConfigName()).matches("rolling-demo-[0-9a-f]{8}").isEqualTo(b.endpointConfigName());
    }

    @Test
    @DisplayName("a changed configuration is a new version; a changed component is not")
    void versionsFollowTheConfiguration() {
        String base = SeedSpecs.seed("t").endpointConfigName();
        String rescaled = SeedSpecs.endpoint().scale(1, 5).component(SeedSpecs.llama("t")).named("rolling-demo").endpointConfigName();
        String timeouts = SeedSpecs.endpoint().modelDataDownloadTimeout(Duration.ofMinutes(10))
                .component(SeedSpecs.llama("t")).named("rolling-demo").endpointConfigName();
        String otherModel = SeedSpecs.endpoint().component(SeedSpecs.llama("t").env("HF_MODEL_ID", "deepseek-ai/DeepSeek-R1-Distill-Llama-8B"))
                .named("rolling-demo").endpointConfigName();

        assertThat(rescaled).isNotEqualTo(base);
        assertThat(timeouts).isNotEqualTo(base).isNotEqualTo(rescaled);
        assertThat(otherModel).isEqualTo(base);
    }

    @Test
    @DisplayName("a long endpoint name still gives a valid configuration name of at most 63 characters")
    void longNames() {
        String name = "a".repeat(53) + "-" + "b".repeat(9);
        ComponentEndpointSpec spec = Endpoint.on("ml.g5.2xlarge").executionRole(SeedSpecs.ROLE).named(name);

        assertThat(spec.endpointConfigName()).hasSizeLessThanOrEqualTo(63);
        assertThat(Rules.endpointName("config", spec.endpointConfigName())).isEmpty();
        assertThat(spec.endpointConfigName()).startsWith("a".repeat(53) + "-").doesNotContain("--");
    }
}
