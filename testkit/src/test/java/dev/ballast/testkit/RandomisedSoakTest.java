package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentResponse;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemakerruntime.model.SageMakerRuntimeException;

/**
 * Random sequences of operations (seeded, so reproducible) must never break the fake's
 * invariants: only service errors, instance counts within the scaling bounds, copy counts within
 * one batch of the desired count, and every component settles once the clock runs.
 */
class RandomisedSoakTest {

    private static final List<String> NAMES = List.of("a", "b", "c");

    @Test
    @DisplayName("randomOperations: keep the invariants")
    void randomOperationsKeepTheInvariants() {
        for (long seed = 1; seed <= 12; seed++) {
            soak(seed);
        }
    }

    private static void soak(long seed) {
        Random random = new Random(seed);
        FakeSageMaker fake = FakeSageMaker.builder().seed(seed).build();
        Fixtures.icEndpoint(fake, "ep", "ml.g5.12xlarge", 1, 1, 4);
        fake.cloudWatchClient().putMetricAlarm(b -> b.alarmName("lever").namespace("AWS/SageMaker")
                .metricName("Invocation5XXErrors").statistic("Sum").period(60).evaluationPeriods(1).threshold(1.0)
                .comparisonOperator("GreaterThanOrEqualToThreshold")
                .dimensions(d -> d.name("InferenceComponentName").value("none")));
        for (int step = 0; step < 150; step++) {
            String name = NAMES.get(random.nextInt(NAMES.size()));
            int copies = 1 + random.nextInt(4);
            try {
                switch (random.nextInt(7)) {
                    case 0 -> Fixtures.createComponent(fake, name, "ep", Fixtures.llm("m" + random.nextInt(3)), copies);
                    case 1 -> fake.sageMakerClient().updateInferenceComponent(b -> b.inferenceComponentName(name)
                            .specification(Fixtures.llm("m" + random.nextInt(3))).runtimeConfig(r -> r.copyCount(copies))
                            .deploymentConfig(d -> d.rollingUpdatePolicy(p -> p.maximumBatchSize(s -> s.type("COPY_COUNT")
                                    .value(1)).waitIntervalInSeconds(60)).autoRollbackConfiguration(a -> a.alarms(
                                            al -> al.alarmName("lever")))));
                    case 2 -> fake.sageMakerClient().updateInferenceComponentRuntimeConfig(b -> b
                            .inferenceComponentName(name).desiredRuntimeConfig(r -> r.copyCount(copies)));
                    case 3 -> fake.sageMakerClient().deleteInferenceComponent(b -> b.inferenceComponentName(name));
                    case 4 -> fake.cloudWatchClient().setAlarmState(b -> b.alarmName("lever").stateReason("soak")
                            .stateValue(random.nextBoolean() ? StateValue.ALARM : StateValue.OK));
                    case 5 -> fake.runtimeClient().invokeEndpoint(b -> b.endpointName("ep").inferenceComponentName(name)
                            .body(SdkBytes.fromUtf8String("{\"messages\":[]}")));
                    default -> fake.clock().advance(Duration.ofSeconds(30L * random.nextInt(40)));
                }
            } catch (SageMakerException | SageMakerRuntimeException expected) {
                // refusals are part of the game; anything else is a bug
            }
            checkInvariants(fake);
        }
        fake.cloudWatchClient().setAlarmState(b -> b.alarmName("lever").stateValue(StateValue.OK).stateReason("end"));
        fake.clock().advance(Duration.ofHours(3));
        for (String name : NAMES) {
            try {
                DescribeInferenceComponentResponse d = Fixtures.component(fake, name);
                assertThat(d.inferenceComponentStatus()).as("seed %d component %s", seed, name)
                        .isIn(InferenceComponentStatus.IN_SERVICE, InferenceComponentStatus.FAILED);
                if (d.inferenceComponentStatus() == InferenceComponentStatus.IN_SERVICE) {
                    assertThat(d.runtimeConfig().currentCopyCount()).as("seed %d component %s", seed, name)
                            .isEqualTo(d.runtimeConfig().desiredCopyCount());
                }
            } catch (SageMakerException gone) {
                assertThat(gone.getMessage()).startsWith("Could not find inference component");
            }
        }
    }

    private static void checkInvariants(FakeSageMaker fake) {
        DescribeEndpointResponse ep = Fixtures.endpoint(fake, "ep");
        int current = ep.productionVariants().get(0).currentInstanceCount();
        int desired = ep.productionVariants().get(0).desiredInstanceCount();
        assertThat(current).isBetween(1, 4);
        assertThat(desired).isBetween(1, 4);
        for (var summary : fake.sageMakerClient().listInferenceComponents(b -> b.maxResults(100)).inferenceComponents()) {
            DescribeInferenceComponentResponse d = Fixtures.component(fake, summary.inferenceComponentName());
            // at most one extra batch (1) beyond the larger of old and new counts (at most 4)
            assertThat(d.runtimeConfig().currentCopyCount()).isLessThanOrEqualTo(Math.max(4, d.runtimeConfig()
                    .desiredCopyCount()) + 1);
        }
    }
}
