package dev.ballast.scenario;

import static dev.ballast.RollingUpdate.batch;
import static dev.ballast.testkit.assertions.FakeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.ballast.Alarm;
import dev.ballast.Endpoint;
import dev.ballast.Invocation;
import dev.ballast.engine.BallastEngine;
import dev.ballast.error.PlanningException;
import dev.ballast.error.TransportException;
import dev.ballast.outcome.Outcome;
import dev.ballast.plan.Plan;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.testkit.FakeSageMaker;

/** What apply plans from what runs: configuration versions, alarms, failures that block a plan, and invoke. */
class EngineReconcileTest {

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final CountingTransport transport = new CountingTransport(fake, 0);
    private final BallastEngine ballast = fake.engineBuilder().transport(transport).build();

    private static ComponentEndpointSpec llama(int maxInstances, double threshold) {
        return Endpoint.on("ml.g5.2xlarge").scale(1, maxInstances).instances(2)
                .executionRole(NotebookSpecs.ROLE)
                .component(NotebookSpecs.llm("meta-llama/Llama-3.1-8B-Instruct").env("MESSAGES_API_ENABLED", "true"))
                .rollingUpdate(batch(1).wait(Duration.ofSeconds(120)).rollbackBatch(1)
                        .rollbackOn(Alarm.invocation4xxErrors().above(threshold).per(Duration.ofMinutes(5))))
                .named(NotebookSpecs.ENDPOINT);
    }

    @Test
    @DisplayName("a changed endpoint configuration is a new version, UpdateEndpoint, a wait, and the old version deleted after")
    void newConfigurationVersion() {
        ComponentEndpointSpec before = llama(4, 5);
        ComponentEndpointSpec after = llama(5, 5);
        assertThat(ballast.apply(before).await()).isSucceeded();
        transport.reset();

        Plan plan = ballast.plan(after);
        Outcome outcome = ballast.apply(after).await();

        assertThat(plan.steps()).extracting(Object::toString).satisfiesExactly(
                s -> assertThat(s).startsWith("SageMaker.CreateEndpointConfig").contains(after.endpointConfigName()),
                s -> assertThat(s).startsWith("SageMaker.UpdateEndpoint").contains(after.endpointConfigName()),
                s -> assertThat(s).startsWith("wait until endpoint/rolling-demo is InService"),
                s -> assertThat(s).startsWith("SageMaker.DeleteEndpointConfig").contains(before.endpointConfigName()));
        assertThat(outcome).isSucceeded();
        assertThat(transport.mutations()).containsExactly("CreateEndpointConfig", "UpdateEndpoint", "DeleteEndpointConfig");
        assertThat(fake.sageMakerClient().describeEndpoint(b -> b.endpointName(NotebookSpecs.ENDPOINT)).endpointConfigName())
                .isEqualTo(after.endpointConfigName());
        assertThat(fake.sageMakerClient().describeEndpoint(b -> b.endpointName(NotebookSpecs.ENDPOINT)).productionVariants().get(0)
                .managedInstanceScaling().maxInstanceCount()).isEqualTo(5);
        assertThat(ballast.plan(after)).isEmpty();
    }

    @Test
    @DisplayName("a changed alarm threshold is one PutMetricAlarm and nothing else")
    void changedAlarm() {
        assertThat(ballast.apply(llama(4, 5)).await()).isSucceeded();
        transport.reset();

        Plan plan = ballast.plan(llama(4, 10));
        Outcome outcome = ballast.apply(llama(4, 10)).await();

        assertThat(plan.calls()).singleElement().satisfies(c -> {
            assertThat(c.target()).isEqualTo("CloudWatch.PutMetricAlarm");
            assertThat(c.reason()).contains("configured differently");
        });
        assertThat(outcome).isSucceeded();
        assertThat(transport.mutations()).containsExactly("PutMetricAlarm");
        assertThat(fake.cloudWatchClient().describeAlarms(b -> b.alarmNames(NotebookSpecs.ALARM)).metricAlarms().get(0).threshold())
                .isEqualTo(10.0);
    }

    @Test
    @DisplayName("an alarm deleted by hand is put back by the next apply")
    void missingAlarmIsRecreated() {
        assertThat(ballast.apply(NotebookSpecs.llama()).await()).isSucceeded();
        fake.cloudWatchClient().deleteAlarms(b -> b.alarmNames(NotebookSpecs.ALARM));

        Plan plan = ballast.plan(NotebookSpecs.llama());

        assertThat(plan).hasCalls("CloudWatch.PutMetricAlarm").containsCallBecause("PutMetricAlarm", "does not exist yet");
    }

    @Test
    @DisplayName("an endpoint without capacity ends FAILED with the service's reason, and the next plan says what to do")
    void failedComponent() {
        fake.givenNoCapacity("ml.g5.2xlarge");

        Outcome outcome = ballast.apply(NotebookSpecs.llama()).await();

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.reason()).contains("endpoint/rolling-demo is Failed"));
        assertThatThrownBy(() -> ballast.plan(NotebookSpecs.llama()))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("Endpoint 'rolling-demo' is Failed")
                .hasMessageContaining("Delete it");
    }

    @Test
    @DisplayName("invoke calls one component and returns its answer; a container's 4xx is a ModelError")
    void invoke() {
        assertThat(ballast.apply(NotebookSpecs.llama()).await()).isSucceeded();

        Invocation answer = ballast.invoke(NotebookSpecs.llama(), "llm", NotebookSpecs.CHAT);

        assertThat(answer.body()).contains("\"choices\"");
        assertThat(answer.invokedVariant()).contains("AllTraffic");
    }

    @Test
    @DisplayName("invoking a component the spec does not have names the ones it has")
    void invokeUnknownComponent() {
        assertThatThrownBy(() -> ballast.invoke(NotebookSpecs.llama(), "nope", "{}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[llm]");
    }

    @Test
    @DisplayName("a model error reaches the caller as a TransportException with the ModelError code and the original status")
    void invokeModelError() {
        assertThat(ballast.apply(NotebookSpecs.deepSeekWithoutMessagesApi()).await()).isSucceeded();

        assertThatThrownBy(() -> ballast.invoke(NotebookSpecs.deepSeekWithoutMessagesApi(), "llm", NotebookSpecs.CHAT))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("ModelError");
                    assertThat(e.statusCode()).isEqualTo(424);
                    assertThat(e.getMessage()).contains("SageMakerRuntime.InvokeEndpoint on inference-component/llm", "Received client error (422)");
                });
    }
}
