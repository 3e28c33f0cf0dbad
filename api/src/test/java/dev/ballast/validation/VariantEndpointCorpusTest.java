package dev.ballast.validation;

import static dev.ballast.VariantEndpointSeed.CANARY;
import static dev.ballast.VariantEndpointSeed.CAPTURE_URI;
import static dev.ballast.VariantEndpointSeed.ENDPOINT;
import static dev.ballast.VariantEndpointSeed.IMAGE;
import static dev.ballast.VariantEndpointSeed.MODEL_V1;
import static dev.ballast.VariantEndpointSeed.ROLE;
import static dev.ballast.VariantEndpointSeed.V1;
import static dev.ballast.VariantEndpointSeed.V2;
import static dev.ballast.VariantEndpointSeed.errors;
import static dev.ballast.VariantEndpointSeed.seedSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.ballast.Alarm;
import dev.ballast.AutoScaling;
import dev.ballast.BlueGreen;
import dev.ballast.Component;
import dev.ballast.DataCapture;
import dev.ballast.Endpoint;
import dev.ballast.InstanceType;
import dev.ballast.Model;
import dev.ballast.VariantEndpointSeed;
import dev.ballast.RollingUpdate;
import dev.ballast.Secret;
import dev.ballast.Variant;
import dev.ballast.dsl.VariantEndpointStep;
import dev.ballast.error.SpecValidationException;
import dev.ballast.error.Violation;
import dev.ballast.spec.AlarmSpec;
import dev.ballast.spec.AutoScalingSpec;
import dev.ballast.spec.BlueGreenSpec;
import dev.ballast.spec.Capacity;
import dev.ballast.spec.CaptureMode;
import dev.ballast.spec.DataCaptureSpec;
import dev.ballast.spec.InstanceScaling;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.spec.ModelSpec;
import dev.ballast.spec.RollingUpdateSpec;
import dev.ballast.spec.ScalingMetric;
import dev.ballast.spec.Serverless;
import dev.ballast.spec.TrafficRouting;
import dev.ballast.spec.VariantProperty;
import dev.ballast.spec.VariantSpec;
import dev.ballast.spec.Vpc;

/**
 * The invalid-spec corpus of endpoints of model-based production variants: each case takes the second seed's
 * valid A/B endpoint ({@link VariantEndpointSeed}: my-model-v1 at 0.9 and my-model-v2 at 0.1 on one
 * ml.m5.xlarge each, data capture to S3 with KMS), breaks one rule of the SageMaker API
 * (<a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateModel.html">CreateModel</a>,
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpointConfig.html">
 * CreateEndpointConfig</a>,
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateEndpoint.html">
 * UpdateEndpoint</a>,
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateEndpointWeightsAndCapacities.html">
 * UpdateEndpointWeightsAndCapacities</a>,
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails.html">deployment
 * guardrails</a> and <a href="https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling.html">auto
 * scaling</a>) or one of Ballast's cross-field rules, and checks that Ballast rejects it before anything is
 * sent, with the path of the mistake, the value, the rule it breaks and a fix, and without ever showing the
 * models' secret.
 *
 * <p>A case whose lambda stops at a single DSL call ({@code weight(-1)}) asserts that the mistake
 * fails at that call; the others end with {@code named(..)} or {@code build()}, where the whole spec
 * is validated.
 */
class VariantEndpointCorpusTest {

    /** The value of a violation is not checked. */
    private static final String ANY = "<any>";
    /** The violation is of a missing value: its value is null. */
    private static final String MISSING = "<missing>";

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final InstanceType M5 = InstanceType.ML_M5_XLARGE;
    private static final String V1_ALARM = "update.rollbackAlarms[my-model-endpoint-model-v1-variant-invocation5xxerrors]";

    /** One invalid spec and what its rejection must say. */
    record Invalid(ThrowingCallable build, String path, String value, String rule, String fix) {
    }

