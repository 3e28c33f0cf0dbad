package dev.ballast.scenario;

import static dev.ballast.testkit.assertions.FakeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.Deployment;
import dev.ballast.engine.BallastEngine;
import dev.ballast.outcome.Outcome;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.testkit.FakeSageMaker;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.EndpointConfigSummary;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;

/**
 * One writer per endpoint: two engines that change the same endpoint at once never both do. One
 * proceeds; the other ends at once with a {@code Conflict} naming the holder and what it does,
 * having sent no mutating call; nothing is left half-applied, and the lease is gone at the end.
 */
class EndpointLeaseTest {

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final CountingTransport first = new CountingTransport(fake, 0);
    private final CountingTransport second = new CountingTransport(fake, 0);
    private final BallastEngine a = engine(first);
    private final BallastEngine b = engine(second);

    private BallastEngine engine(CountingTransport transport) {
        return fake.engineBuilder().transport(transport).build();
    }

    private String model() {
        return fake.sageMakerClient().describeInferenceComponent(r -> r.inferenceComponentName("llm")).specification()
                .container().environment().get("HF_MODEL_ID");
    }

    private List<String> configs() {
        return fake.sageMakerClient().listEndpointConfigs(r -> { }).endpointConfigs().stream()
                .map(EndpointConfigSummary::endpointConfigName).toList();
    }

    /** Starts both in the same simulated instant; returns the outcomes of (a, b). */
    private Outcome[] race(Function<BallastEngine, Deployment> one, Function<BallastEngine, Deployment> other) {
        Deployment da = one.apply(a);
        Deployment db = other.apply(b);
        return new Outcome[] {da.await(), db.await()};
    }

    /** Exactly one succeeded; the other is a Conflict and sent nothing but its attempt at the lease. */
    private int winner(Outcome[] outcomes) {
        long succeeded = java.util.Arrays.stream(outcomes).filter(Outcome.Succeeded.class::isInstance).count();
        assertThat(succeeded).as("one proceeds: %s", List.of(outcomes)).isEqualTo(1);
        int loser = outcomes[0] instanceof Outcome.Succeeded ? 1 : 0;
        assertThat(outcomes[loser]).isFailed().hasReasonStartingWith("Conflict: endpoint '")
                .hasReasonContaining("is being changed by Ballast engine ballast-", "nothing was sent");
        assertThat((loser == 0 ? first : second).mutations()).as("the loser's mutating calls").isEmpty();
        assertThat(configs()).as("no lease left behind").noneMatch(c -> c.contains("-lease-"));
        return 1 - loser;
    }

    @Test
    @DisplayName("two engines create the same endpoint from different specs in the same instant")
    void createRace() {
        int winner = winner(race(e -> e.apply(NotebookSpecs.llama()), e -> e.apply(NotebookSpecs.deepSeek())));
        assertThat(model()).isEqualTo(winner == 0 ? "meta-llama/Llama-3.1-8B-Instruct" : "deepseek-ai/DeepSeek-R1-Distill-Llama-8B");
        assertThat(configs()).hasSize(1);
    }

    @Test
    @DisplayName("two engines update a running endpoint to different specs in the same instant")
    void updateRace() {
        assertThat(a.apply(NotebookSpecs.llama()).await()).isSucceeded();
        first.reset();
        int winner = winner(race(e -> e.apply(NotebookSpecs.llamaWithCopies(3)), e -> e.apply(NotebookSpecs.deepSeek())));
        assertThat(model()).isEqualTo(winner == 0 ? "meta-llama/Llama-3.1-8B-Instruct" : "deepseek-ai/DeepSeek-R1-Distill-Llama-8B");
    }

    @Test
    @DisplayName("an update and a delete of the same endpoint in the same instant")
    void updateAndDeleteRace() {
        assertThat(a.apply(NotebookSpecs.llama()).await()).isSucceeded();
        first.reset();
        int winner = winner(race(e -> e.apply(NotebookSpecs.deepSeek()), e -> e.delete(NotebookSpecs.llama())));
        if (winner == 1) {
            assertThat(fake.sageMakerClient().listEndpoints().endpoints()).isEmpty();
        } else {
            assertThat(model()).isEqualTo("deepseek-ai/DeepSeek-R1-Distill-Llama-8B");
        }
    }

