package dev.ballast;

import static dev.ballast.VariantEndpointSeed.CANARY;
import static dev.ballast.VariantEndpointSeed.CAPTURE_URI;
import static dev.ballast.VariantEndpointSeed.ENDPOINT;
import static dev.ballast.VariantEndpointSeed.IMAGE;
import static dev.ballast.VariantEndpointSeed.KMS_KEY;
import static dev.ballast.VariantEndpointSeed.MODEL_V1;
import static dev.ballast.VariantEndpointSeed.MODEL_V2;
import static dev.ballast.VariantEndpointSeed.ROLE;
import static dev.ballast.VariantEndpointSeed.V1;
import static dev.ballast.VariantEndpointSeed.V2;
import static dev.ballast.VariantEndpointSeed.errors;
import static dev.ballast.VariantEndpointSeed.seed;
import static dev.ballast.VariantEndpointSeed.serving;
import static dev.ballast.VariantEndpointSeed.variant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.ballast.dsl.VariantEndpointStep;
import dev.ballast.spec.AlarmSpec;
import dev.ballast.spec.BlueGreenSpec;
import dev.ballast.spec.Capacity;
import dev.ballast.spec.CaptureMode;
import dev.ballast.spec.DataCaptureSpec;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.spec.ModelSpec;
import dev.ballast.spec.ScalingMetric;
import dev.ballast.spec.Serverless;
import dev.ballast.spec.TrafficRouting;
import dev.ballast.spec.VariantProperty;
import dev.ballast.spec.VariantSpec;

/** The DSL of endpoints of model-based production variants, on the second seed's A/B endpoint. */
class VariantEndpointDslTest {

    private static final InstanceType M5 = InstanceType.ML_M5_XLARGE;

    // ---------------------------------------------------------------- the seed

    @Test
    @DisplayName("the seed's A/B endpoint: my-model-v1 at 0.9 and my-model-v2 at 0.1 on one ml.m5.xlarge each")
    void seedVariants() {
        VariantEndpointSpec spec = seed();

        assertThat(spec.name()).isEqualTo(ENDPOINT);
        assertThat(spec.variants()).extracting(VariantSpec::name).containsExactly(V1, V2);
        VariantSpec v1 = spec.variant(V1).orElseThrow();
        VariantSpec v2 = spec.variant(V2).orElseThrow();
        assertThat(v1.model()).map(ModelSpec::name).contains(MODEL_V1);
        assertThat(v2.model()).map(ModelSpec::name).contains(MODEL_V2);
        assertThat(v1.instanceType()).contains(M5);
        assertThat(v2.instanceType()).contains(M5);
        assertThat(v1.resolvedInstanceCount()).isEqualTo(1);
        assertThat(v1.initialWeight()).isEqualTo(0.9);
        assertThat(v2.initialWeight()).isEqualTo(0.1);
        assertThat(spec.variant("model-v3-variant")).isEmpty();
        assertThat(spec.models()).extracting(ModelSpec::name).containsExactly(MODEL_V1, MODEL_V2);
        assertThat(spec.instancesByType()).containsExactly(entry(M5, 2));
    }

    @Test
    @DisplayName("the seed's data capture: 100% of input and output to the S3 bucket, encrypted with the KMS key")
    void seedDataCapture() {
        DataCaptureSpec capture = seed().dataCapture().orElseThrow();

        assertThat(capture.destinationS3Uri()).contains(CAPTURE_URI);
        assertThat(capture.samplingPercentage()).isEqualTo(100);
        assertThat(capture.modes()).containsExactlyInAnyOrder(CaptureMode.INPUT, CaptureMode.OUTPUT);
        assertThat(capture.kmsKeyId()).contains(KMS_KEY);
        assertThat(capture.enabled()).isTrue();
        assertThat(capture.csvContentTypes()).isEmpty();
    }

