package dev.ballast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.ballast.dsl.EndpointStep;
import dev.ballast.error.SpecValidationException;
import dev.ballast.error.Violation;
import dev.ballast.spec.EndpointSpec;
import dev.ballast.spec.Vpc;

/**
 * What both kinds of endpoint have — VPC, KMS key, tags, the name — is described by the same steps
 * and checked by the same rules, with the same messages.
 */
class SharedEndpointStepsTest {

    private static final String KMS = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    /** Applies the same shared steps to a step of either kind: the generic type keeps the kind. */
    private static <S extends EndpointStep<S, E>, E extends EndpointSpec> E described(S start, UnaryOperator<S> shared) {
        return shared.apply(start).named("shared-demo");
    }

    private static <S extends EndpointStep<S, E>, E extends EndpointSpec> S settings(S step) {
        return step.vpc(List.of("subnet-0a1b2c3d"), List.of("sg-0a1b2c3d")).kmsKey(KMS).tag("team", "ml").tag("cost-centre", "42");
    }

    @Test
    @DisplayName("the same shared steps give both kinds the same VPC, KMS key and tags")
    void sharedStepsSetTheSameSettings() {
        EndpointSpec components = described(SeedSpecs.endpoint().component(SeedSpecs.llama("hf_x")), SharedEndpointStepsTest::settings);
        EndpointSpec variants = described(VariantEndpointSeed.endpoint("hf_x"), SharedEndpointStepsTest::settings);

        for (EndpointSpec spec : List.of(components, variants)) {
            assertThat(spec.name()).isEqualTo("shared-demo");
            assertThat(spec.vpc()).contains(Vpc.of(List.of("subnet-0a1b2c3d"), List.of("sg-0a1b2c3d")));
            assertThat(spec.kmsKeyId()).contains(KMS);
            assertThat(spec.tags()).containsExactly(java.util.Map.entry("team", "ml"), java.util.Map.entry("cost-centre", "42"));
            assertThat(spec.endpointConfigName()).startsWith("shared-demo-");
        }
    }

    @Test
    @DisplayName("a bad tag set breaks the same rules with the same words in both kinds")
    void sharedRulesGiveTheSameViolations() {
        List<Violation> components = violations(() -> {
            return tooManyTags(SeedSpecs.endpoint().component(SeedSpecs.llama("hf_x"))).named("shared-demo");
        });
        List<Violation> variants = violations(() -> tooManyTags(VariantEndpointSeed.endpoint("hf_x")).named("shared-demo"));

        assertThat(components).isNotEmpty().isEqualTo(variants);
        assertThat(components).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("tags");
            assertThat(v.rule()).isEqualTo("must be at most 50");
        });
    }

    @Test
    @DisplayName("a step of either kind prints the chain so far and says it is not named yet")
    void draftsPrintTheirChain() {
        assertThat(SeedSpecs.endpoint().kmsKey(KMS).toString())
                .startsWith("Endpoint.on(\"ml.g5.2xlarge\").scale(1, 4)").contains(".kmsKey(\"" + KMS + "\")")
                .endsWith("(not named yet: finish with .named(\"...\"))");
        assertThat(VariantEndpointSeed.endpoint("hf_x").tag("team", "ml").toString())
                .startsWith("Endpoint.serving(..)").contains(".tag(\"team\", \"ml\")")
                .endsWith("(not named yet: finish with .named(\"...\"))");
    }

    private static <S extends EndpointStep<S, E>, E extends EndpointSpec> S tooManyTags(S step) {
        S tagged = step;
        for (int i = 0; i < 51; i++) {
            tagged = tagged.tag("key-" + i, "value");
        }
        return tagged;
    }

    private static List<Violation> violations(java.util.function.Supplier<EndpointSpec> build) {
        SpecValidationException e = catchThrowableOfType(SpecValidationException.class, build::get);
        assertThat(e).as("the spec should have been refused").isNotNull();
        return e.violations();
    }
}
