package dev.ballast.scenario;

import static dev.ballast.testkit.assertions.FakeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.sagemaker.model.EndpointConfigSummary;

import dev.ballast.engine.BallastEngine;
import dev.ballast.outcome.Outcome;
import dev.ballast.plan.ApiCall;
import dev.ballast.plan.Plan;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.testkit.FakeSageMaker;

/** A process killed after its UpdateEndpoint never deletes the old configuration: the next apply does. */
class LeftoverConfigurationTest {

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final BallastEngine ballast = fake.engine();

    private java.util.List<String> configs() {
        return fake.sageMakerClient().listEndpointConfigs(b -> b.maxResults(100)).endpointConfigs().stream()
                .map(EndpointConfigSummary::endpointConfigName).sorted().toList();
    }

    @Test
    @DisplayName("the old configuration version a killed process left is planned for deletion and deleted; another name is left alone")
    void leftoverVersionIsDeleted() {
        VariantEndpointSpec before = ABTestSpecs.abTestOnTwo();
        VariantEndpointSpec retrain = ABTestSpecs.retrain(ABTestSpecs.IMAGE + "2.4-cpu", ABTestSpecs.canary());
        assertThat(ballast.apply(before).await()).isSucceeded();
        // takes the lease, creates the model and the new version, updates the endpoint, dies before the clean-up
        DyingProcess process = new DyingProcess(fake, fake.clock(), 4);
        process.engine(fake.clock()).apply(retrain);
        for (int i = 0; i < 360 && !process.dead(); i++) {
            fake.clock().advance(Duration.ofSeconds(10));
        }
        assertThat(process.dead()).isTrue();
        assertThat(process.mutations()).containsExactly("CreateEndpointConfig", "CreateModel", "CreateEndpointConfig",
                "UpdateEndpoint");
        // a configuration of another name, unused: not Ballast's to delete
        fake.sageMakerClient().createEndpointConfig(b -> b.endpointConfigName("my-model-endpoint-by-hand")
                .productionVariants(v -> v.variantName("v").modelName("my-model-v1").instanceType("ml.m5.xlarge").initialInstanceCount(1)));
        fake.clock().advance(Duration.ofHours(1)); // the rollout ends, and the dead process's lease expires

        Plan plan = ballast.plan(retrain);
        Outcome outcome = ballast.apply(retrain).await();

        assertThat(plan.calls()).singleElement().satisfies(c -> {
            assertThat(c.operation()).isEqualTo("DeleteEndpointConfig");
            assertThat(c.resource()).isEqualTo("endpoint-config/" + before.endpointConfigName());
            assertThat(c.reason()).startsWith("a configuration version left behind by an apply that did not finish");
        });
        assertThat(outcome).isSucceeded();
        assertThat(configs()).containsExactlyInAnyOrder("my-model-endpoint-by-hand", retrain.endpointConfigName());
        assertThat(ballast.plan(retrain).calls()).extracting(ApiCall::operation).isEmpty();
    }
}
