package dev.ballast.scenario;

import static dev.ballast.testkit.assertions.FakeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.AutoScaling;
import dev.ballast.Ballast;
import dev.ballast.CustomMetric;
import dev.ballast.Endpoint;
import dev.ballast.MetricMath;
import dev.ballast.Model;
import dev.ballast.Variant;
import dev.ballast.spec.Statistic;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.testkit.ContainerBehavior;
import dev.ballast.testkit.ContainerResponse;
import dev.ballast.testkit.FakeSageMaker;
import dev.ballast.testkit.Traffic;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The README's serverless provisioned-concurrency and metric-math example, run as written (its lines are checked against this file). */
class ReadmeServerlessScalingExampleTest {

    private final String role = "arn:aws:iam::123456789012:role/SageMakerRole";
    private final String image = "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.3-cpu-py311";

    @Test
    @DisplayName("the README's example: provisioned concurrency follows the load; the metric-math policy validates")
    void serverlessScalingExample() {
        VariantEndpointSpec serverless = Endpoint.serving(Variant.named("AllTraffic")
                        .model(Model.named("classifier").image(image).executionRole(role))
                        .serverless(2048, 20).provisionedConcurrency(2)
                        .autoScaling(AutoScaling.between(1, 8).provisionedConcurrencyUtilization(0.5)))
                .named("classifier");
        CustomMetric queue = CustomMetric.named("QueueDepth").namespace("Custom/LLM").statistic(Statistic.SUM);
        CustomMetric workers = CustomMetric.named("Workers").namespace("Custom/LLM");
        AutoScaling backlogPerWorker = AutoScaling.between(1, 4)
                .target(MetricMath.of("m1 / m2").metric("m1", queue).metric("m2", workers), 5);

        FakeSageMaker fake = FakeSageMaker.create()
                .givenContainer(c -> true, ContainerBehavior.always(ContainerResponse.ok("{}").withLatency(Duration.ofSeconds(4))));
        Ballast ballast = fake.engine();
        assertThat(ballast.apply(serverless).await()).isSucceeded();
        Traffic traffic = fake.traffic().toEndpoint("classifier").every(Duration.ofSeconds(1)).start();  // four invocations at once
        fake.clock().advance(Duration.ofMinutes(10));
        traffic.stop();
        assertThat(fake.sageMakerClient().describeEndpoint(b -> b.endpointName("classifier")).productionVariants().get(0)
                .currentServerlessConfig().provisionedConcurrency()).isEqualTo(8);                // the maximum
        assertThat(backlogPerWorker.spec().metricMath()).hasSize(3);
    }

    @Test
    @DisplayName("the README's serverless scaling example is this test")
    void readmeSnippetIsThisTest() throws IOException {
        ReadmeSnippets.assertExampleIsIn("serverless-scaling-example", ReadmeServerlessScalingExampleTest.class);
    }
}
