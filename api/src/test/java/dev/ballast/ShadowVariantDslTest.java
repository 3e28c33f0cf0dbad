package dev.ballast;

import static dev.ballast.VariantEndpointSeed.CANARY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.error.SpecValidationException;
import dev.ballast.error.Violation;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.spec.VariantSpec;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Shadow variants in the DSL, their validation, and the guard of a promotion. */
class ShadowVariantDslTest {

    private static Variant production() {
        return Variant.named("AllTraffic").model(VariantEndpointSeed.model("my-model-v1", CANARY)).on("ml.m5.xlarge");
    }

    private static Variant shadow(double weight) {
        return Variant.named("v2-shadow").model(VariantEndpointSeed.model("my-model-v2", CANARY)).on("ml.m5.xlarge").instances(2).weight(weight);
    }

    private static List<Violation> violations(Supplier<VariantEndpointSpec> build) {
        try {
            build.get();
        } catch (SpecValidationException e) {
            return e.violations();
        }
        throw new AssertionError("expected violations");
    }

    @Test
    @DisplayName("shadow(..) reads like the chain: the shadow beside production, its share its weight over production's, its model planned")
    void shadowSpec() {
        VariantEndpointSpec spec = Endpoint.serving(production()).shadow(shadow(0.5)).named("my-model-endpoint");

        assertThat(spec.variants()).extracting(VariantSpec::name).containsExactly("AllTraffic");
        assertThat(spec.shadowVariants()).extracting(VariantSpec::name).containsExactly("v2-shadow");
        assertThat(spec.shadowSamplingShare(spec.shadowVariants().get(0))).isEqualTo(0.5);
        assertThat(spec.models()).extracting(m -> m.name()).containsExactly("my-model-v1", "my-model-v2");
        assertThat(spec.instancesByType()).containsEntry(InstanceType.of("ml.m5.xlarge"), 3);
        assertThat(spec.toString()).contains("shadow Variant{v2-shadow", "sampling 50%").doesNotContain(CANARY);
        // the shadow is part of the configuration: adding it is a new configuration version
        assertThat(spec.endpointConfigName()).isNotEqualTo(Endpoint.serving(production()).named("my-model-endpoint").endpointConfigName());
    }

    @Test
    @DisplayName("promoted(): production keeps its name and weight and takes the shadow's model and instances; no shadow is left")
    void promoted() {
        VariantEndpointSpec promoted = Endpoint.serving(production().weight(2)).shadow(shadow(1)).named("my-model-endpoint").promoted();

        assertThat(promoted.shadowVariants()).isEmpty();
        assertThat(promoted.variants()).singleElement().satisfies(v -> {
            assertThat(v.name()).isEqualTo("AllTraffic");
            assertThat(v.initialWeight()).isEqualTo(2.0);
            assertThat(v.model().orElseThrow().name()).isEqualTo("my-model-v2");
            assertThat(v.resolvedInstanceCount()).isEqualTo(2);
        });
    }

    @Test
    @DisplayName("every shadow rule at once: one shadow, one production variant, unique names, a share in (0, 100%], no serverless")
    void everyViolationAtOnce() {
        List<Violation> found = violations(() -> Endpoint.serving(production(), Variant.named("b").model(VariantEndpointSeed.model("m-b", CANARY))
                        .serverless(2048, 5))
                .shadow(shadow(0))
                .shadow(Variant.named("allTraffic").model(VariantEndpointSeed.model("m-c", CANARY)).on("ml.m5.xlarge").weight(3))
                .named("my-model-endpoint"));

        assertThat(found).extracting(Violation::path).contains("shadowVariants", "variants", "shadow[v2-shadow].weight",
                "shadow[allTraffic].name", "shadow[allTraffic].weight", "shadow[v2-shadow].serverless");
        assertThat(found).filteredOn(v -> v.path().equals("shadowVariants")).singleElement()
                .satisfies(v -> assertThat(v.rule()).contains("at most one"));
        assertThat(found).filteredOn(v -> v.path().equals("shadow[allTraffic].name")).singleElement()
                .satisfies(v -> assertThat(v.rule()).contains("unique across production and shadow variants"));
        assertThat(found).allSatisfy(v -> assertThat(v.fix()).isNotBlank());
    }

    @Test
    @DisplayName("ShadowPromotion: needs a shadow; its window and checks are validated; it says what it checks")
    void promotionGuard() {
        VariantEndpointSpec spec = Endpoint.serving(production()).shadow(shadow(0.5)).named("my-model-endpoint");
        ShadowPromotion guard = ShadowPromotion.of(spec).over(Duration.ofMinutes(15)).minimumInvocations(100).latencyWithin(10).errorRateAtMost(0.01);

        assertThat(guard.checks()).containsExactly("shadow Invocations >= 100", "shadow ModelLatency p99 <= production's + 10%",
                "shadow error rate <= 1%");
        assertThat(guard.promoted()).isEqualTo(spec.promoted());
        assertThat(guard.toString()).contains("v2-shadow into AllTraffic", "over 15 min");
        assertThatThrownBy(() -> ShadowPromotion.of(Endpoint.serving(production()).named("no-shadow")))
                .isInstanceOf(SpecValidationException.class).hasMessageContaining("one shadow variant to promote");
        assertThatThrownBy(() -> guard.over(Duration.ofSeconds(90))).isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("whole minutes");
        assertThatThrownBy(() -> guard.errorRateAtMost(2)).isInstanceOf(SpecValidationException.class);
        assertThatThrownBy(() -> guard.latencyWithin(-1)).isInstanceOf(SpecValidationException.class);
        assertThatThrownBy(() -> guard.minimumInvocations(0)).isInstanceOf(SpecValidationException.class);
    }
}
