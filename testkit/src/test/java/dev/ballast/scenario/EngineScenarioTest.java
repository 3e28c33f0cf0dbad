package dev.ballast.scenario;

import static dev.ballast.testkit.assertions.FakeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentResponse;

import dev.ballast.Deployment;
import dev.ballast.engine.BallastEngine;
import dev.ballast.event.DeploymentEvent;
import dev.ballast.outcome.Outcome;
import dev.ballast.plan.Plan;
import dev.ballast.testkit.FakeSageMaker;
import dev.ballast.testkit.Traffic;

/** The engine on the fake: truthful outcomes, idempotent apply, minimal plans. */
class EngineScenarioTest {

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final CountingTransport transport = new CountingTransport(fake, 0);
    private final List<DeploymentEvent> events = new ArrayList<>();
    private final BallastEngine ballast = fake.engineBuilder().transport(transport).listener(events::add).build();

    private DescribeInferenceComponentResponse llm() {
        return fake.sageMakerClient().describeInferenceComponent(b -> b.inferenceComponentName("llm"));
    }

    private void deployLlama() {
        assertThat(ballast.apply(NotebookSpecs.llama()).await()).isSucceeded();
    }

    @Test
    @DisplayName("the notebook through the engine: the first update is ROLLED_BACK naming the 4xx alarm, the second SUCCEEDED")
    void notebookUpdates() {
        Outcome created = ballast.apply(NotebookSpecs.llama()).await();
        assertThat(created).isSucceeded();
        assertThat(llm().inferenceComponentStatusAsString()).isEqualTo("InService");
        Traffic traffic = fake.traffic().toComponent(NotebookSpecs.ENDPOINT, "llm").body(NotebookSpecs.CHAT).start();

        Deployment first = ballast.apply(NotebookSpecs.deepSeekWithoutMessagesApi());
        Outcome rolledBack = first.await();

        assertThat(rolledBack).isInstanceOfSatisfying(Outcome.RolledBack.class, o -> {
            assertThat(o.alarm()).contains(NotebookSpecs.ALARM);
            assertThat(o.summary()).startsWith("ROLLED_BACK").contains(NotebookSpecs.ALARM);
        });
        assertThat(first.events()).anySatisfy(e -> assertThat(e).isInstanceOf(DeploymentEvent.RollbackStarted.class));
        assertThat(first.events().stream().filter(DeploymentEvent.BatchStarted.class::isInstance)
                .map(DeploymentEvent.BatchStarted.class::cast))
                .as("no batch is claimed once the rollback was triggered").allSatisfy(b -> assertThat(b.batch()).isEqualTo(1));
        assertThat(llm().specification().container().environment()).containsEntry("HF_MODEL_ID", "meta-llama/Llama-3.1-8B-Instruct");
        assertThat(traffic.failed()).as("the incompatible new copies answered with 4xx errors").isGreaterThan(5);

        fake.clock().advance(Duration.ofMinutes(10)); // the alarm's next period sees no errors: back to OK
        Deployment second = ballast.apply(NotebookSpecs.deepSeek());
        Outcome succeeded = second.await();
        traffic.stop();

        assertThat(succeeded).isSucceeded();
        assertThat(llm().specification().container().environment()).containsEntry("HF_MODEL_ID", "deepseek-ai/DeepSeek-R1-Distill-Llama-8B");
        assertThat(second.events()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(DeploymentEvent.CopiesChanged.class,
                c -> assertThat(c.current()).isEqualTo(3)));
        assertThat(second.events().stream().filter(DeploymentEvent.BatchStarted.class::isInstance).map(DeploymentEvent::describe))
                .containsExactly("inference-component/llm batch 1/2 started", "inference-component/llm batch 2/2 started");
        assertThat(second.events()).last().isInstanceOf(DeploymentEvent.Finished.class);
    }

