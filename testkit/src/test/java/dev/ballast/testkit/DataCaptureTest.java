package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CaptureStatus;
import software.amazon.awssdk.services.sagemaker.model.DataCaptureConfig;
import software.amazon.awssdk.services.sagemaker.model.DataCaptureConfigSummary;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;

/**
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DataCaptureConfig.html">
 * DataCaptureConfig</a> on model endpoints: sampled capture and its summary.
 */
class DataCaptureTest {

    private static final String BUCKET = "s3://capture-bucket/ep";
    private static final String KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd";

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final SageMakerClient sm = fake.sageMakerClient();

    private static DataCaptureConfig capture(int percent, String mode, Consumer<DataCaptureConfig.Builder> more) {
        DataCaptureConfig.Builder b = DataCaptureConfig.builder().initialSamplingPercentage(percent)
                .destinationS3Uri(BUCKET).kmsKeyId(KEY).captureOptions(o -> o.captureMode(mode));
        more.accept(b);
        return b.build();
    }

    private static void endpointWithCapture(FakeSageMaker world, DataCaptureConfig capture) {
        Fixtures.model(world, "model-v1", "{\"answer\":\"v1\"}");
        world.sageMakerClient().createEndpointConfig(b -> b.endpointConfigName("cfg").dataCaptureConfig(capture)
                .productionVariants(ProductionVariant.builder().variantName("AllTraffic").modelName("model-v1")
                        .instanceType("ml.m5.xlarge").initialInstanceCount(1).build()));
        world.sageMakerClient().createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg"));
        Fixtures.awaitEndpoint(world, "ep", EndpointStatus.IN_SERVICE);
    }

    private void invoke(String body) {
        fake.runtimeClient().invokeEndpoint(b -> b.endpointName("ep").contentType("application/json")
                .body(SdkBytes.fromUtf8String(body)));
    }