    private static Arguments invalid(String description, ThrowingCallable build, String path, String value, String rule, String fix) {
        return Arguments.of(Named.of(description, new Invalid(build, path, value, rule, fix)));
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("rejects invalid spec")
    @MethodSource({"endpointCases", "variantCases", "modelCases", "serverlessCases", "autoScalingCases", "dataCaptureCases",
            "blueGreenCases", "rollingCases", "alarmCases", "retainAndLimitCases"})
    void rejectsInvalidSpec(Invalid c) {
        SpecValidationException e = rejection(c.build());

        assertThat(e.violations())
                .as("violations of the spec, expected one at %s", c.path())
                .anySatisfy(v -> {
                    assertThat(v.path()).isEqualTo(c.path());
                    if (MISSING.equals(c.value())) {
                        assertThat(v.value()).isNull();
                    } else if (!ANY.equals(c.value())) {
                        assertThat(v.value()).isEqualTo(c.value());
                    }
                    assertThat(v.rule()).contains(c.rule());
                    assertThat(v.fix()).isNotBlank().contains(c.fix());
                });
        assertThat(e.getMessage()).contains(c.path()).contains("nothing was sent to AWS");
        assertThat(e.code()).isEqualTo(SpecValidationException.CODE);
        assertNoSecret(e);
    }

    static SpecValidationException rejection(ThrowingCallable build) {
        Throwable thrown = catchThrowable(build);
        assertThat(thrown).as("the spec must be rejected with a SpecValidationException").isInstanceOf(SpecValidationException.class);
        return (SpecValidationException) thrown;
    }

    static void assertNoSecret(SpecValidationException e) {
        assertThat(e.getMessage()).doesNotContain(CANARY);
        assertThat(e.toString()).doesNotContain(CANARY);
        assertThat(e.violations()).allSatisfy(v -> assertThat(v.toString()).doesNotContain(CANARY));
    }

    // ---------------------------------------------------------------- fixtures

    private static Variant v1() {
        return VariantEndpointSeed.v1(CANARY);
    }

    private static Variant v2() {
        return VariantEndpointSeed.v2(CANARY);
    }

    private static Model model(String name) {
        return VariantEndpointSeed.model(name, CANARY);
    }

    /** The seed with one more call before {@code named(..)}. */
    private static VariantEndpointSpec seedWith(UnaryOperator<VariantEndpointStep> change) {
        return change.apply(VariantEndpointSeed.endpoint(CANARY)).named(ENDPOINT);
    }

    /** An endpoint of these variants, named like the seed, without data capture. */
    private static VariantEndpointStep serving(Variant first, Variant... more) {
        return Endpoint.serving(first, more);
    }

    /** The seed's two variants, each on {@code n} instances. */
    private static VariantEndpointStep fleet(int n) {
        return serving(v1().instances(n), v2().instances(n));
    }

    /** The seed with this variant instead of model-v1-variant, built without the fluent chain. */
    private static VariantEndpointSpec withV1(UnaryOperator<VariantSpec.Builder> change) {
        return seedSpec().variants(List.of(change.apply(VariantEndpointSeed.v1Spec()).build(), v2().spec())).build();
    }

    /** The seed with this data capture, built without the fluent chain. */
    private static VariantEndpointSpec withCapture(UnaryOperator<DataCaptureSpec.Builder> change) {
        DataCaptureSpec.Builder b = DataCaptureSpec.builder();
        b.from(VariantEndpointSeed.capture().spec());
        return seedSpec().dataCapture(change.apply(b).build()).build();
    }

    /** The seed with this blue/green policy, built without the fluent chain. */
    private static VariantEndpointSpec withBlueGreen(BlueGreenSpec policy) {
        return seedSpec().blueGreen(policy).build();
    }

    private static BlueGreenSpec.Builder blueGreenSpec(TrafficRouting routing) {
        return BlueGreenSpec.builder().routing(routing);
    }

    private static RollingUpdateSpec.Builder rollingSpec() {
        return RollingUpdateSpec.builder().batch(Capacity.count(1)).waitInterval(MINUTE);
    }

    private static AutoScalingSpec.Builder scalingSpec() {
        return AutoScalingSpec.builder().min(1).max(4).metric(ScalingMetric.INVOCATIONS_PER_INSTANCE).targetValue(70.0);
    }

    private static Alarm[] customAlarms(int n) {
        return IntStream.range(0, n).mapToObj(i -> Alarm.metric("CustomMetric" + i).above(i)).toArray(Alarm[]::new);
    }

    private static Variant[] variants(int n) {
        return IntStream.range(0, n).mapToObj(i -> VariantEndpointSeed.variant("variant-" + i, 1)).toArray(Variant[]::new);
    }

    private static String[] contentTypes(int n) {
        return IntStream.range(0, n).mapToObj(i -> "application/x-type" + i).toArray(String[]::new);
    }

    // ---------------------------------------------------------------- endpoint

    static Stream<Arguments> endpointCases() {
        return Stream.of(
                invalid("no variants (builder)",
                        () -> VariantEndpointSpec.builder().name(ENDPOINT).build(),
                        "variants", "none", "must have at least one production variant", "Endpoint.serving("),
                invalid("11 variants",
                        () -> serving(v1(), variants(10)).named(ENDPOINT),
                        "variants", "11 variants", "must be at most 10 per endpoint configuration", "drop 1 variant"),
                invalid("12 variants",
                        () -> serving(v1(), variants(11)).named(ENDPOINT),
                        "variants", "12 variants", "must be at most 10 per endpoint configuration", "drop 2 variants"),
                invalid("endpoint name with underscores",
                        () -> VariantEndpointSeed.endpoint(CANARY).named("my_model_endpoint"),
                        "name", "\"my_model_endpoint\"", "must be 1-63 letters, digits and hyphens", "my-model-endpoint"),
                invalid("endpoint name missing (builder)",
                        () -> VariantEndpointSpec.builder().addVariant(v1().spec()).build(),
                        "name", MISSING, "is required", "my-name"),
                invalid("both policies set (builder)",
                        () -> seedSpec().blueGreen(BlueGreen.allAtOnce().spec()).rollingUpdate(rollingSpec().build()).build(),
                        "update", "blue/green and rolling", "must be one policy", "keep one update(..)"),
                invalid("KMS key with a space fails at kmsKey(..)",
                        () -> VariantEndpointSeed.endpoint(CANARY).kmsKey("alias/my key"),
                        "kmsKey", "\"alias/my key\"", "must be a KMS key id, alias or ARN", "arn:aws:kms"),
                invalid("KMS key with a space (builder)",
                        () -> seedSpec().kmsKeyId("alias/my key").build(),
                        "kmsKey", "\"alias/my key\"", "must be a KMS key id, alias or ARN", "arn:aws:kms"),
                invalid("VPC without subnets fails at vpc(..)",
                        () -> VariantEndpointSeed.endpoint(CANARY).vpc(List.of(), List.of("sg-0abc")),
                        "vpc.subnets", "0 subnets", "must list 1 to 16 subnets", "between 1 and 16"),
                invalid("VPC with 6 security groups (builder)",
                        () -> seedSpec().vpc(Vpc.of(List.of("subnet-1"), List.of("sg-1", "sg-2", "sg-3", "sg-4", "sg-5", "sg-6"))).build(),
                        "vpc.securityGroupIds", "6 security groups", "must list 1 to 5 security groups", "between 1 and 5"),
                invalid("tag reserved by AWS",
                        () -> seedSpec().putTag("aws:team", "ml").build(),
                        "tags[aws:team].key", "\"aws:team\"", "must not start with aws:", "rename the tag"),
                invalid("51 tags",
                        () -> seedSpec().tags(IntStream.range(0, 51).boxed()
                                .collect(java.util.stream.Collectors.toMap(i -> "tag" + i, i -> "value"))).build(),
                        "tags", "51 tags", "must be at most 50", "drop 1 tag"));
    }

    // ---------------------------------------------------------------- variants

    static Stream<Arguments> variantCases() {
        return Stream.of(
                invalid("variant name with an underscore fails at Variant.named(..)",
                        () -> Variant.named("model_v1_variant"),
                        "variant.name", "\"model_v1_variant\"", "must be 1-63 letters, digits and hyphens", "model-v1-variant"),
                invalid("variant name with an underscore (builder)",
                        () -> withV1(b -> b.name("model_v1_variant")),
                        "variant[model_v1_variant].name", "\"model_v1_variant\"", "must be 1-63 letters, digits and hyphens", "model-v1-variant"),
                invalid("variant without a name (builder)",
                        () -> withV1(b -> VariantSpec.builder().model(v1().spec().model().orElseThrow()).instanceType(M5)),
                        "variant[0].name", MISSING, "is required", "Variant.named("),
                invalid("two variants of one name",
                        () -> serving(v1(), v1().model(model("my-model-v3"))).named(ENDPOINT),
                        "variant[model-v1-variant].name", "\"model-v1-variant\"",
                        "must be unique on the endpoint ('model-v1-variant' is already there)", "rename one of the variants"),
                invalid("two variants whose names differ only in case (their alarm names would collide)",
                        () -> serving(v1(), Variant.named("Model-V1-Variant").model(model("my-model-v3")).on(M5)).named(ENDPOINT),
                        "variant[Model-V1-Variant].name", "\"Model-V1-Variant\"",
                        "must be unique on the endpoint ('model-v1-variant' is already there)", "rename one of the variants"),
                invalid("variant without a model",
                        () -> serving(Variant.named(V1).on(M5).weight(0.9), v2()).named(ENDPOINT),
                        "variant[model-v1-variant].model", MISSING, "is required", "model(Model.named("),
                invalid("negative weight fails at weight(..)",
                        () -> v1().weight(-0.1),
                        "variant[model-v1-variant].weight", "-0.1", "must be a finite number of 0 or more", "weight(0.9)"),
                invalid("NaN weight fails at weight(..)",
                        () -> v1().weight(Double.NaN),
                        "variant[model-v1-variant].weight", "NaN", "must be a finite number of 0 or more", "weight(0.9)"),
                invalid("infinite weight fails at weight(..)",
                        () -> v1().weight(Double.POSITIVE_INFINITY),
                        "variant[model-v1-variant].weight", "Infinity", "must be a finite number of 0 or more", "weight(0.9)"),
                invalid("negative weight (builder)",
                        () -> withV1(b -> b.initialWeight(-1)),
                        "variant[model-v1-variant].weight", "-1.0", "must be a finite number of 0 or more", "weight(0.9)"),
                invalid("NaN weight (builder)",
                        () -> withV1(b -> b.initialWeight(Double.NaN)),
                        "variant[model-v1-variant].weight", "NaN", "must be a finite number of 0 or more", "weight(0.9)"),
                invalid("all weights 0",
                        () -> serving(v1().weight(0), v2().weight(0)).named(ENDPOINT),
                        "variants.weight", "all 0", "must not all be 0: the traffic share of a variant is its weight over the sum of weights",
                        "weight(1)"),
                invalid("the only variant at weight 0",
                        () -> serving(v1().weight(0)).named(ENDPOINT),
                        "variants.weight", "all 0", "must not all be 0", "weight(1)"),
                invalid("no instance type and not serverless",
                        () -> serving(Variant.named(V1).model(model(MODEL_V1)).weight(0.9), v2()).named(ENDPOINT),
                        "variant[model-v1-variant].instanceType", MISSING, "is required (or make the variant serverless)", "on(\"ml.m5.xlarge\")"),
                invalid("malformed instance type fails at on(..)",
                        () -> v1().on("m5.xlarge"),
                        "instanceType", "m5.xlarge", "must have the form ml.<family>.<size>", "ml.m5.xlarge"),
                invalid("instances(0) fails at the call",
                        () -> v1().instances(0),
                        "variant[model-v1-variant].instances", "0", "must be at least 1", "instances(1)"),
                invalid("instances 0 (builder)",
                        () -> withV1(b -> b.initialInstanceCount(0)),
                        "variant[model-v1-variant].instances", "0", "must be at least 1", "instances(1)"),
                invalid("volume of 0 GB",
                        () -> serving(v1().volumeSizeGb(0), v2()).named(ENDPOINT),
                        "variant[model-v1-variant].volumeSizeGb", "0", "must be between 1 and 512 GB", "volumeSizeGb(1)"),
                invalid("volume of 513 GB",
                        () -> serving(v1().volumeSizeGb(513), v2()).named(ENDPOINT),
                        "variant[model-v1-variant].volumeSizeGb", "513", "must be between 1 and 512 GB", "volumeSizeGb(512)"),
                invalid("model download timeout of 59 s fails at the call",
                        () -> v1().modelDataDownloadTimeout(Duration.ofSeconds(59)),
                        "variant[model-v1-variant].modelDataDownloadTimeout", "59 s", "must be between 60 and 3600 s", "Duration.ofSeconds(60)"),
                invalid("health-check timeout of 3601 s fails at the call",
                        () -> v1().containerStartupHealthCheckTimeout(Duration.ofSeconds(3601)),
                        "variant[model-v1-variant].containerStartupHealthCheckTimeout", "3601 s", "must be between 60 and 3600 s",
                        "Duration.ofSeconds(3600)"),
                invalid("health-check timeout of 3601 s (builder)",
                        () -> withV1(b -> b.containerStartupHealthCheckTimeout(Duration.ofSeconds(3601))),
                        "variant[model-v1-variant].containerStartupHealthCheckTimeout", "3601 s", "must be between 60 and 3600 s",
                        "Duration.ofSeconds(3600)"),
                invalid("managed instance scaling on a model-based variant",
                        () -> withV1(b -> b.managedScaling(new InstanceScaling(0, 4))),
                        "variant[model-v1-variant].managedScaling", "0..4",
                        "is accepted only on endpoints that host inference components", "autoScaling(AutoScaling.between(1, 4)"));
    }

    // ---------------------------------------------------------------- models

    static Stream<Arguments> modelCases() {
        return Stream.of(
                invalid("model name with an underscore fails at Model.named(..)",
                        () -> Model.named("my_model_v1"),
                        "model.name", "\"my_model_v1\"", "must be 1-63 letters, digits and hyphens", "my-model-v1"),
                invalid("model without an image",
                        () -> serving(Variant.named(V1).model(Model.named(MODEL_V1).executionRole(ROLE)).on(M5), v2()).named(ENDPOINT),
                        "model[my-model-v1].image", MISSING, "is required", "image("),
                invalid("model without an execution role",
                        () -> serving(Variant.named(V1).model(Model.named(MODEL_V1).image(IMAGE)).on(M5), v2()).named(ENDPOINT),
                        "model[my-model-v1].executionRole", MISSING, "is required: SageMaker assumes it to pull the image and the model data",
                        "executionRole("),
                invalid("execution role of a 5-digit account fails at the call",
                        () -> model(MODEL_V1).executionRole("arn:aws:iam::12345:role/SageMakerRole"),
                        "model[my-model-v1].executionRole", "\"arn:aws:iam::12345:role/SageMakerRole\"", "must be an IAM role ARN", "arn:aws:iam::"),
                invalid("execution role that is a user (builder)",
                        () -> serving(Variant.named(V1).model(Model.from(ModelSpec.builder().from(model(MODEL_V1).spec())
                                .executionRoleArn("arn:aws:iam::123456789012:user/alice").build())).on(M5), v2()).named(ENDPOINT),
                        "model[my-model-v1].executionRole", "\"arn:aws:iam::123456789012:user/alice\"", "must be an IAM role ARN", "arn:aws:iam::"),
                invalid("image with a space fails at the call",
                        () -> Model.named(MODEL_V1).image(IMAGE + " latest"),
                        "model[my-model-v1].image", ANY, "must not contain whitespace", "without spaces"),
                invalid("model data over http fails at the call",
                        () -> Model.named(MODEL_V1).modelData("http://my-bucket/model.tar.gz"),
                        "model[my-model-v1].modelData", "\"http://my-bucket/model.tar.gz\"", "must be an s3:// or https:// URL", "s3://"),
                invalid("environment key with a hyphen fails at the call",
                        () -> Model.named(MODEL_V1).env("API-URL", "https://example.com"),
                        "model[my-model-v1].env[API-URL].key", "\"API-URL\"", "must start with a letter or _", "API_URL"),
                invalid("secret environment key with a hyphen fails at the call",
                        () -> Model.named(MODEL_V1).secretEnv("API-TOKEN", CANARY),
                        "model[my-model-v1].env[API-TOKEN].key", "\"API-TOKEN\"", "must start with a letter or _", "API_TOKEN"),
                invalid("secret of 1025 characters fails at the call, masked",
                        () -> Model.named(MODEL_V1).secretEnv("API_TOKEN", CANARY + "x".repeat(1025 - CANARY.length())),
                        "model[my-model-v1].env[API_TOKEN]", Secret.MASK, "must be at most 1024 characters (is 1025)", "shorten"),
                invalid("a variable both plain and secret, masked",
                        () -> serving(Variant.named(V1).model(model(MODEL_V1).env("API_TOKEN", "plain")).on(M5), v2()).named(ENDPOINT),
                        "model[my-model-v1].env[API_TOKEN]", Secret.MASK, "is set both as a plain and as a secret value", "secretEnv(\"API_TOKEN\""),
                invalid("101 environment variables",
                        () -> serving(Variant.named(V1).model(Model.from(ModelSpec.builder().from(model(MODEL_V1).spec())
                                .environment(IntStream.range(0, 100).boxed().collect(java.util.stream.Collectors.toMap(i -> "VAR_" + i, i -> "v")))
                                .build())).on(M5), v2()).named(ENDPOINT),
                        "model[my-model-v1].env", "101 variables", "must have at most 100 variables", "drop 1 variable"),
                invalid("model VPC without subnets (builder)",
                        () -> serving(Variant.named(V1).model(Model.from(ModelSpec.builder().from(model(MODEL_V1).spec())
                                .vpc(Vpc.of(List.of(), List.of("sg-1"))).build())).on(M5), v2()).named(ENDPOINT),
                        "model[my-model-v1].vpc.subnets", "0 subnets", "must list 1 to 16 subnets", "between 1 and 16"),
                invalid("one model name, two definitions",
                        () -> serving(v1(), v2().model(model(MODEL_V1).env("LOG_LEVEL", "debug"))).named(ENDPOINT),
                        "model[my-model-v1]", "\"my-model-v1\"", "is defined twice, differently: models are immutable and one name is one model",
                        "my-model-v1-2"));
    }

    // ---------------------------------------------------------------- serverless

    private static Variant serverlessV2(int memoryMb, int maxConcurrency) {
        return Variant.named(V2).model(model("my-model-v2")).weight(0.1).serverless(memoryMb, maxConcurrency);
    }

    static Stream<Arguments> serverlessCases() {
        return Stream.of(
                invalid("serverless with an instance type",
                        () -> serving(v1(), serverlessV2(2048, 20).on(M5)).named(ENDPOINT),
                        "variant[model-v2-variant].instanceType", "ml.m5.xlarge", "must not be set on a serverless variant",
                        "drop on(..) and instances(..)"),
                invalid("serverless with an instance count",
                        () -> serving(v1(), serverlessV2(2048, 20).instances(2)).named(ENDPOINT),
                        "variant[model-v2-variant].instanceType", "instances(2)", "must not be set on a serverless variant",
                        "drop on(..) and instances(..)"),
                invalid("serverless memory below 1024 MiB",
                        () -> serving(v1(), serverlessV2(512, 20)).named(ENDPOINT),
                        "variant[model-v2-variant].serverless.memoryMb", "512", "must be 1024, 2048, 3072, 4096, 5120 or 6144 MiB",
                        "serverless(1024, 20)"),
                invalid("serverless memory above 6144 MiB",
                        () -> serving(v1(), serverlessV2(8192, 20)).named(ENDPOINT),
                        "variant[model-v2-variant].serverless.memoryMb", "8192", "must be 1024, 2048, 3072, 4096, 5120 or 6144 MiB",
                        "serverless(6144, 20)"),
                invalid("serverless memory not in GB steps",
                        () -> serving(v1(), serverlessV2(3000, 20)).named(ENDPOINT),
                        "variant[model-v2-variant].serverless.memoryMb", "3000", "must be 1024, 2048, 3072, 4096, 5120 or 6144 MiB",
                        "serverless(3072, 20)"),
                invalid("serverless concurrency 0",
                        () -> serving(v1(), serverlessV2(2048, 0)).named(ENDPOINT),
                        "variant[model-v2-variant].serverless.maxConcurrency", "0", "must be between 1 and 200", "serverless(2048, 1)"),
                invalid("serverless concurrency 201",
                        () -> serving(v1(), serverlessV2(2048, 201)).named(ENDPOINT),
                        "variant[model-v2-variant].serverless.maxConcurrency", "201", "must be between 1 and 200", "serverless(2048, 200)"),
                invalid("provisioned concurrency 0",
                        () -> serving(v1(), serverlessV2(2048, 20).provisionedConcurrency(0)).named(ENDPOINT),
                        "variant[model-v2-variant].serverless.provisionedConcurrency", "0",
                        "must be between 1 and the maximum concurrency of 20", "provisionedConcurrency(1)"),
                invalid("provisioned concurrency above the maximum concurrency",
                        () -> serving(v1(), serverlessV2(2048, 20).provisionedConcurrency(21)).named(ENDPOINT),
                        "variant[model-v2-variant].serverless.provisionedConcurrency", "21",
                        "must be between 1 and the maximum concurrency of 20", "provisionedConcurrency(20)"),
                invalid("provisioned concurrency above 200 (builder)",
                        () -> withV1(b -> VariantSpec.builder().name(V1).model(model(MODEL_V1).spec())
                                .serverless(new Serverless(2048, 200, java.util.Optional.of(201)))),
                        "variant[model-v1-variant].serverless.provisionedConcurrency", "201",
                        "must be between 1 and the maximum concurrency of 200", "provisionedConcurrency(200)"),
                invalid("provisioned concurrency on an instance-based variant fails at the call",
                        () -> v1().provisionedConcurrency(5),
                        "variant[model-v1-variant].provisionedConcurrency", "5", "applies only to a serverless variant",
                        "serverless(memoryMb, maxConcurrency)"),
                invalid("serverless with a volume size",
                        () -> serving(v1(), serverlessV2(2048, 20).volumeSizeGb(30)).named(ENDPOINT),
                        "variant[model-v2-variant].volumeSizeGb", "30", "must not be set on a serverless variant", "drop volumeSizeGb(..)"),
                // https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints-autoscale.html
                invalid("serverless auto scaling without provisioned concurrency",
                        () -> serving(v1(), serverlessV2(2048, 20).autoScaling(AutoScaling.between(1, 4).provisionedConcurrencyUtilization(0.5))).named(ENDPOINT),
                        "variant[model-v2-variant].autoScaling", ANY, "scales a serverless variant's provisioned concurrency, and this variant has none",
                        "provisionedConcurrency(1)"),
                invalid("serverless auto scaling on an instance metric",
                        () -> serving(v1(), serverlessV2(2048, 20).provisionedConcurrency(2)
                                .autoScaling(AutoScaling.between(1, 4).invocationsPerInstance(70))).named(ENDPOINT),
                        "variant[model-v2-variant].autoScaling.metric", "INVOCATIONS_PER_INSTANCE",
                        "does not apply to a serverless variant, which scales its provisioned concurrency", "provisionedConcurrencyUtilization(..)"),
                invalid("serverless auto scaling above the maximum concurrency",
                        () -> serving(v1(), serverlessV2(2048, 20).provisionedConcurrency(2)
                                .autoScaling(AutoScaling.between(1, 30).provisionedConcurrencyUtilization(0.5))).named(ENDPOINT),
                        "variant[model-v2-variant].autoScaling.max", "30", "must not exceed the variant's maximum concurrency of 20",
                        "AutoScaling.between(1, 20)"),
                invalid("serverless auto scaling to a utilization above 1",
                        () -> serving(v1(), serverlessV2(2048, 20).provisionedConcurrency(2)
                                .autoScaling(AutoScaling.between(1, 8).provisionedConcurrencyUtilization(70))).named(ENDPOINT),
                        "variant[model-v2-variant].autoScaling.targetValue", "70.0", "must be at most 1", "provisionedConcurrencyUtilization(0.5)"),
                invalid("serverless auto scaling whose bounds leave out the starting provisioned concurrency",
                        () -> serving(v1(), serverlessV2(2048, 20).provisionedConcurrency(2)
                                .autoScaling(AutoScaling.between(4, 8).provisionedConcurrencyUtilization(0.5))).named(ENDPOINT),
                        "variant[model-v2-variant].autoScaling", "4..8", "must include the provisioned concurrency of 2",
                        "provisionedConcurrency(4)"),
                invalid("provisioned concurrency utilization on a variant on instances",
                        () -> serving(v1().autoScaling(AutoScaling.between(1, 4).provisionedConcurrencyUtilization(0.5)), v2()).named(ENDPOINT),
                        "variant[model-v1-variant].autoScaling.metric", "PROVISIONED_CONCURRENCY_UTILIZATION",
                        "belongs to serverless variants with provisioned concurrency", "invocationsPerInstance(..)"));
    }

    // ---------------------------------------------------------------- auto scaling
    // https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling.html

    private static VariantEndpointSpec scaledV1(AutoScaling scaling) {
        return serving(v1().autoScaling(scaling), v2()).named(ENDPOINT);
    }

    static Stream<Arguments> autoScalingCases() {
        return Stream.of(
                invalid("variant scaled to a minimum of 0 instances",
                        () -> scaledV1(AutoScaling.between(0, 4).invocationsPerInstance(70)),
                        "variant[model-v1-variant].autoScaling.min", "0", "must be at least 1", "AutoScaling.between(1, 4)"),
                invalid("variant tracking a component metric",
                        () -> scaledV1(AutoScaling.between(1, 4).invocationsPerCopy(10)),
                        "variant[model-v1-variant].autoScaling.metric", "INVOCATIONS_PER_COPY",
                        "belongs to inference components, not to endpoint variants", "invocationsPerInstance(..)"),
                invalid("variant tracking concurrent requests per copy",
                        () -> scaledV1(AutoScaling.between(1, 4).concurrentRequestsPerCopy(5)),
                        "variant[model-v1-variant].autoScaling.metric", "CONCURRENT_REQUESTS_PER_COPY",
                        "belongs to inference components, not to endpoint variants", "concurrentRequestsPerModel(..)"),
                invalid("component tracking a variant metric",
                        () -> Endpoint.on("ml.g5.2xlarge").scale(1, 4).executionRole(ROLE)
                                .component(Component.named("llm").image(IMAGE).accelerators(1).memoryMb(1024).copies(2)
                                        .autoScaling(AutoScaling.between(0, 4).invocationsPerInstance(70)))
                                .named("rolling-demo"),
                        "component[llm].autoScaling.metric", "INVOCATIONS_PER_INSTANCE",
                        "belongs to endpoint variants, not to inference components", "invocationsPerCopy(..)"),
                invalid("target of 0 fails at the call",
                        () -> AutoScaling.between(1, 4).invocationsPerInstance(0),
                        "autoScaling.targetValue", "0.0", "must be a finite number above 0", "70"),
                invalid("negative target fails at the call",
                        () -> AutoScaling.between(1, 4).invocationsPerInstance(-5),
                        "autoScaling.targetValue", "-5.0", "must be a finite number above 0", "70"),
                invalid("target of 0 (builder)",
                        () -> scaledV1(AutoScaling.from(scalingSpec().targetValue(0.0).build())),
                        "variant[model-v1-variant].autoScaling.targetValue", "0.0", "must be a finite number above 0", "70"),
                invalid("NaN target (builder)",
                        () -> scaledV1(AutoScaling.from(scalingSpec().targetValue(Double.NaN).build())),
                        "variant[model-v1-variant].autoScaling.targetValue", "NaN", "must be a finite number above 0", "70"),
                invalid("no metric and no target",
                        () -> scaledV1(AutoScaling.between(1, 4)),
                        "variant[model-v1-variant].autoScaling.metric", MISSING, "is required", "invocationsPerInstance(70)"),
                invalid("no target (builder)",
                        () -> scaledV1(AutoScaling.from(AutoScalingSpec.builder().min(1).max(4).metric(ScalingMetric.INVOCATIONS_PER_INSTANCE).build())),
                        "variant[model-v1-variant].autoScaling.targetValue", MISSING, "is required", "invocationsPerInstance(70)"),
                invalid("5 instances outside 1..4",
                        () -> serving(v1().instances(5).autoScaling(AutoScaling.between(1, 4).invocationsPerInstance(70)), v2()).named(ENDPOINT),
                        "variant[model-v1-variant].autoScaling", "1..4", "must include the 5 instances the resource starts with",
                        "start with 4 instances"),
                invalid("1 instance (the default) outside 2..4",
                        () -> scaledV1(AutoScaling.between(2, 4).invocationsPerInstance(70)),
                        "variant[model-v1-variant].autoScaling", "2..4", "the resource starts with", "start with 2 instances"),
                invalid("min above max fails at the call",
                        () -> AutoScaling.between(5, 4),
                        "autoScaling", "5..4", "needs 0 <= min <= max and max >= 1", "AutoScaling.between(1, 4)"),
                invalid("min above max (builder)",
                        () -> scaledV1(AutoScaling.from(scalingSpec().min(5).max(4).build())),
                        "variant[model-v1-variant].autoScaling", "5..4", "min must not exceed max", "AutoScaling.between(4, 5)"),
                invalid("max of 0 (builder)",
                        () -> scaledV1(AutoScaling.from(scalingSpec().min(1).max(0).build())),
                        "variant[model-v1-variant].autoScaling.max", "0", "must be at least 1", "AutoScaling.between("),
                invalid("negative cooldown fails at the call",
                        () -> AutoScaling.between(1, 4).scaleOutCooldown(Duration.ofSeconds(-1)),
                        "autoScaling.scaleOutCooldown", "-1 s", "must be between 0 and 86400 s", "Duration.ofSeconds(0)"),
                invalid("policy name with a colon",
                        () -> scaledV1(AutoScaling.between(1, 4).invocationsPerInstance(70).policyName("a:b")),
                        "variant[model-v1-variant].autoScaling.policyName", "\"a:b\"", "must be 1-256 characters without ':'", "my-variant-scaling"));
    }

    // ---------------------------------------------------------------- data capture

    static Stream<Arguments> dataCaptureCases() {
        return Stream.of(
                invalid("no destination (builder)",
                        () -> withCapture(b -> DataCaptureSpec.builder().samplingPercentage(100)),
                        "dataCapture.destination", MISSING, "is required", "DataCapture.to(\"s3://"),
                invalid("destination over http fails at DataCapture.to(..)",
                        () -> DataCapture.to("http://my-bucket/capture/"),
                        "dataCapture.destination", "\"http://my-bucket/capture/\"", "must be an s3:// or https:// URL", "s3://"),
                invalid("destination of 513 characters",
                        () -> VariantEndpointSeed.endpoint(CANARY).dataCapture(DataCapture.to("s3://bucket/" + "p".repeat(501))).named(ENDPOINT),
                        "dataCapture.destination", "513 characters", "must be at most 512 characters", "shorter S3 prefix"),
                invalid("sampling of 101% fails at the call",
                        () -> VariantEndpointSeed.capture().sampling(101),
                        "dataCapture.samplingPercentage", "101", "must be between 0 and 100", "sampling(100)"),
                invalid("sampling of -1% fails at the call",
                        () -> VariantEndpointSeed.capture().sampling(-1),
                        "dataCapture.samplingPercentage", "-1", "must be between 0 and 100", "sampling(0)"),
                invalid("sampling of 150% (builder)",
                        () -> withCapture(b -> b.samplingPercentage(150)),
                        "dataCapture.samplingPercentage", "150", "must be between 0 and 100", "sampling(100)"),
                invalid("no capture modes (builder)",
                        () -> withCapture(b -> b.modes(EnumSet.noneOf(CaptureMode.class))),
                        "dataCapture.modes", "none", "must capture the input, the output or both",
                        "capture(CaptureMode.INPUT, CaptureMode.OUTPUT)"),
                invalid("CSV content type with a space",
                        () -> seedWith(s -> s.dataCapture(VariantEndpointSeed.capture().csvContentTypes("text csv"))),
                        "dataCapture.csvContentTypes", "\"text csv\"", "must be a content type such as application/json", "fix the content type"),
                invalid("JSON content type without a subtype",
                        () -> seedWith(s -> s.dataCapture(VariantEndpointSeed.capture().jsonContentTypes("application/"))),
                        "dataCapture.jsonContentTypes", "\"application/\"", "must be a content type such as application/json",
                        "fix the content type"),
                invalid("empty JSON content type",
                        () -> seedWith(s -> s.dataCapture(VariantEndpointSeed.capture().jsonContentTypes(""))),
                        "dataCapture.jsonContentTypes", "\"\"", "must be a content type", "fix the content type"),
                invalid("11 JSON content types",
                        () -> seedWith(s -> s.dataCapture(VariantEndpointSeed.capture().jsonContentTypes(contentTypes(11)))),
                        "dataCapture.jsonContentTypes", "11 content types", "must be at most 10", "keep the ten"),
                invalid("capture KMS key with a space fails at the call",
                        () -> VariantEndpointSeed.capture().kmsKey("alias/my key"),
                        "dataCapture.kmsKey", "\"alias/my key\"", "must be a KMS key id, alias or ARN", "arn:aws:kms"),
                invalid("capture KMS key with a space (builder)",
                        () -> withCapture(b -> b.kmsKeyId("alias/my key")),
                        "dataCapture.kmsKey", "\"alias/my key\"", "must be a KMS key id, alias or ARN", "arn:aws:kms"));
    }

    // ---------------------------------------------------------------- blue/green
    // https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-blue-green.html

    static Stream<Arguments> blueGreenCases() {
        return Stream.of(
                invalid("canary of 51%",
                        () -> seedWith(s -> s.update(BlueGreen.canaryPercent(51))),
                        "update.blueGreen.canarySize", "51%", "must be at most 50% of the variant's instances", "canaryPercent(50)"),
                invalid("canary of 2 of 2 instances",
                        () -> fleet(2).update(BlueGreen.canaryInstances(2)).named(ENDPOINT),
                        "update.blueGreen.canarySize", "2 instances", "must be at most 50% of the variant's instances: 2 instances allow at most 1 instance",
                        "canaryInstances(1)"),
                invalid("canary of 3 on variants of 4 and 5 instances (the smaller one counts)",
                        () -> serving(v1().instances(4), v2().instances(5)).update(BlueGreen.canaryInstances(3)).named(ENDPOINT),
                        "update.blueGreen.canarySize", "3 instances", "4 instances allow at most 2 instances", "canaryInstances(2)"),
                invalid("canary of 1 instance on 1-instance variants: no canary possible",
                        () -> seedWith(s -> s.update(BlueGreen.canaryInstances(1))),
                        "update.blueGreen.canarySize", "1 instance", "must be at most 50% of the variant's instances",
                        "run at least 2 instances per variant for a canary, or use BlueGreen.allAtOnce()"),
                invalid("linear steps of 9%",
                        () -> seedWith(s -> s.update(BlueGreen.linearPercent(9))),
                        "update.blueGreen.linearStepSize", "9%", "must be 10-50% of the capacity", "linearPercent(10)"),
                invalid("linear steps of 51%",
                        () -> seedWith(s -> s.update(BlueGreen.linearPercent(51))),
                        "update.blueGreen.linearStepSize", "51%", "must be 10-50% of the capacity", "linearPercent(50)"),
                invalid("linear steps of 3 of 4 instances",
                        () -> fleet(4).update(BlueGreen.linearInstances(3)).named(ENDPOINT),
                        "update.blueGreen.linearStepSize", "3 instances", "must be 10-50% of the variant's 4 instances", "linearInstances(2)"),
                invalid("linear steps of 1 of 20 instances (5%)",
                        () -> fleet(20).update(BlueGreen.linearInstances(1)).named(ENDPOINT),
                        "update.blueGreen.linearStepSize", "1 instance", "must be 10-50% of the variant's 20 instances", "linearInstances(2)"),
                invalid("linear steps on 1-instance variants",
                        () -> seedWith(s -> s.update(BlueGreen.linearInstances(1))),
                        "update.blueGreen.linearStepSize", "1 instance", "must be 10-50% of the variant's 1 instance",
                        "run at least 2 instances per variant for linear steps, or use BlueGreen.allAtOnce()"),
                invalid("a step size on ALL_AT_ONCE (builder)",
                        () -> withBlueGreen(blueGreenSpec(TrafficRouting.ALL_AT_ONCE).stepSize(Capacity.percent(10)).build()),
                        "update.blueGreen.stepSize", "10%", "must not be set for ALL_AT_ONCE", "BlueGreen.canary(..)"),
                invalid("CANARY without a size (builder)",
                        () -> withBlueGreen(blueGreenSpec(TrafficRouting.CANARY).build()),
                        "update.blueGreen.canarySize", MISSING, "is required for CANARY", "BlueGreen.canaryInstances(1)"),
                invalid("LINEAR without a step size (builder)",
                        () -> withBlueGreen(blueGreenSpec(TrafficRouting.LINEAR).build()),
                        "update.blueGreen.linearStepSize", MISSING, "is required for LINEAR", "BlueGreen.linearPercent(20)"),
                invalid("bake of 3601 s fails at the call",
                        () -> BlueGreen.allAtOnce().bake(Duration.ofSeconds(3601)),
                        "blueGreen.bake", "3601 s", "must be between 0 and 3600 s", "Duration.ofSeconds(3600)"),
                invalid("negative bake (builder)",
                        () -> withBlueGreen(blueGreenSpec(TrafficRouting.ALL_AT_ONCE).bake(Duration.ofSeconds(-1)).build()),
                        "update.blueGreen.bake", "-1 s", "must be between 0 and 3600 s", "Duration.ofSeconds(0)"),
                invalid("negative termination wait fails at the call",
                        () -> BlueGreen.allAtOnce().terminationWait(Duration.ofSeconds(-1)),
                        "blueGreen.terminationWait", "-1 s", "must be between 0 and 3600 s", "Duration.ofSeconds(0)"),
                invalid("termination wait of 3601 s (builder)",
                        () -> withBlueGreen(blueGreenSpec(TrafficRouting.ALL_AT_ONCE).terminationWait(Duration.ofSeconds(3601)).build()),
                        "update.blueGreen.terminationWait", "3601 s", "must be between 0 and 3600 s", "Duration.ofSeconds(3600)"),
                invalid("timeout of 599 s fails at the call",
                        () -> BlueGreen.allAtOnce().timeout(Duration.ofSeconds(599)),
                        "blueGreen.timeout", "599 s", "must be between 600 and 28800 s", "Duration.ofSeconds(600)"),
                invalid("timeout of 28801 s fails at the call",
                        () -> BlueGreen.allAtOnce().timeout(Duration.ofSeconds(28_801)),
                        "blueGreen.timeout", "28801 s", "must be between 600 and 28800 s", "Duration.ofSeconds(28800)"),
                invalid("timeout of 300 s (builder)",
                        () -> withBlueGreen(blueGreenSpec(TrafficRouting.ALL_AT_ONCE).maximumExecutionTimeout(Duration.ofSeconds(300)).build()),
                        "update.blueGreen.timeout", "300 s", "must be between 600 and 28800 s", "Duration.ofSeconds(600)"),
                invalid("canary timeout equal to its two bakes (2 x 600 s)",
                        () -> seedWith(s -> s.update(BlueGreen.canaryPercent(30).bake(Duration.ofSeconds(600))
                                .terminationWait(Duration.ofSeconds(600)).timeout(Duration.ofSeconds(1200)))),
                        "update.blueGreen.timeout", "1200 s",
                        "must exceed the sum of the bakes (2 x 600 s = 1200 s)", "timeout(Duration.ofSeconds(1800))"),
                invalid("linear timeout below its waits (5 steps x 600 s)",
                        () -> seedWith(s -> s.update(BlueGreen.linearPercent(20).bake(Duration.ofSeconds(600)).timeout(Duration.ofSeconds(2000)))),
                        "update.blueGreen.timeout", "2000 s", "must exceed the sum of the bakes (5 x 600 s = 3000 s)",
                        "timeout(Duration.ofSeconds(3600))"),
                invalid("all-at-once timeout equal to its bake",
                        () -> seedWith(s -> s.update(BlueGreen.allAtOnce().bake(Duration.ofSeconds(3600)).timeout(Duration.ofSeconds(3600)))),
                        "update.blueGreen.timeout", "3600 s", "must exceed the sum of the bakes (1 x 3600 s = 3600 s)",
                        "timeout(Duration.ofSeconds(4200))"),
                invalid("a canary with a serverless variant",
                        () -> serving(v1().instances(2), serverlessV2(2048, 20)).update(BlueGreen.canaryPercent(10)).named(ENDPOINT),
                        "update.blueGreen.routing", "CANARY", "does not apply to serverless variants", "BlueGreen.allAtOnce()"),
                invalid("linear steps with a serverless variant",
                        () -> serving(v1().instances(2), serverlessV2(2048, 20)).update(BlueGreen.linearPercent(50)).named(ENDPOINT),
                        "update.blueGreen.routing", "LINEAR", "does not apply to serverless variants", "BlueGreen.allAtOnce()"));
    }

    // ---------------------------------------------------------------- rolling
    // https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-rolling.html and
    // https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_RollingUpdatePolicy.html

    static Stream<Arguments> rollingCases() {
        return Stream.of(
                invalid("batch of 3 of 4 instances",
                        () -> fleet(4).update(RollingUpdate.batch(3).wait(MINUTE)).named(ENDPOINT),
                        "update.rolling.batch[model-v1-variant]", "3 instances",
                        "must be 5-50% of the instance count: 4 instances allow 1 to 2 instances", "batch(2)"),
                invalid("batch of 2 on 1-instance variants",
                        () -> seedWith(s -> s.update(RollingUpdate.batch(2).wait(MINUTE))),
                        "update.rolling.batch[model-v2-variant]", "2 instances",
                        "1 instance allows exactly 1 instance (the smallest batch is one instance, so with 1 instance it must be 1)", "batch(1)"),
                invalid("batch of 2 fits 10 instances but not 2 (checked per variant)",
                        () -> serving(v1().instances(2), v2().instances(10)).update(RollingUpdate.batch(2).wait(MINUTE)).named(ENDPOINT),
                        "update.rolling.batch[model-v1-variant]", "2 instances", "2 instances allow exactly 1 instance", "batch(1)"),
                invalid("batch of 1 of 40 instances (2.5%)",
                        () -> fleet(40).update(RollingUpdate.batch(1).wait(MINUTE)).named(ENDPOINT),
                        "update.rolling.batch[model-v1-variant]", "1 instance", "40 instances allow 2 to 20 instances", "batch(2)"),
                invalid("batch of 60%",
                        () -> fleet(10).update(RollingUpdate.batchPercent(60).wait(MINUTE)).named(ENDPOINT),
                        "update.rolling.batch[model-v1-variant]", "60% = 6 instances", "10 instances allow 1 to 5 instances", "batch(5)"),
                invalid("rollback batch of 3 of 4 instances",
                        () -> fleet(4).update(RollingUpdate.batch(1).wait(MINUTE).rollbackBatch(3)).named(ENDPOINT),
                        "update.rolling.rollbackBatch[model-v1-variant]", "3 instances", "4 instances allow 1 to 2 instances", "rollbackBatch(2)"),
                invalid("a rolling update with a serverless variant",
                        () -> serving(v1(), serverlessV2(2048, 20)).update(RollingUpdate.batch(1).wait(MINUTE)).named(ENDPOINT),
                        "update.rolling", "variant model-v2-variant (serverless)", "does not apply to serverless variants",
                        "update(BlueGreen.allAtOnce())"),
                invalid("wait of 3601 s (builder)",
                        () -> seedSpec().rollingUpdate(rollingSpec().waitInterval(Duration.ofSeconds(3601)).build()).build(),
                        "update.rolling.wait", "3601 s", "must be between 0 and 3600 s", "Duration.ofSeconds(3600)"),
                invalid("no wait (builder)",
                        () -> seedSpec().rollingUpdate(RollingUpdateSpec.builder().batch(Capacity.count(1)).build()).build(),
                        "update.rolling.wait", MISSING, "is required", "between 0 and 3600 s"),
                invalid("timeout of 300 s (builder)",
                        () -> seedSpec().rollingUpdate(rollingSpec().maximumExecutionTimeout(Duration.ofSeconds(300)).build()).build(),
                        "update.rolling.timeout", "300 s", "must be between 600 and 28800 s", "Duration.ofSeconds(600)"));
    }

    // ---------------------------------------------------------------- rollback alarms

    static Stream<Arguments> alarmCases() {
        return Stream.of(
                invalid("6 blue/green alarms x 2 variants = 12 CloudWatch alarms",
                        () -> seedWith(s -> s.update(BlueGreen.allAtOnce().bake(Duration.ofMinutes(5)).rollbackOn(errors(), customAlarms(5)))),
                        "update.blueGreen.rollbackAlarms", "6 alarms x 2 variants = 12",
                        "must be at most 10 (AutoRollbackConfiguration): each alarm watches each variant's metrics", "keep at most 5 alarms"),
                invalid("11 rolling alarms on one variant",
                        () -> serving(v1()).update(RollingUpdate.batch(1).wait(MINUTE).rollbackOn(errors(), customAlarms(10))).named(ENDPOINT),
                        "update.rolling.rollbackAlarms", "11 alarms x 1 variant = 11", "must be at most 10", "keep at most 10 alarms"),
                invalid("4 alarms x 3 variants",
                        () -> serving(v1(), v2(), VariantEndpointSeed.variant("model-v3-variant", 1))
                                .update(BlueGreen.allAtOnce().bake(Duration.ofMinutes(5)).rollbackOn(errors(), customAlarms(3))).named(ENDPOINT),
                        "update.blueGreen.rollbackAlarms", "4 alarms x 3 variants = 12", "must be at most 10", "keep at most 3 alarms"),
                invalid("an explicitly named alarm on two variants",
                        () -> seedWith(s -> s.update(BlueGreen.allAtOnce().bake(Duration.ofMinutes(5)).rollbackOn(errors().named("ab-errors")))),
                        "update.blueGreen.rollbackAlarms[ab-errors]", "\"ab-errors\"",
                        "is named explicitly, but it would be one alarm per variant (2 variants) under one name", "drop named(..)"),
                invalid("an explicitly named rolling alarm on two variants",
                        () -> seedWith(s -> s.update(RollingUpdate.batch(1).wait(MINUTE).rollbackOn(errors().named("ab-errors")))),
                        "update.rolling.rollbackAlarms[ab-errors]", "\"ab-errors\"", "is named explicitly", "drop named(..)"),
                invalid("alarm without a threshold",
                        () -> seedWith(s -> s.update(BlueGreen.allAtOnce().bake(Duration.ofMinutes(5)).rollbackOn(Alarm.invocation5xxErrors()))),
                        V1_ALARM + ".threshold", MISSING, "is required", "above("),
                invalid("alarm without a threshold on a rolling update",
                        () -> seedWith(s -> s.update(RollingUpdate.batch(1).wait(MINUTE).rollbackOn(Alarm.invocation5xxErrors()))),
                        "update.rollbackAlarms[my-model-endpoint-model-v2-variant-invocation5xxerrors].threshold", MISSING, "is required", "above("),
                invalid("alarm needing more datapoints than periods",
                        () -> seedWith(s -> s.update(BlueGreen.allAtOnce().bake(Duration.ofMinutes(5)).rollbackOn(errors().evaluationPeriods(2).datapointsToAlarm(3)))),
                        V1_ALARM + ".datapointsToAlarm", "3", "must be between 1 and the 2 evaluation periods", "datapointsToAlarm(2)"),
                invalid("alarm with a dimension on a SageMaker metric",
                        () -> seedWith(s -> s.update(BlueGreen.allAtOnce().bake(Duration.ofMinutes(5)).rollbackOn(errors().dimension("EndpointName", ENDPOINT)))),
                        V1_ALARM + ".dimensions", "[EndpointName]",
                        "must not be set on an AWS/SageMaker metric: Ballast binds it to its variant", "remove the dimensions"),
                invalid("alarm period of 45 s (builder)",
                        () -> seedWith(s -> s.update(BlueGreen.allAtOnce().bake(Duration.ofMinutes(5)).rollbackOn(Alarm.from(AlarmSpec.builder().from(errors().spec())
                                .period(Duration.ofSeconds(45)).build())))),
                        V1_ALARM + ".period", "45 s", "must be 10, 20 or 30 s or a multiple of 60 s", "per(Duration.ofMinutes(1))"),
                invalid("alarm evaluating more than a day",
                        () -> seedWith(s -> s.update(BlueGreen.allAtOnce().bake(Duration.ofMinutes(5)).rollbackOn(errors().per(Duration.ofHours(1)).evaluationPeriods(25)))),
                        V1_ALARM + ".evaluationPeriods", "25 x 3600 s", "must not evaluate more than one day (86400 s)", "evaluate at most 24 periods"),
                invalid("alarm without a metric (builder)",
                        () -> seedWith(s -> s.update(BlueGreen.allAtOnce().bake(Duration.ofMinutes(5)).rollbackOn(Alarm.from(AlarmSpec.builder().threshold(1.0).build())))),
                        "update.rollbackAlarms[?].metric", MISSING, "is required", "Invocation4XXErrors"),
                invalid("alarm with a blank name on one variant",
                        () -> serving(v1()).update(BlueGreen.allAtOnce().bake(Duration.ofMinutes(5)).rollbackOn(errors().named("  "))).named(ENDPOINT),
                        "update.rollbackAlarms[  ].name", "\"  \"", "must be 1-255 characters and not blank", "named(\""));
    }

    // ---------------------------------------------------------------- retained properties and instance limits

    static Stream<Arguments> retainAndLimitCases() {
        return Stream.of(
                invalid("exclusions from retention without retention (builder)",
                        () -> seedSpec().addExcludedRetainedProperty(VariantProperty.DESIRED_WEIGHT).build(),
                        "retainVariantProperties", "except [DESIRED_WEIGHT]", "excludes properties from retention, but the update retains none",
                        "retainVariantProperties(..)"),
                invalid("exclusions from retention with an explicit reset (builder)",
                        () -> seedSpec().retainVariantProperties(false).addExcludedRetainedProperty(VariantProperty.DESIRED_INSTANCE_COUNT).build(),
                        "retainVariantProperties", "except [DESIRED_INSTANCE_COUNT]", "excludes properties from retention, but the update retains none",
                        "drop the exclusions"),
                invalid("blue/green peak over the limit: 2 running + 2 new = 4 > 3",
                        () -> seedWith(s -> s.instanceLimit(M5, 3)),
                        "instanceLimit[ml.m5.xlarge]", "3",
                        "is too low for an update: a blue/green update provisions a full second fleet beside the running one:"
                                + " 2 running + 2 new = 4 ml.m5.xlarge instances at its peak", "raise the quota to 4"),
                invalid("explicit blue/green canary peak over the limit: 8 running + 8 new = 16 > 12",
                        () -> fleet(4).update(BlueGreen.canaryInstances(1)).instanceLimit(M5, 12).named(ENDPOINT),
                        "instanceLimit[ml.m5.xlarge]", "12", "8 running + 8 new = 16 ml.m5.xlarge instances at its peak", "raise the quota to 16"),
                invalid("rolling peak over the limit: 8 running + a batch of 2 = 10 > 9",
                        () -> serving(v1().instances(8)).update(RollingUpdate.batch(2).wait(MINUTE)).instanceLimit(M5, 9).named(ENDPOINT),
                        "instanceLimit[ml.m5.xlarge]", "9",
                        "is too low for an update: a rolling update adds one batch beside the running fleet:"
                                + " 8 running + 2 new = 10 ml.m5.xlarge instances at its peak", "raise the quota to 10"),
                invalid("a rolling update of two variants runs blue/green: 8 running + 8 new = 16 > 12",
                        () -> fleet(4).update(RollingUpdate.batch(2).wait(MINUTE)).instanceLimit(M5, 12).named(ENDPOINT),
                        "instanceLimit[ml.m5.xlarge]", "12",
                        "is too low for an update: SageMaker runs a rolling update of several variants blue/green, with a full"
                                + " second fleet beside the running one: 8 running + 8 new = 16 ml.m5.xlarge instances at its peak",
                        "raise the quota to 16 (SageMaker does not roll an endpoint of several variants)"),
                invalid("rollback alarms on a rolling update of two variants",
                        () -> seedWith(s -> s.update(RollingUpdate.batch(1).wait(MINUTE).rollbackOn(errors()))),
                        "update.rolling.rollbackAlarms", "1 alarm on 2 variants",
                        "would roll nothing back: SageMaker's rolling deployments exclude endpoints of several variants and run them"
                                + " blue/green, all at once, without a bake to watch (deployment guardrails exclusions)",
                        "keep the alarms with update(BlueGreen.canaryInstances(1).bake(..).rollbackOn(..)), or roll one variant per endpoint"),
                invalid("limit below the running instances",
                        () -> seedWith(s -> s.instanceLimit(M5, 1)),
                        "instanceLimit[ml.m5.xlarge]", "1", "is below the 2 ml.m5.xlarge instances the variants start with",
                        "raise the quota (Service Quotas: 'ml.m5.xlarge for endpoint usage')"),
                invalid("limit of 0",
                        () -> seedWith(s -> s.instanceLimit(InstanceType.of("ml.c5.xlarge"), 0)),
                        "instanceLimit[ml.c5.xlarge]", "0", "must be at least 1", "quota for ml.c5.xlarge"));
    }

    // ---------------------------------------------------------------- all at once

    @Test
    @DisplayName("every violation of one spec is reported at once, in the order of the fields, each with path, value, rule and fix")
    void reportsEveryViolationAtOnce() {
        ModelSpec noImage = ModelSpec.builder().name(MODEL_V1).executionRoleArn(ROLE).putSecretEnvironment("API_TOKEN", Secret.of(CANARY)).build();
        SpecValidationException e = rejection(() -> VariantEndpointSpec.builder()
                .name("my_model_endpoint")
                .addVariant(VariantSpec.builder().name(V1).model(noImage).instanceType(M5).initialWeight(-1).build())
                .addVariant(VariantSpec.builder().name(V2).model(v2().spec().model().orElseThrow()).initialWeight(0.1).build())
                .dataCapture(DataCaptureSpec.builder().destinationS3Uri(CAPTURE_URI).samplingPercentage(101).build())
                .kmsKeyId("alias/my key")
                .putTag("aws:team", "ml")
                .blueGreen(BlueGreen.canaryPercent(60).spec())
                .rollingUpdate(rollingSpec().build())
                .addExcludedRetainedProperty(VariantProperty.DESIRED_WEIGHT)
                .build());

        assertThat(e.violations()).extracting(Violation::path).containsExactly(
                "name",
                "variant[model-v1-variant].weight",
                "variant[model-v2-variant].instanceType",
                "model[my-model-v1].image",
                "dataCapture.samplingPercentage",
                "kmsKey",
                "tags[aws:team].key",
                "update",
                "update.blueGreen.canarySize",
                "retainVariantProperties");
        assertThat(e.violations()).extracting(Violation::value).containsExactly(
                "\"my_model_endpoint\"", "-1.0", null, null, "101", "\"alias/my key\"", "\"aws:team\"", "blue/green and rolling", "60%",
                "except [DESIRED_WEIGHT]");
        assertThat(e.violations()).allSatisfy(v -> {
            assertThat(v.rule()).isNotBlank();
            assertThat(v.fix()).isNotBlank();
        });
        assertThat(e.getMessage())
                .startsWith("The spec of endpoint 'my_model_endpoint' breaks 10 rules; nothing was sent to AWS:")
                .contains("2. variant[model-v1-variant].weight = -1.0: must be a finite number of 0 or more\n     fix: use a weight such as weight(0.9)")
                .contains("4. model[my-model-v1].image is missing: is required");
        assertNoSecret(e);
    }

    @Test
    @DisplayName("a NaN weight is reported on its variant, not also as 'all weights 0'")
    void nanWeightIsNotAlsoAllZero() {
        SpecValidationException e = rejection(() -> seedSpec().variants(List.of(VariantEndpointSeed.v1Spec().initialWeight(Double.NaN).build(),
                VariantEndpointSeed.v2(CANARY).weight(0).spec())).build());

        assertThat(e.violations()).extracting(Violation::path).containsExactly("variant[model-v1-variant].weight");
    }

    @Test
    @DisplayName("a variant without a name is reported by position, with the other mistakes, and no crash")
    void unnamedVariantByPosition() {
        SpecValidationException e = rejection(() -> VariantEndpointSpec.builder().name(ENDPOINT)
                .addVariant(v1().spec())
                .addVariant(VariantSpec.builder().instanceType(M5).build())
                .blueGreen(BlueGreen.allAtOnce().bake(Duration.ofMinutes(5)).rollbackOn(errors()).spec())
                .putInstanceLimit(M5, 10)
                .build());

        assertThat(e.violations()).extracting(Violation::path).contains("variant[1].name");
    }

    @Test
    @DisplayName("a rolling batch is checked against each variant's instances: only the variant it does not fit is reported")
    void rollingBatchCheckedPerVariant() {
        SpecValidationException e = rejection(() -> serving(v1().instances(2), v2().instances(10))
                .update(RollingUpdate.batch(2).wait(MINUTE).rollbackBatch(2)).named(ENDPOINT));

        assertThat(e.violations()).extracting(Violation::path)
                .containsExactly("update.rolling.batch[model-v1-variant]", "update.rolling.rollbackBatch[model-v1-variant]");
    }

    @Test
    @DisplayName("the blue/green instance-limit violation states running, new and peak instances and the type")
    void blueGreenPeakMessage() {
        SpecValidationException e = rejection(() -> fleet(3).instanceLimit(M5, 10).named(ENDPOINT));

        assertThat(e.violations()).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("instanceLimit[ml.m5.xlarge]");
            assertThat(v.value()).isEqualTo("10");
            assertThat(v.rule()).isEqualTo("is too low for an update: a blue/green update provisions a full second fleet beside the running one:"
                    + " 6 running + 6 new = 12 ml.m5.xlarge instances at its peak");
            assertThat(v.fix()).contains("raise the quota to 12");
        });
        assertThat(e.getMessage()).contains("instanceLimit[ml.m5.xlarge] = 10: is too low for an update");
    }

    @Test
    @DisplayName("an instance limit is checked per type: other types do not count against it")
    void instanceLimitPerType() {
        VariantEndpointStep mixed = serving(v1().instances(2), v2().on("ml.c5.xlarge").instances(3));

        assertThatCode(() -> mixed.instanceLimit(M5, 4).instanceLimit(InstanceType.of("ml.c5.xlarge"), 6).named(ENDPOINT))
                .doesNotThrowAnyException();
        SpecValidationException e = rejection(() -> mixed.instanceLimit(M5, 4).instanceLimit(InstanceType.of("ml.c5.xlarge"), 5).named(ENDPOINT));
        assertThat(e.violations()).extracting(Violation::path).containsExactly("instanceLimit[ml.c5.xlarge]");
    }

    // ---------------------------------------------------------------- secrets

    @Test
    @DisplayName("a spec with the secret and many mistakes never shows the secret, in the message, the violations or toString")
    void secretNeverShown() {
        SpecValidationException e = rejection(() -> serving(
                        Variant.named(V1).model(model(MODEL_V1).env("API_TOKEN", "plain")).on(M5).weight(0),
                        v2().weight(0).volumeSizeGb(600))
                .dataCapture(DataCapture.to(CAPTURE_URI).csvContentTypes("text csv"))
                .update(BlueGreen.canaryPercent(60).rollbackOn(errors().named("x")))
                .instanceLimit(M5, 1)
                .named("my_model_endpoint"));

        assertThat(e.violations()).hasSizeGreaterThanOrEqualTo(7);
        assertNoSecret(e);
        assertThat(e.violations()).anySatisfy(v -> assertThat(v.value()).isEqualTo(Secret.MASK));
    }

    @Test
    @DisplayName("a secret too long for SageMaker, given through the builder, is reported masked")
    void longSecretThroughTheBuilderIsMasked() {
        String secret = CANARY + "y".repeat(2000);
        ModelSpec m = ModelSpec.builder().from(model(MODEL_V1).spec()).putSecretEnvironment("OTHER_TOKEN", Secret.of(secret)).build();
        SpecValidationException e = rejection(() -> serving(Variant.named(V1).model(Model.from(m)).on(M5), v2()).named(ENDPOINT));

        assertThat(e.violations()).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("model[my-model-v1].env[OTHER_TOKEN]");
            assertThat(v.value()).isEqualTo(Secret.MASK);
            assertThat(v.rule()).contains("(is " + secret.length() + ")");
        });
        assertNoSecret(e);
    }

    // ---------------------------------------------------------------- valid boundaries

    private static Arguments valid(String description, ThrowingCallable build) {
        return Arguments.of(Named.of(description, build));
    }

    static Stream<Arguments> validBoundaries() {
        return Stream.of(
                valid("the seed itself", () -> VariantEndpointSeed.seed()),
                valid("one variant", () -> serving(v1()).named(ENDPOINT)),
                valid("10 variants", () -> serving(v1(), variants(9)).named(ENDPOINT)),
                valid("one variant at weight 0", () -> serving(v1().weight(0), v2()).named(ENDPOINT)),
                valid("weights 9 and 1", () -> serving(v1().weight(9), v2().weight(1)).named(ENDPOINT)),
                valid("a variant name of 63 characters", () -> serving(Variant.named("v".repeat(63)).model(model(MODEL_V1)).on(M5)).named(ENDPOINT)),
                valid("one model served by two variants", () -> serving(v1(), v2().model(model(MODEL_V1))).named(ENDPOINT)),
                valid("serverless at 1024 MiB x 1", () -> serving(v1(), serverlessV2(1024, 1)).named(ENDPOINT)),
                valid("serverless at 6144 MiB x 200, 200 provisioned",
                        () -> serving(v1(), serverlessV2(6144, 200).provisionedConcurrency(200)).named(ENDPOINT)),
                valid("only serverless variants, all at once",
                        () -> serving(Variant.named(V1).model(model(MODEL_V1)).serverless(2048, 10), serverlessV2(2048, 20))
                                .update(BlueGreen.allAtOnce().bake(Duration.ofMinutes(5))).named(ENDPOINT)),
                valid("volumes of 1 and 512 GB", () -> serving(v1().volumeSizeGb(1), v2().volumeSizeGb(512)).named(ENDPOINT)),
                valid("timeouts of 60 and 3600 s", () -> serving(v1().modelDataDownloadTimeout(Duration.ofSeconds(60))
                        .containerStartupHealthCheckTimeout(Duration.ofSeconds(3600)), v2()).named(ENDPOINT)),
                valid("auto scaling 1..4 on 1 instance", () -> scaledV1(AutoScaling.between(1, 4).invocationsPerInstance(70))),
                valid("auto scaling 4..4 on 4 instances, concurrent requests per model",
                        () -> serving(v1().instances(4).autoScaling(AutoScaling.between(4, 4).concurrentRequestsPerModel(5)), v2()).named(ENDPOINT)),
                valid("a component may scale from 0 copies",
                        () -> Endpoint.on("ml.g5.2xlarge").scale(1, 4).executionRole(ROLE)
                                .component(Component.named("llm").image(IMAGE).accelerators(1).memoryMb(1024).copies(2)
                                        .autoScaling(AutoScaling.between(0, 4).invocationsPerCopy(10)))
                                .named("rolling-demo")),
                valid("sampling 0%", () -> seedWith(s -> s.dataCapture(VariantEndpointSeed.capture().sampling(0)))),
                valid("only the output captured", () -> seedWith(s -> s.dataCapture(VariantEndpointSeed.capture().capture(CaptureMode.OUTPUT)))),
                valid("10 content types of each kind", () -> seedWith(s -> s.dataCapture(VariantEndpointSeed.capture()
                        .csvContentTypes(contentTypes(10)).jsonContentTypes("application/json", "application/jsonlines", "text/plain")))),
                valid("a destination of 512 characters", () -> seedWith(s -> s.dataCapture(DataCapture.to("s3://bucket/" + "p".repeat(500))))),
                valid("canary of 50%", () -> seedWith(s -> s.update(BlueGreen.canaryPercent(50)))),
                valid("canary of 1 of 2 instances", () -> fleet(2).update(BlueGreen.canaryInstances(1)).named(ENDPOINT)),
                valid("canary of 2 on variants of 4 and 5 instances",
                        () -> serving(v1().instances(4), v2().instances(5)).update(BlueGreen.canaryInstances(2)).named(ENDPOINT)),
                valid("linear steps of 10% and 50%", () -> {
                    seedWith(s -> s.update(BlueGreen.linearPercent(10)));
                    seedWith(s -> s.update(BlueGreen.linearPercent(50)));
                }),
                valid("linear steps of 1 of 2 and of 10 instances", () -> {
                    fleet(2).update(BlueGreen.linearInstances(1)).named(ENDPOINT);
                    fleet(10).update(BlueGreen.linearInstances(1)).named(ENDPOINT);
                    fleet(10).update(BlueGreen.linearInstances(5)).named(ENDPOINT);
                }),
                valid("bake 0 and 3600 s, termination wait 3600 s, timeout 28800 s",
                        () -> seedWith(s -> s.update(BlueGreen.canaryPercent(10).bake(Duration.ofSeconds(3600))
                                .terminationWait(Duration.ofSeconds(3600)).timeout(Duration.ofSeconds(28_800))))),
                valid("canary timeout one second above its bakes",
                        () -> seedWith(s -> s.update(BlueGreen.canaryPercent(30).bake(Duration.ofSeconds(600)).timeout(Duration.ofSeconds(1201))))),
                valid("the docs' canary example: 30% / 600 s bake / 600 s termination wait / 1800 s",
                        () -> seedWith(s -> s.update(BlueGreen.canaryPercent(30).bake(Duration.ofSeconds(600))
                                .terminationWait(Duration.ofSeconds(600)).timeout(Duration.ofSeconds(1800))))),
                valid("the Javadoc's blue/green example", () -> seedWith(s -> s.update(BlueGreen.canaryPercent(50).bake(Duration.ofMinutes(10))
                        .terminationWait(Duration.ofMinutes(10)).timeout(Duration.ofMinutes(45)).rollbackOn(errors())))),
                valid("the docs' linear example: 20% / 300 s / 300 s / 3600 s",
                        () -> seedWith(s -> s.update(BlueGreen.linearPercent(20).bake(Duration.ofSeconds(300))
                                .terminationWait(Duration.ofSeconds(300)).timeout(Duration.ofSeconds(3600))))),
                valid("rolling batch of 1 on 1-instance variants, rollback batch 100%",
                        () -> seedWith(s -> s.update(RollingUpdate.batch(1).wait(MINUTE).rollbackBatchPercent(100).timeout(Duration.ofSeconds(600))))),
                valid("rolling batch of 2 on variants of 4 and 40 instances",
                        () -> serving(v1().instances(4), v2().instances(40)).update(RollingUpdate.batch(2).wait(Duration.ZERO)).named(ENDPOINT)),
                valid("5 alarms x 2 variants = 10", () -> seedWith(s -> s.update(BlueGreen.allAtOnce().bake(Duration.ofMinutes(5)).rollbackOn(errors(), customAlarms(4))))),
                valid("10 alarms on one variant, one named",
                        () -> serving(v1()).update(RollingUpdate.batch(1).wait(MINUTE).rollbackOn(errors().named("v1-errors"), customAlarms(9)))
                                .named(ENDPOINT)),
                valid("an alarm on a custom namespace with dimensions",
                        () -> seedWith(s -> s.update(BlueGreen.allAtOnce().bake(Duration.ofMinutes(5)).rollbackOn(Alarm.metric("QueueDepth").namespace("Custom/App")
                                .dimension("Queue", "main").above(100))))),
                valid("rollback alarms on a serverless variant's endpoint count only the instance-based variants",
                        () -> serving(v1(), serverlessV2(2048, 20)).update(BlueGreen.allAtOnce().bake(Duration.ofMinutes(5)).rollbackOn(errors().named("v1-errors"), customAlarms(9)))
                                .named(ENDPOINT)),
                valid("exclusions with an explicit retain",
                        () -> seedWith(s -> s.retainVariantProperties(VariantProperty.DESIRED_WEIGHT, VariantProperty.DATA_CAPTURE_CONFIG))),
                valid("exclusions when auto scaling retains (builder)",
                        () -> seedSpec().variants(List.of(VariantEndpointSeed.v1Spec().autoScaling(scalingSpec().build()).build(), v2().spec()))
                                .addExcludedRetainedProperty(VariantProperty.DESIRED_INSTANCE_COUNT).build()),
                valid("blue/green peak exactly at the limit", () -> seedWith(s -> s.instanceLimit(M5, 4))),
                valid("rolling peak exactly at the limit: 8 + a batch of 1",
                        () -> serving(v1().instances(8)).update(RollingUpdate.batch(1).wait(MINUTE)).instanceLimit(M5, 9).named(ENDPOINT)),
                valid("a rolling update of two variants without alarms (SageMaker runs it blue/green, all at once)",
                        () -> seedWith(s -> s.update(RollingUpdate.batch(1).wait(MINUTE)))),
                valid("a limit on a type the endpoint does not use", () -> seedWith(s -> s.instanceLimit(InstanceType.of("ml.g5.xlarge"), 1))),
                valid("VPC, KMS key and 50 tags", () -> {
                    VariantEndpointStep step = VariantEndpointSeed.endpoint(CANARY).vpc(List.of("subnet-0abc"), List.of("sg-0abc")).kmsKey(KMS_KEY_ID);
                    for (int i = 0; i < 50; i++) {
                        step = step.tag("tag" + i, "value" + i);
                    }
                    step.named(ENDPOINT);
                }));
    }

    private static final String KMS_KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";

    @ParameterizedTest(name = "{0}")
    @DisplayName("accepts valid boundary")
    @MethodSource("validBoundaries")
    void acceptsValidBoundary(ThrowingCallable build) {
        assertThatCode(build).doesNotThrowAnyException();
    }

    // ---------------------------------------------------------------- bugs found by this corpus

    @Test
    @DisplayName("a blue/green policy without routing is a violation, not a crash")
    void blueGreenWithoutRouting() {
        SpecValidationException e = rejection(() -> withBlueGreen(BlueGreenSpec.builder().bake(MINUTE).build()));

        assertThat(e.violations()).anySatisfy(v -> {
            assertThat(v.path()).isEqualTo("update.blueGreen.routing");
            assertThat(v.value()).isNull();
            assertThat(v.rule()).contains("is required");
            assertThat(v.fix()).contains("BlueGreen.");
        });
    }

    @Test
    @DisplayName("a rolling update without a batch is a violation, not a crash")
    void rollingWithoutBatch() {
        SpecValidationException e = rejection(() -> seedSpec().rollingUpdate(RollingUpdateSpec.builder().waitInterval(MINUTE).build()).build());

        assertThat(e.violations()).anySatisfy(v -> {
            assertThat(v.path()).isEqualTo("update.rolling.batch");
            assertThat(v.value()).isNull();
            assertThat(v.rule()).contains("is required");
            assertThat(v.fix()).contains("batch(1)");
        });
    }

    @Test
    @DisplayName("linear steps in instances must be 10-50% of every variant's instances")
    void linearStepCheckedPerVariant() {
        SpecValidationException e = rejection(() -> serving(v1().instances(2), v2().instances(20))
                .update(BlueGreen.linearInstances(1)).named(ENDPOINT));

        assertThat(e.violations()).anySatisfy(v -> {
            assertThat(v.path()).startsWith("update.blueGreen.linearStepSize");
            assertThat(v.rule()).contains("10-50%").contains("20 instances");
        });
    }

    @Test
    @DisplayName("the timeout must exceed every bake of linear steps in instances")
    void linearInstancesTimeoutCountsEveryStep() {
        // 1 of 4 instances per step: 4 steps, 4 x 300 s = 1200 s of bakes, more than the 900 s timeout.
        SpecValidationException e = rejection(() -> fleet(4)
                .update(BlueGreen.linearInstances(1).bake(Duration.ofSeconds(300)).timeout(Duration.ofSeconds(900))).named(ENDPOINT));

        assertThat(e.violations()).anySatisfy(v -> {
            assertThat(v.path()).isEqualTo("update.blueGreen.timeout");
            assertThat(v.rule()).contains("4 x 300 s = 1200 s");
        });
    }

    @Test
    @DisplayName("two rollback alarms of one CloudWatch name are rejected, as they are for components")
    void duplicateRollbackAlarmNamesOnOneVariant() {
        SpecValidationException derived = rejection(() -> serving(v1())
                .update(BlueGreen.allAtOnce().bake(Duration.ofMinutes(5)).rollbackOn(errors(), Alarm.invocation5xxErrors().above(5).per(Duration.ofMinutes(5)))).named(ENDPOINT));
        SpecValidationException explicit = rejection(() -> serving(v1())
                .update(BlueGreen.allAtOnce().bake(Duration.ofMinutes(5)).rollbackOn(errors().named("v1-guard"), Alarm.modelLatency().above(1e6).named("v1-guard"))).named(ENDPOINT));

        assertThat(derived.violations()).anySatisfy(v -> {
            assertThat(v.path()).isEqualTo("update.rollbackAlarms[my-model-endpoint-model-v1-variant-invocation5xxerrors]");
            assertThat(v.rule()).contains("must be unique");
        });
        assertThat(explicit.violations()).anySatisfy(v -> {
            assertThat(v.path()).isEqualTo("update.rollbackAlarms[v1-guard]");
            assertThat(v.rule()).contains("must be unique");
        });
    }

    @Test
    @DisplayName("content types follow SageMaker's pattern [a-zA-Z0-9](-*[a-zA-Z0-9])*/[a-zA-Z0-9](-*[a-zA-Z0-9.])*")
    void contentTypesFollowSageMakersPattern() {
        SpecValidationException plus = rejection(() -> seedWith(s -> s.dataCapture(VariantEndpointSeed.capture().jsonContentTypes("application/vnd.api+json"))));
        SpecValidationException dot = rejection(() -> seedWith(s -> s.dataCapture(VariantEndpointSeed.capture().csvContentTypes("text.x/csv"))));

        assertThat(plus.violations()).extracting(Violation::path).containsExactly("dataCapture.jsonContentTypes");
        assertThat(dot.violations()).extracting(Violation::path).containsExactly("dataCapture.csvContentTypes");
    }

    @Test
    @DisplayName("the instance-limit fix proposes a rolling update only with its true peak, and only if it fits")
    void instanceLimitFixStatesTheTrueRollingPeak() {
        // ml.m5.xlarge: 2 running; blue/green needs 2 more (4 > 3); a rolling update of batch 1 needs 1 more: 3, which fits.
        SpecValidationException alone = rejection(() -> serving(v1().instances(2)).instanceLimit(M5, 3).named(ENDPOINT));
        // two variants: SageMaker does not roll them, so no rolling update would fit either
        SpecValidationException mixed = rejection(() -> serving(v1().instances(2), v2().on("ml.c5.xlarge"))
                .instanceLimit(M5, 3).named(ENDPOINT));

        assertThat(alone.violations()).singleElement().satisfies(v -> assertThat(v.fix()).contains("whose peak is 3"));
        assertThat(mixed.violations()).singleElement().satisfies(v -> assertThat(v.fix()).doesNotContain("rolling update")
                .contains("SageMaker does not roll an endpoint of several variants"));
    }

    @Test
    @DisplayName("messages about one instance use the singular")
    void singularInstanceInMessages() {
        SpecValidationException canary = rejection(() -> seedWith(s -> s.update(BlueGreen.canaryInstances(1))));
        SpecValidationException scaling = rejection(() -> scaledV1(AutoScaling.between(2, 4).invocationsPerInstance(70)));

        assertThat(canary.getMessage()).doesNotContain("1 instance allow ");
        assertThat(scaling.getMessage()).doesNotContain("1 instances");
    }


    @Test
    @DisplayName("rollback alarms need a bake: SageMaker watches them only while it bakes")
    void rollbackAlarmsNeedABake() {
        SpecValidationException blueGreen = rejection(() -> serving(v1()).update(BlueGreen.allAtOnce().rollbackOn(errors())).named(ENDPOINT));
        SpecValidationException rolling = rejection(() -> serving(v1())
                .update(RollingUpdate.batch(1).wait(Duration.ZERO).rollbackOn(errors())).named(ENDPOINT));

        assertThat(blueGreen.violations()).anySatisfy(v -> {
            assertThat(v.path()).isEqualTo("update.blueGreen.bake");
            assertThat(v.rule()).contains("watches them only while it bakes");
        });
        assertThat(rolling.violations()).anySatisfy(v -> assertThat(v.path()).isEqualTo("update.rolling.wait"));
    }

    @Test
    @DisplayName("retainDeploymentConfig with a policy of the spec is a contradiction: SageMaker would use the stored one")
    void retainDeploymentConfigWithAPolicy() {
        SpecValidationException e = rejection(() -> serving(v1()).update(BlueGreen.allAtOnce()).retainDeploymentConfig().named(ENDPOINT));

        assertThat(e.violations()).anySatisfy(v -> assertThat(v.path()).isEqualTo("retainDeploymentConfig"));
    }
}
