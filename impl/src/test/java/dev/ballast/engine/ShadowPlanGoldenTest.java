package dev.ballast.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.Endpoint;
import dev.ballast.Model;
import dev.ballast.Variant;
import dev.ballast.plan.ApiCall;
import dev.ballast.spec.VariantEndpointSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigRequest;

/** Pins the create plan of an endpoint with a shadow variant: both models, then one configuration with ShadowProductionVariants. */
class ShadowPlanGoldenTest {

    static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerRole";
    static final String IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.3-cpu-py311";
    static final String SECRET = "sk_SHADOW_GOLDEN_SECRET_19";

    static Model model(String name) {
        return Model.named(name).image(IMAGE).modelData("s3://my-bucket/models/" + name + "/model.tar.gz")
                .secretEnv("API_TOKEN", SECRET).executionRole(ROLE);
    }

    static VariantEndpointSpec shadowTest() {
        return Endpoint.serving(Variant.named("AllTraffic").model(model("my-model-v1")).on("ml.m5.xlarge").instances(2))
                .shadow(Variant.named("v2-shadow").model(model("my-model-v2")).on("ml.m5.xlarge").weight(0.5))
                .named("my-model-endpoint");
    }

    private static String golden(String file) throws IOException {
        try (InputStream in = ShadowPlanGoldenTest.class.getResourceAsStream("/golden/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
        }
    }

    @Test
    @DisplayName("an endpoint with a shadow: CreateModel for both, CreateEndpointConfig with ShadowProductionVariants, secrets masked")
    void createPlan() throws IOException {
        String printed = Planner.create(shadowTest()).toString();
        assertThat(printed).isEqualTo(golden("shadow-create-plan.txt")).doesNotContain(SECRET);
    }

    @Test
    @DisplayName("the configuration sent: one production variant, the shadow with weight 0.5 (half of production's requests copied)")
    void configRequest() {
        ApiCall create = Planner.create(shadowTest()).calls().stream().filter(c -> c.operation().equals("CreateEndpointConfig"))
                .findFirst().orElseThrow();
        CreateEndpointConfigRequest request = (CreateEndpointConfigRequest) create.request();
        assertThat(request.productionVariants()).singleElement().satisfies(v -> assertThat(v.initialVariantWeight()).isEqualTo(1f));
        assertThat(request.shadowProductionVariants()).singleElement().satisfies(v -> {
            assertThat(v.variantName()).isEqualTo("v2-shadow");
            assertThat(v.modelName()).isEqualTo("my-model-v2");
            assertThat(v.initialVariantWeight()).isEqualTo(0.5f);
            assertThat(v.initialInstanceCount()).isEqualTo(1);
        });
    }

    @Test
    @DisplayName("the promoted spec's configuration has no shadow and serves the shadow's model under production's name")
    void promotedConfig() {
        ApiCall create = Planner.create(shadowTest().promoted()).calls().stream().filter(c -> c.operation().equals("CreateEndpointConfig"))
                .findFirst().orElseThrow();
        CreateEndpointConfigRequest request = (CreateEndpointConfigRequest) create.request();
        assertThat(request.hasShadowProductionVariants()).isFalse();
        assertThat(request.productionVariants()).singleElement().satisfies(v -> {
            assertThat(v.variantName()).isEqualTo("AllTraffic");
            assertThat(v.modelName()).isEqualTo("my-model-v2");
        });
    }
}
