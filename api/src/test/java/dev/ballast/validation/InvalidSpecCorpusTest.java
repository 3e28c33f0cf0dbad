package dev.ballast.validation;

import static dev.ballast.RollingUpdate.batch;
import static dev.ballast.RollingUpdate.batchPercent;
import static dev.ballast.validation.SeedSpecs.ALARM;
import static dev.ballast.validation.SeedSpecs.ENDPOINT;
import static dev.ballast.validation.SeedSpecs.IMAGE;
import static dev.ballast.validation.SeedSpecs.ROLE;
import static dev.ballast.validation.SeedSpecs.deploy;
import static dev.ballast.validation.SeedSpecs.deployWithAlarm;
import static dev.ballast.validation.SeedSpecs.embed;
import static dev.ballast.validation.SeedSpecs.endpoint;
import static dev.ballast.validation.SeedSpecs.endpointSpec;
import static dev.ballast.validation.SeedSpecs.endpointUpTo;
import static dev.ballast.validation.SeedSpecs.errors;
import static dev.ballast.validation.SeedSpecs.llm;
import static dev.ballast.validation.SeedSpecs.llmSpec;
import static dev.ballast.validation.SeedSpecs.policy;
import static dev.ballast.validation.SeedSpecs.policySpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.ballast.Alarm;
import dev.ballast.Component;
import dev.ballast.Endpoint;
import dev.ballast.InstanceType;
import dev.ballast.Secret;
import dev.ballast.dsl.ComponentEndpointStep;
import dev.ballast.error.SpecValidationException;
import dev.ballast.error.Violation;
import dev.ballast.spec.AlarmSpec;
import dev.ballast.spec.ComponentSpec;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spec.InstanceScaling;

/**
 * The invalid-spec corpus: each case takes the valid seed deployment ({@link SeedSpecs}), breaks
 * one rule of the SageMaker or CloudWatch API (or one of Ballast's cross-field rules), and checks
 * that Ballast rejects it before anything is sent, with the path of the mistake, the rule it
 * breaks and a fix.
 *
 * <p>A case whose lambda stops at a single DSL call ({@code scale(4, 1)}) asserts that the mistake
 * fails at that call; the others end with {@code named(..)} or {@code build()}, where the whole
 * spec is validated.
 */
class InvalidSpecCorpusTest {

    /** A unique value that must never appear in an exception message. */
    private static final String CANARY = "hf_CANARY_7f3d9b2e1c5a4f8e";

    private static final Duration TWO_MINUTES = Duration.ofSeconds(120);

    /** One invalid spec and what its rejection must say. */
    record Invalid(ThrowingCallable build, String path, String rule, String fix) {
    }

    private static Arguments invalid(String description, ThrowingCallable build, String path, String rule) {
        return invalid(description, build, path, rule, null);
    }

