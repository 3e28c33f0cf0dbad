package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.testkit.TimelineEvent.Kind;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;

class WeightsAndCapacitiesTest {

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final SageMakerClient sm = fake.sageMakerClient();

    private void modelEndpoint(float weightA, float weightB) {
        for (String m : new String[] {"a", "b"}) {
            sm.createModel(b -> b.modelName("model-" + m).executionRoleArn(Fixtures.ROLE)
                    .primaryContainer(ContainerDefinition.builder().image(Fixtures.IMAGE).build()));
        }
        fake.givenContainerFor("model-a", ContainerBehavior.always(ContainerResponse.ok("A")));
        fake.givenContainerFor("model-b", ContainerBehavior.always(ContainerResponse.ok("B")));
        sm.createEndpointConfig(b -> b.endpointConfigName("cfg").productionVariants(
                ProductionVariant.builder().variantName("va").modelName("model-a").instanceType("ml.m5.xlarge")
                        .initialInstanceCount(1).initialVariantWeight(weightA).build(),
                ProductionVariant.builder().variantName("vb").modelName("model-b").instanceType("ml.m5.xlarge")
                        .initialInstanceCount(1).initialVariantWeight(weightB).build()));
        sm.createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg"));
        Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE);
    }

    private Map<String, Integer> invoke(int times) {
        Map<String, Integer> answers = new HashMap<>();
        for (int i = 0; i < times; i++) {
            String body = fake.runtimeClient().invokeEndpoint(b -> b.endpointName("ep")
                    .body(SdkBytes.fromUtf8String("{}"))).body().asUtf8String();
            answers.merge(body, 1, Integer::sum);
        }
        return answers;
    }

    @Test
    @DisplayName("traffic follows variant weights, and target variant overrides them")
    void trafficFollowsVariantWeightsAndTargetVariantOverridesThem() {
        modelEndpoint(1f, 3f);
        Map<String, Integer> answers = invoke(400);
        assertThat(answers.get("A")).isBetween(60, 140);
        assertThat(answers.get("B")).isBetween(260, 340);
        assertThat(fake.runtimeClient().invokeEndpoint(b -> b.endpointName("ep").targetVariant("va")
                .body(SdkBytes.fromUtf8String("{}"))).invokedProductionVariant()).isEqualTo("va");

        sm.updateEndpointWeightsAndCapacities(b -> b.endpointName("ep")
                .desiredWeightsAndCapacities(d -> d.variantName("va").desiredWeight(0f)));
        Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE);
        assertThat(invoke(50)).containsOnlyKeys("B");
        assertThat(Fixtures.endpoint(fake, "ep").productionVariants().get(0).currentWeight()).isZero();
    }

    @Test
    @DisplayName("instanceCounts: move while the endpoint is updating")
    void instanceCountsMoveWhileTheEndpointIsUpdating() {
        modelEndpoint(1f, 1f);
        sm.updateEndpointWeightsAndCapacities(b -> b.endpointName("ep")
                .desiredWeightsAndCapacities(d -> d.variantName("va").desiredInstanceCount(3)));
        DescribeEndpointResponse updating = Fixtures.endpoint(fake, "ep");
        assertThat(updating.endpointStatus()).isEqualTo(EndpointStatus.UPDATING);
        assertThat(updating.productionVariants().get(0).currentInstanceCount()).isEqualTo(1);
        assertThat(updating.productionVariants().get(0).desiredInstanceCount()).isEqualTo(3);
        assertThatThrownBy(() -> sm.updateEndpointWeightsAndCapacities(b -> b.endpointName("ep")
                .desiredWeightsAndCapacities(d -> d.variantName("va").desiredInstanceCount(2))))
                .hasMessageStartingWith("Cannot update in-progress endpoint");

        fake.clock().advance(fake.timings().instanceLaunch());
        assertThat(Fixtures.endpoint(fake, "ep").endpointStatus()).as("model still loading")
                .isEqualTo(EndpointStatus.UPDATING);
        assertThat(Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE)).isTrue();
        assertThat(Fixtures.instances(fake, "ep")).isEqualTo(3);

        sm.updateEndpointWeightsAndCapacities(b -> b.endpointName("ep")
                .desiredWeightsAndCapacities(d -> d.variantName("va").desiredInstanceCount(1)));
        assertThat(Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE)).isTrue();
        assertThat(Fixtures.instances(fake, "ep")).isEqualTo(1);
        assertThat(fake.timeline().valuesOf("ep", Kind.STATUS))
                .containsExactly("InService", "Updating", "InService", "Updating", "InService");
    }

    @Test
    @DisplayName("unknownVariants: and managed scaling variants, are refused")
    void unknownVariantsAndManagedScalingVariantsAreRefused() {
        Fixtures.icEndpoint(fake, "ic-ep", "ml.g5.2xlarge", 1, 1, 2);
        assertThatThrownBy(() -> sm.updateEndpointWeightsAndCapacities(b -> b.endpointName("ic-ep")
                .desiredWeightsAndCapacities(d -> d.variantName("ghost").desiredWeight(1f))))
                .hasMessageContaining("[ghost] is/are not present");
        assertThatThrownBy(() -> sm.updateEndpointWeightsAndCapacities(b -> b.endpointName("ic-ep")
                .desiredWeightsAndCapacities(d -> d.variantName("AllTraffic").desiredInstanceCount(2))))
                .hasMessageContaining("managed instance scaling is enabled");
    }
}
