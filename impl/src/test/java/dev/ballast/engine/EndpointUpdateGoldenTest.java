package dev.ballast.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.Alarm;
import dev.ballast.AutoScaling;
import dev.ballast.BlueGreen;
import dev.ballast.DataCapture;
import dev.ballast.Endpoint;
import dev.ballast.Model;
import dev.ballast.RollingUpdate;
import dev.ballast.Secret;
import dev.ballast.Variant;
import dev.ballast.dsl.VariantEndpointStep;
import dev.ballast.plan.ApiCall;
import dev.ballast.plan.Plan;
import dev.ballast.spec.CaptureMode;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.spec.VariantProperty;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The request JSON of each kind of endpoint update, as it goes on the wire, against golden files
 * under {@code golden/endpoint-updates}: blue/green all at once, canary (instances and percent),
 * linear, rolling, retained properties and deployment policy, and the creation of the second
 * seed's A/B endpoint with data capture, VPC, KMS, auto scaling and a secret in a model's
 * environment (masked in the plan, sent as is). Regenerate with {@code -Dballast.updateGolden=true}
 * and review the diff.
 */
class EndpointUpdateGoldenTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final boolean UPDATE = Boolean.getBoolean("ballast.updateGolden");
    private static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerRole";
    private static final String IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-model:";

    private static Model model(String name, String tag) {
        return Model.named(name).image(IMAGE + tag).modelData("s3://my-models/" + name + "/model.tar.gz")
                .env("SAGEMAKER_PROGRAM", "inference.py").secretEnv("API_TOKEN", Secret.of("tok-" + name)).executionRole(ROLE);
    }

    private static VariantEndpointStep abTest(int instances, String v2Model) {
        return Endpoint.serving(
                        Variant.named("model-v1-variant").model(model("my-model-v1", "1")).on("ml.m5.xlarge").instances(instances).weight(0.9),
                        Variant.named("model-v2-variant").model(model(v2Model, "2")).on("ml.m5.xlarge").instances(instances).weight(0.1))
                .dataCapture(DataCapture.to("s3://my-sagemaker-data-capture-bucket/").sampling(100)
                        .capture(CaptureMode.INPUT, CaptureMode.OUTPUT).kmsKey("arn:aws:kms:us-east-1:123456789012:key/1234abcd")
                        .jsonContentTypes("application/json"))
                .vpc(List.of("subnet-0abc1234"), List.of("sg-0abc1234"))
                .kmsKey("arn:aws:kms:us-east-1:123456789012:key/5678efgh");
    }

    private static final Alarm ERRORS = Alarm.invocation5xxErrors().above(0).per(Duration.ofMinutes(1));

    private static VariantEndpointSpec update(UnaryOperator<VariantEndpointStep> policy) {
        return policy.apply(abTest(4, "my-model-v2-1")).named("my-model-endpoint");
    }

    private static JsonNode golden(String file, String actual) throws IOException {
        Path source = Path.of("src/test/resources/golden/endpoint-updates", file);
        if (UPDATE) {
            Files.writeString(source, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(actual)) + "\n");
        }
        try (InputStream in = EndpointUpdateGoldenTest.class.getResourceAsStream("/golden/endpoint-updates/" + file)) {
            assertThat(in).as("golden file %s (generate with -Dballast.updateGolden=true)", file).isNotNull();
            return JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static void assertGolden(ApiCall call, String file) throws IOException {
        String actual = call.requestJsonCompact();
        assertThat(JSON.readTree(actual)).as("%s (%s)", call.target(), file).isEqualTo(golden(file, actual));
    }

    private static ApiCall call(Plan plan, String target) {
        return plan.calls().stream().filter(c -> c.target().equals(target)).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("creating the A/B endpoint: models (secret masked), a config of two weighted variants with data capture, VPC, KMS")
    void create() throws IOException {
        VariantEndpointSpec spec = Endpoint.serving(
                        Variant.named("model-v1-variant").model(model("my-model-v1", "1")).on("ml.m5.xlarge").weight(0.9)
                                .autoScaling(AutoScaling.between(1, 4).invocationsPerInstance(70).scaleInCooldown(Duration.ofMinutes(5))),
                        Variant.named("model-v2-variant").model(model("my-model-v2", "2")).on("ml.m5.xlarge").weight(0.1))
                .dataCapture(DataCapture.to("s3://my-sagemaker-data-capture-bucket/").kmsKey("arn:aws:kms:us-east-1:123456789012:key/1234abcd"))
                .update(BlueGreen.allAtOnce().bake(Duration.ofMinutes(5)).rollbackOn(ERRORS))
                .named("my-model-endpoint");
        Plan plan = Planner.create(spec);

        assertThat(plan.calls()).extracting(ApiCall::target).containsExactly(
                "SageMaker.CreateModel", "SageMaker.CreateModel", "SageMaker.CreateEndpointConfig",
                "CloudWatch.PutMetricAlarm", "CloudWatch.PutMetricAlarm", "SageMaker.CreateEndpoint",
                "ApplicationAutoScaling.RegisterScalableTarget", "ApplicationAutoScaling.PutScalingPolicy");
        assertGolden(plan.calls().get(0), "create-model.json");
        assertThat(plan.toString()).doesNotContain("tok-my-model-v1").contains("****");
        assertGolden(plan.calls().get(2), "create-endpoint-config.json");
        assertGolden(plan.calls().get(3), "put-rollback-alarm.json");
        assertGolden(plan.calls().get(5), "create-endpoint.json");
        assertGolden(plan.calls().get(6), "register-scalable-target.json");
        assertGolden(plan.calls().get(7), "put-scaling-policy.json");
    }

    @Test
    @DisplayName("blue/green all at once: one bake, termination wait and timeout")
    void allAtOnce() throws IOException {
        assertGolden(call(Planner.updateEndpoint(update(s -> s.update(BlueGreen.allAtOnce().bake(Duration.ofMinutes(5))
                .terminationWait(Duration.ofMinutes(5)).timeout(Duration.ofMinutes(30)).rollbackOn(ERRORS)))), "SageMaker.UpdateEndpoint"),
                "update-all-at-once.json");
    }

    @Test
    @DisplayName("blue/green canary as an instance count and as a percentage")
    void canary() throws IOException {
        assertGolden(call(Planner.updateEndpoint(update(s -> s.update(BlueGreen.canaryInstances(1).bake(Duration.ofMinutes(10))
                .terminationWait(Duration.ofMinutes(10)).timeout(Duration.ofMinutes(30)).rollbackOn(ERRORS)))), "SageMaker.UpdateEndpoint"),
                "update-canary-instances.json");
        assertGolden(call(Planner.updateEndpoint(update(s -> s.update(BlueGreen.canaryPercent(25).bake(Duration.ofMinutes(10))
                .rollbackOn(ERRORS)))), "SageMaker.UpdateEndpoint"), "update-canary-percent.json");
    }

    @Test
    @DisplayName("blue/green linear: steps of a share of the capacity")
    void linear() throws IOException {
        assertGolden(call(Planner.updateEndpoint(update(s -> s.update(BlueGreen.linearPercent(25).bake(Duration.ofMinutes(5))
                .terminationWait(Duration.ofMinutes(5)).timeout(Duration.ofHours(1)).rollbackOn(ERRORS)))), "SageMaker.UpdateEndpoint"),
                "update-linear.json");
    }

    @Test
    @DisplayName("rolling: batches of instances, a rollback batch, the alarm of an endpoint of one variant (SageMaker rolls no other)")
    void rolling() throws IOException {
        VariantEndpointSpec oneVariant = Endpoint.serving(Variant.named("model-v1-variant").model(model("my-model-v1-1", "1"))
                        .on("ml.m5.xlarge").instances(4))
                .update(RollingUpdate.batch(1).wait(Duration.ofMinutes(2)).rollbackBatch(2).timeout(Duration.ofMinutes(60)).rollbackOn(ERRORS))
                .named("my-model-endpoint");
        assertGolden(call(Planner.updateEndpoint(oneVariant), "SageMaker.UpdateEndpoint"), "update-rolling.json");
    }

    @Test
    @DisplayName("retained variant properties and the stored deployment policy")
    void retained() throws IOException {
        assertGolden(call(Planner.updateEndpoint(update(s -> s.retainVariantProperties(VariantProperty.DESIRED_WEIGHT)
                .retainDeploymentConfig())), "SageMaker.UpdateEndpoint"), "update-retained.json");
    }

    @Test
    @DisplayName("auto scaling retains the live instance counts by default, and takes the weights from the new configuration")
    void autoScalingRetainsCounts() throws IOException {
        VariantEndpointSpec spec = Endpoint.serving(
                        Variant.named("AllTraffic").model(model("my-model-v2-1", "2")).on("ml.m5.xlarge").instances(2)
                                .autoScaling(AutoScaling.between(2, 8).invocationsPerInstance(100)))
                .update(BlueGreen.allAtOnce())
                .named("my-model-endpoint");
        assertGolden(call(Planner.updateEndpoint(spec), "SageMaker.UpdateEndpoint"), "update-autoscaled.json");
    }

    @Test
    @DisplayName("a traffic-shift step: UpdateEndpointWeightsAndCapacities with the target's share and the rest in proportion")
    void trafficShiftStep() throws IOException {
        VariantEndpointSpec spec = update(s -> s);
        var shift = dev.ballast.TrafficShift.of(spec).to("model-v2-variant").steps(25, 50, 100).spec();
        var before = new java.util.LinkedHashMap<String, Double>();
        before.put("model-v1-variant", 0.9);
        before.put("model-v2-variant", 0.1);

        assertGolden(dev.ballast.engine.internal.compile.VariantEndpointRequests.updateWeights(spec.name(), shift.weightsAt(25, before), "step 1"),
                "shift-step-25.json");
        assertGolden(dev.ballast.engine.internal.compile.VariantEndpointRequests.updateWeights(spec.name(), shift.weightsAt(100, before), "step 3"),
                "shift-step-100.json");
    }
}
