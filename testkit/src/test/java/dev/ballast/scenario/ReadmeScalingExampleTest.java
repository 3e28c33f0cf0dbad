package dev.ballast.scenario;

import static dev.ballast.testkit.assertions.FakeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.Alarm;
import dev.ballast.AutoScaling;
import dev.ballast.Ballast;
import dev.ballast.Component;
import dev.ballast.Endpoint;
import dev.ballast.StepScaling;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spec.Statistic;
import dev.ballast.testkit.FakeSageMaker;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The README's step-scaling example, run as written (its lines are checked against this file). */
class ReadmeScalingExampleTest {

    private final String role = "arn:aws:iam::123456789012:role/SageMakerRole";
    private final String image = "763104351884.dkr.ecr.us-east-1.amazonaws.com/tgi:2.2.0";

    @Test
    @DisplayName("the README's step-scaling example: a queue put by the test scales the component out")
    void scalingExample() {
        Alarm queue = Alarm.metric("QueueDepth").namespace("Custom/LLM").dimension("Model", "llama")
                .statistic(Statistic.MAXIMUM);
        ComponentEndpointSpec spec = Endpoint.on("ml.g5.12xlarge").scale(1, 2).executionRole(role)
                .component(Component.named("llm").image(image).accelerators(1).memoryMb(1024).copies(1)
                        .autoScaling(AutoScaling.between(1, 4)
                                .stepScaling(StepScaling.on(queue.atOrAbove(10)).add(1).to(25).add(2).from(25))
                                .stepScaling(StepScaling.on(queue.below(2).evaluationPeriods(3)).remove(1))))
                .named("queue-demo");

        FakeSageMaker fake = FakeSageMaker.create();
        Ballast ballast = fake.engine();
        assertThat(ballast.apply(spec).await()).isSucceeded();
        fake.cloudWatchClient().putMetricData(b -> b.namespace("Custom/LLM").metricData(d -> d.metricName("QueueDepth")
                .dimensions(x -> x.name("Model").value("llama")).value(30.0)));
        fake.clock().advance(Duration.ofMinutes(1));
        assertThat(fake.sageMakerClient().describeInferenceComponent(b -> b.inferenceComponentName("llm"))
                .runtimeConfig().desiredCopyCount()).isEqualTo(3);
        assertThat(ballast.plan(spec)).isEmpty();
    }

    @Test
    @DisplayName("the README's step-scaling example is this test")
    void readmeSnippetIsThisTest() throws IOException {
        ReadmeSnippets.assertExampleIsIn("scaling-example", ReadmeScalingExampleTest.class);
    }
}
