package dev.ballast.scenario;

import static dev.ballast.testkit.assertions.FakeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.engine.BallastEngine;
import dev.ballast.outcome.Outcome;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.testkit.FakeSageMaker;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.services.sagemaker.model.EndpointConfigSummary;

/**
 * Under 30 % throttling, 5 % 500s (half of them after the call took effect) and 2 % 503s, the
 * notebook's create and update each converge in a single apply, with nothing duplicated or left
 * behind — for 20 seeds.
 */
class ChaosConvergenceTest {

    @TestFactory
    @DisplayName("converges")
    Stream<DynamicTest> twentySeedsConvergeInOneApplyEach() {
        return LongStream.rangeClosed(1, 20).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            FakeSageMaker fake = FakeSageMaker.create();
            ChaosTransport chaos = new ChaosTransport(fake, seed, 0.30, 0.05, 0.02);
            BallastEngine ballast = fake.engineBuilder().transport(chaos).build();

            converges(fake, ballast, NotebookSpecs.llama(), "meta-llama/Llama-3.1-8B-Instruct");
            converges(fake, ballast, NotebookSpecs.llamaScaledTo(6), "meta-llama/Llama-3.1-8B-Instruct");
            converges(fake, ballast, NotebookSpecs.deepSeek(), "deepseek-ai/DeepSeek-R1-Distill-Llama-8B");
            assertThat(chaos.faults.get()).as("the chaos happened").isPositive();
        }));
    }

    private static void converges(FakeSageMaker fake, BallastEngine ballast, ComponentEndpointSpec spec, String model) {
        Outcome outcome = ballast.apply(spec).await();
        assertThat(outcome).as("one apply of %s", spec.name()).isSucceeded();
        var sm = fake.sageMakerClient();
        assertThat(sm.listEndpoints().endpoints()).hasSize(1);
        assertThat(sm.listInferenceComponents(r -> { }).inferenceComponents()).hasSize(1);
        assertThat(sm.describeInferenceComponent(r -> r.inferenceComponentName("llm")).specification().container()
                .environment().get("HF_MODEL_ID")).isEqualTo(model);
        List<String> configs = sm.listEndpointConfigs(r -> { }).endpointConfigs().stream()
                .map(EndpointConfigSummary::endpointConfigName).toList();
        assertThat(configs).as("one configuration, no lease, nothing left behind").containsExactly(spec.endpointConfigName());
        assertThat(fake.cloudWatchClient().describeAlarms().metricAlarms()).hasSize(1);
    }
}
