package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DataCaptureConfig;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.PendingProductionVariantSummary;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.VariantPropertyType;

/**
 * UpdateEndpoint's RetainAllVariantProperties / ExcludeRetainedVariantProperties, and its refusal to change the
 * instance type of an autoscaled variant
 * (<a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateEndpoint.html">
 * UpdateEndpoint</a>, <a href="https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-scaling-update.html">
 * Update endpoints that use auto scaling</a>).
 */
class RetainedVariantPropertiesTest {

    private static final DataCaptureConfig CAPTURE = DataCaptureConfig.builder().initialSamplingPercentage(100)
            .destinationS3Uri("s3://capture/ep").captureOptions(o -> o.captureMode("Input")).build();

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final SageMakerClient sm = fake.sageMakerClient();

    @BeforeEach
    void capturedVersionOne_scaledToThreeWithWeightTwo() {
        Fixtures.model(fake, "model-v1", "v1");
        Fixtures.model(fake, "model-v2", "v2");
        sm.createEndpointConfig(b -> b.endpointConfigName("cfg-v1").dataCaptureConfig(CAPTURE).productionVariants(
                variant("model-v1", "ml.m5.xlarge")));
        sm.createEndpointConfig(b -> b.endpointConfigName("cfg-v2").productionVariants(variant("model-v2",
                "ml.m5.xlarge")));
        sm.createEndpointConfig(b -> b.endpointConfigName("cfg-v2-large").productionVariants(variant("model-v2",
                "ml.m5.2xlarge")));
        sm.createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg-v1"));
        Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE);
        sm.updateEndpointWeightsAndCapacities(b -> b.endpointName("ep").desiredWeightsAndCapacities(d -> d
                .variantName("AllTraffic").desiredInstanceCount(3).desiredWeight(2f)));
        Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE);
    }

    private static ProductionVariant variant(String model, String type) {
        return ProductionVariant.builder().variantName("AllTraffic").modelName(model).instanceType(type)
                .initialInstanceCount(1).initialVariantWeight(1f).build();
    }

    private PendingProductionVariantSummary pending() {
        return Fixtures.endpoint(fake, "ep").pendingDeploymentSummary().productionVariants().get(0);
    }

    @Test
    @DisplayName("retainAll: keeps the live count weight and data capture")
    void retainAllKeepsTheLiveCountWeightAndDataCapture() {
        sm.updateEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg-v2").retainAllVariantProperties(true));
        assertThat(pending().desiredInstanceCount()).isEqualTo(3);
        assertThat(pending().desiredWeight()).isEqualTo(2f);

        assertThat(Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE)).isTrue();
        var variant = Fixtures.endpoint(fake, "ep").productionVariants().get(0);
        assertThat(variant.currentInstanceCount()).isEqualTo(3);
        assertThat(variant.currentWeight()).isEqualTo(2f);
        assertThat(Fixtures.endpoint(fake, "ep").dataCaptureConfig().destinationS3Uri()).isEqualTo("s3://capture/ep");
        assertThat(Fixtures.invoke(fake, "ep", 2)).containsOnlyKeys("v2");
        assertThat(fake.capturedData("ep")).hasSize(2).allSatisfy(c -> assertThat(c.endpointConfigName())
                .isEqualTo("cfg-v2"));
    }

    @Test
    @DisplayName("excludedProperties: come from the new config")
    void excludedPropertiesComeFromTheNewConfig() {
        sm.updateEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg-v2").retainAllVariantProperties(true)
                .excludeRetainedVariantProperties(p -> p.variantPropertyType(VariantPropertyType.DESIRED_WEIGHT),
                        p -> p.variantPropertyType(VariantPropertyType.DATA_CAPTURE_CONFIG)));
        assertThat(pending().desiredInstanceCount()).isEqualTo(3);
        assertThat(pending().desiredWeight()).isEqualTo(1f);

        assertThat(Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE)).isTrue();
        assertThat(Fixtures.endpoint(fake, "ep").dataCaptureConfig()).isNull();
        int before = fake.capturedData("ep").size();
        Fixtures.invoke(fake, "ep", 2);
        assertThat(fake.capturedData("ep")).hasSize(before);
    }

    @Test
    @DisplayName("withoutRetainAll: counts weights and capture reset to the new config")
    void withoutRetainAllCountsWeightsAndCaptureResetToTheNewConfig() {
        sm.updateEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg-v2"));
        assertThat(pending().desiredInstanceCount()).isEqualTo(1);
        assertThat(pending().desiredWeight()).isEqualTo(1f);
        assertThat(Fixtures.endpoint(fake, "ep").dataCaptureConfig()).as("still the serving config's").isNotNull();
        assertThat(Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE)).isTrue();
        assertThat(Fixtures.endpoint(fake, "ep").dataCaptureConfig()).isNull();
    }

    @Test
    @DisplayName("anAutoscaledVariant: cannot change its instance type, but may change its model")
    void anAutoscaledVariantCannotChangeItsInstanceTypeButMayChangeItsModel() {
        fake.autoScalingClient().registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER)
                .resourceId("endpoint/ep/variant/AllTraffic")
                .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT).minCapacity(1)
                .maxCapacity(4));

        assertThatThrownBy(() -> sm.updateEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg-v2-large")))
                .hasMessageStartingWith("The instance type of production variant AllTraffic cannot be changed from"
                        + " ml.m5.xlarge to ml.m5.2xlarge because the variant is registered as a scalable target with"
                        + " Application Auto Scaling (resource ID endpoint/ep/variant/AllTraffic). Delete its scaling"
                        + " policies and call DeregisterScalableTarget before updating the endpoint.");
        assertThat(Fixtures.endpoint(fake, "ep").endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);

        sm.updateEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg-v2"));
        assertThat(Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE)).isTrue();

        fake.autoScalingClient().deregisterScalableTarget(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER)
                .resourceId("endpoint/ep/variant/AllTraffic")
                .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT));
        sm.updateEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg-v2-large"));
        assertThat(Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE)).isTrue();
        assertThat(Fixtures.endpoint(fake, "ep").endpointConfigName()).isEqualTo("cfg-v2-large");
        assertThat(Fixtures.invoke(fake, "ep", 3)).containsOnlyKeys("v2");
    }

    @Test
    @DisplayName("exclude retained variant properties, accepts only the three property types")
    void excludeRetainedVariantPropertiesAcceptsOnlyTheThreePropertyTypes() {
        assertThatThrownBy(() -> sm.updateEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg-v2")
                .retainAllVariantProperties(true).excludeRetainedVariantProperties(p -> p.variantPropertyType("Weight"))))
                .hasMessageStartingWith("1 validation error detected: Value 'Weight' at"
                        + " 'excludeRetainedVariantProperties.1.member.variantPropertyType' failed to satisfy constraint:"
                        + " Member must satisfy enum value set: " + List.of("DesiredInstanceCount", "DesiredWeight",
                        "DataCaptureConfig"));
    }
}