    @Test
    @DisplayName("capture modes are SageMaker's Input and Output (the Request/Response of some examples are not accepted)")
    void captureModesUseSageMakersNames() {
        assertThat(CaptureMode.INPUT.awsName()).isEqualTo("Input");
        assertThat(CaptureMode.OUTPUT.awsName()).isEqualTo("Output");
        assertThat(DataCapture.to(CAPTURE_URI).spec().modes()).containsExactlyInAnyOrder(CaptureMode.INPUT, CaptureMode.OUTPUT);
        assertThat(DataCapture.to(CAPTURE_URI).capture(CaptureMode.OUTPUT).spec().modes()).containsExactly(CaptureMode.OUTPUT);
    }

    @Test
    @DisplayName("the seed's models carry the image, artifacts, role and a secret variable sent as-is")
    void seedModels() {
        ModelSpec v1 = seed("tok-1").models().get(0);

        assertThat(v1.image()).contains(IMAGE);
        assertThat(v1.modelDataUrl()).contains("s3://my-bucket/models/my-model-v1/model.tar.gz");
        assertThat(v1.executionRoleArn()).contains(ROLE);
        assertThat(v1.environment()).containsExactly(entry("SAGEMAKER_PROGRAM", "inference.py"));
        assertThat(v1.secretEnvironment().get("API_TOKEN").reveal()).isEqualTo("tok-1");
        assertThat(v1.networkIsolation()).isFalse();
        assertThat(Model.named("m").networkIsolation().spec().networkIsolation()).isTrue();
    }

    @Test
    @DisplayName("the seed prints as the deployment, one variant and one model per line, the secret masked")
    void seedToString() {
        assertThat(seed().toString()).isEqualTo(
                "Endpoint{my-model-endpoint, DataCapture{100% of [INPUT, OUTPUT] to " + CAPTURE_URI + ", kms " + KMS_KEY + "},\n"
                        + "  Variant{model-v1-variant, model my-model-v1 on ml.m5.xlarge x 1, weight 0.9},\n"
                        + "  Variant{model-v2-variant, model my-model-v2 on ml.m5.xlarge x 1, weight 0.1},\n"
                        + "  Model{my-model-v1, image " + IMAGE + ", model data s3://my-bucket/models/my-model-v1/model.tar.gz,"
                        + " env {SAGEMAKER_PROGRAM=inference.py, API_TOKEN=****}, role " + ROLE + "},\n"
                        + "  Model{my-model-v2, image " + IMAGE + ", model data s3://my-bucket/models/my-model-v2/model.tar.gz,"
                        + " env {SAGEMAKER_PROGRAM=inference.py, API_TOKEN=****}, role " + ROLE + "}}");
    }

    @Test
    @DisplayName("a Model.secretEnv value is in no toString: spec, draft, model, variant, endpoint with every option")
    void secretInNoToString() {
        VariantEndpointStep draft = VariantEndpointSeed.endpoint(CANARY)
                .update(BlueGreen.canaryPercent(50).bake(Duration.ofMinutes(5)).rollbackOn(errors()))
                .tag("team", "ml").kmsKey(KMS_KEY).vpc(List.of("subnet-0abc"), List.of("sg-0abc"));
        Model model = VariantEndpointSeed.model(MODEL_V1, CANARY);

        assertThat(List.of(draft.toString(), draft.named(ENDPOINT).toString(), model.toString(), model.spec().toString(),
                VariantEndpointSeed.v1(CANARY).toString(), VariantEndpointSeed.v1(CANARY).spec().model().orElseThrow().toString()))
                .allSatisfy(text -> assertThat(text).doesNotContain(CANARY));
        assertThat(model.toString()).contains("API_TOKEN=****");
        assertThat(draft.named(ENDPOINT).models()).allSatisfy(m -> assertThat(m.secretEnvironment().get("API_TOKEN").reveal()).isEqualTo(CANARY));
    }

    @Test
    @DisplayName("an unnamed chain says it is not named yet and lists its calls")
    void unnamedDraft() {
        VariantEndpointStep draft = VariantEndpointSeed.endpoint(CANARY);

        assertThat(draft).isNotInstanceOf(VariantEndpointSpec.class);
        assertThat(draft.toString()).startsWith("Endpoint.serving(..).variant(model-v1-variant).variant(model-v2-variant).dataCapture(")
                .contains("not named yet");
    }

