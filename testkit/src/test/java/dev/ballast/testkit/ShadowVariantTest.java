package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CaptureOption;
import software.amazon.awssdk.services.sagemaker.model.DataCaptureConfig;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/** Shadow variants in the fake: instances of their own, a copy of the sampled share of requests, their own metrics and capture. */
class ShadowVariantTest {

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final SageMakerClient sm = fake.sageMakerClient();

    private static ProductionVariant variant(String name, String model, float weight) {
        return ProductionVariant.builder().variantName(name).modelName(model).instanceType("ml.m5.xlarge")
                .initialInstanceCount(1).initialVariantWeight(weight).build();
    }

    private void shadowEndpoint(FakeSageMaker world, float shadowWeight, DataCaptureConfig capture) {
        shadowEndpoint(world, shadowWeight, capture, ContainerBehavior.always(ContainerResponse.ok("v2")));
    }

    private void shadowEndpoint(FakeSageMaker world, float shadowWeight, DataCaptureConfig capture, ContainerBehavior shadow) {
        Fixtures.model(world, "model-v1", "v1");
        Fixtures.model(world, "model-v2", "v2");
        world.givenContainerFor("model-v2", shadow);
        world.sageMakerClient().createEndpointConfig(b -> b.endpointConfigName("cfg").productionVariants(variant("AllTraffic", "model-v1", 1f))
                .shadowProductionVariants(variant("v2-shadow", "model-v2", shadowWeight)).dataCaptureConfig(capture));
        world.sageMakerClient().createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg"));
        Fixtures.awaitEndpoint(world, "ep", EndpointStatus.IN_SERVICE);
    }

    private double sum(FakeSageMaker world, String metric, String variant) {
        Instant now = world.clock().now();
        return world.cloudWatchClient().getMetricStatistics(b -> b.namespace("AWS/SageMaker").metricName(metric)
                        .startTime(now.minusSeconds(600)).endTime(now.plusSeconds(60)).period(660).statistics(Statistic.SUM)
                        .dimensions(d -> d.name("EndpointName").value("ep"), d -> d.name("VariantName").value(variant)))
                .datapoints().stream().mapToDouble(Datapoint::sum).sum();
    }

    @Test
    @DisplayName("Describe shows the shadow beside production, with its own instances and weight; only production is a production variant")
    void describeShowsTheShadow() {
        shadowEndpoint(fake, 0.5f, null);

        DescribeEndpointResponse e = Fixtures.endpoint(fake, "ep");

        assertThat(e.productionVariants()).extracting(ProductionVariantSummary::variantName).containsExactly("AllTraffic");
        assertThat(e.shadowProductionVariants()).singleElement().satisfies(s -> {
            assertThat(s.variantName()).isEqualTo("v2-shadow");
            assertThat(s.currentInstanceCount()).isEqualTo(1);
            assertThat(s.currentWeight()).isEqualTo(0.5f);
            assertThat(s.deployedImages()).singleElement().satisfies(i -> assertThat(i.specifiedImage()).isEqualTo(Fixtures.IMAGE));
        });
        assertThat(sm.describeEndpointConfig(b -> b.endpointConfigName("cfg")).shadowProductionVariants())
                .extracting(ProductionVariant::variantName).containsExactly("v2-shadow");
        // both variants run an instance of their own
        assertThat(fake.timeline().eventsOf(TimelineEvent.Kind.INSTANCE_COUNT)).extracting(TimelineEvent::detail)
                .contains("variant AllTraffic", "variant v2-shadow");
    }

    @Test
    @DisplayName("production answers every request; the shadow gets exactly the sampled share (0.5 of 10: 5) and reports it under its own name")
    void theShadowGetsTheSampledShare() {
        shadowEndpoint(fake, 0.5f, null);

        assertThat(Fixtures.invoke(fake, "ep", 10)).containsExactly(Map.entry("v1", 10));
        assertThat(fake.runtimeClient().invokeEndpoint(b -> b.endpointName("ep").body(SdkBytes.fromUtf8String("{}")))
                .invokedProductionVariant()).isEqualTo("AllTraffic");

        assertThat(sum(fake, "Invocations", "AllTraffic")).isEqualTo(11.0);
        assertThat(sum(fake, "Invocations", "v2-shadow")).isEqualTo(5.0);
        assertThat(sum(fake, "Invocation5XXErrors", "v2-shadow")).isZero();
        assertThat(sum(fake, "InvocationsPerInstance", "v2-shadow")).isEqualTo(5.0);
    }

