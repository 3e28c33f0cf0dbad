package dev.ballast.scenario;

import static dev.ballast.scenario.ABTestSpecs.ENDPOINT;
import static dev.ballast.scenario.ABTestSpecs.V1;
import static dev.ballast.scenario.ABTestSpecs.V2;
import static dev.ballast.testkit.assertions.FakeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.AutoScaling;
import dev.ballast.BlueGreen;
import dev.ballast.Component;
import dev.ballast.Endpoint;
import dev.ballast.TrafficShift;
import dev.ballast.Variant;
import dev.ballast.engine.BallastEngine;
import dev.ballast.outcome.Outcome;
import dev.ballast.plan.ApiCall;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.spi.Transport;
import dev.ballast.testkit.FakeSageMaker;
import dev.ballast.testkit.Traffic;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointWeightsAndCapacitiesRequest;

/** Regressions of the review of the model-endpoint engine: each failed before its fix. */
class VariantEndpointRegressionTest {

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final BallastEngine ballast = fake.engine();

    private Map<String, Float> weights() {
        return fake.sageMakerClient().describeEndpoint(b -> b.endpointName(ENDPOINT)).productionVariants().stream()
                .collect(Collectors.toMap(ProductionVariantSummary::variantName, ProductionVariantSummary::currentWeight));
    }

    private void shiftFullyToV2() {
        assertThat(ballast.shiftTraffic(TrafficShift.of(ABTestSpecs.abTestOnTwo()).to(V2).steps(50, 100)
                .waitEach(Duration.ofMinutes(1))).await()).isInstanceOf(Outcome.Succeeded.class);
    }

