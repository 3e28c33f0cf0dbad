package dev.ballast.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.Container;
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
import software.amazon.awssdk.services.sagemaker.model.CreateModelRequest;

/**
 * Pins the create plans of models of several containers: {@code CreateModel} with {@code Containers} and
 * {@code InferenceExecutionConfig} instead of {@code PrimaryContainer}, secrets masked.
 */
class MultiContainerPlanGoldenTest {

    static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerRole";
    static final String SKLEARN = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1";
    static final String XGBOOST = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1";
    static final String SECRET = "sk_PIPELINE_GOLDEN_SECRET_41";

    static VariantEndpointSpec pipeline() {
        return Endpoint.serving(Variant.named("AllTraffic").on("ml.m5.xlarge").model(Model.named("churn-pipeline-v1")
                .pipeline(Container.image(SKLEARN).modelData("s3://my-bucket/churn/preprocess.tar.gz")
                                .env("SAGEMAKER_PROGRAM", "preprocess.py"),
                        Container.image(XGBOOST).modelData("s3://my-bucket/churn/xgboost.tar.gz")
                                .secretEnv("SCORING_TOKEN", SECRET))
                .executionRole(ROLE))).named("churn-endpoint");
    }

    static VariantEndpointSpec direct() {
        return Endpoint.serving(Variant.named("AllTraffic").on("ml.m5.xlarge").model(Model.named("translators-v1")
                .containers(Container.named("english").image(SKLEARN).modelData("s3://my-bucket/en.tar.gz"),
                        Container.named("french").image(SKLEARN).modelData("s3://my-bucket/fr.tar.gz"))
                .executionRole(ROLE))).named("translators");
    }

    private static String golden(String file) throws IOException {
        try (InputStream in = MultiContainerPlanGoldenTest.class.getResourceAsStream("/golden/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
        }
    }

    @Test
    @DisplayName("an inference pipeline's create plan prints as pinned: Containers in order, Serial, the secret masked")
    void pipelinePlan() throws IOException {
        String printed = Planner.create(pipeline()).toString();
        assertThat(printed).isEqualTo(golden("multi-container-pipeline-plan.txt")).doesNotContain(SECRET);
    }

    @Test
    @DisplayName("a multi-container model's create plan prints as pinned: named containers, Direct")
    void directPlan() throws IOException {
        assertThat(Planner.create(direct()).toString()).isEqualTo(golden("multi-container-direct-plan.txt"));
    }

    @Test
    @DisplayName("the request sent carries the secret, as SageMaker needs it")
    void requestCarriesTheSecret() {
        ApiCall create = Planner.create(pipeline()).calls().stream().filter(c -> c.operation().equals("CreateModel"))
                .findFirst().orElseThrow();
        CreateModelRequest request = (CreateModelRequest) create.request();
        assertThat(request.primaryContainer()).isNull();
        assertThat(request.containers().get(1).environment()).containsEntry("SCORING_TOKEN", SECRET);
        assertThat(request.inferenceExecutionConfig().modeAsString()).isEqualTo("Serial");
    }
}