    @Test
    @DisplayName("the builder route gives the same spec and configuration name as the DSL")
    void builderRouteEqualsDsl() {
        VariantEndpointSpec viaBuilder = VariantEndpointSpec.builder()
                .name(ENDPOINT)
                .addVariant(VariantSpec.builder().name(V1).model(modelSpec(MODEL_V1)).instanceType(M5).initialInstanceCount(1)
                        .initialWeight(0.9).build())
                .addVariant(VariantSpec.builder().name(V2).model(modelSpec(MODEL_V2)).instanceType(M5).initialInstanceCount(1)
                        .initialWeight(0.1).build())
                .dataCapture(DataCaptureSpec.builder().destinationS3Uri(CAPTURE_URI).samplingPercentage(100).kmsKeyId(KMS_KEY).build())
                .build();

        assertThat(viaBuilder).isEqualTo(seed());
        assertThat(viaBuilder.endpointConfigName()).isEqualTo(seed().endpointConfigName());
    }

    private static ModelSpec modelSpec(String name) {
        return ModelSpec.builder().name(name).image(IMAGE).modelDataUrl("s3://my-bucket/models/" + name + "/model.tar.gz")
                .putEnvironment("SAGEMAKER_PROGRAM", "inference.py").putSecretEnvironment("API_TOKEN", Secret.of(CANARY))
                .executionRoleArn(ROLE).build();
    }

    @Test
    @DisplayName("the example of VariantEndpointSpec's Javadoc is a valid spec")
    void javadocExample() {
        Alarm errors = Alarm.invocation5xxErrors().above(0).per(Duration.ofMinutes(1));
        VariantEndpointSpec spec = Endpoint.serving(
                        Variant.named("model-v1-variant").model(VariantEndpointSeed.model(MODEL_V1, "t")).on("ml.m5.xlarge").instances(1).weight(0.9),
                        Variant.named("model-v2-variant").model(VariantEndpointSeed.model(MODEL_V2, "t")).on("ml.m5.xlarge").instances(1).weight(0.1))
                .dataCapture(DataCapture.to("s3://my-bucket/capture/").sampling(100))
                .update(BlueGreen.canary(Capacity.percent(50)).bake(Duration.ofMinutes(10)).rollbackOn(errors))
                .named("my-model-endpoint");

        assertThat(spec.blueGreen()).hasValueSatisfying(b -> {
            assertThat(b.routing()).isEqualTo(TrafficRouting.CANARY);
            assertThat(b.stepSize()).contains(Capacity.percent(50));
            assertThat(b.bake()).isEqualTo(Duration.ofMinutes(10));
        });
    }

    // ---------------------------------------------------------------- immutability and options

    @Test
    @DisplayName("every step returns a new value: a shared chain and shared variants can be reused")
    void stepsAreImmutable() {
        VariantEndpointStep base = VariantEndpointSeed.endpoint("t");
        VariantEndpointSpec tagged = base.tag("team", "ml").named(ENDPOINT);
        VariantEndpointSpec three = base.variant(variant("model-v3-variant", 1)).named(ENDPOINT);

        assertThat(base.named(ENDPOINT).tags()).isEmpty();
        assertThat(base.named(ENDPOINT).variants()).hasSize(2);
        assertThat(tagged.tags()).containsExactly(entry("team", "ml"));
        assertThat(three.variants()).hasSize(3);

        Variant v = Variant.named("v");
        Variant heavy = v.weight(5).instances(3);
        assertThat(v.spec().initialWeight()).isEqualTo(1.0);
        assertThat(v.spec().initialInstanceCount()).isEmpty();
        assertThat(heavy.spec().initialWeight()).isEqualTo(5.0);
        assertThat(heavy.spec().resolvedInstanceCount()).isEqualTo(3);

        Model m = Model.named("m");
        assertThat(m.image(IMAGE).spec().image()).contains(IMAGE);
        assertThat(m.spec().image()).isEmpty();
        DataCapture c = DataCapture.to(CAPTURE_URI);
        assertThat(c.sampling(10).spec().samplingPercentage()).isEqualTo(10);
        assertThat(c.spec().samplingPercentage()).isEqualTo(100);
    }

