package dev.ballast.scenario;

import static dev.ballast.testkit.assertions.FakeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.AutoScaling;
import dev.ballast.Endpoint;
import dev.ballast.Model;
import dev.ballast.Variant;
import dev.ballast.engine.BallastEngine;
import dev.ballast.plan.ApiCall;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.testkit.ContainerBehavior;
import dev.ballast.testkit.ContainerResponse;
import dev.ballast.testkit.FakeSageMaker;
import dev.ballast.testkit.Traffic;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantServerlessConfig;

/**
 * A serverless variant's provisioned concurrency scaled by the engine's auto scaling on the fake
 * (<a href="https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints-autoscale.html">serverless
 * auto scaling</a>): applied, re-applied, scaled by traffic, changed and deleted.
 */
class ProvisionedConcurrencyScenarioTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerRole";

    private final FakeSageMaker fake = FakeSageMaker.create()
            // every invocation takes 4 s, so one a second keeps 4 running at once
            .givenContainer(c -> true, ContainerBehavior.always(ContainerResponse.ok("{\"ok\":true}").withLatency(Duration.ofSeconds(4))));
    private final BallastEngine ballast = fake.engineBuilder().build();

    private static VariantEndpointSpec serverless(int max) {
        return Endpoint.serving(Variant.named("AllTraffic")
                        .model(Model.named("classifier").image("763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.3-cpu-py311")
                                .modelData("s3://my-models/classifier/model.tar.gz").executionRole(ROLE))
                        .serverless(2048, 20).provisionedConcurrency(2)
                        .autoScaling(AutoScaling.between(1, max).provisionedConcurrencyUtilization(0.5)
                                .scaleOutCooldown(Duration.ofMinutes(1)).scaleInCooldown(Duration.ofMinutes(5))))
                .named("classifier");
    }

    private ProductionVariantServerlessConfig live() {
        return fake.sageMakerClient().describeEndpoint(b -> b.endpointName("classifier")).productionVariants().get(0)
                .currentServerlessConfig();
    }

    private java.util.List<ScalableTarget> targets() {
        return fake.autoScalingClient().describeScalableTargets(b -> b.serviceNamespace("sagemaker")).scalableTargets();
    }

    @Test
    @DisplayName("applied, the provisioned concurrency follows the load up to the maximum; re-apply is empty; a new maximum is registered; delete deregisters")
    void appliedScaledReappliedChangedAndDeleted() {
        assertThat(ballast.apply(serverless(8)).await()).isSucceeded();
        assertThat(targets()).singleElement().satisfies(t -> {
            assertThat(t.resourceId()).isEqualTo("endpoint/classifier/variant/AllTraffic");
            assertThat(t.scalableDimensionAsString()).isEqualTo("sagemaker:variant:DesiredProvisionedConcurrency");
            assertThat(t.minCapacity()).isEqualTo(1);
            assertThat(t.maxCapacity()).isEqualTo(8);
        });
        assertThat(ballast.plan(serverless(8))).as("target and policy in place: nothing to do").isEmpty();

        Traffic traffic = fake.traffic().toEndpoint("classifier").every(Duration.ofSeconds(1)).start();
        fake.clock().advance(Duration.ofMinutes(10));
        traffic.stop();
        assertThat(live().provisionedConcurrency()).as("4 at once is 0.5 of 8").isEqualTo(8);
        assertThat(traffic.failed()).isZero();
        assertThat(ballast.plan(serverless(8))).as("what auto scaling moved is not the spec's to reset").isEmpty();

        assertThat(ballast.plan(serverless(12)).calls()).extracting(ApiCall::operation, ApiCall::reason).singleElement()
                .satisfies(t -> assertThat(t.toList()).containsExactly("RegisterScalableTarget",
                        "auto scaling bounds of variant AllTraffic are 1..8; the spec says 1..12"));
        assertThat(ballast.apply(serverless(12)).await()).isSucceeded();
        assertThat(targets()).singleElement().extracting(ScalableTarget::maxCapacity).isEqualTo(12);

        assertThat(ballast.delete(serverless(12)).await()).isSucceeded();
        assertThat(targets()).isEmpty();
    }
}