    @Test
    @DisplayName("a second apply of the same spec sends no mutating call and plans nothing")
    void secondApplyIsANoOp() {
        deployLlama();
        transport.reset();

        Plan plan = ballast.plan(NotebookSpecs.llama());
        Outcome again = ballast.apply(NotebookSpecs.llama()).await();

        assertThat(plan).isEmpty();
        assertThat(again).isInstanceOfSatisfying(Outcome.Succeeded.class, o -> assertThat(o.detail()).contains("nothing to do"));
        assertThat(transport.mutations()).isEmpty();
        assertThat(transport.operations()).isNotEmpty().allSatisfy(op -> assertThat(op).matches("(Describe|List).*"));
    }

    @Test
    @DisplayName("a copy-count change sends only UpdateInferenceComponentRuntimeConfig")
    void copyCountOnly() {
        deployLlama();
        transport.reset();

        Plan plan = ballast.plan(NotebookSpecs.llamaWithCopies(3));
        Outcome scaled = ballast.apply(NotebookSpecs.llamaWithCopies(3)).await();

        assertThat(plan).hasCalls("UpdateInferenceComponentRuntimeConfig");
        assertThat(scaled).isSucceeded();
        assertThat(transport.mutations()).containsExactly("UpdateInferenceComponentRuntimeConfig");
        assertThat(llm().runtimeConfig().currentCopyCount()).isEqualTo(3);
    }

    @Test
    @DisplayName("a changed specification sends UpdateInferenceComponent with the rolling policy and no other mutation")
    void specificationChange() {
        deployLlama();
        transport.reset();

        Plan plan = ballast.plan(NotebookSpecs.deepSeek());

        assertThat(plan).hasCalls("UpdateInferenceComponent")
                .containsRequest("UpdateInferenceComponent", "\"RollingUpdatePolicy\"", NotebookSpecs.ALARM);
        assertThat(transport.mutations()).isEmpty();
    }

    @Test
    @DisplayName("a process that dies mid-update: a new engine's apply re-attaches and reports the true outcome without a second update")
    void crashAndReattach() {
        deployLlama();
        Traffic traffic = fake.traffic().toComponent(NotebookSpecs.ENDPOINT, "llm").body(NotebookSpecs.CHAT).start();
        KillableScheduler doomed = new KillableScheduler(fake.clock());
        BallastEngine first = BallastEngine.builder().transport(transport).clock(fake.clock(), doomed).build();
        first.apply(NotebookSpecs.deepSeekWithoutMessagesApi());
        fake.clock().advance(Duration.ofSeconds(150));
        assertThat(llm().inferenceComponentStatusAsString()).isEqualTo("Updating");
        doomed.kill();
        transport.reset();

        Deployment reattached = ballast.apply(NotebookSpecs.deepSeekWithoutMessagesApi());
        Outcome outcome = reattached.await();
        traffic.stop();

        assertThat(reattached.plan()).isEmpty();
        assertThat(outcome).isInstanceOfSatisfying(Outcome.RolledBack.class, o -> assertThat(o.alarm()).contains(NotebookSpecs.ALARM));
        assertThat(transport.mutations()).as("following the update in flight starts no other").isEmpty();
    }

    @Test
    @DisplayName("attach follows a good update in flight to SUCCEEDED")
    void attachToGoodUpdate() {
        deployLlama();
        KillableScheduler doomed = new KillableScheduler(fake.clock());
        BallastEngine.builder().transport(transport).clock(fake.clock(), doomed).build().apply(NotebookSpecs.deepSeek());
        fake.clock().advance(Duration.ofSeconds(30));
        doomed.kill();

        Outcome outcome = ballast.attach(NotebookSpecs.deepSeek()).await();

        assertThat(outcome).isSucceeded();
        assertThat(llm().specification().container().environment()).containsEntry("MESSAGES_API_ENABLED", "true");
    }

