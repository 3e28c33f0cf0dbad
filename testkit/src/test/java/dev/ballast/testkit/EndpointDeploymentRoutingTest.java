package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.testkit.TimelineEvent.Kind;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.PendingProductionVariantSummary;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelNotReadyException;

/**
 * Where invocations of a model-based endpoint go while an UpdateEndpoint deployment runs on several variants
 * (<a href="https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-blue-green.html">
 * blue/green</a>, <a href="https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-rolling.html">
 * rolling</a>,
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_runtime_InvokeEndpoint.html">
 * InvokeEndpoint</a>): per-variant canary and linear shares, variants of one config only, and
 * {@code TargetVariant}.
 */
class EndpointDeploymentRoutingTest {

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final SageMakerClient sm = fake.sageMakerClient();

    @BeforeEach
    void models() {
        Fixtures.model(fake, "m1", "v1");
        Fixtures.model(fake, "m2", "v2");
    }

    private static ProductionVariant variant(String name, String model, int instances) {
        return ProductionVariant.builder().variantName(name).modelName(model).instanceType("ml.m5.xlarge")
                .initialInstanceCount(instances).initialVariantWeight(1.0f).build();
    }

    private void config(String name, ProductionVariant... variants) {
        sm.createEndpointConfig(b -> b.endpointConfigName(name).productionVariants(variants));
    }

