package dev.ballast.scenario;

import static dev.ballast.testkit.assertions.FakeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.Container;
import dev.ballast.Endpoint;
import dev.ballast.Model;
import dev.ballast.Variant;
import dev.ballast.engine.BallastEngine;
import dev.ballast.error.TransportException;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.testkit.ContainerResponse;
import dev.ballast.testkit.FakeSageMaker;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/** Endpoints serving models of several containers through Ballast's engine on the fake: apply, invoke, update, delete. */
class MultiContainerScenarioTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerRole";
    private static final String PRE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1";
    private static final String XGB = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1";
    private static final String SECRET = "sk_SCENARIO_PIPELINE_SECRET_9";

    // every container appends its STEP to the body; STEP "fail" answers a 500
    private final FakeSageMaker fake = FakeSageMaker.create().givenContainer(spec -> spec.env("STEP") != null,
            (request, spec) -> spec.env("STEP").equals("fail") ? ContainerResponse.error(500, "scoring failed")
                    : ContainerResponse.ok(request.bodyAsString() + ">" + spec.env("STEP")));
    private final BallastEngine ballast = fake.engineBuilder().build();

    private static VariantEndpointSpec pipeline(String model, String scoring) {
        return Endpoint.serving(Variant.named("AllTraffic").on("ml.m5.xlarge").model(Model.named(model)
                .pipeline(Container.image(PRE).env("STEP", "pre"),
                        Container.image(XGB).env("STEP", scoring).secretEnv("SCORING_TOKEN", SECRET))
                .executionRole(ROLE))).named("churn");
    }

    private static VariantEndpointSpec direct() {
        return Endpoint.serving(Variant.named("AllTraffic").on("ml.m5.xlarge").model(Model.named("translators-v1")
                .containers(Container.named("english").image(PRE).env("STEP", "en"),
                        Container.named("french").image(PRE).env("STEP", "fr"))
                .executionRole(ROLE))).named("translators");
    }

    @Test
    @DisplayName("a pipeline is applied, invoked through its containers in order, re-applied as a no-op, updated to a new model, and deleted")
    void pipelineLifecycle() {
        VariantEndpointSpec v1 = pipeline("churn-v1", "xgb1");
        assertThat(ballast.apply(v1).await()).isSucceeded();

        assertThat(ballast.invoke(v1, "1").body()).isEqualTo("1>pre>xgb1");
        ContainerDefinition scoring = fake.sageMakerClient().describeModel(b -> b.modelName("churn-v1")).containers().get(1);
        assertThat(scoring.environment()).containsEntry("SCORING_TOKEN", SECRET);
        assertThat(ballast.plan(v1)).as("the running model is the spec's: nothing to do").isEmpty();
        assertThat(fake.timeline().toString()).doesNotContain(SECRET);

        VariantEndpointSpec v2 = pipeline("churn-v2", "xgb2");
        assertThat(ballast.plan(v2)).containsCall("SageMaker.CreateModel").containsCall("SageMaker.UpdateEndpoint");
        assertThat(ballast.apply(v2).await()).isSucceeded();
        assertThat(ballast.invoke(v2, "2").body()).isEqualTo("2>pre>xgb2");

        assertThat(ballast.delete(v2).await()).isSucceeded();
        assertThatThrownBy(() -> fake.sageMakerClient().describeEndpoint(b -> b.endpointName("churn")))
                .isInstanceOf(SageMakerException.class);
    }

    @Test
    @DisplayName("a pipeline whose scoring container fails answers a ModelError naming the container")
    void pipelineErrorNamesTheContainer() {
        VariantEndpointSpec spec = pipeline("churn-v1", "fail");
        assertThat(ballast.apply(spec).await()).isSucceeded();

        assertThatThrownBy(() -> ballast.invoke(spec, "1")).isInstanceOfSatisfying(TransportException.class,
                e -> assertThat(e.getMessage()).contains("ModelError")
                        .contains("Received server error (500) from container-2 with message \"scoring failed\""));
    }

    @Test
    @DisplayName("a multi-container model invoked directly: each container answers by its hostname; an unknown one is refused before any call")
    void directInvocation() {
        VariantEndpointSpec spec = direct();
        assertThat(ballast.apply(spec).await()).isSucceeded();

        assertThat(ballast.invokeContainer(spec, "french", "bonjour").body()).isEqualTo("bonjour>fr");
        assertThat(ballast.invokeContainer(spec, "english", "hello").body()).isEqualTo("hello>en");
        assertThatThrownBy(() -> ballast.invokeContainer(spec, "german", "hallo"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Endpoint 'translators' has no container 'german' invoked directly; it has [english, french]");
        assertThatThrownBy(() -> ballast.invoke(spec, "hello")).isInstanceOfSatisfying(TransportException.class,
                e -> assertThat(e.getMessage()).contains("TargetContainerHostname is required"));
        assertThat(ballast.plan(spec)).isEmpty();
    }
}
