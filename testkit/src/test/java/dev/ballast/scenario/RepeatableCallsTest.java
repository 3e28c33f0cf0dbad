package dev.ballast.scenario;

import static dev.ballast.RollingUpdate.batch;
import static dev.ballast.testkit.assertions.FakeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.DeleteScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.SetAlarmStateRequest;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AddTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateModelRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateInferenceComponentRuntimeConfigRequest;

import dev.ballast.Alarm;
import dev.ballast.AutoScaling;
import dev.ballast.BlueGreen;
import dev.ballast.Component;
import dev.ballast.Endpoint;
import dev.ballast.TrafficShift;
import dev.ballast.engine.BallastEngine;
import dev.ballast.engine.RetrySettings;
import dev.ballast.engine.internal.call.ResilientCaller;
import dev.ballast.error.ResourceConflictException;
import dev.ballast.error.TransportException;
import dev.ballast.event.DeploymentEvent;
import dev.ballast.outcome.Outcome;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.spi.Transport;
import dev.ballast.testkit.FakeSageMaker;

/**
 * Issue 12, items 6 and 7: calls safe to repeat are retried like reads on a 5xx and on a lost
 * request or answer, and the apply still succeeds with nothing duplicated and nothing left behind;
 * creates are checked with a describe, never sent twice blindly; a busy resource's refusal is a
 * {@link ResourceConflictException} that says what to do; an outcome names every resource a call
 * changed.
 */
class RepeatableCallsTest {

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final BallastEngine clean = engine(fake);

    private BallastEngine engine(Transport transport) {
        return fake.engineBuilder().transport(transport).build();
    }

    /** The notebook's endpoint, its update rolled back by two alarms: one DeleteAlarms deletes both. */
    private static ComponentEndpointSpec twoAlarms() {
        return Endpoint.on("ml.g5.2xlarge").scale(1, 4).instances(2).executionRole(NotebookSpecs.ROLE)
                .component(NotebookSpecs.llm("meta-llama/Llama-3.1-8B-Instruct"))
                .rollingUpdate(batch(1).wait(Duration.ofSeconds(120)).rollbackBatch(1)
                        .rollbackOn(Alarm.invocation4xxErrors().above(5).per(Duration.ofMinutes(5)),
                                Alarm.invocation5xxErrors().above(0).per(Duration.ofMinutes(1))))
                .named(NotebookSpecs.ENDPOINT);
    }

    /** A component whose copies auto scaling drives: RegisterScalableTarget, PutScalingPolicy, DeregisterScalableTarget. */
    private static ComponentEndpointSpec scaled() {
        return Endpoint.on("ml.g5.12xlarge").scale(1, 2).executionRole(ABTestSpecs.ROLE)
                .component(Component.named("llm").image(ABTestSpecs.IMAGE + "tgi-1").accelerators(1).memoryMb(1024).copies(1)
                        .autoScaling(AutoScaling.between(1, 3).invocationsPerCopy(10)))
                .named("ic-endpoint");
    }

