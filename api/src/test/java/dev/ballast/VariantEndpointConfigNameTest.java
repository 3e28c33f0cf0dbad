package dev.ballast;

import static dev.ballast.VariantEndpointSeed.CAPTURE_URI;
import static dev.ballast.VariantEndpointSeed.ENDPOINT;
import static dev.ballast.VariantEndpointSeed.KMS_KEY;
import static dev.ballast.VariantEndpointSeed.errors;
import static dev.ballast.VariantEndpointSeed.seed;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.ballast.dsl.VariantEndpointStep;
import dev.ballast.internal.validation.Rules;
import dev.ballast.spec.CaptureMode;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.spec.VariantProperty;

/**
 * The versioned endpoint configuration name of a model endpoint: equal configurations share a
 * name, so an apply that changes nothing creates nothing; any change to what goes into
 * {@code CreateEndpointConfig} gives a new name; what only goes into {@code UpdateEndpoint} (the
 * update policy, retained properties) or into other APIs (auto scaling) does not.
 */
class VariantEndpointConfigNameTest {

    private static final String BASE = seed().endpointConfigName();

    private static VariantEndpointStep v1v2() {
        return Endpoint.serving(VariantEndpointSeed.v1("t"), VariantEndpointSeed.v2("t"));
    }

    private static VariantEndpointSpec seedWith(UnaryOperator<VariantEndpointStep> change) {
        return change.apply(VariantEndpointSeed.endpoint("t")).named(ENDPOINT);
    }

    @Test
    @DisplayName("equal specs get the same name, <endpoint>-<8 hex digits>, whatever their secrets")
    void stableForEqualSpecs() {
        assertThat(seed("one").endpointConfigName()).matches("my-model-endpoint-[0-9a-f]{8}")
                .isEqualTo(seed("two").endpointConfigName())
                .isEqualTo(VariantEndpointSeed.seedSpec().build().endpointConfigName())
                .isEqualTo(BASE);
    }

    @Test
    @DisplayName("tags and VPC ids are order-free, as in SageMaker")
    void orderFree() {
        String ab = v1v2().tag("a", "1").tag("b", "2").vpc(List.of("subnet-1", "subnet-2"), List.of("sg-1", "sg-2")).named(ENDPOINT)
                .endpointConfigName();
        String ba = v1v2().tag("b", "2").tag("a", "1").vpc(List.of("subnet-2", "subnet-1"), List.of("sg-2", "sg-1")).named(ENDPOINT)
                .endpointConfigName();

        assertThat(ba).isEqualTo(ab);
    }

    static Stream<Arguments> configurationChanges() {
        return Stream.of(
                change("a third variant", s -> s.variant(VariantEndpointSeed.variant("model-v3-variant", 1))),
                change("one variant fewer", s -> Endpoint.serving(VariantEndpointSeed.v1("t")).dataCapture(VariantEndpointSeed.capture())),
                change("another model on a variant", s -> Endpoint.serving(VariantEndpointSeed.v1("t"),
                        VariantEndpointSeed.v2("t").model(VariantEndpointSeed.model("my-model-v3", "t"))).dataCapture(VariantEndpointSeed.capture())),
                change("another instance type", s -> Endpoint.serving(VariantEndpointSeed.v1("t"), VariantEndpointSeed.v2("t").on("ml.m5.2xlarge"))
                        .dataCapture(VariantEndpointSeed.capture())),
                change("another instance count", s -> Endpoint.serving(VariantEndpointSeed.v1("t"), VariantEndpointSeed.v2("t").instances(2))
                        .dataCapture(VariantEndpointSeed.capture())),
                change("another weight (0.8/0.2)", s -> Endpoint.serving(VariantEndpointSeed.v1("t").weight(0.8), VariantEndpointSeed.v2("t").weight(0.2))
                        .dataCapture(VariantEndpointSeed.capture())),
                change("a serverless variant", s -> Endpoint.serving(VariantEndpointSeed.v1("t"),
                        Variant.named(VariantEndpointSeed.V2).model(VariantEndpointSeed.model(VariantEndpointSeed.MODEL_V2, "t")).weight(0.1)
                                .serverless(2048, 10)).dataCapture(VariantEndpointSeed.capture())),
                change("a volume size", s -> Endpoint.serving(VariantEndpointSeed.v1("t").volumeSizeGb(50), VariantEndpointSeed.v2("t"))
                        .dataCapture(VariantEndpointSeed.capture())),
                change("a model download timeout", s -> Endpoint.serving(VariantEndpointSeed.v1("t").modelDataDownloadTimeout(Duration.ofMinutes(20)),
                        VariantEndpointSeed.v2("t")).dataCapture(VariantEndpointSeed.capture())),
                change("no data capture", s -> v1v2()),
                change("a sampling of 50%", s -> s.dataCapture(VariantEndpointSeed.capture().sampling(50))),
                change("capturing the input only", s -> s.dataCapture(VariantEndpointSeed.capture().capture(CaptureMode.INPUT))),
                change("another capture bucket", s -> s.dataCapture(DataCapture.to("s3://other-bucket/").sampling(100).kmsKey(KMS_KEY))),
                change("capture without KMS", s -> s.dataCapture(DataCapture.to(CAPTURE_URI).sampling(100))),
                change("capture turned off", s -> s.dataCapture(VariantEndpointSeed.capture().disabled())),
                change("JSON content types", s -> s.dataCapture(VariantEndpointSeed.capture().jsonContentTypes("application/json"))),
                change("a VPC", s -> s.vpc(List.of("subnet-1"), List.of("sg-1"))),
                change("a KMS key for the volumes", s -> s.kmsKey(KMS_KEY)),
                change("a tag", s -> s.tag("team", "ml")));
    }

