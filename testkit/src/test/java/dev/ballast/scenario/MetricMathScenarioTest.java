package dev.ballast.scenario;

import static dev.ballast.testkit.assertions.FakeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.AutoScaling;
import dev.ballast.Component;
import dev.ballast.CustomMetric;
import dev.ballast.Endpoint;
import dev.ballast.MetricMath;
import dev.ballast.engine.BallastEngine;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spec.Statistic;
import dev.ballast.testkit.FakeSageMaker;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Target tracking on metric math through the engine on the fake: the test publishes a queue depth
 * and a worker count, and the policy tracks the backlog per worker.
 */
class MetricMathScenarioTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerRole";
    private static final String IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/tgi:2.2.0";

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final BallastEngine ballast = fake.engineBuilder().build();

    private static ComponentEndpointSpec backlogScaled(double target) {
        CustomMetric queue = CustomMetric.named("QueueDepth").namespace("Custom/LLM").dimension("Model", "llama").statistic(Statistic.SUM);
        CustomMetric workers = CustomMetric.named("Workers").namespace("Custom/LLM").dimension("Model", "llama");
        return Endpoint.on("ml.g5.12xlarge").scale(1, 2).executionRole(ROLE)
                .component(Component.named("llm").image(IMAGE).env("HF_MODEL_ID", "meta-llama/Llama-3.1-8B-Instruct")
                        .accelerators(1).memoryMb(1024).copies(1)
                        .autoScaling(AutoScaling.between(1, 4).scaleOutCooldown(Duration.ofMinutes(1))
                                .target(MetricMath.of("m1 / m2").label("Backlog per worker").metric("m1", queue).metric("m2", workers),
                                        target)))
                .named("backlog-demo");
    }

    private void publish(double queue, double workers, int minutes) {
        for (int m = 0; m < minutes; m++) {
            fake.cloudWatchClient().putMetricData(b -> b.namespace("Custom/LLM").metricData(
                    d -> d.metricName("QueueDepth").dimensions(x -> x.name("Model").value("llama")).value(queue),
                    d -> d.metricName("Workers").dimensions(x -> x.name("Model").value("llama")).value(workers)));
            fake.clock().advance(Duration.ofMinutes(1));
        }
    }

    private int copies() {
        return fake.sageMakerClient().describeInferenceComponent(b -> b.inferenceComponentName("llm")).runtimeConfig().desiredCopyCount();
    }

    @Test
    @DisplayName("applied, re-applied with nothing to do, scaled out by the backlog per worker; a new target is put again")
    void backlogPerWorker() {
        assertThat(ballast.apply(backlogScaled(5)).await()).isSucceeded();
        assertThat(ballast.plan(backlogScaled(5))).as("the policy reads back as sent").isEmpty();

        publish(30, 2, 4); // 15 per worker, three times the target
        assertThat(copies()).isEqualTo(3);

        assertThat(ballast.plan(backlogScaled(10)).calls()).singleElement().satisfies(c -> {
            assertThat(c.operation()).isEqualTo("PutScalingPolicy");
            assertThat(c.reason()).isEqualTo("scaling policy llm-target-tracking of component llm is configured differently");
        });
        assertThat(ballast.apply(backlogScaled(10)).await()).isSucceeded();
        assertThat(ballast.plan(backlogScaled(10))).isEmpty();
    }
}