    private void assertNothingLeft() {
        SageMakerClient sm = fake.sageMakerClient();
        assertThat(sm.listInferenceComponents(b -> { }).inferenceComponents()).isEmpty();
        assertThat(sm.listEndpoints(b -> { }).endpoints()).isEmpty();
        assertThat(sm.listEndpointConfigs(b -> { }).endpointConfigs()).isEmpty();
        assertThat(sm.listModels(b -> { }).models()).isEmpty();
        assertThat(fake.cloudWatchClient().describeAlarms(b -> { }).metricAlarms()).isEmpty();
        assertThat(fake.autoScalingClient().describeScalableTargets(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER))
                .scalableTargets()).isEmpty();
    }

    private List<String> alarmNames() {
        return fake.cloudWatchClient().describeAlarms(b -> { }).metricAlarms().stream().map(MetricAlarm::alarmName).sorted().toList();
    }

    private List<ScalingPolicy> policies() {
        return fake.autoScalingClient().describeScalingPolicies(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER)).scalingPolicies();
    }

    static Stream<Arguments> repeatableCallsOfAnApply() {
        List<String> operations = List.of("PutMetricAlarm", "RegisterScalableTarget", "PutScalingPolicy", "DeregisterScalableTarget",
                "DeleteInferenceComponent", "DeleteEndpoint", "DeleteEndpointConfig", "DeleteAlarms", "DeleteModel",
                "UpdateEndpointWeightsAndCapacities");
        List<Arguments> cases = new ArrayList<>();
        for (String op : operations) {
            for (OneFault.Kind kind : OneFault.Kind.values()) {
                cases.add(Arguments.of(op, kind));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("repeatableCallsOfAnApply")
    @DisplayName("a repeatable call that fails once (500, 503, request or answer lost) is sent again: the deployment succeeds, nothing duplicated or left")
    void repeatableCallFailsOnce(String operation, OneFault.Kind kind) {
        OneFault faulty = new OneFault(fake, operation, kind);
        BallastEngine ballast = engine(faulty);
        switch (operation) {
            case "PutMetricAlarm" -> {
                assertThat(ballast.apply(twoAlarms()).await()).isSucceeded();
                assertThat(alarmNames()).hasSize(2).doesNotHaveDuplicates();
                assertThat(clean.plan(twoAlarms())).isEmpty();
            }
            case "RegisterScalableTarget", "PutScalingPolicy" -> {
                assertThat(ballast.apply(scaled()).await()).isSucceeded();
                assertThat(policies()).hasSize(1);
                assertThat(fake.autoScalingClient().describeScalableTargets(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER))
                        .scalableTargets()).hasSize(1);
                assertThat(clean.plan(scaled())).isEmpty();
            }
            case "DeregisterScalableTarget" -> {
                assertThat(clean.apply(scaled()).await()).isSucceeded();
                assertThat(ballast.delete(scaled()).await()).isSucceeded();
                assertNothingLeft();
            }
            case "DeleteModel" -> {
                assertThat(clean.apply(ABTestSpecs.abTest()).await()).isSucceeded();
                assertThat(ballast.delete(ABTestSpecs.abTest()).await()).isSucceeded();
                assertNothingLeft();
            }
            case "UpdateEndpointWeightsAndCapacities" -> {
                assertThat(clean.apply(ABTestSpecs.abTestOnTwo()).await()).isSucceeded();
                Outcome shifted = ballast.shiftTraffic(TrafficShift.of(ABTestSpecs.abTestOnTwo()).to(ABTestSpecs.V2).steps(50, 100)
                        .waitEach(Duration.ofMinutes(1))).await();
                assertThat(shifted).isSucceeded();
                Map<String, Float> weights = fake.sageMakerClient().describeEndpoint(b -> b.endpointName(ABTestSpecs.ENDPOINT))
                        .productionVariants().stream().collect(Collectors.toMap(ProductionVariantSummary::variantName,
                                ProductionVariantSummary::currentWeight));
                assertThat(weights.get(ABTestSpecs.V2) / (weights.get(ABTestSpecs.V1) + weights.get(ABTestSpecs.V2))).isEqualTo(1.0f);
            }
            default -> {
                assertThat(clean.apply(twoAlarms()).await()).isSucceeded();
                List<String> alarms = alarmNames();
                Outcome deleted = ballast.delete(twoAlarms()).await();
                assertThat(deleted).isSucceeded();
                assertThat(deleted.summary()).contains("deleted alarm/" + alarms.get(0) + ", alarm/" + alarms.get(1));
                assertNothingLeft();
            }
        }
        assertThat(faulty.fired()).as("the fault was used").isTrue();
        // Two alarms, two models, two weight steps; one call of the others. A call that failed after it took effect was sent once more.
        int normally = List.of("PutMetricAlarm", "DeleteModel", "UpdateEndpointWeightsAndCapacities").contains(operation) ? 2 : 1;
        assertThat(faulty.reached(operation)).as("calls that reached SageMaker").isEqualTo(normally + (kind.afterEffect ? 1 : 0));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(OneFault.Kind.class)
    @DisplayName("the clean-up DeleteEndpointConfig after an update fails once: the update still succeeds and the old configuration is gone")
    void cleanupFailsOnce(OneFault.Kind kind) {
        assertThat(clean.apply(ABTestSpecs.abTestOnTwo()).await()).isSucceeded();
        String before = fake.sageMakerClient().describeEndpoint(b -> b.endpointName(ABTestSpecs.ENDPOINT)).endpointConfigName();
        OneFault faulty = new OneFault(fake, "DeleteEndpointConfig", kind);
        VariantEndpointSpec retrain = ABTestSpecs.retrain(ABTestSpecs.IMAGE + "2.4-cpu", BlueGreen.allAtOnce().bake(Duration.ofMinutes(5)));

        Outcome outcome = engine(faulty).apply(retrain).await();

        assertThat(outcome).isSucceeded();
        assertThat(outcome.summary()).contains("deleted endpoint-config/" + before);
        assertThat(faulty.fired()).isTrue();
        assertThat(fake.sageMakerClient().listEndpointConfigs(b -> { }).endpointConfigs()).singleElement()
                .satisfies(c -> assertThat(c.endpointConfigName()).isEqualTo(retrain.endpointConfigName()));
    }

    static Stream<Arguments> creates() {
        List<Arguments> cases = new ArrayList<>();
        for (String op : List.of("CreateModel", "CreateEndpointConfig", "CreateEndpoint", "CreateInferenceComponent")) {
            for (OneFault.Kind kind : List.of(OneFault.Kind.LOST_ANSWER, OneFault.Kind.LOST_REQUEST, OneFault.Kind.HTTP_503_AFTER)) {
                cases.add(Arguments.of(op, kind));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("creates")
    @DisplayName("a create whose request or answer was lost is checked with a describe and reaches SageMaker exactly once")
    void createIsCheckedNotResent(String operation, OneFault.Kind kind) {
        OneFault faulty = new OneFault(fake, operation, kind);
        BallastEngine ballast = engine(faulty);

        Outcome outcome = operation.equals("CreateModel") ? ballast.apply(ABTestSpecs.abTest()).await() : ballast.apply(NotebookSpecs.llama()).await();

        assertThat(outcome).isSucceeded();
        assertThat(faulty.fired()).isTrue();
        // the A/B test has two models, created one after the other
        assertThat(faulty.reached(operation)).as("reached SageMaker once per resource").isEqualTo(operation.equals("CreateModel") ? 2 : 1);
        if (kind.afterEffect) {
            assertThat(faulty.reached()).as("described after the failure").containsSubsequence(operation, operation.replace("Create", "Describe"));
        }
    }

    @Test
    @DisplayName("an UpdateInferenceComponent refused because the component is Updating ends FAILED with a conflict that says what to do; it is not resent")
    void busyComponent() {
        assertThat(clean.apply(NotebookSpecs.llama()).await()).isSucceeded();
        List<String> updates = new CopyOnWriteArrayList<>();
        Transport racing = request -> {
            if (request instanceof UpdateInferenceComponentRequest && updates.isEmpty()) {
                // Someone scales the component just before the update arrives.
                fake.execute(UpdateInferenceComponentRuntimeConfigRequest.builder().inferenceComponentName("llm")
                        .desiredRuntimeConfig(c -> c.copyCount(3)).build());
            }
            if (request instanceof UpdateInferenceComponentRequest) {
                updates.add("UpdateInferenceComponent");
            }
            return fake.execute(request);
        };

        Outcome outcome = engine(racing).apply(NotebookSpecs.deepSeek()).await();

        assertThat(outcome).isFailed().hasReasonContaining(
                "SageMaker.UpdateInferenceComponent on inference-component/llm failed",
                "while it is in Updating status",
                "inference-component/llm is Updating: wait until it settles, or follow the change in flight with Ballast.attach(spec)");
        assertThat(updates).hasSize(1);
    }

    private SdkResponse send(Transport transport, SdkRequest request) {
        ResilientCaller caller = new ResilientCaller(transport, fake.clock(), fake.clock(), defaultBudget());
        return fake.clock().await(caller.call(request, SdkResponse.class));
    }

    @Test
    @DisplayName("a busy component's refusal is a ResourceConflictException naming the component and what it is doing")
    void busyComponentIsAConflict() {
        assertThat(clean.apply(NotebookSpecs.llama()).await()).isSucceeded();
        fake.sageMakerClient().updateInferenceComponentRuntimeConfig(b -> b.inferenceComponentName("llm").desiredRuntimeConfig(c -> c.copyCount(3)));

        Throwable thrown = catchThrowable(() -> send(fake, UpdateInferenceComponentRuntimeConfigRequest.builder()
                .inferenceComponentName("llm").desiredRuntimeConfig(c -> c.copyCount(1)).build()));

        assertThat(thrown).isInstanceOfSatisfying(ResourceConflictException.class, e -> {
            assertThat(e.resource()).isEqualTo("inference-component/llm");
            assertThat(e.activity()).isEqualTo("Updating");
            assertThat(e.getMessage()).contains("inference-component/llm is Updating: wait until it settles", "Ballast.attach(spec)");
        });
    }

    @Test
    @DisplayName("a busy endpoint's refusal is a ResourceConflictException naming the endpoint; it does not say which change is in progress")
    void busyEndpointIsAConflict() {
        assertThat(clean.apply(ABTestSpecs.abTestOnTwo()).await()).isSucceeded();
        fake.sageMakerClient().updateEndpointWeightsAndCapacities(b -> b.endpointName(ABTestSpecs.ENDPOINT)
                .desiredWeightsAndCapacities(d -> d.variantName(ABTestSpecs.V1).desiredInstanceCount(3)));

        Throwable thrown = catchThrowable(() -> send(fake, UpdateEndpointRequest.builder().endpointName(ABTestSpecs.ENDPOINT)
                .endpointConfigName(ABTestSpecs.abTestOnTwo().endpointConfigName()).build()));

        assertThat(thrown).isInstanceOfSatisfying(ResourceConflictException.class, e -> {
            assertThat(e.resource()).isEqualTo("endpoint/" + ABTestSpecs.ENDPOINT);
            assertThat(e.activity()).isEqualTo(ResourceConflictException.IN_PROGRESS);
            assertThat(e.getMessage()).contains("has a change in progress", "Ballast.attach(spec)");
        });
    }

    @Test
    @DisplayName("the StepStarted event of a DeleteAlarms of two alarms names both")
    void eventsNameEveryResource() {
        assertThat(clean.apply(twoAlarms()).await()).isSucceeded();
        List<String> alarms = alarmNames();
        dev.ballast.Deployment deletion = clean.delete(twoAlarms());
        deletion.await();

        assertThat(deletion.events()).filteredOn(DeploymentEvent.StepStarted.class::isInstance).extracting(DeploymentEvent::describe)
                .anySatisfy(d -> assertThat(d).endsWith("CloudWatch.DeleteAlarms alarm/" + alarms.get(0) + ", alarm/" + alarms.get(1)));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(OneFault.Kind.class)
    @DisplayName("tagging, a scaling policy's deletion and an alarm's state, outside any plan, are repeated too")
    void otherRepeatableCalls(OneFault.Kind kind) {
        assertThat(clean.apply(scaled()).await()).isSucceeded();
        String arn = fake.sageMakerClient().describeEndpoint(b -> b.endpointName("ic-endpoint")).endpointArn();
        ScalingPolicy policy = policies().get(0);

        send(new OneFault(fake, "AddTags", kind), AddTagsRequest.builder().resourceArn(arn).tags(Tag.builder().key("k").value("v").build()).build());
        assertThat(fake.sageMakerClient().listTags(b -> b.resourceArn(arn)).tags()).containsExactly(Tag.builder().key("k").value("v").build());
        send(new OneFault(fake, "DeleteTags", kind), DeleteTagsRequest.builder().resourceArn(arn).tagKeys("k").build());
        assertThat(fake.sageMakerClient().listTags(b -> b.resourceArn(arn)).tags()).isEmpty();
        send(new OneFault(fake, "DeleteScalingPolicy", kind), DeleteScalingPolicyRequest.builder().policyName(policy.policyName())
                .serviceNamespace(policy.serviceNamespace()).resourceId(policy.resourceId()).scalableDimension(policy.scalableDimension()).build());
        assertThat(policies()).isEmpty();

        fake.cloudWatchClient().putMetricAlarm(b -> b.alarmName("a").namespace("AWS/SageMaker").metricName("Invocations")
                .statistic("Sum").period(60).evaluationPeriods(1).threshold(1.0).comparisonOperator("GreaterThanThreshold"));
        send(new OneFault(fake, "SetAlarmState", kind), SetAlarmStateRequest.builder().alarmName("a")
                .stateValue(StateValue.ALARM).stateReason("test").build());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = OneFault.Kind.class, names = {"HTTP_500_BEFORE", "HTTP_503_BEFORE", "LOST_REQUEST"})
    @DisplayName("the retry layer does not send a create again on a 5xx or a lost answer: the runner checks first")
    void createsAreNotRepeatedByTheRetryLayer(OneFault.Kind kind) {
        OneFault faulty = new OneFault(fake, "CreateModel", kind);

        Throwable thrown = catchThrowable(() -> send(faulty, CreateModelRequest.builder().modelName("m")
                .executionRoleArn(ABTestSpecs.ROLE).primaryContainer(c -> c.image(ABTestSpecs.IMAGE + "2.3-cpu")).build()));

        assertThat(thrown).isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.retryable()).isTrue());
        assertThat(faulty.reached("CreateModel")).isZero();
    }

    /** The engine's default retry budget ({@link RetrySettings#defaults()}), as the engine hands it to its caller. */
    private static ResilientCaller.Budget defaultBudget() {
        RetrySettings d = RetrySettings.defaults();
        return new ResilientCaller.Budget(d.maxAttempts(), d.initialBackoff(), d.maxBackoff(), d.callsPerSecond(), d.burst(), d.jitterSeed());
    }
}