    private static Arguments change(String description, UnaryOperator<VariantEndpointStep> change) {
        return Arguments.of(Named.of(description, change));
    }

    @ParameterizedTest(name = "{0} is a new configuration")
    @DisplayName("changes with the configuration")
    @MethodSource("configurationChanges")
    void changesWithTheConfiguration(UnaryOperator<VariantEndpointStep> change) {
        assertThat(seedWith(change).endpointConfigName()).startsWith(ENDPOINT + "-").isNotEqualTo(BASE);
    }

    @Test
    @DisplayName("another VPC, another KMS key: each is a new configuration")
    void vpcAndKmsValuesCount() {
        String vpc1 = v1v2().vpc(List.of("subnet-1"), List.of("sg-1")).named(ENDPOINT).endpointConfigName();
        String vpc2 = v1v2().vpc(List.of("subnet-1"), List.of("sg-2")).named(ENDPOINT).endpointConfigName();
        String vpc3 = v1v2().vpc(List.of("subnet-1", "subnet-3"), List.of("sg-1")).named(ENDPOINT).endpointConfigName();
        String kms1 = v1v2().kmsKey("alias/one").named(ENDPOINT).endpointConfigName();
        String kms2 = v1v2().kmsKey("alias/two").named(ENDPOINT).endpointConfigName();

        assertThat(List.of(vpc1, vpc2, vpc3, kms1, kms2)).doesNotHaveDuplicates();
    }

    static Stream<Arguments> updateOnlyChanges() {
        return Stream.of(
                change("a blue/green policy", s -> s.update(BlueGreen.canaryPercent(50).bake(Duration.ofMinutes(10)).rollbackOn(errors()))),
                change("a linear policy", s -> s.update(BlueGreen.linearPercent(50))),
                change("a rolling policy", s -> s.update(RollingUpdate.batch(1).wait(Duration.ofMinutes(2)))),
                change("retained variant properties", s -> s.retainVariantProperties(VariantProperty.DESIRED_WEIGHT)),
                change("reset variant properties", VariantEndpointStep::resetVariantProperties),
                change("a retained deployment config", VariantEndpointStep::retainDeploymentConfig),
                change("an instance limit", s -> s.instanceLimit(InstanceType.ML_M5_XLARGE, 10)));
    }

    @ParameterizedTest(name = "{0} is the same configuration")
    @DisplayName("update policy is not part of the configuration")
    @MethodSource("updateOnlyChanges")
    void updatePolicyIsNotPartOfTheConfiguration(UnaryOperator<VariantEndpointStep> change) {
        assertThat(seedWith(change).endpointConfigName()).isEqualTo(BASE);
    }

    @Test
    @DisplayName("auto scaling is registered with Application Auto Scaling, not in the configuration")
    void autoScalingIsNotPartOfTheConfiguration() {
        String scaled = Endpoint.serving(VariantEndpointSeed.v1("t").autoScaling(AutoScaling.between(1, 4).invocationsPerInstance(70)),
                VariantEndpointSeed.v2("t")).dataCapture(VariantEndpointSeed.capture()).named(ENDPOINT).endpointConfigName();

        assertThat(scaled).isEqualTo(BASE);
    }

    @Test
    @DisplayName("another endpoint name is another configuration name, even for the same content")
    void endpointNameIsPartOfTheName() {
        assertThat(VariantEndpointSeed.endpoint("t").named("my-model-endpoint-b").endpointConfigName())
                .startsWith("my-model-endpoint-b-").isNotEqualTo(BASE);
    }

    @Test
    @DisplayName("a 63-character endpoint name still gives a valid configuration name of at most 63 characters")
    void longEndpointName() {
        String name = "m".repeat(54) + "-" + "x".repeat(8);
        String config = VariantEndpointSeed.endpoint("t").named(name).endpointConfigName();

        assertThat(config).hasSizeLessThanOrEqualTo(63).startsWith("m".repeat(54) + "-").doesNotContain("--");
        assertThat(Rules.endpointName("config", config)).isEmpty();
    }
}