    @Test
    @DisplayName("variant defaults: 1 instance, weight 1; a serverless variant has 0 instances")
    void variantDefaults() {
        VariantSpec plain = Variant.named("v").model(VariantEndpointSeed.model("m", "t")).on(M5).spec();
        VariantSpec serverless = Variant.named("s").model(VariantEndpointSeed.model("m", "t")).serverless(2048, 20).provisionedConcurrency(5).spec();

        assertThat(plain.resolvedInstanceCount()).isEqualTo(1);
        assertThat(plain.initialInstanceCount()).isEmpty();
        assertThat(plain.initialWeight()).isEqualTo(1.0);
        assertThat(serverless.serverless()).contains(new Serverless(2048, 20, java.util.Optional.of(5)));
        assertThat(serverless.resolvedInstanceCount()).isZero();
        assertThat(serverless.instanceType()).isEmpty();
        assertThat(serverless.toString()).isEqualTo("Variant{s, model m, serverless 2048 MiB x 20, 5 provisioned, weight 1}");
    }

    @Test
    @DisplayName("variant options land in the spec")
    void variantOptions() {
        VariantSpec v = Variant.named("v").model(VariantEndpointSeed.model("m", "t")).on("ml.c5.2xlarge").instances(2).weight(3)
                .volumeSizeGb(100)
                .modelDataDownloadTimeout(Duration.ofMinutes(10))
                .containerStartupHealthCheckTimeout(Duration.ofMinutes(5))
                .autoScaling(AutoScaling.between(2, 6).invocationsPerInstance(70).scaleOutCooldown(Duration.ofMinutes(1))
                        .scaleInCooldown(Duration.ofMinutes(5)).noScaleIn().policyName("v-scaling"))
                .spec();

        assertThat(v.instanceType()).contains(InstanceType.of("ml.c5.2xlarge"));
        assertThat(v.volumeSizeGb()).contains(100);
        assertThat(v.modelDataDownloadTimeout()).contains(Duration.ofMinutes(10));
        assertThat(v.containerStartupHealthCheckTimeout()).contains(Duration.ofMinutes(5));
        assertThat(v.autoScaling()).hasValueSatisfying(a -> {
            assertThat(a.min()).isEqualTo(2);
            assertThat(a.max()).isEqualTo(6);
            assertThat(a.metric()).contains(ScalingMetric.INVOCATIONS_PER_INSTANCE);
            assertThat(a.targetValue()).contains(70.0);
            assertThat(a.scaleInDisabled()).isTrue();
            assertThat(a.resolvedPolicyName("v")).isEqualTo("v-scaling");
        });
        assertThat(AutoScaling.between(1, 2).concurrentRequestsPerModel(3).spec().resolvedPolicyName("v")).isEqualTo("v-target-tracking");
        assertThat(ScalingMetric.INVOCATIONS_PER_INSTANCE.awsName()).isEqualTo("SageMakerVariantInvocationsPerInstance");
        assertThat(ScalingMetric.CONCURRENT_REQUESTS_PER_MODEL.awsName())
                .isEqualTo("SageMakerVariantConcurrentRequestsPerModelHighResolution");
        assertThat(v.toString()).isEqualTo("Variant{v, model m on ml.c5.2xlarge x 2, weight 3, volume 100 GB, model download timeout 600 s,"
                + " startup health check timeout 300 s, AutoScaling{2..6, INVOCATIONS_PER_INSTANCE at 70, scale-out cooldown 60 s,"
                + " scale-in cooldown 300 s, no scale-in, policy v-scaling}}");
    }