    @Test
    @DisplayName("the same spec applied by two engines at once: one applies it, the other is told")
    void sameSpecRace() {
        winner(race(e -> e.apply(NotebookSpecs.llama()), e -> e.apply(NotebookSpecs.llama())));
        assertThat(model()).isEqualTo("meta-llama/Llama-3.1-8B-Instruct");
    }

    @Test
    @DisplayName("two engines create the same A/B endpoint of model variants in the same instant")
    void modelEndpointRace() {
        VariantEndpointSpec one = ABTestSpecs.abTest();
        VariantEndpointSpec other = ABTestSpecs.abTestOnTwo();
        winner(race(e -> e.apply(one), e -> e.apply(other)));
        assertThat(fake.sageMakerClient().listEndpoints().endpoints()).hasSize(1);
    }

    @Test
    @DisplayName("an apply while another engine's rollout is in flight ends at once, naming the holder and its operation")
    void applyDuringAnotherRollout() {
        assertThat(a.apply(NotebookSpecs.llama()).await()).isSucceeded();
        Deployment rollout = a.apply(NotebookSpecs.deepSeek());
        fake.clock().advance(Duration.ofSeconds(30));
        second.reset();
        Deployment late = b.apply(NotebookSpecs.llamaWithCopies(3));
        // the rollout is in flight: the late apply follows it... and then finds the endpoint's lease held
        Outcome lateOutcome = late.await();
        Outcome rolloutOutcome = rollout.await();
        assertThat(rolloutOutcome).isSucceeded();
        if (lateOutcome instanceof Outcome.Failed failed) {
            assertThat(failed.reason()).startsWith("Conflict:").contains("(apply since ");
            assertThat(second.mutations()).isEmpty();
            assertThat(model()).isEqualTo("deepseek-ai/DeepSeek-R1-Distill-Llama-8B");
        } else {
            // it followed the rollout to its end, then applied its own spec once the lease was released
            assertThat(lateOutcome).isSucceeded();
            assertThat(model()).isEqualTo("meta-llama/Llama-3.1-8B-Instruct");
            assertThat(fake.sageMakerClient().describeInferenceComponent(r -> r.inferenceComponentName("llm"))
                    .runtimeConfig().desiredCopyCount()).isEqualTo(3);
        }
    }

    @Test
    @DisplayName("a holder whose lease was broken and taken by another stops before its next mutating call")
    void fenceStopsALeaseLoser() {
        ComponentEndpointSpec spec = NotebookSpecs.llama();
        Deployment creating = a.apply(spec);
        // first steps sent; the endpoint is Creating while the engine waits for it
        fake.clock().advance(Duration.ofSeconds(20));
        String lease = configs().stream().filter(c -> c.contains("-lease-")).findFirst().orElseThrow();
        fake.sageMakerClient().deleteEndpointConfig(r -> r.endpointConfigName(lease));
        fake.sageMakerClient().createEndpointConfig(r -> r.endpointConfigName(lease)
                .executionRoleArn("arn:aws:iam::123456789012:role/SageMakerRole").productionVariants(ProductionVariant
                        .builder().variantName("ballast-someoneelse0000").instanceType("ml.g5.2xlarge")
                        .initialInstanceCount(1).build()));

        Outcome outcome = creating.await();

        assertThat(outcome).isFailed().hasReasonStartingWith("Conflict: endpoint 'rolling-demo' is being changed by");
        assertThat(first.mutations()).as("nothing sent after the lease was lost")
                .containsExactly("CreateEndpointConfig", "CreateEndpoint", "PutMetricAlarm");
        assertThat(configs()).as("the other holder's lease is left to it").contains(lease);
    }

    @Test
    @DisplayName("an endpoint's lease is released at the end, so the next apply proceeds")
    void leaseReleasedAtTheEnd() {
        assertThat(a.apply(NotebookSpecs.llama()).await()).isSucceeded();
        assertThat(b.apply(NotebookSpecs.llamaWithCopies(3)).await()).isSucceeded();
        assertThat(first.leaseOperations()).startsWith("CreateEndpointConfig", "DescribeEndpointConfig")
                .endsWith("DeleteEndpointConfig");
        assertThat(configs()).noneMatch(c -> c.contains("-lease-"));
    }
}