    @Test
    @DisplayName("with 30% of calls throttled, create and update still converge, with no duplicate resource and no lost update")
    void convergesUnderThrottling() {
        CountingTransport flaky = new CountingTransport(fake, 0.3);
        BallastEngine engine = fake.engineBuilder().transport(flaky).build();

        Outcome created = engine.apply(NotebookSpecs.llama()).await();
        Outcome updated = engine.apply(NotebookSpecs.deepSeek()).await();
        Outcome again = engine.apply(NotebookSpecs.deepSeek()).await();

        assertThat(flaky.throttledCount()).isGreaterThan(10);
        assertThat(created).isSucceeded();
        assertThat(updated).isSucceeded();
        assertThat(again).isInstanceOfSatisfying(Outcome.Succeeded.class, o -> assertThat(o.detail()).contains("nothing to do"));
        assertThat(flaky.mutations().stream().filter(op -> op.startsWith("Create"))).containsExactly(
                "CreateEndpointConfig", "CreateEndpoint", "CreateInferenceComponent");
        assertThat(flaky.mutations().stream().filter(op -> op.equals("UpdateInferenceComponent"))).hasSize(1);
        assertThat(fake.sageMakerClient().listEndpoints().endpoints()).hasSize(1);
        assertThat(fake.sageMakerClient().listInferenceComponents(b -> { }).inferenceComponents()).hasSize(1);
        assertThat(llm().specification().container().environment()).containsEntry("HF_MODEL_ID", "deepseek-ai/DeepSeek-R1-Distill-Llama-8B");
    }

    @Test
    @DisplayName("delete removes component, endpoint, configuration and alarms, in that order, waiting for each")
    void teardown() {
        deployLlama();
        transport.reset();

        Outcome deleted = ballast.delete(NotebookSpecs.llama()).await();

        assertThat(deleted).isSucceeded();
        assertThat(transport.mutations()).containsExactly("DeleteInferenceComponent", "DeleteEndpoint", "DeleteEndpointConfig", "DeleteAlarms");
        assertThat(fake.sageMakerClient().listEndpoints().endpoints()).isEmpty();
        assertThat(fake.cloudWatchClient().describeAlarms().metricAlarms()).isEmpty();
    }

    @Test
    @DisplayName("non-blocking: the future completes as simulated time passes, without anyone blocking")
    void nonBlocking() {
        Deployment d = ballast.apply(NotebookSpecs.llama());
        java.util.concurrent.CompletableFuture<Outcome> future = d.future();

        assertThat(future).isNotDone();
        fake.clock().advance(Duration.ofMinutes(5));
        assertThat(future).isNotDone();
        fake.clock().advance(Duration.ofMinutes(30));
        assertThat(future).isCompletedWithValueMatching(Outcome::isSuccess);
        assertThat(d.onEvent(e -> { }).events()).last().isInstanceOf(DeploymentEvent.Finished.class);
    }

    @Test
    @DisplayName("awaitSuccess throws a DeploymentException that carries the rollback")
    void awaitSuccessThrowsOnRollback() {
        deployLlama();
        Traffic traffic = fake.traffic().toComponent(NotebookSpecs.ENDPOINT, "llm").body(NotebookSpecs.CHAT).start();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ballast.apply(NotebookSpecs.deepSeekWithoutMessagesApi()).awaitSuccess())
                .isInstanceOfSatisfying(dev.ballast.error.DeploymentException.class, e -> {
                    assertThat(e.outcome()).isRolledBack();
                    assertThat(e.getMessage()).contains("did not succeed", "ROLLED_BACK", NotebookSpecs.ALARM);
                });
        traffic.stop();
    }

    @Test
    @DisplayName("events never carry the secret token, and every event is also delivered to engine listeners")
    void eventsAreSafe() {
        Deployment d = ballast.apply(NotebookSpecs.llama());
        d.await();

        assertThat(d.events()).isNotEmpty().containsExactlyElementsOf(events);
        assertThat(d.events()).allSatisfy(e -> assertThat(e.describe() + e).doesNotContain(NotebookSpecs.TOKEN));
        assertThat(d.plan()).doesNotMention(NotebookSpecs.TOKEN);
    }
}