    @Test
    @DisplayName("an UpdateEndpoint refused because another change is in progress is FAILED with SageMaker's reason, not ROLLED_BACK")
    void refusedUpdateIsNotARollback() {
        assertThat(ballast.apply(ABTestSpecs.abTestOnTwo()).await()).isSucceeded();
        AtomicBoolean raced = new AtomicBoolean();
        Transport racing = request -> {
            if (request instanceof UpdateEndpointRequest && raced.compareAndSet(false, true)) {
                // Auto scaling changes an instance count just before the update arrives.
                fake.execute(UpdateEndpointWeightsAndCapacitiesRequest.builder().endpointName(ENDPOINT)
                        .desiredWeightsAndCapacities(w -> w.variantName(V1).desiredInstanceCount(3)).build());
            }
            return fake.execute(request);
        };
        BallastEngine engine = fake.engineBuilder().transport(racing).build();

        Outcome outcome = engine.apply(ABTestSpecs.retrain(ABTestSpecs.IMAGE + "2.4-cpu", ABTestSpecs.canary())).await();

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.reason()).contains("Cannot update in-progress endpoint"));
    }

    @Test
    @DisplayName("an auto-scaled component whose copies auto scaling moved is updated SUCCEEDED, not FAILED on its spec's copy count")
    void autoScaledComponentUpdate() {
        ComponentEndpointSpec v1 = component(ABTestSpecs.IMAGE + "tgi-1");
        assertThat(ballast.apply(v1).await()).isSucceeded();
        fake.sageMakerClient().updateInferenceComponentRuntimeConfig(b -> b.inferenceComponentName("llm").desiredRuntimeConfig(c -> c.copyCount(2)));
        fake.clock().advance(Duration.ofMinutes(15));

        Outcome outcome = ballast.apply(component(ABTestSpecs.IMAGE + "tgi-2")).await();

        assertThat(outcome).isSucceeded();
        assertThat(fake.sageMakerClient().describeInferenceComponent(b -> b.inferenceComponentName("llm")).runtimeConfig().currentCopyCount())
                .isEqualTo(2);
    }

    private static ComponentEndpointSpec component(String image) {
        return Endpoint.on("ml.g5.12xlarge").scale(1, 2).executionRole(ABTestSpecs.ROLE)
                .component(Component.named("llm").image(image).accelerators(1).memoryMb(1024).copies(1)
                        .autoScaling(AutoScaling.between(1, 3).invocationsPerCopy(10)))
                .named("ic-endpoint");
    }

    @Test
    @DisplayName("changing the instance type of an auto-scaled variant deregisters auto scaling first and registers it again after")
    void instanceTypeChangeOfAScaledVariant() {
        assertThat(ballast.apply(scaled("ml.m5.xlarge")).await()).isSucceeded();

        Outcome outcome = ballast.apply(scaled("ml.m5.2xlarge")).await();

        assertThat(outcome).isSucceeded();
        assertThat(fake.autoScalingClient().describeScalableTargets(b -> b.serviceNamespace("sagemaker")).scalableTargets())
                .singleElement().satisfies(t -> assertThat(t.resourceId()).isEqualTo("endpoint/my-model-endpoint/variant/model-v1-variant"));
        assertThat(fake.autoScalingClient().describeScalingPolicies(b -> b.serviceNamespace("sagemaker")).scalingPolicies()).hasSize(1);
        assertThat(ballast.plan(scaled("ml.m5.2xlarge"))).isEmpty();
    }

    private static VariantEndpointSpec scaled(String type) {
        return Endpoint.serving(Variant.named(V1).model(ABTestSpecs.model("my-model-v1", ABTestSpecs.IMAGE + "2.3-cpu")).on(type)
                        .autoScaling(AutoScaling.between(1, 3).invocationsPerInstance(50)))
                .update(BlueGreen.allAtOnce())
                .named(ENDPOINT);
    }

    @Test
    @DisplayName("an update after a traffic shift keeps the weights the shift set, and its plan says so")
    void updateKeepsShiftedWeights() {
        assertThat(ballast.apply(ABTestSpecs.abTestOnTwo()).await()).isSucceeded();
        shiftFullyToV2();
        VariantEndpointSpec retrain = ABTestSpecs.retrain(ABTestSpecs.IMAGE + "2.4-cpu", ABTestSpecs.canary());

        assertThat(ballast.plan(retrain).calls()).filteredOn(c -> c.operation().equals("UpdateEndpoint")).singleElement()
                .extracting(ApiCall::reason).asString().contains("keeps the live weights");
        assertThat(ballast.apply(retrain).await()).isSucceeded();

        assertThat(weights()).containsEntry(V1, 0f).containsEntry(V2, 1f);
    }

    @Test
    @DisplayName("a shift resumed after a cut-short run returns to the configuration's weights, not the half-shifted ones")
    void resumedShiftRevertsToTheConfiguration() {
        VariantEndpointSpec broken = ABTestSpecs.variants(1, "my-model-v2-1", ABTestSpecs.BROKEN_IMAGE).named(ENDPOINT);
        fake.givenContainer(c -> c.image().equals(ABTestSpecs.BROKEN_IMAGE),
                dev.ballast.testkit.ContainerBehavior.always(dev.ballast.testkit.ContainerResponse.error(500, "model crashed")));
        assertThat(ballast.apply(broken).await()).isSucceeded();
        // An earlier run of the same shift died after its first step, at 50/50.
        fake.sageMakerClient().updateEndpointWeightsAndCapacities(b -> b.endpointName(ENDPOINT).desiredWeightsAndCapacities(
                w -> w.variantName(V1).desiredWeight(0.5f), w -> w.variantName(V2).desiredWeight(0.5f)));
        fake.clock().advance(Duration.ofMinutes(2));
        Traffic traffic = fake.traffic().toEndpoint(ENDPOINT).every(Duration.ofSeconds(1)).start();

        Outcome outcome = ballast.shiftTraffic(TrafficShift.of(broken).to(V2).steps(50, 100).waitEach(Duration.ofMinutes(3))
                .checkAlarm(dev.ballast.Alarm.invocation5xxErrors().above(0).per(Duration.ofMinutes(1)))).await();
        traffic.stop();

        assertThat(outcome).isInstanceOfSatisfying(Outcome.RolledBack.class, o ->
                assertThat(o.reason()).contains("weights returned to model-v1-variant 90.0%, model-v2-variant 10.0%"));
        assertThat(weights()).containsEntry(V1, 0.9f).containsEntry(V2, 0.1f);
    }

    @Test
    @DisplayName("auto scaling removed from the spec is deregistered; a target someone else registered is left alone")
    void removedAutoScaling() {
        assertThat(ballast.apply(scaled("ml.m5.xlarge")).await()).isSucceeded();
        VariantEndpointSpec unscaled = Endpoint.serving(Variant.named(V1).model(ABTestSpecs.model("my-model-v1", ABTestSpecs.IMAGE + "2.3-cpu"))
                        .on("ml.m5.xlarge"))
                .update(BlueGreen.allAtOnce())
                .named(ENDPOINT);

        assertThat(ballast.plan(unscaled)).hasCalls("DeregisterScalableTarget");
        assertThat(ballast.apply(unscaled).await()).isSucceeded();
        assertThat(fake.autoScalingClient().describeScalableTargets(b -> b.serviceNamespace("sagemaker")).scalableTargets()).isEmpty();

        fake.autoScalingClient().registerScalableTarget(b -> b.serviceNamespace("sagemaker")
                .resourceId("endpoint/my-model-endpoint/variant/model-v1-variant")
                .scalableDimension("sagemaker:variant:DesiredInstanceCount").minCapacity(1).maxCapacity(2));
        assertThat(ballast.plan(unscaled)).as("not Ballast's target: no policy of its naming").isEmpty();
    }
}