    @Test
    @DisplayName("endpoint options land in the spec and its toString")
    void endpointOptions() {
        VariantEndpointSpec spec = VariantEndpointSeed.endpoint("t")
                .vpc(List.of("subnet-0abc", "subnet-0def"), List.of("sg-0123"))
                .kmsKey("alias/volumes")
                .tag("team", "ml-platform")
                .retainDeploymentConfig()
                .instanceLimit(M5, 8)
                .named(ENDPOINT);

        assertThat(spec.vpc().orElseThrow().subnets()).containsExactly("subnet-0abc", "subnet-0def");
        assertThat(spec.kmsKeyId()).contains("alias/volumes");
        assertThat(spec.tags()).containsExactly(entry("team", "ml-platform"));
        assertThat(spec.retainDeploymentConfig()).isTrue();
        assertThat(spec.instanceLimits()).containsExactly(entry(M5, 8));
        assertThat(spec.toString()).contains("vpc [subnet-0abc, subnet-0def] [sg-0123]", "kms alias/volumes", "tags {team=ml-platform}",
                "retain deployment config", "instance limits {ml.m5.xlarge=8}");
    }

    @Test
    @DisplayName("data capture options land in the spec")
    void dataCaptureOptions() {
        DataCaptureSpec c = DataCapture.to(CAPTURE_URI).sampling(20).capture(CaptureMode.INPUT)
                .csvContentTypes("text/csv").jsonContentTypes("application/json", "application/jsonlines").disabled().spec();

        assertThat(c.samplingPercentage()).isEqualTo(20);
        assertThat(c.modes()).containsExactly(CaptureMode.INPUT);
        assertThat(c.csvContentTypes()).containsExactly("text/csv");
        assertThat(c.jsonContentTypes()).containsExactly("application/json", "application/jsonlines");
        assertThat(c.enabled()).isFalse();
        assertThat(c.toString()).isEqualTo("DataCapture{off, 20% of [INPUT] to " + CAPTURE_URI
                + ", csv [text/csv], json [application/json, application/jsonlines]}");
    }

    @Test
    @DisplayName("the last update(..) wins: a spec has one policy, blue/green or rolling")
    void lastUpdateWins() {
        VariantEndpointStep base = VariantEndpointSeed.endpoint("t");
        VariantEndpointSpec rolling = base.update(BlueGreen.allAtOnce()).update(RollingUpdate.batch(1).wait(Duration.ofMinutes(1))).named(ENDPOINT);
        VariantEndpointSpec blueGreen = base.update(RollingUpdate.batch(1).wait(Duration.ofMinutes(1))).update(BlueGreen.linearPercent(50)).named(ENDPOINT);

        assertThat(rolling.blueGreen()).isEmpty();
        assertThat(rolling.rollingUpdate()).isPresent();
        assertThat(blueGreen.rollingUpdate()).isEmpty();
        assertThat(blueGreen.blueGreen()).map(BlueGreenSpec::routing).contains(TrafficRouting.LINEAR);
        assertThat(base.named(ENDPOINT).blueGreen()).isEmpty();
        assertThat(base.named(ENDPOINT).rollingUpdate()).isEmpty();
    }

