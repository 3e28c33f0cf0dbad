package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.testkit.TimelineEvent.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;

@DisplayName("The reference notebook (seed 000) replayed through plain SDK clients")
class NotebookReplayTest {

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final NotebookScenario nb = new NotebookScenario(fake);

    /** What one notebook update loop saw. */
    private static final class Loop {
        int iterations;
        int failures;
        int thinkingAnswers;
        int maxCurrentCopies;
        int maxInstances;
        final List<String> alarmStates = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
    }

    private Loop updateLoop() {
        Loop loop = new Loop();
        DescribeInferenceComponentResponse desc = nb.sm.describeInferenceComponent(b -> b.inferenceComponentName(NotebookScenario.IC));
        while (desc.inferenceComponentStatus() == InferenceComponentStatus.UPDATING && loop.iterations < 2000) {
            loop.iterations++;
            try {
                String body = nb.invoke();
                if (body.contains("<think>")) {
                    loop.thinkingAnswers++;
                }
            } catch (ModelErrorException e) {
                loop.failures++;
                loop.errors.add(e.getMessage());
            }
            loop.alarmStates.add(nb.cw.describeAlarms(b -> b.alarmNames(NotebookScenario.ALARM)).metricAlarms().get(0)
                    .stateValueAsString());
            desc = nb.sm.describeInferenceComponent(b -> b.inferenceComponentName(NotebookScenario.IC));
            loop.maxCurrentCopies = Math.max(loop.maxCurrentCopies, desc.runtimeConfig().currentCopyCount());
            loop.maxInstances = Math.max(loop.maxInstances, instances());
            fake.clock().advance(Duration.ofSeconds(10));
        }
        return loop;
    }

    private int instances() {
        return nb.sm.describeEndpoint(b -> b.endpointName(NotebookScenario.ENDPOINT)).productionVariants().get(0)
                .currentInstanceCount();
    }

    private String modelId() {
        return nb.sm.describeInferenceComponent(b -> b.inferenceComponentName(NotebookScenario.IC)).specification()
                .container().environment().get("HF_MODEL_ID");
    }

    @Test
    @DisplayName("first update trips the 4xx alarm and rolls back; the second succeeds with DeepSeek")
    void replaysTheNotebook() {
        nb.createEndpoint();
        assertThat(nb.waitForEndpoint()).isEqualTo(EndpointStatus.IN_SERVICE);
        assertThat(instances()).isEqualTo(2);
        assertThat(fake.clock().now()).isAfterOrEqualTo(FakeSageMaker.builder().build().clock().now()
                .plus(fake.timings().instanceLaunch()));

        nb.createComponent();
        assertThat(nb.waitForComponent()).isEqualTo(InferenceComponentStatus.IN_SERVICE);
        assertThat(nb.invoke()).contains("\"role\":\"assistant\"").contains("3 R's").doesNotContain("<think>");

        nb.createAlarm();
        nb.update(false);
        Loop first = updateLoop();

        DescribeInferenceComponentResponse afterRollback = nb.sm.describeInferenceComponent(
                b -> b.inferenceComponentName(NotebookScenario.IC));
        assertThat(afterRollback.inferenceComponentStatus()).isEqualTo(InferenceComponentStatus.IN_SERVICE);
        assertThat(modelId()).isEqualTo("meta-llama/Llama-3.1-8B-Instruct");
        assertThat(afterRollback.runtimeConfig().currentCopyCount()).isEqualTo(2);
        assertThat(afterRollback.failureReason()).isNull();
        assertThat(afterRollback.lastDeploymentConfig()).isEqualTo(NotebookScenario.deploymentConfig());
        assertThat(first.failures).isGreaterThan(5);
        assertThat(first.errors.get(0)).startsWith("Received client error (422) from primary with message \"");
        assertThat(first.alarmStates).contains("ALARM");
        assertThat(fake.timeline().eventsOf(Kind.ROLLBACK_STARTED)).hasSize(1);
        assertThat(fake.timeline().eventsOf(Kind.ROLLBACK_FINISHED)).hasSize(1);
        assertThat(nb.invoke()).doesNotContain("<think>");

        // the reader takes a few minutes to reach the next cell: MIS releases the rollback's extra instances
        fake.clock().advance(Duration.ofMinutes(10));
        assertThat(instances()).isEqualTo(2);
        nb.update(true);
        Loop second = updateLoop();

        DescribeInferenceComponentResponse done = nb.sm.describeInferenceComponent(
                b -> b.inferenceComponentName(NotebookScenario.IC));
        assertThat(done.inferenceComponentStatus()).isEqualTo(InferenceComponentStatus.IN_SERVICE);
        assertThat(modelId()).isEqualTo("deepseek-ai/DeepSeek-R1-Distill-Llama-8B");
        assertThat(done.specification().container().environment()).containsEntry("MESSAGES_API_ENABLED", "true");
        assertThat(second.failures).isZero();
        assertThat(second.maxCurrentCopies).isEqualTo(3);
        assertThat(second.maxInstances).isEqualTo(3);
        assertThat(second.thinkingAnswers).isPositive();
        assertThat(fake.timeline().eventsOf(Kind.DEPLOYMENT_SUCCEEDED)).hasSize(1);
        assertThat(nb.invoke()).contains("<think>");

        fake.clock().advance(Duration.ofMinutes(15));
        assertThat(instances()).isEqualTo(2);
        assertThat(fake.timeline().valuesOf(NotebookScenario.ENDPOINT, Kind.INSTANCE_COUNT)).endsWith("3", "2");
    }
}
