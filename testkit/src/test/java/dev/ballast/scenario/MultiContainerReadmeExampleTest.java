package dev.ballast.scenario;

import static dev.ballast.testkit.assertions.FakeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.ballast.Ballast;
import dev.ballast.Container;
import dev.ballast.Endpoint;
import dev.ballast.Model;
import dev.ballast.Variant;
import dev.ballast.engine.Planner;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.testkit.ContainerResponse;
import dev.ballast.testkit.FakeSageMaker;
import dev.ballast.testkit.junit.BallastTest;

/**
 * The README's example of models of several containers, as written there: {@link #readmeSnippetIsThisTest()}
 * checks that every line of the README's {@code multi-container-example} snippet is a line of this file.
 */
@BallastTest
class MultiContainerReadmeExampleTest {

    FakeSageMaker fake;
    Ballast ballast;

    private final String role = "arn:aws:iam::123456789012:role/SageMakerExecutionRole";
    private final String sklearn = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1";
    private final String xgboost = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1";
    private final String token = "sk_README_SCORING_TOKEN";

    @Test
    @DisplayName("an inference pipeline and a multi-container model invoked directly")
    void pipelineAndDirect() {
        fake.givenContainer(spec -> spec.containerHostname() != null,            // each container says who answered
                (request, spec) -> ContainerResponse.ok(request.bodyAsString() + " > " + spec.containerHostname()));

        Model churn = Model.named("churn-pipeline-v1")
            .pipeline(Container.image(sklearn).modelData("s3://my-models/churn/preprocess.tar.gz"),
                      Container.image(xgboost).modelData("s3://my-models/churn/xgboost.tar.gz")
                          .secretEnv("SCORING_TOKEN", token))
            .executionRole(role);
        VariantEndpointSpec pipeline = Endpoint.serving(
                Variant.named("AllTraffic").model(churn).on("ml.m5.xlarge")).named("churn");
        assertThat(ballast.apply(pipeline).await()).isSucceeded();
        assertThat(ballast.invoke(pipeline, "1,2").body())                        // through both, in order
                .isEqualTo("1,2 > container-1 > container-2");

        Model translators = Model.named("translators-v1")
            .containers(Container.named("english").image(sklearn).modelData("s3://my-models/en.tar.gz"),
                        Container.named("french").image(sklearn).modelData("s3://my-models/fr.tar.gz"))
            .executionRole(role);
        VariantEndpointSpec direct = Endpoint.serving(
                Variant.named("AllTraffic").model(translators).on("ml.m5.xlarge")).named("translators");
        assertThat(ballast.apply(direct).await()).isSucceeded();
        assertThat(ballast.invokeContainer(direct, "french", "bonjour").body())   // TargetContainerHostname
                .isEqualTo("bonjour > french");
        assertThat(Planner.create(pipeline)).hasCalls("CreateModel", "CreateEndpointConfig", "CreateEndpoint")
                .doesNotMention(token);
        assertThatThrownBy(() -> Endpoint.serving(Variant.named("AllTraffic").on("ml.m5.xlarge")
                .model(Model.named("m").containers(Container.image(sklearn)).executionRole(role))).named("m"))
                .hasMessageContaining("is required with direct invocation");              // no hostname to target
    }

    @Test
    @DisplayName("readme snippet is this test")
    void readmeSnippetIsThisTest() throws IOException {
        ReadmeSnippets.assertExampleIsIn("multi-container-example", MultiContainerReadmeExampleTest.class);
    }
}