    @Test
    @DisplayName("a shadow that fails or is slow changes nothing for callers: its errors and latency show in its metrics only")
    void aFailingShadowIsInvisibleToCallers() {
        shadowEndpoint(fake, 1f, null, ContainerBehavior.always(ContainerResponse.error(500, "boom").withLatency(Duration.ofMillis(900))));

        assertThat(Fixtures.invoke(fake, "ep", 4)).containsExactly(Map.entry("v1", 4));

        assertThat(sum(fake, "Invocation5XXErrors", "v2-shadow")).isEqualTo(4.0);
        assertThat(sum(fake, "Invocation5XXErrors", "AllTraffic")).isZero();
        Instant now = fake.clock().now();
        assertThat(fake.cloudWatchClient().getMetricStatistics(b -> b.namespace("AWS/SageMaker").metricName("ModelLatency")
                        .startTime(now.minusSeconds(600)).endTime(now.plusSeconds(60)).period(660).extendedStatistics("p99")
                        .dimensions(d -> d.name("EndpointName").value("ep"), d -> d.name("VariantName").value("v2-shadow")))
                .datapoints()).singleElement().satisfies(p -> assertThat(p.extendedStatistics().get("p99")).isEqualTo(900_000.0));
    }

    @Test
    @DisplayName("data capture records the shadow's answers under its own variant name")
    void dataCaptureRecordsTheShadow() {
        shadowEndpoint(fake, 1f, DataCaptureConfig.builder().enableCapture(true).initialSamplingPercentage(100)
                .destinationS3Uri("s3://bucket/capture").captureOptions(CaptureOption.builder().captureMode("InputAndOutput").build()).build());

        Fixtures.invoke(fake, "ep", 2);

        assertThat(fake.capturedData("ep")).extracting(CapturedInvocation::variantName)
                .containsExactly("AllTraffic", "v2-shadow", "AllTraffic", "v2-shadow");
        assertThat(fake.capturedData("ep").get(1).output().bodyAsString()).isEqualTo("v2");
    }

    @Test
    @DisplayName("sampling at random (seeded) copies about the share, the same for the same seed")
    void randomSampling() {
        FakeSageMaker a = FakeSageMaker.builder().seed(7).sampleShadowsAtRandom(true).build();
        FakeSageMaker b = FakeSageMaker.builder().seed(7).sampleShadowsAtRandom(true).build();
        shadowEndpoint(a, 0.25f, null);
        shadowEndpoint(b, 0.25f, null);

        Fixtures.invoke(a, "ep", 400);
        Fixtures.invoke(b, "ep", 400);

        assertThat(sum(a, "Invocations", "v2-shadow")).isBetween(70.0, 130.0).isEqualTo(sum(b, "Invocations", "v2-shadow"));
        assertThat(sum(a, "Invocations", "AllTraffic")).isEqualTo(400.0);
    }

    @Test
    @DisplayName("CreateEndpointConfig refuses two production variants with a shadow, two shadows, and a name used twice across the lists")
    void configRulesOfShadows() {
        Fixtures.model(fake, "model-v1", "v1");
        Fixtures.model(fake, "model-v2", "v2");

        assertThatThrownBy(() -> sm.createEndpointConfig(b -> b.endpointConfigName("two").productionVariants(variant("a", "model-v1", 1f),
                variant("b", "model-v1", 1f)).shadowProductionVariants(variant("s", "model-v2", 1f))))
                .isInstanceOf(SageMakerException.class).hasMessageContaining("exactly one production variant and one shadow variant");
        assertThatThrownBy(() -> sm.createEndpointConfig(b -> b.endpointConfigName("shadows").productionVariants(variant("a", "model-v1", 1f))
                .shadowProductionVariants(variant("s", "model-v2", 1f), variant("t", "model-v2", 1f))))
                .isInstanceOf(SageMakerException.class).hasMessageContaining("exactly one production variant and one shadow variant");
        assertThatThrownBy(() -> sm.createEndpointConfig(b -> b.endpointConfigName("dup").productionVariants(variant("a", "model-v1", 1f))
                .shadowProductionVariants(variant("A", "model-v2", 1f))))
                .isInstanceOf(SageMakerException.class).hasMessageContaining("Duplicate variant name A");
        assertThatThrownBy(() -> sm.createEndpointConfig(b -> b.endpointConfigName("nomodel").productionVariants(variant("a", "model-v1", 1f))
                .shadowProductionVariants(variant("s", "model-v9", 1f))))
                .isInstanceOf(SageMakerException.class).hasMessageContaining("model-v9");
    }
}