    private static Arguments invalid(String description, ThrowingCallable build, String path, String rule, String fix) {
        return Arguments.of(Named.of(description, new Invalid(build, path, rule, fix)));
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("rejects invalid spec")
    @MethodSource({"endpointCases", "componentCases", "rollingUpdateCases", "alarmCases", "capacityCases", "builderCases"})
    void rejectsInvalidSpec(Invalid c) {
        SpecValidationException e = rejection(c.build());

        assertThat(e.violations())
                .as("violations of the spec, expected one at %s", c.path())
                .anySatisfy(v -> {
                    assertThat(v.path()).isEqualTo(c.path());
                    assertThat(v.rule()).contains(c.rule());
                    assertThat(v.fix()).isNotBlank();
                    if (c.fix() != null) {
                        assertThat(v.fix()).contains(c.fix());
                    }
                });
        assertThat(e.getMessage()).contains(c.path()).contains("nothing was sent to AWS");
        assertThat(e.code()).isEqualTo(SpecValidationException.CODE);
    }

    private static SpecValidationException rejection(ThrowingCallable build) {
        Throwable thrown = catchThrowable(build);
        assertThat(thrown).as("the spec must be rejected").isInstanceOf(SpecValidationException.class);
        return (SpecValidationException) thrown;
    }

    // ---------------------------------------------------------------- endpoint

    static Stream<Arguments> endpointCases() {
        return Stream.of(
                invalid("endpoint name with an underscore (named)",
                        () -> endpoint().component(llm()).rollingUpdate(policy()).named("rolling_demo"),
                        "name", "must be 1-63 letters, digits and hyphens", "rolling-demo"),
                invalid("endpoint name with a dot",
                        () -> endpoint().component(llm()).named("rolling.demo"),
                        "name", "must be 1-63 letters, digits and hyphens", "rolling-demo"),
                invalid("endpoint name of 64 characters",
                        () -> endpoint().component(llm()).named("e".repeat(64)),
                        "name", "must be 1-63 letters, digits and hyphens"),
                invalid("empty endpoint name",
                        () -> endpoint().component(llm()).named(""),
                        "name", "is required"),
                invalid("endpoint name starting with a hyphen",
                        () -> endpoint().component(llm()).named("-rolling-demo"),
                        "name", "starting and ending with a letter or digit", "rolling-demo"),
                invalid("endpoint name ending with a hyphen",
                        () -> endpoint().component(llm()).named("rolling-demo-"),
                        "name", "starting and ending with a letter or digit", "rolling-demo"),
                invalid("variant name with an underscore fails at variant(..)",
                        () -> endpoint().variant("All_Traffic"),
                        "variantName", "must be 1-63 letters, digits and hyphens", "All-Traffic"),
                invalid("empty variant name fails at variant(..)",
                        () -> endpoint().variant(""),
                        "variantName", "is required"),
                invalid("instance type without the ml. prefix",
                        () -> Endpoint.on("g5.2xlarge"),
                        "instanceType", "must have the form ml.<family>.<size>", "ml.g5.2xlarge"),
                invalid("instance type without a size",
                        () -> Endpoint.on("ml.g5"),
                        "instanceType", "must have the form ml.<family>.<size>", "ml.g5."),
                invalid("instance type in upper case",
                        () -> Endpoint.on("ml.G5.2XLARGE"),
                        "instanceType", "must have the form ml.<family>.<size>", "ml.g5.2xlarge"),
                invalid("scale(4, 1): min above max",
                        () -> Endpoint.on("ml.g5.2xlarge").scale(4, 1),
                        "scale", "min must not exceed max", "scale(1, 4)"),
                invalid("scale(-1, 4): negative min",
                        () -> Endpoint.on("ml.g5.2xlarge").scale(-1, 4),
                        "scale.min", "must be 0 or more"),
                invalid("scale(1, 0): max of zero",
                        () -> Endpoint.on("ml.g5.2xlarge").scale(1, 0),
                        "scale.max", "must be at least 1"),
                invalid("instances(0)",
                        () -> Endpoint.on("ml.g5.2xlarge").instances(0),
                        "instances", "must be at least 1", "instances(1)"),
                invalid("initial instance count above the scaling maximum",
                        () -> endpoint().instances(5).component(llm()).named(ENDPOINT),
                        "instances", "must not exceed the scaling maximum of 4"),
                invalid("variant model download timeout of 59 s",
                        () -> endpoint().modelDataDownloadTimeout(Duration.ofSeconds(59)),
                        "modelDataDownloadTimeout", "must be between 60 and 3600 s", "Duration.ofSeconds(60)"),
                invalid("variant health-check timeout of 3601 s",
                        () -> endpoint().containerStartupHealthCheckTimeout(Duration.ofSeconds(3601)),
                        "containerStartupHealthCheckTimeout", "must be between 60 and 3600 s", "Duration.ofSeconds(3600)"),
                invalid("variant model download timeout in fractional seconds",
                        () -> endpoint().modelDataDownloadTimeout(Duration.ofMillis(90_500)),
                        "modelDataDownloadTimeout", "must be a whole number of seconds", "Duration.ofSeconds(90)"),
                invalid("no execution role on an endpoint that hosts a component",
                        () -> Endpoint.on("ml.g5.2xlarge").scale(1, 4).component(llm()).rollingUpdate(policy()).named(ENDPOINT),
                        "executionRole", "is required for an endpoint that hosts inference components", "executionRole("),
                invalid("execution role ARN with a 5-digit account",
                        () -> Endpoint.on("ml.g5.2xlarge").executionRole("arn:aws:iam::12345:role/SageMakerRole"),
                        "executionRole", "must be an IAM role ARN"),
                invalid("execution role that is an S3 ARN",
                        () -> Endpoint.on("ml.g5.2xlarge").executionRole("arn:aws:s3:::my-bucket/SageMakerRole"),
                        "executionRole", "must be an IAM role ARN"),
                invalid("execution role given as a bare role name",
                        () -> Endpoint.on("ml.g5.2xlarge").executionRole("SageMakerRole"),
                        "executionRole", "must be 20-2048 characters long"),
                invalid("KMS key with a space",
                        () -> endpoint().kmsKey("alias/my key").component(llm()).named(ENDPOINT),
                        "kmsKey", "must be a KMS key id, alias or ARN"),
                invalid("KMS key with a '#'",
                        () -> endpoint().kmsKey("key#1234").component(llm()).named(ENDPOINT),
                        "kmsKey", "must be a KMS key id, alias or ARN"),
                invalid("KMS key longer than 2048 characters",
                        () -> endpoint().kmsKey("k".repeat(2049)).component(llm()).named(ENDPOINT),
                        "kmsKey", "must be 0-2048 characters long (is 2049)"),
                invalid("VPC without subnets",
                        () -> endpoint().vpc(List.of(), List.of("sg-0abc1234")).component(llm()).named(ENDPOINT),
                        "vpc.subnets", "must list 1 to 16 subnets"),
                invalid("VPC with 17 subnets",
                        () -> endpoint().vpc(ids("subnet-0abc", 17), List.of("sg-0abc1234")).component(llm()).named(ENDPOINT),
                        "vpc.subnets", "must list 1 to 16 subnets"),
                invalid("VPC with 6 security groups",
                        () -> endpoint().vpc(List.of("subnet-0abc1234"), ids("sg-0abc", 6)).component(llm()).named(ENDPOINT),
                        "vpc.securityGroupIds", "must list 1 to 5 security groups"),
                invalid("VPC without security groups",
                        () -> endpoint().vpc(List.of("subnet-0abc1234"), List.of()).component(llm()).named(ENDPOINT),
                        "vpc.securityGroupIds", "must list 1 to 5 security groups"),
                invalid("subnet id with an underscore",
                        () -> endpoint().vpc(List.of("subnet_0abc1234"), List.of("sg-0abc1234")).component(llm()).named(ENDPOINT),
                        "vpc.subnets[0]", "must be a subnet id"),
                invalid("security group id of 33 characters",
                        () -> endpoint().vpc(List.of("subnet-0abc1234"), List.of("sg-" + "0".repeat(30))).component(llm()).named(ENDPOINT),
                        "vpc.securityGroupIds[0]", "must be 1-32 characters long (is 33)"),
                invalid("tag key with the reserved aws: prefix",
                        () -> endpoint().tag("aws:team", "ml").component(llm()).named(ENDPOINT),
                        "tags[aws:team].key", "must not start with aws:"),
                invalid("tag key with the reserved prefix in upper case",
                        () -> endpoint().tag("AWS:Team", "ml").component(llm()).named(ENDPOINT),
                        "tags[AWS:Team].key", "must not start with aws:"),
                invalid("tag key of 129 characters",
                        () -> endpoint().tag("k".repeat(129), "ml").component(llm()).named(ENDPOINT),
                        "tags[" + "k".repeat(28) + "…" + "k".repeat(28) + " (129 characters)].key", "must be 1-128 characters long (is 129)"),
                invalid("empty tag key",
                        () -> endpoint().tag("", "ml").component(llm()).named(ENDPOINT),
                        "tags[].key", "must be 1-128 characters long (is 0)"),
                invalid("tag key with a '#'",
                        () -> endpoint().tag("team#1", "ml").component(llm()).named(ENDPOINT),
                        "tags[team#1].key", "may contain only letters, digits, spaces"),
                invalid("tag value of 257 characters",
                        () -> endpoint().tag("team", "v".repeat(257)).component(llm()).named(ENDPOINT),
                        "tags[team].value", "must be 0-256 characters long (is 257)"),
                invalid("51 tags",
                        () -> tagged(endpoint(), 51).component(llm()).named(ENDPOINT),
                        "tags", "must be at most 50", "drop 1"));
    }

    // ---------------------------------------------------------------- components

    static Stream<Arguments> componentCases() {
        return Stream.of(
                invalid("component name with an underscore fails at Component.named(..)",
                        () -> Component.named("llm_v2"),
                        "component.name", "must be 1-63 letters, digits and hyphens", "llm-v2"),
                invalid("component name starting with a hyphen",
                        () -> Component.named("-llm"),
                        "component.name", "starting and ending with a letter or digit", "llm"),
                invalid("empty component name",
                        () -> Component.named(""),
                        "component.name", "is required"),
                invalid("component name of 64 characters",
                        () -> Component.named("c".repeat(64)),
                        "component.name", "must be 1-63 letters, digits and hyphens"),
                invalid("two components whose names differ only in case",
                        () -> endpointUpTo(8).component(llm()).component(renamed(llm(), "LLM")).named(ENDPOINT),
                        "component[LLM].name", "must be unique on the endpoint (SageMaker compares names without case; 'llm'"),
                invalid("the same component twice",
                        () -> endpointUpTo(8).component(llm()).component(llm()).named(ENDPOINT),
                        "component[llm].name", "must be unique on the endpoint"),
                invalid("component without an image",
                        () -> endpoint().component(Component.named("llm").accelerators(1).memoryMb(1024).copies(2)).named(ENDPOINT),
                        "component[llm].image", "is required", "image("),
                invalid("image URI with a space",
                        () -> deploy(llm().image(IMAGE + " latest"), policy()),
                        "component[llm].image", "must not contain whitespace"),
                invalid("image URI of 256 characters",
                        () -> deploy(llm().image("i".repeat(256)), policy()),
                        "component[llm].image", "must be 1-255 characters long (is 256)"),
                invalid("environment key with hyphens",
                        () -> deploy(llm().env("MAX-INPUT-LENGTH", "4096"), policy()),
                        "component[llm].env[MAX-INPUT-LENGTH].key", "must start with a letter or _", "MAX_INPUT_LENGTH"),
                invalid("environment key starting with a digit",
                        () -> deploy(llm().env("1_GPU", "true"), policy()),
                        "component[llm].env[1_GPU].key", "must start with a letter or _"),
                invalid("environment value of 1025 characters",
                        () -> deploy(llm().env("SYSTEM_PROMPT", "p".repeat(1025)), policy()),
                        "component[llm].env[SYSTEM_PROMPT]", "must be at most 1024 characters (is 1025)"),
                invalid("101 environment variables",
                        () -> deploy(manyEnv(llm(), 100), policy()),
                        "component[llm].env", "must have at most 100 variables", "drop 1"),
                invalid("the same key as a secret and a plain variable",
                        () -> deploy(llm().env("HF_TOKEN", "plain").secretEnv("HF_TOKEN", CANARY), policy()),
                        "component[llm].env[HF_TOKEN]", "is set both as a plain and as a secret value", "secretEnv(\"HF_TOKEN\""),
                invalid("secret value of 1025 characters",
                        () -> deploy(llm().secretEnv("HF_TOKEN", CANARY + "x".repeat(1025 - CANARY.length())), policy()),
                        "component[llm].env[HF_TOKEN]", "must be at most 1024 characters (is 1025)"),
                invalid("secret environment key with a hyphen",
                        () -> deploy(llm().secretEnv("HF-TOKEN", CANARY), policy()),
                        "component[llm].env[HF-TOKEN].key", "must start with a letter or _", "HF_TOKEN"),
                invalid("model data over plain http",
                        () -> deploy(llm().modelData("http://my-bucket/model.tar.gz"), policy()),
                        "component[llm].modelData", "must be an s3:// or https:// URL"),
                invalid("model data without a scheme",
                        () -> deploy(llm().modelData("my-bucket/model.tar.gz"), policy()),
                        "component[llm].modelData", "must be an s3:// or https:// URL"),
                invalid("model data without a bucket",
                        () -> deploy(llm().modelData("s3://"), policy()),
                        "component[llm].modelData", "must be an s3:// or https:// URL"),
                invalid("accelerators(0)",
                        () -> llm().accelerators(0),
                        "component[llm].accelerators", "must be at least 1"),
                invalid("cpuCores(0.1)",
                        () -> llm().cpuCores(0.1),
                        "component[llm].cpuCores", "must be at least 0.25", "cpuCores(0.25)"),
                invalid("cpuCores(NaN)",
                        () -> llm().cpuCores(Double.NaN),
                        "component[llm].cpuCores", "must be at least 0.25"),
                invalid("component without memory",
                        () -> endpoint().component(Component.named("llm").image(IMAGE).accelerators(1).copies(2)).named(ENDPOINT),
                        "component[llm].memoryMb", "is required", "memoryMb("),
                invalid("memoryMb(127)",
                        () -> llm().memoryMb(127),
                        "component[llm].memoryMb", "must be at least 128"),
                invalid("maximum memory below the reserved memory",
                        () -> deploy(llm().maxMemoryMb(512), policy()),
                        "component[llm].maxMemoryMb", "must not be below the reserved memory of 1024 MiB", "maxMemoryMb(1024)"),
                invalid("maxMemoryMb(64)",
                        () -> llm().maxMemoryMb(64),
                        "component[llm].maxMemoryMb", "must be at least 128"),
                invalid("component without a copy count",
                        () -> endpoint().component(Component.named("llm").image(IMAGE).accelerators(1).memoryMb(1024)).named(ENDPOINT),
                        "component[llm].copies", "is required", "copies("),
                invalid("copies(-1)",
                        () -> llm().copies(-1),
                        "component[llm].copies", "must be at least 0"),
                invalid("component model download timeout of 30 s",
                        () -> llm().modelDataDownloadTimeout(Duration.ofSeconds(30)),
                        "component[llm].modelDataDownloadTimeout", "must be between 60 and 3600 s"),
                invalid("component health-check timeout in fractional seconds",
                        () -> llm().containerStartupHealthCheckTimeout(Duration.ofMillis(120_250)),
                        "component[llm].containerStartupHealthCheckTimeout", "must be a whole number of seconds"));
    }

    // ---------------------------------------------------------------- rolling updates

    static Stream<Arguments> rollingUpdateCases() {
        return Stream.of(
                invalid("batch of 3 with 4 copies (above 50%)",
                        () -> deploy(endpointUpTo(8), llm().copies(4), batch(3).wait(TWO_MINUTES)),
                        "component[llm].rollingUpdate.batch", "must be 5-50% of the copy count: 4 copies allow 1 to 2 copies", "batch(2)"),
                invalid("batch of 1 with 100 copies (below 5%)",
                        () -> deploy(endpointUpTo(128), llm().copies(100), batch(1).wait(TWO_MINUTES)),
                        "component[llm].rollingUpdate.batch", "must be 5-50% of the copy count: 100 copies allow 5 to 50 copies", "batch(5)"),
                invalid("batch of 60% resolving to 6 of 10 copies",
                        () -> deploy(endpointUpTo(16), llm().copies(10), batchPercent(60).wait(TWO_MINUTES)),
                        "component[llm].rollingUpdate.batch", "10 copies allow 1 to 5 copies"),
                invalid("batch of 2% resolving to 2 of 100 copies",
                        () -> deploy(endpointUpTo(128), llm().copies(100), batchPercent(2).wait(TWO_MINUTES)),
                        "component[llm].rollingUpdate.batch", "100 copies allow 5 to 50 copies", "batch(5)"),
                invalid("batch of 2 with a single copy",
                        () -> deploy(llm().copies(1), batch(2).wait(TWO_MINUTES)),
                        "component[llm].rollingUpdate.batch", "the smallest batch is one copy, so with 1 copy it must be 1", "batch(1)"),
                invalid("batch of 2 with 3 copies",
                        () -> deploy(endpointUpTo(8), llm().copies(3), batch(2).wait(TWO_MINUTES)),
                        "component[llm].rollingUpdate.batch", "so with 3 copies it must be 1", "batch(1)"),
                invalid("rollback batch of 3 with 4 copies",
                        () -> deploy(endpointUpTo(8), llm().copies(4), batch(1).wait(TWO_MINUTES).rollbackBatch(3)),
                        "component[llm].rollingUpdate.rollbackBatch", "must be 5-50% of the copy count: 4 copies allow 1 to 2 copies",
                        "rollbackBatch(2)"),
                invalid("rollback batch of 80% with 10 copies",
                        () -> deploy(endpointUpTo(16), llm().copies(10), batch(1).wait(TWO_MINUTES).rollbackBatchPercent(80)),
                        "component[llm].rollingUpdate.rollbackBatch", "10 copies allow 1 to 5 copies"),
                invalid("batch(0)",
                        () -> batch(0),
                        "capacity", "must be at least 1"),
                invalid("batchPercent(101)",
                        () -> batchPercent(101),
                        "capacity", "must be between 1% and 100%"),
                invalid("wait of 3601 s",
                        () -> batch(1).wait(Duration.ofSeconds(3601)),
                        "rollingUpdate.wait", "must be between 0 and 3600 s", "Duration.ofSeconds(3600)"),
                invalid("negative wait",
                        () -> batch(1).wait(Duration.ofSeconds(-1)),
                        "rollingUpdate.wait", "must be between 0 and 3600 s", "Duration.ofSeconds(0)"),
                invalid("wait in fractional seconds",
                        () -> batch(1).wait(Duration.ofMillis(1500)),
                        "rollingUpdate.wait", "must be a whole number of seconds"),
                invalid("timeout of 599 s",
                        () -> policy().timeout(Duration.ofSeconds(599)),
                        "rollingUpdate.timeout", "must be between 600 and 28800 s", "Duration.ofSeconds(600)"),
                invalid("timeout of 28801 s",
                        () -> policy().timeout(Duration.ofSeconds(28_801)),
                        "rollingUpdate.timeout", "must be between 600 and 28800 s", "Duration.ofSeconds(28800)"),
                invalid("timeout shorter than the batches and waits it must cover",
                        () -> deploy(llm(), batch(1).wait(Duration.ofSeconds(3600)).timeout(Duration.ofSeconds(3600))),
                        "component[llm].rollingUpdate.timeout", "is shorter than the 2 batches x 3600 s wait it implies (7200 s)"));
    }

    // ---------------------------------------------------------------- alarms

    static Stream<Arguments> alarmCases() {
        return Stream.of(
                invalid("11 rollback alarms",
                        () -> deploy(llm(), batch(1).wait(TWO_MINUTES).rollbackOn(errors(), customAlarms(10))),
                        "component[llm].rollingUpdate.rollbackAlarms", "must be at most 10"),
                invalid("alarm without a threshold",
                        () -> deployWithAlarm(Alarm.invocation4xxErrors().per(Duration.ofMinutes(5))),
                        ALARM + ".threshold", "is required", "above("),
                invalid("alarm threshold NaN fails at above(..)",
                        () -> Alarm.invocation4xxErrors().above(Double.NaN),
                        "alarm.threshold", "must be a finite number"),
                invalid("alarm period of 45 s fails at per(..)",
                        () -> errors().per(Duration.ofSeconds(45)),
                        "alarm.period", "must be 10, 20 or 30 s or a multiple of 60 s", "per(Duration.ofMinutes(1))"),
                invalid("alarm period of 90 s fails at per(..)",
                        () -> errors().per(Duration.ofSeconds(90)),
                        "alarm.period", "must be 10, 20 or 30 s or a multiple of 60 s", "per(Duration.ofMinutes(2))"),
                invalid("builder: alarm period of 45 s",
                        () -> deployWithAlarm(Alarm.from(AlarmSpec.builder().from(errors().spec()).period(Duration.ofSeconds(45)).build())),
                        ALARM + ".period", "must be 10, 20 or 30 s or a multiple of 60 s", "per(Duration.ofMinutes(1))"),
                invalid("alarm evaluating 0 periods fails at evaluationPeriods(..)",
                        () -> errors().evaluationPeriods(0),
                        "alarm.evaluationPeriods", "must be at least 1"),
                invalid("builder: alarm evaluating 0 periods",
                        () -> deployWithAlarm(Alarm.from(AlarmSpec.builder().from(errors().spec()).evaluationPeriods(0).build())),
                        ALARM + ".evaluationPeriods", "must be at least 1"),
                invalid("more datapoints to alarm than evaluation periods",
                        () -> deployWithAlarm(errors().evaluationPeriods(2).datapointsToAlarm(3)),
                        ALARM + ".datapointsToAlarm", "must be between 1 and the 2 evaluation periods", "datapointsToAlarm(2)"),
                invalid("zero datapoints to alarm fails at datapointsToAlarm(..)",
                        () -> errors().evaluationPeriods(3).datapointsToAlarm(0),
                        "alarm.datapointsToAlarm", "must be at least 1"),
                invalid("builder: zero datapoints to alarm",
                        () -> deployWithAlarm(Alarm.from(AlarmSpec.builder().from(errors().evaluationPeriods(3).spec()).datapointsToAlarm(0).build())),
                        ALARM + ".datapointsToAlarm", "must be between 1 and the 3 evaluation periods"),
                invalid("alarm evaluating more than one day (25 x 1 h)",
                        () -> deployWithAlarm(errors().per(Duration.ofHours(1)).evaluationPeriods(25)),
                        ALARM + ".evaluationPeriods", "must not evaluate more than one day (86400 s)", "evaluate at most 24 periods"),
                invalid("dimensions on an AWS/SageMaker metric",
                        () -> deployWithAlarm(errors().dimension("EndpointName", ENDPOINT)),
                        ALARM + ".dimensions", "must not be set on an AWS/SageMaker metric"),
                invalid("31 dimensions on a custom metric",
                        () -> deployWithAlarm(dimensions(Alarm.metric("QueueDepth").namespace("Custom/LLM").above(10), 31)),
                        "component[llm].rollingUpdate.rollbackAlarms[rolling-demo-llm-queuedepth].dimensions", "must be at most 30"),
                invalid("namespace starting with ':'",
                        () -> deployWithAlarm(Alarm.metric("QueueDepth").namespace(":Custom").above(10)),
                        "component[llm].rollingUpdate.rollbackAlarms[rolling-demo-llm-queuedepth].namespace", "must be 1-255 characters and not start with ':'"),
                invalid("empty metric name",
                        () -> deployWithAlarm(Alarm.metric("").above(10).named("no-metric")),
                        "component[llm].rollingUpdate.rollbackAlarms[no-metric].metric", "must be 1-255 characters"),
                invalid("blank alarm name",
                        () -> deployWithAlarm(errors().named("   ")),
                        "component[llm].rollingUpdate.rollbackAlarms[   ].name", "must be 1-255 characters and not blank"),
                invalid("alarm name of 256 characters",
                        () -> deployWithAlarm(errors().named("a".repeat(256))),
                        "component[llm].rollingUpdate.rollbackAlarms[" + "a".repeat(28) + "…" + "a".repeat(28) + " (256 characters)].name",
                        "must be 1-255 characters"),
                invalid("alarm description of 1025 characters",
                        () -> deployWithAlarm(errors().description("d".repeat(1025))),
                        ALARM + ".description", "must be at most 1024 characters"),
                invalid("two components' alarms resolving to the same name",
                        () -> endpointUpTo(8)
                                .component(llm()).rollingUpdate(batch(1).wait(TWO_MINUTES).rollbackOn(errors().named("errors")))
                                .component(embed()).rollingUpdate(batch(1).wait(TWO_MINUTES).rollbackOn(errors().named("errors")))
                                .named(ENDPOINT),
                        "component[embed].rollingUpdate.rollbackAlarms[errors]", "must be unique: component 'llm' already defines",
                        "named("),
                invalid("one component's two different alarms of the same name",
                        () -> deploy(llm(), batch(1).wait(TWO_MINUTES).rollbackOn(errors().named("errors"), errors().above(50).named("errors"))),
                        "component[llm].rollingUpdate.rollbackAlarms[errors]", "must be unique"));
    }

    // ---------------------------------------------------------------- capacity

    static Stream<Arguments> capacityCases() {
        return Stream.of(
                invalid("4 copies and a batch of 1 on at most 4 single-GPU instances",
                        () -> deploy(llm().copies(4), policy()),
                        "scale.max", "the copies do not fit: 4 copies × 1 GPU + a batch of 1 needs 5 GPUs; 4 × ml.g5.2xlarge give 4",
                        "raise the maximum instance count"),
                invalid("2 copies and a batch of 1 on 2 instances without scaling",
                        () -> deploy(Endpoint.on("ml.g5.2xlarge").instances(2).executionRole(ROLE), llm(), policy()),
                        "instances", "2 copies × 1 GPU + a batch of 1 needs 3 GPUs; 2 × ml.g5.2xlarge give 2"),
                invalid("two components and a batch on 3 instances",
                        () -> endpointUpTo(3).component(llm()).rollingUpdate(policy()).component(embed()).named(ENDPOINT),
                        "scale.max", "2 copies of llm × 1 GPU + 2 copies of embed × 1 GPU + a batch of 1 needs 5 GPUs; 3 × ml.g5.2xlarge give 3"),
                invalid("a copy of 2 GPUs on a 1-GPU instance",
                        () -> deploy(llm().accelerators(2), policy()),
                        "component[llm]", "one copy does not fit on one ml.g5.2xlarge (1 GPU, 8 vCPUs, 32768 MiB)"),
                invalid("a copy of 40000 MiB on a 32 GiB instance",
                        () -> deploy(llm().memoryMb(40_000), policy()),
                        "component[llm]", "one copy does not fit on one ml.g5.2xlarge"),
                invalid("a copy of 16 vCPUs on an 8-vCPU instance",
                        () -> deploy(llm().cpuCores(16), policy()),
                        "component[llm]", "one copy does not fit on one ml.g5.2xlarge"),
                invalid("a copy with an accelerator on a CPU instance",
                        () -> deploy(Endpoint.on("ml.m5.xlarge").scale(1, 4).executionRole(ROLE), llm(), policy()),
                        "component[llm]", "one copy does not fit on one ml.m5.xlarge"),
                invalid("a copy of 2 Neuron devices on ml.inf2.xlarge",
                        () -> deploy(Endpoint.on("ml.inf2.xlarge").scale(1, 4).executionRole(ROLE), llm().accelerators(2), policy()),
                        "component[llm]", "one copy does not fit on one ml.inf2.xlarge"),
                invalid("a copy of 2 GPUs on ml.g7e.2xlarge, a type of 2026 (1 RTX PRO 6000)",
                        () -> deploy(Endpoint.on("ml.g7e.2xlarge").scale(1, 1).executionRole(ROLE), llm().accelerators(2), policy()),
                        "component[llm]", "one copy does not fit on one ml.g7e.2xlarge (1 GPU, 8 vCPUs, 65536 MiB)"),
                invalid("4 copies of 2 Gaudi accelerators and a batch on one ml.dl1.24xlarge (8 Gaudi)",
                        () -> deploy(Endpoint.on("ml.dl1.24xlarge").scale(1, 1).executionRole(ROLE), llm().copies(4).accelerators(2), policy()),
                        "scale.max", "4 copies × 2 Gaudi accelerator + a batch of 1 needs 10 Gaudi accelerators; 1 × ml.dl1.24xlarge give 8"),
                invalid("Neuron devices short on ml.inf2.xlarge",
                        () -> deploy(Endpoint.on("ml.inf2.xlarge").scale(1, 2).executionRole(ROLE), llm(), policy()),
                        "scale.max", "2 copies × 1 Neuron device + a batch of 1 needs 3 Neuron devices; 2 × ml.inf2.xlarge give 2"),
                invalid("memory short in sum",
                        () -> deploy(endpointUpTo(1), Component.named("llm").image(IMAGE).memoryMb(20_000).copies(2), policy()),
                        "scale.max", "2 copies × 20000 MiB of memory + a batch of 1 needs 60000 MiB of memory; 1 × ml.g5.2xlarge give 32768"),
                invalid("memory fragmented: enough in sum, but one 20000 MiB copy per 32 GiB instance",
                        () -> endpointUpTo(2).component(Component.named("llm").image(IMAGE).memoryMb(20_000).copies(3)).named(ENDPOINT),
                        "scale.max", "3 copies of llm at 1 per instance need 3 instances; at most 2 × ml.g5.2xlarge"));
    }

    // ---------------------------------------------------------------- ComponentEndpointSpec.builder()

    static Stream<Arguments> builderCases() {
        return Stream.of(
                invalid("builder: endpoint name with an underscore",
                        () -> endpointSpec().name("rolling_demo").addComponent(llmSpec().build()).build(),
                        "name", "must be 1-63 letters, digits and hyphens", "rolling-demo"),
                invalid("builder: variant name of 64 characters",
                        () -> endpointSpec().variantName("v".repeat(64)).addComponent(llmSpec().build()).build(),
                        "variantName", "must be 1-63 letters, digits and hyphens"),
                invalid("builder: initial instance count 0",
                        () -> endpointSpec().initialInstanceCount(0).addComponent(llmSpec().build()).build(),
                        "instances", "must be at least 1"),
                invalid("builder: health-check timeout of 2 h",
                        () -> endpointSpec().containerStartupHealthCheckTimeout(Duration.ofHours(2)).addComponent(llmSpec().build()).build(),
                        "containerStartupHealthCheckTimeout", "must be between 60 and 3600 s"),
                invalid("builder: role ARN of an IAM user",
                        () -> endpointSpec().executionRoleArn("arn:aws:iam::123456789012:user/alice").addComponent(llmSpec().build()).build(),
                        "executionRole", "must be an IAM role ARN"),
                invalid("builder: component name with an underscore",
                        () -> endpointSpec().addComponent(llmSpec().name("llm_v2").build()).build(),
                        "component[llm_v2].name", "must be 1-63 letters, digits and hyphens", "llm-v2"),
                invalid("builder: accelerators 0",
                        () -> endpointSpec().addComponent(llmSpec().accelerators(0).build()).build(),
                        "component[llm].accelerators", "must be at least 1"),
                invalid("builder: cpu cores 0.1",
                        () -> endpointSpec().addComponent(llmSpec().cpuCores(0.1).build()).build(),
                        "component[llm].cpuCores", "must be at least 0.25"),
                invalid("builder: memory 64 MiB",
                        () -> endpointSpec().addComponent(llmSpec().minMemoryMb(64).build()).build(),
                        "component[llm].memoryMb", "must be at least 128"),
                invalid("builder: copies -1",
                        () -> endpointSpec().addComponent(llmSpec().copies(-1).build()).build(),
                        "component[llm].copies", "must be at least 0"),
                invalid("builder: component model download timeout of 3601 s",
                        () -> endpointSpec().addComponent(llmSpec().modelDataDownloadTimeout(Duration.ofSeconds(3601)).build()).build(),
                        "component[llm].modelDataDownloadTimeout", "must be between 60 and 3600 s"),
                invalid("builder: wait of 3601 s",
                        () -> endpointSpec().addComponent(llmSpec().rollingUpdate(policySpec().waitInterval(Duration.ofSeconds(3601)).build()).build()).build(),
                        "component[llm].rollingUpdate.wait", "must be between 0 and 3600 s"),
                invalid("builder: timeout of 300 s",
                        () -> endpointSpec().addComponent(llmSpec().rollingUpdate(policySpec().maximumExecutionTimeout(Duration.ofSeconds(300)).build()).build()).build(),
                        "component[llm].rollingUpdate.timeout", "must be between 600 and 28800 s"),
                invalid("builder: alarm without a threshold",
                        () -> endpointSpec().addComponent(llmSpec().rollingUpdate(policySpec()
                                .rollbackAlarms(List.of(AlarmSpec.builder().metricName("Invocation5XXErrors").build())).build()).build()).build(),
                        "component[llm].rollingUpdate.rollbackAlarms[rolling-demo-llm-invocation5xxerrors].threshold", "is required"),
                invalid("builder: scaling maximum exceeded by copies and batch",
                        () -> endpointSpec().scaling(new InstanceScaling(1, 2)).addComponent(llmSpec().rollingUpdate(policySpec().build()).build()).build(),
                        "scale.max", "2 copies × 1 GPU + a batch of 1 needs 3 GPUs; 2 × ml.g5.2xlarge give 2"),
                invalid("builder: InstanceScaling(3, 2)",
                        () -> new InstanceScaling(3, 2),
                        "scale", "min must not exceed max", "scale(2, 3)"));
    }

    // ---------------------------------------------------------------- all at once

    @Test
    @DisplayName("reports every violation of one spec together in the order of the fields")
    void reportsEveryViolationOfOneSpecTogetherInTheOrderOfTheFields() {
        // Single-value mistakes fail at their DSL call, so the builder route carries them all here.
        SpecValidationException e = rejection(() -> ComponentEndpointSpec.builder()
                .name("rolling_demo")
                .instanceType(InstanceType.ML_G5_2XLARGE)
                .scaling(new InstanceScaling(1, 4))
                .kmsKeyId("alias/my key")
                .putTag("aws:team", "ml")
                .addComponent(ComponentSpec.builder().name("llm").image(IMAGE + " latest").accelerators(1).minMemoryMb(1024).copies(4)
                        .rollingUpdate(batch(3).wait(TWO_MINUTES).spec()).build())
                .build());

        assertThat(e.violations()).extracting(Violation::path).containsExactly(
                "name",
                "executionRole",
                "kmsKey",
                "tags[aws:team].key",
                "component[llm].image",
                "component[llm].rollingUpdate.batch",
                "scale.max");
        assertThat(e.getMessage())
                .contains("breaks 7 rules; nothing was sent to AWS")
                .contains("1. name = \"rolling_demo\"")
                .contains("7. scale.max = 4: the copies do not fit: 4 copies × 1 GPU + a batch of 3 needs 7 GPUs");
        assertThat(e.violations()).allSatisfy(v -> {
            assertThat(v.rule()).isNotBlank();
            assertThat(v.fix()).isNotBlank();
        });
    }

    @Test
    @DisplayName("reports every missing field of a built spec together")
    void reportsEveryMissingFieldOfABuiltSpecTogether() {
        SpecValidationException e = rejection(() -> ComponentEndpointSpec.builder()
                .name("rolling-demo")
                .instanceType(InstanceType.ML_G5_2XLARGE)
                .scaling(new InstanceScaling(1, 4))
                .addComponent(ComponentSpec.builder().name("llm").accelerators(1).build())
                .build());

        assertThat(e.violations()).extracting(Violation::path).containsExactly(
                "executionRole",
                "component[llm].image",
                "component[llm].memoryMb",
                "component[llm].copies");
        assertThat(e.violations()).extracting(Violation::value).containsOnlyNulls();
        assertThat(e.getMessage()).contains("breaks 4 rules").contains("component[llm].memoryMb is missing: is required");
    }

    @Test
    @DisplayName("scale reports both bounds at once")
    void scaleReportsBothBoundsAtOnce() {
        SpecValidationException e = rejection(() -> Endpoint.on("ml.g5.2xlarge").scale(-1, 0));

        assertThat(e.violations()).extracting(Violation::path).containsExactly("scale.min", "scale.max");
    }

    // ---------------------------------------------------------------- secrets

    @Test
    @DisplayName("a secret set also as plain variable is reported without its value")
    void aSecretSetAlsoAsPlainVariableIsReportedWithoutItsValue() {
        SpecValidationException e = rejection(() -> deploy(llm().env("HF_TOKEN", "plain").secretEnv("HF_TOKEN", CANARY), policy()));

        assertThat(e.violations()).anySatisfy(v -> {
            assertThat(v.path()).isEqualTo("component[llm].env[HF_TOKEN]");
            assertThat(v.value()).isEqualTo(Secret.MASK);
        });
        assertNoCanary(e);
    }

    @Test
    @DisplayName("a too long secret is reported without its value")
    void aTooLongSecretIsReportedWithoutItsValue() {
        String secret = CANARY + "x".repeat(2000);
        SpecValidationException e = rejection(() -> deploy(llm().secretEnv("HF_TOKEN", secret), policy()));

        assertThat(e.violations()).anySatisfy(v -> {
            assertThat(v.path()).isEqualTo("component[llm].env[HF_TOKEN]");
            assertThat(v.value()).isEqualTo(Secret.MASK);
            assertThat(v.rule()).contains("(is " + secret.length() + ")");
        });
        assertNoCanary(e);
    }

    @Test
    @DisplayName("a spec with a secret and other mistakes never shows the secret")
    void aSpecWithASecretAndOtherMistakesNeverShowsTheSecret() {
        SpecValidationException e = rejection(() -> Endpoint.on("ml.g5.2xlarge").scale(1, 4)
                .component(Component.from(ComponentSpec.builder().from(llm().copies(4).spec())
                        .putSecretEnvironment("HF-TOKEN", Secret.of(CANARY)).build()))
                .rollingUpdate(batch(3).wait(TWO_MINUTES))
                .named("rolling_demo"));

        assertThat(e.violations()).hasSizeGreaterThanOrEqualTo(4);
        assertNoCanary(e);
    }

    private static void assertNoCanary(SpecValidationException e) {
        assertThat(e.getMessage()).doesNotContain(CANARY);
        assertThat(e.toString()).doesNotContain(CANARY);
        assertThat(e.violations()).allSatisfy(v -> assertThat(v.toString()).doesNotContain(CANARY));
    }

    // ---------------------------------------------------------------- valid boundaries

    static Stream<Arguments> validBoundaries() {
        return Stream.of(
                Arguments.of(Named.of("the seed itself",
                        (ThrowingCallable) () -> deploy(llm().secretEnv("HF_TOKEN", CANARY), policy()))),
                Arguments.of(Named.of("1 copy, batch 1, rollback batch 1",
                        (ThrowingCallable) () -> deploy(llm().copies(1), batch(1).wait(TWO_MINUTES).rollbackBatch(1).rollbackOn(errors())))),
                Arguments.of(Named.of("3 copies, batch 25% (resolves to 1)",
                        (ThrowingCallable) () -> deploy(endpointUpTo(8), llm().copies(3), batchPercent(25).wait(TWO_MINUTES)))),
                Arguments.of(Named.of("20 copies, batch 10 (50%)",
                        (ThrowingCallable) () -> deploy(endpointUpTo(32), llm().copies(20), batch(10).wait(TWO_MINUTES)))),
                Arguments.of(Named.of("100 copies, batch 5 (5%)",
                        (ThrowingCallable) () -> deploy(endpointUpTo(128), llm().copies(100), batch(5).wait(TWO_MINUTES).rollbackBatch(50)))),
                Arguments.of(Named.of("100 copies, batch 5%",
                        (ThrowingCallable) () -> deploy(endpointUpTo(128), llm().copies(100), batchPercent(5).wait(TWO_MINUTES)))),
                Arguments.of(Named.of("wait 0 s",
                        (ThrowingCallable) () -> deploy(llm(), batch(1).wait(Duration.ZERO).rollbackOn(errors())))),
                Arguments.of(Named.of("wait 3600 s",
                        (ThrowingCallable) () -> deploy(llm(), batch(1).wait(Duration.ofSeconds(3600)).rollbackOn(errors())))),
                Arguments.of(Named.of("timeout exactly 2 batches x 300 s = 600 s",
                        (ThrowingCallable) () -> deploy(llm(), batch(1).wait(Duration.ofSeconds(300)).timeout(Duration.ofSeconds(600))))),
                Arguments.of(Named.of("timeout exactly 2 batches x 3600 s = 7200 s",
                        (ThrowingCallable) () -> deploy(endpointUpTo(8), llm().copies(4), batch(2).wait(Duration.ofSeconds(3600))
                                .timeout(Duration.ofSeconds(7200))))),
                Arguments.of(Named.of("timeout 28800 s",
                        (ThrowingCallable) () -> deploy(llm(), policy().timeout(Duration.ofSeconds(28_800))))),
                Arguments.of(Named.of("unknown but well-formed ml.g9z.4xlarge skips the capacity check",
                        (ThrowingCallable) () -> deploy(Endpoint.on("ml.g9z.4xlarge").scale(1, 1).executionRole(ROLE),
                                llm().copies(4).accelerators(8), batch(2).wait(TWO_MINUTES)))),
                Arguments.of(Named.of("4 copies and a batch of 1 on 5 instances",
                        (ThrowingCallable) () -> deploy(endpointUpTo(5), llm().copies(4), policy()))),
                Arguments.of(Named.of("names, timeouts, VPC and tags at their limits",
                        (ThrowingCallable) () -> Endpoint.on("ml.g5.2xlarge").scale(0, 4).instances(4)
                                .executionRole(ROLE)
                                .modelDataDownloadTimeout(Duration.ofSeconds(60))
                                .containerStartupHealthCheckTimeout(Duration.ofSeconds(3600))
                                .kmsKey("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")
                                .vpc(ids("subnet-0abc", 16), ids("sg-0abc", 5))
                                .variant("v".repeat(63))
                                .tag("k".repeat(128), "v".repeat(256))
                                .component(renamed(llm(), "c".repeat(63)))
                                .named("e".repeat(63)))),
                Arguments.of(Named.of("50 tags and 100 environment variables",
                        (ThrowingCallable) () -> tagged(endpoint(), 50).component(manyEnv(llm(), 99)).named(ENDPOINT))),
                Arguments.of(Named.of("alarm on 10 x 30 s, 1 day of hours, custom metric with dimensions",
                        (ThrowingCallable) () -> deploy(llm(), batch(1).wait(TWO_MINUTES).rollbackOn(
                                errors().per(Duration.ofSeconds(30)).evaluationPeriods(10).datapointsToAlarm(10),
                                Alarm.modelLatency().above(2_000_000).per(Duration.ofHours(1)).evaluationPeriods(24),
                                Alarm.metric("QueueDepth").namespace("Custom/LLM").dimension("Model", "llama").above(10))))),
                Arguments.of(Named.of("10 rollback alarms",
                        (ThrowingCallable) () -> deploy(llm(), batch(1).wait(TWO_MINUTES).rollbackOn(errors(), customAlarms(9))))));
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("accepts valid boundary")
    @MethodSource("validBoundaries")
    void acceptsValidBoundary(ThrowingCallable build) {
        assertThatCode(build).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("a type newer than the release skips the capacity check with a warning")
    void aTypeNewerThanTheReleaseSkipsTheCapacityCheckWithAWarning() {
        PrintStream stderr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ComponentEndpointSpec unknown;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            unknown = deploy(Endpoint.on("ml.g9z.4xlarge").scale(1, 1).executionRole(ROLE), llm().copies(4), batch(2).wait(TWO_MINUTES));
        } finally {
            System.setErr(stderr);
        }
        assertThat(unknown.instanceType().isKnown()).isFalse();
        assertThat(unknown.instanceType().shape()).isEmpty();
        assertThat(unknown.maximumInstanceCount()).isEqualTo(1);
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("WARN")
                .contains("Capacity not checked for endpoint 'rolling-demo'")
                .contains("ml.g9z.4xlarge");
    }

    // ---------------------------------------------------------------- helpers

    private static List<String> ids(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + String.format("%04d", i)).toList();
    }

    private static ComponentEndpointStep tagged(ComponentEndpointStep endpoint, int n) {
        ComponentEndpointStep step = endpoint;
        for (int i = 0; i < n; i++) {
            step = step.tag("tag" + i, "value" + i);
        }
        return step;
    }

    private static Component manyEnv(Component component, int n) {
        Component c = component;
        for (int i = 0; i < n; i++) {
            c = c.env("VAR_" + i, "value");
        }
        return c;
    }

    private static Alarm[] customAlarms(int n) {
        List<Alarm> alarms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            alarms.add(Alarm.metric("CustomMetric" + i).above(i));
        }
        return alarms.toArray(Alarm[]::new);
    }

    private static Alarm dimensions(Alarm alarm, int n) {
        Alarm a = alarm;
        for (int i = 0; i < n; i++) {
            a = a.dimension("Dim" + i, "value" + i);
        }
        return a;
    }

    private static Component renamed(Component component, String name) {
        return Component.from(ComponentSpec.builder().from(component.spec()).name(name).build());
    }
}