    private void endpointOn(String config) {
        sm.createEndpoint(b -> b.endpointName("ep").endpointConfigName(config));
        Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE);
    }

    private void update(DeploymentConfig deployment) {
        sm.updateEndpoint(b -> b.endpointName("ep").endpointConfigName("c2").deploymentConfig(deployment));
    }

    private static DeploymentConfig blueGreen(String type, int instances) {
        return DeploymentConfig.builder().blueGreenUpdatePolicy(p -> p.terminationWaitInSeconds(0)
                .trafficRoutingConfiguration(r -> {
                    r.type(type).waitIntervalInSeconds(600);
                    if (type.equals("CANARY")) {
                        r.canarySize(s -> s.type("INSTANCE_COUNT").value(instances));
                    } else {
                        r.linearStepSize(s -> s.type("INSTANCE_COUNT").value(instances));
                    }
                })).build();
    }

    private boolean advanceUntilShifted(int shifts) {
        return fake.clock().advanceUntil(() -> fake.timeline().eventsOf(Kind.TRAFFIC_SHIFTED).size() >= shifts,
                Duration.ofHours(2));
    }

    /** @return answers counted as {@code variant:answer}, or the exception's simple name */
    private Map<String, Integer> invoke(int times, String targetVariant) {
        Map<String, Integer> answers = new TreeMap<>();
        for (int i = 0; i < times; i++) {
            String answer;
            try {
                var response = fake.runtimeClient().invokeEndpoint(b -> b.endpointName("ep")
                        .targetVariant(targetVariant).body(SdkBytes.fromUtf8String("{}")));
                answer = response.invokedProductionVariant() + ":" + response.body().asUtf8String();
            } catch (RuntimeException e) {
                answer = e.getClass().getSimpleName();
            }
            answers.merge(answer, 1, Integer::sum);
        }
        return answers;
    }

    private String pendingStageMessage(String variant) {
        return Fixtures.endpoint(fake, "ep").pendingDeploymentSummary().productionVariants().stream()
                .filter(v -> v.variantName().equals(variant)).map(PendingProductionVariantSummary::variantStatus)
                .findFirst().orElseThrow().get(0).statusMessage();
    }

    @Test
    @DisplayName("canaryOfInstances: is that share of each variants traffic")
    void canaryOfInstancesIsThatShareOfEachVariantsTraffic() {
        config("c1", variant("A", "m1", 4), variant("B", "m1", 2));
        config("c2", variant("A", "m2", 4), variant("B", "m2", 2));
        endpointOn("c1");
        update(blueGreen("CANARY", 1));
        assertThat(advanceUntilShifted(1)).isTrue();

        assertThat(fake.timeline().eventsOf(Kind.TRAFFIC_SHIFTED)).extracting(TimelineEvent::detail)
                .containsExactly("to config c2: A 25 %, B 50 %");
        assertThat(pendingStageMessage("A")).isEqualTo("Baking for 600 seconds (WaitIntervalInSeconds) with traffic"
                + " enabled on canary capacity of 1 instance(s).");
        assertThat(pendingStageMessage("B")).isEqualTo(pendingStageMessage("A"));
        Map<String, Integer> split = invoke(2000, null);
        assertThat(split).containsOnlyKeys("A:v1", "A:v2", "B:v1", "B:v2");
        assertThat(split.get("A:v2")).as("1 of A's 4 instances: a quarter of A's half").isBetween(190, 310);
        assertThat(split.get("B:v2")).as("1 of B's 2 instances: half of B's half").isBetween(420, 580);
    }

    @Test
    @DisplayName("linear steps of instances, shift each variant at its own pace, and name its true capacity")
    void linearStepsOfInstancesShiftEachVariantAtItsOwnPaceAndNameItsTrueCapacity() {
        config("c1", variant("A", "m1", 4), variant("B", "m1", 2));
        config("c2", variant("A", "m2", 4), variant("B", "m2", 2));
        endpointOn("c1");
        update(blueGreen("LINEAR", 1));

        assertThat(Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE)).isTrue();
        assertThat(fake.timeline().eventsOf(Kind.TRAFFIC_SHIFTED)).extracting(TimelineEvent::detail).containsExactly(
                "to config c2: A 25 %, B 50 %", "to config c2: A 50 %, B 100 %", "to config c2: A 75 %, B 100 %",
                "to config c2: 100 %");
        assertThat(fake.timeline().eventsOf(Kind.VARIANT_STATUS)).filteredOn(e -> "Baking".equals(e.to()))
                .extracting(TimelineEvent::detail).containsSubsequence(
                        "variant A (pending config c2): Baking for 600 seconds (WaitIntervalInSeconds) with traffic"
                                + " enabled on linear step capacity of 1 instance(s).",
                        "variant B (pending config c2): Baking for 600 seconds (WaitIntervalInSeconds) with traffic"
                                + " enabled on linear step capacity of 1 instance(s).",
                        "variant A (pending config c2): Baking for 600 seconds (WaitIntervalInSeconds) with traffic"
                                + " enabled on linear step capacity of 2 instance(s).",
                        "variant B (pending config c2): Baking for 600 seconds (WaitIntervalInSeconds) with traffic"
                                + " enabled on full capacity of 2 instance(s).",
                        "variant A (pending config c2): Baking for 600 seconds (WaitIntervalInSeconds) with traffic"
                                + " enabled on linear step capacity of 3 instance(s).");
        assertThat(Fixtures.endpoint(fake, "ep").endpointConfigName()).isEqualTo("c2");
    }

    @Test
    @DisplayName("target variant during a blue green shift, goes to the config that has it, and is split only when both have it")
    void targetVariantDuringABlueGreenShiftGoesToTheConfigThatHasItAndIsSplitOnlyWhenBothHaveIt() {
        config("c1", variant("A", "m1", 2), variant("B", "m1", 2));
        config("c2", variant("A", "m2", 2), variant("C", "m2", 2));
        endpointOn("c1");
        update(blueGreen("CANARY", 1));
        assertThat(invoke(3, "C")).as("C takes no traffic before the shift")
                .containsOnlyKeys(ModelNotReadyException.class.getSimpleName());
        assertThat(advanceUntilShifted(1)).isTrue();

        assertThat(invoke(100, "B")).containsOnlyKeys("B:v1");
        assertThat(invoke(100, "C")).containsOnlyKeys("C:v2");
        assertThat(invoke(400, "A")).allSatisfy((answer, n) -> assertThat(n).isBetween(140, 260))
                .containsOnlyKeys("A:v1", "A:v2");
        assertThatThrownBy(() -> fake.runtimeClient().invokeEndpoint(b -> b.endpointName("ep").targetVariant("D")
                .body(SdkBytes.fromUtf8String("{}")))).hasMessageStartingWith("Variant D not found for endpoint ep.");
        Map<String, Integer> untargeted = invoke(1000, null);
        assertThat(untargeted).containsOnlyKeys("A:v1", "A:v2", "B:v1", "C:v2");
        assertThat(untargeted.get("C:v2")).as("C's weight times its canary share: 0.5 of 2.5").isBetween(140, 260);
    }

    @Test
    @DisplayName("a rolling update that adds a variant runs blue/green, all at once, no bake: SageMaker's rolling deployments exclude multi-variant endpoints")
    void rollingUpdateToSeveralVariantsRunsAllAtOnce() {
        config("c1", variant("A", "m1", 2));
        config("c2", variant("A", "m2", 2), variant("C", "m2", 2));
        endpointOn("c1");
        update(DeploymentConfig.builder().rollingUpdatePolicy(p -> p.maximumBatchSize(s -> s.type("INSTANCE_COUNT")
                .value(1)).waitIntervalInSeconds(600)).build());
        assertThat(invoke(3, "C")).as("no instance of C serves yet")
                .containsOnlyKeys(ModelNotReadyException.class.getSimpleName());
        assertThat(invoke(20, null)).containsOnlyKeys("A:v1");

        assertThat(Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE)).isTrue();

        assertThat(Fixtures.endpoint(fake, "ep").endpointConfigName()).isEqualTo("c2");
        assertThat(fake.timeline().eventsOf(dev.ballast.testkit.TimelineEvent.Kind.VARIANT_STATUS))
                .as("no bake: the policy's 600 s are not waited").noneMatch(e -> "Baking".equals(e.to())
                        && !e.detail().contains("Baking for 0 seconds"));
        assertThat(fake.timeline().eventsOf(dev.ballast.testkit.TimelineEvent.Kind.BATCH_STARTED)).isEmpty();
        Map<String, Integer> split = invoke(600, null);
        assertThat(split).containsOnlyKeys("A:v2", "C:v2");
        assertThat(split.get("C:v2")).as("C's weight: half of the traffic").isBetween(240, 360);
    }
}