    @Test
    @DisplayName("blue/green factories: routing and step size, defaults of 0 s bake and no waits, alarms accumulate")
    void blueGreenOptions() {
        BlueGreenSpec all = BlueGreen.allAtOnce().spec();
        BlueGreenSpec canary = BlueGreen.canaryInstances(1).bake(Duration.ofMinutes(10)).terminationWait(Duration.ofMinutes(10))
                .timeout(Duration.ofMinutes(45)).rollbackOn(errors()).rollbackOn(Alarm.modelLatency().above(1e6)).spec();
        BlueGreenSpec linear = BlueGreen.linearInstances(2).spec();

        assertThat(all.routing()).isEqualTo(TrafficRouting.ALL_AT_ONCE);
        assertThat(all.stepSize()).isEmpty();
        assertThat(all.bake()).isZero();
        assertThat(all.terminationWait()).isEmpty();
        assertThat(all.maximumExecutionTimeout()).isEmpty();
        assertThat(canary.stepSize()).contains(Capacity.count(1));
        assertThat(canary.rollbackAlarms()).extracting(AlarmSpec::metricName).containsExactly("Invocation5XXErrors", "ModelLatency");
        assertThat(canary.toString()).isEqualTo("BlueGreen{CANARY 1, bake 600 s, termination wait 600 s, timeout 2700 s, rollback on"
                + " [Alarm{Invocation5XXErrors Sum > 0 per 60 s}, Alarm{ModelLatency Average > 1000000 per 60 s}]}");
        assertThat(linear.routing()).isEqualTo(TrafficRouting.LINEAR);
        assertThat(linear.stepSize()).contains(Capacity.count(2));
        assertThat(BlueGreen.canaryPercent(25).spec().stepSize()).contains(Capacity.percent(25));
        assertThat(BlueGreen.linearPercent(20).spec().stepSize()).contains(Capacity.percent(20));
    }

    @Test
    @DisplayName("bakes: one for all at once, two for a canary, one per step for linear percentages")
    void bakes() {
        assertThat(BlueGreen.allAtOnce().spec().bakes()).isEqualTo(1);
        assertThat(BlueGreen.canaryPercent(10).spec().bakes()).isEqualTo(2);
        assertThat(BlueGreen.linearPercent(20).spec().bakes()).isEqualTo(5);
        assertThat(BlueGreen.linearPercent(30).spec().bakes()).isEqualTo(4);
        assertThat(BlueGreen.linearPercent(50).spec().bakes()).isEqualTo(2);
    }

    // ---------------------------------------------------------------- retained variant properties

    @Test
    @DisplayName("by default an update resets counts and weights, unless a variant is auto scaled")
    void retainDefaults() {
        VariantEndpointSpec plain = seed();
        VariantEndpointSpec scaled = serving(VariantEndpointSeed.v1("t").autoScaling(AutoScaling.between(1, 4).invocationsPerInstance(70)),
                VariantEndpointSeed.v2("t"));

        assertThat(plain.retainVariantProperties()).isEmpty();
        assertThat(plain.retainsVariantProperties()).isFalse();
        assertThat(plain.resolvedExcludedProperties()).isEmpty();
        assertThat(scaled.retainVariantProperties()).isEmpty();
        assertThat(scaled.retainsVariantProperties()).as("auto scaling owns the instance count").isTrue();
        assertThat(scaled.resolvedExcludedProperties()).as("the weights and the data capture still come from the new configuration")
                .containsExactlyInAnyOrder(VariantProperty.DESIRED_WEIGHT, VariantProperty.DATA_CAPTURE_CONFIG);
    }