    @Test
    @DisplayName("everyInvocation: is captured with input output variant time destination and key")
    void everyInvocationIsCapturedWithInputOutputVariantTimeDestinationAndKey() {
        endpointWithCapture(fake, capture(100, "InputAndOutput", b -> { }));
        invoke("{\"prompt\":\"hello\"}");
        fake.clock().advance(java.time.Duration.ofSeconds(5));
        invoke("{\"prompt\":\"again\"}");

        List<CapturedInvocation> captured = fake.capturedData("EP");
        assertThat(captured).hasSize(2);
        CapturedInvocation first = captured.get(0);
        assertThat(first.endpointName()).isEqualTo("ep");
        assertThat(first.variantName()).isEqualTo("AllTraffic");
        assertThat(first.endpointConfigName()).isEqualTo("cfg");
        assertThat(first.destinationS3Uri()).isEqualTo(BUCKET);
        assertThat(first.kmsKeyId()).isEqualTo(KEY);
        assertThat(first.input().bodyAsString()).isEqualTo("{\"prompt\":\"hello\"}");
        assertThat(first.input().contentType()).isEqualTo("application/json");
        assertThat(first.output().bodyAsString()).isEqualTo("{\"answer\":\"v1\"}");
        assertThat(first.output().contentType()).isEqualTo("application/json");
        assertThat(captured.get(1).capturedAt()).isEqualTo(first.capturedAt().plusSeconds(5));
        assertThat(captured.get(1).eventId()).isNotEqualTo(first.eventId()).matches("[0-9a-f-]{36}");
        assertThatThrownBy(() -> captured.add(first)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("toString: shows sizes and content types, never the bodies")
    void toStringShowsSizesAndContentTypesNeverTheBodies() {
        endpointWithCapture(fake, capture(100, "InputAndOutput", b -> { }));
        invoke("{\"token\":\"hf_SECRET_data_capture\"}");
        String rendered = fake.capturedData("ep").get(0).toString();
        assertThat(rendered).doesNotContain("hf_SECRET").contains("bodyBytes=34").contains("application/json")
                .contains(BUCKET);
    }

    @Test
    @DisplayName("captureModes: choose input output or both")
    void captureModesChooseInputOutputOrBoth() {
        endpointWithCapture(fake, capture(100, "Input", b -> { }));
        invoke("{}");
        assertThat(fake.capturedData("ep")).singleElement().satisfies(c -> {
            assertThat(c.hasInput()).isTrue();
            assertThat(c.hasOutput()).isFalse();
            assertThat(c.output()).isNull();
        });

        FakeSageMaker outputOnly = FakeSageMaker.create();
        endpointWithCapture(outputOnly, capture(100, "Output", b -> { }));
        outputOnly.runtimeClient().invokeEndpoint(b -> b.endpointName("ep").body(SdkBytes.fromUtf8String("{}")));
        assertThat(outputOnly.capturedData("ep")).singleElement().satisfies(c -> {
            assertThat(c.hasInput()).isFalse();
            assertThat(c.output().bodyAsString()).isEqualTo("{\"answer\":\"v1\"}");
        });
    }

    @Test
    @DisplayName("sampling: follows initial sampling percentage, and the seed")
    void samplingFollowsInitialSamplingPercentageAndTheSeed() {
        endpointWithCapture(fake, capture(25, "InputAndOutput", b -> { }));
        for (int i = 0; i < 400; i++) {
            invoke("{}");
        }
        int sampled = fake.capturedData("ep").size();
        assertThat(sampled).isBetween(60, 140);

        FakeSageMaker replay = FakeSageMaker.create();
        endpointWithCapture(replay, capture(25, "InputAndOutput", b -> { }));
        for (int i = 0; i < 400; i++) {
            replay.runtimeClient().invokeEndpoint(b -> b.endpointName("ep").contentType("application/json")
                    .body(SdkBytes.fromUtf8String("{}")));
        }
        assertThat(replay.capturedData("ep")).hasSize(sampled);
        assertThat(replay.capturedData("ep").get(0).eventId()).isEqualTo(fake.capturedData("ep").get(0).eventId());
    }

    @Test
    @DisplayName("describeEndpoint: summarises the serving configs capture")
    void describeEndpointSummarisesTheServingConfigsCapture() {
        endpointWithCapture(fake, capture(40, "Input", b -> { }));
        assertThat(Fixtures.endpoint(fake, "ep").dataCaptureConfig()).isEqualTo(DataCaptureConfigSummary.builder()
                .enableCapture(true).captureStatus(CaptureStatus.STARTED).currentSamplingPercentage(40)
                .destinationS3Uri(BUCKET).kmsKeyId(KEY).build());

        FakeSageMaker off = FakeSageMaker.create();
        endpointWithCapture(off, capture(100, "Input", b -> b.enableCapture(false)));
        assertThat(Fixtures.endpoint(off, "ep").dataCaptureConfig().captureStatus()).isEqualTo(CaptureStatus.STOPPED);
        assertThat(Fixtures.endpoint(off, "ep").dataCaptureConfig().enableCapture()).isFalse();
        off.runtimeClient().invokeEndpoint(b -> b.endpointName("ep").body(SdkBytes.fromUtf8String("{}")));
        assertThat(off.capturedData("ep")).isEmpty();
    }

    @Test
    @DisplayName("failedInvocations: and endpoints without capture, record nothing")
    void failedInvocationsAndEndpointsWithoutCaptureRecordNothing() {
        // a copy picks its behaviour when it starts: script the failure before the endpoint comes up
        Fixtures.model(fake, "model-v1", "v1");
        fake.givenContainerFor("model-v1", ContainerBehavior.always(ContainerResponse.error(500, "boom")));
        sm.createEndpointConfig(b -> b.endpointConfigName("cfg").dataCaptureConfig(capture(100, "InputAndOutput",
                c -> { })).productionVariants(ProductionVariant.builder().variantName("AllTraffic")
                .modelName("model-v1").instanceType("ml.m5.xlarge").initialInstanceCount(1).build()));
        sm.createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg"));
        Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE);
        assertThat(Fixtures.invoke(fake, "ep", 3)).containsOnlyKeys("error");
        assertThat(fake.capturedData("ep")).isEmpty();
        assertThat(fake.capturedData("no-such-endpoint")).isEmpty();
    }

    @Test
    @DisplayName("invalidCaptureConfigs: fail as model constraints")
    void invalidCaptureConfigsFailAsModelConstraints() {
        Fixtures.model(fake, "model-v1", "v1");
        assertThatThrownBy(() -> sm.createEndpointConfig(b -> b.endpointConfigName("cfg")
                .dataCaptureConfig(capture(101, "Both", c -> c.destinationS3Uri("ftp://x")))
                .productionVariants(ProductionVariant.builder().variantName("AllTraffic").modelName("model-v1")
                        .instanceType("ml.m5.xlarge").initialInstanceCount(1).build())))
                .hasMessageStartingWith("3 validation errors detected: ")
                .hasMessageContaining("Value '101' at 'dataCaptureConfig.initialSamplingPercentage' failed to satisfy"
                        + " constraint: Member must have value less than or equal to 100")
                .hasMessageContaining("Value 'ftp://x' at 'dataCaptureConfig.destinationS3Uri' failed to satisfy"
                        + " constraint: Member must satisfy regular expression pattern: ^(https|s3)://([^/])/?(.*)$")
                .hasMessageContaining("Value 'Both' at 'dataCaptureConfig.captureOptions.1.member.captureMode' failed"
                        + " to satisfy constraint: Member must satisfy enum value set: [Input, Output, InputAndOutput]");
    }
}