    @Test
    @DisplayName("explicit retain and reset win over the auto-scaling default")
    void explicitRetainAndReset() {
        Variant scaledV1 = VariantEndpointSeed.v1("t").autoScaling(AutoScaling.between(1, 4).invocationsPerInstance(70));
        VariantEndpointSpec retainAll = Endpoint.serving(scaledV1, VariantEndpointSeed.v2("t")).retainVariantProperties().named(ENDPOINT);
        VariantEndpointSpec retainExcept = VariantEndpointSeed.endpoint("t")
                .retainVariantProperties(VariantProperty.DESIRED_WEIGHT, VariantProperty.DATA_CAPTURE_CONFIG).named(ENDPOINT);
        VariantEndpointSpec reset = Endpoint.serving(scaledV1, VariantEndpointSeed.v2("t")).resetVariantProperties().named(ENDPOINT);
        VariantEndpointSpec retainThenReset = VariantEndpointSeed.endpoint("t").retainVariantProperties(VariantProperty.DESIRED_WEIGHT)
                .resetVariantProperties().named(ENDPOINT);

        assertThat(retainAll.retainsVariantProperties()).isTrue();
        assertThat(retainAll.resolvedExcludedProperties()).as("an explicit retain keeps the weights too").isEmpty();
        assertThat(retainExcept.retainsVariantProperties()).isTrue();
        assertThat(retainExcept.resolvedExcludedProperties())
                .containsExactlyInAnyOrder(VariantProperty.DESIRED_WEIGHT, VariantProperty.DATA_CAPTURE_CONFIG);
        assertThat(reset.retainsVariantProperties()).as("an explicit reset wins over auto scaling").isFalse();
        assertThat(reset.resolvedExcludedProperties()).isEmpty();
        assertThat(retainThenReset.retainsVariantProperties()).isFalse();
        assertThat(retainThenReset.excludedRetainedProperties()).isEmpty();
        assertThat(retainExcept.toString()).contains("retain variant properties except");
        assertThat(reset.toString()).contains("reset variant properties");
        assertThat(VariantProperty.DESIRED_INSTANCE_COUNT.awsName()).isEqualTo("DesiredInstanceCount");
        assertThat(VariantProperty.DESIRED_WEIGHT.awsName()).isEqualTo("DesiredWeight");
        assertThat(VariantProperty.DATA_CAPTURE_CONFIG.awsName()).isEqualTo("DataCaptureConfig");
    }

    @Test
    @DisplayName("a property excluded twice from retention is excluded once, not a crash")
    void retainWithARepeatedExclusion() {
        VariantEndpointSpec spec = VariantEndpointSeed.endpoint("t")
                .retainVariantProperties(VariantProperty.DESIRED_WEIGHT, VariantProperty.DESIRED_WEIGHT).named(ENDPOINT);

        assertThat(spec.resolvedExcludedProperties()).containsExactly(VariantProperty.DESIRED_WEIGHT);
    }

    // ---------------------------------------------------------------- rollback alarms and update surge

    @Test
    @DisplayName("each rollback alarm becomes one CloudWatch alarm per instance-based variant, named <endpoint>-<variant>-<metric>")
    void rollbackAlarmNamesByVariant() {
        VariantEndpointSpec spec = VariantEndpointSeed.endpoint("t")
                .update(BlueGreen.allAtOnce().bake(Duration.ofMinutes(5)).rollbackOn(errors(), Alarm.modelLatency().above(500_000)))
                .named(ENDPOINT);

        assertThat(spec.rollbackAlarms()).extracting(AlarmSpec::metricName).containsExactly("Invocation5XXErrors", "ModelLatency");
        assertThat(spec.rollbackAlarmNamesByVariant()).containsExactly(
                entry(V1, List.of("my-model-endpoint-model-v1-variant-invocation5xxerrors", "my-model-endpoint-model-v1-variant-modellatency")),
                entry(V2, List.of("my-model-endpoint-model-v2-variant-invocation5xxerrors", "my-model-endpoint-model-v2-variant-modellatency")));
        assertThat(spec.rollbackAlarmNames()).containsExactly(
                "my-model-endpoint-model-v1-variant-invocation5xxerrors", "my-model-endpoint-model-v1-variant-modellatency",
                "my-model-endpoint-model-v2-variant-invocation5xxerrors", "my-model-endpoint-model-v2-variant-modellatency");
    }

    @Test
    @DisplayName("rollback alarms of a rolling update are named the same way; serverless variants get none; no policy, no alarms")
    void rollbackAlarmNamesOfRollingAndServerless() {
        VariantEndpointSpec twoVariants = VariantEndpointSeed.endpoint("t")
                .update(BlueGreen.allAtOnce().bake(Duration.ofMinutes(1)).rollbackOn(errors()))
                .named(ENDPOINT);
        VariantEndpointSpec solo = Endpoint.serving(VariantEndpointSeed.v1("t"))
                .update(RollingUpdate.batch(1).wait(Duration.ofMinutes(1)).rollbackOn(errors().named("ab-errors")))
                .named(ENDPOINT);
        VariantEndpointSpec withServerless = Endpoint.serving(VariantEndpointSeed.v1("t"),
                        Variant.named("cheap").model(VariantEndpointSeed.model("cheap-model", "t")).serverless(2048, 10))
                .update(BlueGreen.allAtOnce().bake(Duration.ofMinutes(5)).rollbackOn(errors()))
                .named(ENDPOINT);

        assertThat(twoVariants.rollbackAlarmNames()).containsExactly(
                "my-model-endpoint-model-v1-variant-invocation5xxerrors", "my-model-endpoint-model-v2-variant-invocation5xxerrors");
        assertThat(solo.rollbackAlarmNamesByVariant()).as("an explicit name on a one-variant endpoint")
                .containsExactly(entry(V1, List.of("ab-errors")));
        assertThat(seed().rollbackAlarmNamesByVariant()).containsExactly(entry(V1, List.of()), entry(V2, List.of()));
        assertThat(seed().rollbackAlarmNames()).isEmpty();
        assertThat(withServerless.rollbackAlarmNamesByVariant())
                .containsExactly(entry(V1, List.of("my-model-endpoint-model-v1-variant-invocation5xxerrors")));
    }

    @Test
    @DisplayName("update surge: blue/green (also the default) doubles each fleet, rolling adds one batch (only to an endpoint of one variant), serverless none")
    void updateSurgeByType() {
        InstanceType c5 = InstanceType.of("ml.c5.xlarge");
        Variant onC5 = Variant.named("c5-variant").model(VariantEndpointSeed.model("c5-model", "t")).on(c5).instances(3);
        Variant serverless = Variant.named("cheap").model(VariantEndpointSeed.model("cheap-model", "t")).serverless(2048, 10);
        VariantEndpointStep mixed = Endpoint.serving(variant("a", 4), variant("b", 2), onC5);

        VariantEndpointSpec byDefault = mixed.variant(serverless).named(ENDPOINT);
        VariantEndpointSpec blueGreen = mixed.update(BlueGreen.allAtOnce()).named(ENDPOINT);
        VariantEndpointSpec rollingMixed = mixed.update(RollingUpdate.batch(1).wait(Duration.ZERO)).named(ENDPOINT);
        VariantEndpointSpec rollingOne = Endpoint.serving(variant("a", 4)).update(RollingUpdate.batch(1).wait(Duration.ZERO)).named(ENDPOINT);
        VariantEndpointSpec rollingHalf = Endpoint.serving(onC5).update(RollingUpdate.batchPercent(50).wait(Duration.ZERO)).named(ENDPOINT);

        assertThat(byDefault.instancesByType()).as("the serverless variant runs no instances").containsExactly(entry(M5, 6), entry(c5, 3));
        assertThat(byDefault.updateSurgeByType()).containsExactly(entry(M5, 6), entry(c5, 3));
        assertThat(blueGreen.updateSurgeByType()).containsExactly(entry(M5, 6), entry(c5, 3));
        assertThat(rollingMixed.rollsInBatches()).isFalse();
        assertThat(rollingMixed.updateSurgeByType()).as("SageMaker does not roll several variants: blue/green, every fleet doubled")
                .containsExactly(entry(M5, 6), entry(c5, 3));
        assertThat(rollingOne.rollsInBatches()).isTrue();
        assertThat(rollingOne.updateSurgeByType()).containsExactly(entry(M5, 1));
        assertThat(rollingHalf.updateSurgeByType()).as("50% of 3, rounded down").containsExactly(entry(c5, 1));
    }

    @Test
    @DisplayName("a model two variants serve is one model")
    void sharedModel() {
        Model shared = VariantEndpointSeed.model("shared", "t");
        VariantEndpointSpec spec = serving(Variant.named("a").model(shared).on(M5), Variant.named("b").model(shared).on("ml.c5.xlarge"));

        assertThat(spec.models()).extracting(ModelSpec::name).containsExactly("shared");
        assertThat(spec.instancesByType()).isEqualTo(Map.of(M5, 1, InstanceType.of("ml.c5.xlarge"), 1));
    }
}
