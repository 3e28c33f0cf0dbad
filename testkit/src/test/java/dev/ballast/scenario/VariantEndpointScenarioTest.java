package dev.ballast.scenario;

import static dev.ballast.scenario.ABTestSpecs.ENDPOINT;
import static dev.ballast.scenario.ABTestSpecs.V1;
import static dev.ballast.scenario.ABTestSpecs.V2;
import static dev.ballast.testkit.assertions.FakeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.Alarm;
import dev.ballast.AutoScaling;
import dev.ballast.Endpoint;
import dev.ballast.Variant;
import dev.ballast.BlueGreen;
import dev.ballast.Deployment;
import dev.ballast.TrafficShift;
import dev.ballast.engine.BallastEngine;
import dev.ballast.error.PlanningException;
import dev.ballast.event.DeploymentEvent;
import dev.ballast.outcome.Outcome;
import dev.ballast.plan.ApiCall;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.testkit.ContainerBehavior;
import dev.ballast.testkit.ContainerResponse;
import dev.ballast.testkit.FakeSageMaker;
import dev.ballast.testkit.Traffic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;

/** Endpoints of model-based variants on the fake: create, every kind of update and its rollback, guarded traffic shifts. */
class VariantEndpointScenarioTest {

    private final FakeSageMaker fake = FakeSageMaker.create()
            .givenContainer(spec -> spec.image().equals(ABTestSpecs.BROKEN_IMAGE),
                    ContainerBehavior.always(ContainerResponse.error(500, "model crashed")));
    private final CountingTransport transport = new CountingTransport(fake, 0);
    private final List<DeploymentEvent> events = new ArrayList<>();
    private final BallastEngine ballast = fake.engineBuilder().transport(transport).listener(events::add).build();

    private DescribeEndpointResponse endpoint() {
        return fake.sageMakerClient().describeEndpoint(b -> b.endpointName(ENDPOINT));
    }

    private Map<String, Float> weights() {
        return endpoint().productionVariants().stream().collect(Collectors.toMap(ProductionVariantSummary::variantName,
                ProductionVariantSummary::currentWeight));
    }

    private void create(VariantEndpointSpec spec) {
        assertThat(ballast.apply(spec).await()).isSucceeded();
    }

    @Test
    @DisplayName("the seed's A/B test: two weighted variants in service, requests split about 90/10, every one captured")
    void abTest() {
        Outcome created = ballast.apply(ABTestSpecs.abTest()).await();

        assertThat(created).isSucceeded();
        assertThat(endpoint().endpointStatusAsString()).isEqualTo("InService");
        assertThat(weights()).containsEntry(V1, 0.9f).containsEntry(V2, 0.1f);
        Traffic traffic = fake.traffic().toEndpoint(ENDPOINT).every(Duration.ofSeconds(5)).start();
        fake.clock().advance(Duration.ofMinutes(50));
        traffic.stop();
        int v1 = traffic.answeredBy(V1);
        int v2 = traffic.answeredBy(V2);
        assertThat(v1 + v2).as("one request every 5 s for 50 minutes, both ends included").isEqualTo(601);
        assertThat(v2).as("about 10%% of 601 requests").isBetween(35, 90);
        assertThat(ballast.invoke(ABTestSpecs.abTest(), V2, Traffic.DEFAULT_BODY).invokedVariant()).contains(V2);
        assertThat(fake.capturedData(ENDPOINT)).as("sampling 100%: every request, the targeted one too").hasSize(602);
        assertThat(fake.timeline().toString()).doesNotContain(ABTestSpecs.TOKEN);
        assertThat(fake.sageMakerClient().describeModel(b -> b.modelName("my-model-v1")).primaryContainer().environment())
                .containsEntry("API_TOKEN", ABTestSpecs.TOKEN);
    }

    @Test
    @DisplayName("a second apply of the same spec plans nothing and sends no mutating call")
    void secondApplyIsANoOp() {
        create(ABTestSpecs.abTest());
        transport.reset();

        assertThat(ballast.plan(ABTestSpecs.abTest())).isEmpty();
        assertThat(ballast.apply(ABTestSpecs.abTest()).await()).isSucceeded();
        assertThat(transport.mutations()).isEmpty();
    }

    @Test
    @DisplayName("blue/green canary of a broken retrain: the alarm on its variant rolls it back; the old configuration serves on")
    void canaryRolledBackByAlarm() {
        create(ABTestSpecs.abTestOnTwo());
        String before = endpoint().endpointConfigName();
        Traffic traffic = fake.traffic().toEndpoint(ENDPOINT).every(Duration.ofSeconds(2)).start();

        Deployment update = ballast.apply(ABTestSpecs.retrain(ABTestSpecs.BROKEN_IMAGE, ABTestSpecs.canary()));
        Outcome outcome = update.await();
        traffic.stop();

        assertThat(outcome).isRolledBack().byAlarm("my-model-endpoint-model-v2-variant-invocation5xxerrors");
        assertThat(endpoint().endpointConfigName()).isEqualTo(before);
        assertThat(endpoint().endpointStatusAsString()).isEqualTo("InService");
        assertThat(update.events()).anySatisfy(e -> assertThat(e).isInstanceOf(DeploymentEvent.RollbackStarted.class));
        assertThat(update.events()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(DeploymentEvent.StageChanged.class,
                s -> assertThat(s.to()).isEqualTo("Baking")));
        assertThat(fake.sageMakerClient().describeEndpointConfig(b -> b.endpointConfigName(before)).endpointConfigName())
                .as("the old configuration is kept: the endpoint still runs it").isEqualTo(before);
        assertThat(update.plan()).containsCall("SageMaker.UpdateEndpoint");
    }

    @Test
    @DisplayName("blue/green canary of a good retrain: deployed, the old configuration deleted once verified")
    void canarySucceeds() {
        create(ABTestSpecs.abTestOnTwo());
        String before = endpoint().endpointConfigName();

        Outcome outcome = ballast.apply(ABTestSpecs.retrain(ABTestSpecs.IMAGE + "2.4-cpu", ABTestSpecs.canary())).await();

        assertThat(outcome).isSucceeded();
        VariantEndpointSpec spec = ABTestSpecs.retrain(ABTestSpecs.IMAGE + "2.4-cpu", ABTestSpecs.canary());
        assertThat(endpoint().endpointConfigName()).isEqualTo(spec.endpointConfigName());
        assertThatThrownBy(() -> fake.sageMakerClient().describeEndpointConfig(b -> b.endpointConfigName(before)))
                .hasMessageContaining("Could not find endpoint configuration");
    }

    @Test
    @DisplayName("a guarded shift to v2: 25%, 50%, 100%, each step checked; v2 serves everything")
    void trafficShiftSucceeds() {
        create(ABTestSpecs.abTest());
        Traffic traffic = fake.traffic().toEndpoint(ENDPOINT).every(Duration.ofSeconds(5)).start();

        Deployment shift = ballast.shiftTraffic(TrafficShift.of(ABTestSpecs.abTest()).to(V2).steps(25, 50, 100)
                .waitEach(Duration.ofMinutes(5)).checkAlarm(Alarm.invocation5xxErrors().above(0).per(Duration.ofMinutes(1))));
        Outcome outcome = shift.await();
        traffic.stop();

        assertThat(outcome).isSucceeded();
        assertThat(weights()).containsEntry(V1, 0f).containsEntry(V2, 1f);
        assertThat(shift.events().stream().filter(DeploymentEvent.CheckEvaluated.class::isInstance)
                .map(DeploymentEvent.CheckEvaluated.class::cast)).hasSize(3).allSatisfy(c -> assertThat(c.passed()).isTrue());
        assertThat(shift.events().stream().filter(DeploymentEvent.WeightsChanged.class::isInstance).map(DeploymentEvent::describe))
                .contains("endpoint/my-model-endpoint traffic model-v1-variant 0.0%, model-v2-variant 100.0%");
        assertThat(ballast.delete(ABTestSpecs.abTest()).await()).isSucceeded();
        assertThat(fake.cloudWatchClient().describeAlarms().metricAlarms()).as("the shift's check alarm goes with the endpoint").isEmpty();
    }

    @Test
    @DisplayName("a shift whose alarm check fails returns the weights to what they were and ends ROLLED_BACK")
    void trafficShiftRevertsOnFailedCheck() {
        create(ABTestSpecs.variants(1, "my-model-v2-1", ABTestSpecs.BROKEN_IMAGE).named(ENDPOINT));
        VariantEndpointSpec spec = ABTestSpecs.variants(1, "my-model-v2-1", ABTestSpecs.BROKEN_IMAGE).named(ENDPOINT);
        Traffic traffic = fake.traffic().toEndpoint(ENDPOINT).every(Duration.ofSeconds(2)).start();

        Deployment shift = ballast.shiftTraffic(TrafficShift.of(spec).to(V2).steps(25, 50, 100)
                .waitEach(Duration.ofMinutes(3)).checkAlarm(Alarm.invocation5xxErrors().above(0).per(Duration.ofMinutes(1))));
        Outcome outcome = shift.await();
        traffic.stop();

        assertThat(outcome).isRolledBack().byAlarm("my-model-endpoint-model-v2-variant-shift-invocation5xxerrors")
                .hasReasonContaining("step 1 of 3", "weights returned to model-v1-variant 90.0%, model-v2-variant 10.0%");
        assertThat(weights()).containsEntry(V1, 0.9f).containsEntry(V2, 0.1f);
    }

    @Test
    @DisplayName("a shift on an endpoint that does not exist fails before any call")
    void trafficShiftNeedsTheEndpoint() {
        assertThatThrownBy(() -> ballast.shiftTraffic(TrafficShift.of(ABTestSpecs.abTest()).to(V2)))
                .isInstanceOf(PlanningException.class).hasMessageContaining("does not exist");
        assertThat(transport.mutations()).isEmpty();
    }

    @Test
    @DisplayName("a model that exists with another definition stops planning: models cannot change")
    void modelDrift() {
        create(ABTestSpecs.abTest());
        VariantEndpointSpec changed = ABTestSpecs.variants(1, "my-model-v2", ABTestSpecs.IMAGE + "9.9").named(ENDPOINT);

        assertThatThrownBy(() -> ballast.plan(changed)).isInstanceOf(PlanningException.class)
                .hasMessageContaining("Model 'my-model-v2' exists with image").hasMessageContaining("my-model-v2-2")
                .hasMessageNotContaining(ABTestSpecs.TOKEN);
    }

    @Test
    @DisplayName("blue/green linear of a good retrain: steps of half the capacity, deployed")
    void linearSucceeds() {
        create(ABTestSpecs.abTestOnTwo());
        VariantEndpointSpec spec = ABTestSpecs.retrain(ABTestSpecs.IMAGE + "2.4-cpu", ABTestSpecs.linear());

        Deployment update = ballast.apply(spec);

        assertThat(update.await()).isSucceeded();
        assertThat(endpoint().endpointConfigName()).isEqualTo(spec.endpointConfigName());
        assertThat(endpoint().pendingDeploymentSummary()).isNull();
        assertThat(update.events().stream().filter(DeploymentEvent.StageChanged.class::isInstance).map(e -> ((DeploymentEvent.StageChanged) e).to()))
                .contains("Creating", "ActivatingTraffic", "Baking");
    }

    @Test
    @DisplayName("blue/green linear of a broken retrain: rolled back by the alarm during a bake")
    void linearRolledBackByAlarm() {
        create(ABTestSpecs.abTestOnTwo());
        String before = endpoint().endpointConfigName();
        Traffic traffic = fake.traffic().toEndpoint(ENDPOINT).every(Duration.ofSeconds(2)).start();

        Outcome outcome = ballast.apply(ABTestSpecs.retrain(ABTestSpecs.BROKEN_IMAGE, ABTestSpecs.linear())).await();
        traffic.stop();

        assertThat(outcome).isInstanceOfSatisfying(Outcome.RolledBack.class, o -> assertThat(o.alarm()).isPresent());
        assertThat(endpoint().endpointConfigName()).isEqualTo(before);
    }

    @Test
    @DisplayName("a rolling update of a good retrain replaces the instances batch by batch")
    void rollingSucceeds() {
        create(ABTestSpecs.singleOnTwo());
        VariantEndpointSpec spec = ABTestSpecs.rollingRetrain(ABTestSpecs.IMAGE + "2.4-cpu");

        assertThat(ballast.apply(spec).await()).isSucceeded();
        assertThat(endpoint().endpointConfigName()).isEqualTo(spec.endpointConfigName());
        assertThat(endpoint().productionVariants()).allSatisfy(v -> assertThat(v.currentInstanceCount()).isEqualTo(2));
    }

    @Test
    @DisplayName("a rolling update of an endpoint of two variants runs blue/green, all at once and without a bake, as SageMaker's exclusions say")
    void rollingOfTwoVariantsRunsAllAtOnce() {
        create(ABTestSpecs.abTestOnTwo());
        VariantEndpointSpec spec = ABTestSpecs.variants(2, "my-model-v2-1", ABTestSpecs.IMAGE + "2.4-cpu")
                .update(dev.ballast.RollingUpdate.batch(1).wait(Duration.ofMinutes(5))).named(ENDPOINT);

        Deployment deployment = ballast.apply(spec);

        assertThat(deployment.await()).isSucceeded();
        assertThat(spec.rollsInBatches()).isFalse();
        assertThat(ballast.plan(spec).steps()).as("nothing left to do").isEmpty();
        assertThat(spec.updateSurgeByType().values()).as("a full second fleet: 2 + 2 instances").containsExactly(4);
        assertThat(deployment.events()).noneMatch(DeploymentEvent.BatchStarted.class::isInstance);
        assertThat(fake.timeline().eventsOf(dev.ballast.testkit.TimelineEvent.Kind.BATCH_STARTED)).isEmpty();
        assertThat(endpoint().endpointConfigName()).isEqualTo(spec.endpointConfigName());
    }

    @Test
    @DisplayName("a rolling update from two variants to one runs blue/green too: the plan says so and counts the whole new fleet")
    void rollingFromTwoVariantsToOneRunsAllAtOnce() {
        create(ABTestSpecs.abTestOnTwo());
        VariantEndpointSpec spec = Endpoint.serving(Variant.named(V1).model(ABTestSpecs.model("my-model-v1-1", ABTestSpecs.IMAGE + "2.4-cpu"))
                        .on("ml.m5.xlarge").instances(2))
                .update(dev.ballast.RollingUpdate.batch(1).wait(Duration.ofMinutes(5))).named(ENDPOINT);
        assertThat(spec.rollsInBatches()).as("the spec alone would roll").isTrue();

        var plan = ballast.plan(spec);
        Deployment deployment = ballast.apply(spec);

        assertThat(plan.calls()).filteredOn(c -> c.operation().equals("UpdateEndpoint")).singleElement()
                .satisfies(c -> assertThat(c.reason()).contains("SageMaker does not roll an endpoint of several variants"));
        assertThat(plan.surge()).singleElement().satisfies(s -> assertThat(s.extraInstances()).as("the whole new fleet").isEqualTo(2));
        assertThat(deployment.await()).isSucceeded();
        assertThat(fake.timeline().eventsOf(dev.ballast.testkit.TimelineEvent.Kind.BATCH_STARTED)).isEmpty();
    }

    @Test
    @DisplayName("a rolling update of a broken retrain is rolled back by the alarm")
    void rollingRolledBackByAlarm() {
        create(ABTestSpecs.singleOnTwo());
        String before = endpoint().endpointConfigName();
        // the first new instance takes half of the traffic: enough requests for the alarm's 2 errors a minute.
        Traffic traffic = fake.traffic().toEndpoint(ENDPOINT).every(Duration.ofMillis(500)).start();

        Outcome outcome = ballast.apply(ABTestSpecs.rollingRetrain(ABTestSpecs.BROKEN_IMAGE)).await();
        traffic.stop();

        assertThat(outcome).isRolledBack().byAlarm("my-model-endpoint-model-v1-variant-invocation5xxerrors");
        assertThat(endpoint().endpointConfigName()).isEqualTo(before);
        assertThat(endpoint().endpointStatusAsString()).isEqualTo("InService");
    }

    @Test
    @DisplayName("a retrain whose container never gets healthy is rolled back by SageMaker, without an alarm")
    void rolledBackByFailedHealthCheck() {
        fake.givenContainer(spec -> spec.image().endsWith("never-healthy"), ContainerBehavior.neverHealthy());
        create(ABTestSpecs.abTestOnTwo());
        String before = endpoint().endpointConfigName();

        Outcome outcome = ballast.apply(ABTestSpecs.retrain(ABTestSpecs.IMAGE + "never-healthy", ABTestSpecs.canary())).await();

        assertThat(outcome).isRolledBack().byNoAlarm();
        assertThat(endpoint().endpointConfigName()).isEqualTo(before);
    }

    @Test
    @DisplayName("a shift whose metric check fails (no alarm) is reverted too")
    void trafficShiftRevertsOnFailedMetricCheck() {
        VariantEndpointSpec spec = ABTestSpecs.variants(1, "my-model-v2-1", ABTestSpecs.BROKEN_IMAGE).named(ENDPOINT);
        create(spec);
        Traffic traffic = fake.traffic().toEndpoint(ENDPOINT).every(Duration.ofSeconds(2)).start();

        Deployment shift = ballast.shiftTraffic(TrafficShift.of(spec).to(V2).steps(50, 100).waitEach(Duration.ofMinutes(2))
                .checkMetric(Alarm.invocation5xxErrors().above(0).per(Duration.ofMinutes(1))));
        Outcome outcome = shift.await();
        traffic.stop();

        assertThat(outcome).isRolledBack().byNoAlarm()
                .hasReasonStartingWith("metric Invocation5XXErrors Sum > 0 per 60 s failed at step 1 of 2");
        assertThat(shift.events()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(DeploymentEvent.CheckEvaluated.class,
                c -> assertThat(c.passed()).isFalse()));
        assertThat(weights()).containsEntry(V1, 0.9f).containsEntry(V2, 0.1f);
        assertThat(fake.cloudWatchClient().describeAlarms().metricAlarms()).extracting(a -> a.alarmName())
                .noneMatch(n -> n.contains("shift"));
    }

    @Test
    @DisplayName("a shift that died midway resumes from the live weights: steps already reached are skipped")
    void trafficShiftResumes() {
        create(ABTestSpecs.abTest());
        fake.sageMakerClient().updateEndpointWeightsAndCapacities(b -> b.endpointName(ENDPOINT).desiredWeightsAndCapacities(
                w -> w.variantName(V1).desiredWeight(0.5f), w -> w.variantName(V2).desiredWeight(0.5f)));
        fake.clock().advance(Duration.ofMinutes(5));

        assertThat(ballast.plan(TrafficShift.of(ABTestSpecs.abTest()).to(V2).steps(25, 50, 100)).calls())
                .extracting(ApiCall::reason).singleElement().asString().startsWith("step 1 of 1: model-v2-variant to 100%");
    }

    @Test
    @DisplayName("auto scaling: the target and policy registered once in service; load scales v1 out; an update keeps the count")
    void autoScaling() {
        VariantEndpointSpec spec = Endpoint.serving(
                        Variant.named(V1).model(ABTestSpecs.model("my-model-v1", ABTestSpecs.IMAGE + "2.3-cpu")).on("ml.m5.xlarge")
                                .autoScaling(AutoScaling.between(1, 3).invocationsPerInstance(5).scaleOutCooldown(Duration.ofMinutes(1))))
                .update(BlueGreen.allAtOnce())
                .named(ENDPOINT);
        create(spec);
        assertThat(fake.autoScalingClient().describeScalableTargets(b -> b.serviceNamespace("sagemaker")).scalableTargets())
                .singleElement().satisfies(t -> {
                    assertThat(t.resourceId()).isEqualTo("endpoint/my-model-endpoint/variant/model-v1-variant");
                    assertThat(t.minCapacity()).isEqualTo(1);
                    assertThat(t.maxCapacity()).isEqualTo(3);
                });
        assertThat(ballast.plan(spec)).as("registered as the spec says: nothing to do").isEmpty();

        Traffic traffic = fake.traffic().toEndpoint(ENDPOINT).every(Duration.ofSeconds(2)).start();
        fake.clock().advance(Duration.ofMinutes(20));
        traffic.stop();
        int scaled = endpoint().productionVariants().get(0).desiredInstanceCount();
        assertThat(scaled).as("30 invocations a minute against a target of 5 per instance").isGreaterThan(1);
        fake.clock().advance(Duration.ofMinutes(2));

        VariantEndpointSpec retrained = Endpoint.serving(
                        Variant.named(V1).model(ABTestSpecs.model("my-model-v1-1", ABTestSpecs.IMAGE + "2.4-cpu")).on("ml.m5.xlarge")
                                .autoScaling(AutoScaling.between(1, 3).invocationsPerInstance(5).scaleOutCooldown(Duration.ofMinutes(1))))
                .update(BlueGreen.allAtOnce())
                .named(ENDPOINT);
        assertThat(ballast.apply(retrained).await()).isSucceeded();
        assertThat(endpoint().productionVariants().get(0).currentInstanceCount())
                .as("RetainAllVariantProperties: the update does not reset the count auto scaling chose").isGreaterThan(1);
    }

    @Test
    @DisplayName("delete removes auto scaling, the endpoint, its configurations, alarms and models")
    void delete() {
        create(ABTestSpecs.abTest());

        assertThat(ballast.delete(ABTestSpecs.abTest()).await()).isSucceeded();

        assertThat(fake.sageMakerClient().listEndpoints().endpoints()).isEmpty();
        assertThat(fake.sageMakerClient().listModels().models()).isEmpty();
        assertThatThrownBy(() -> fake.sageMakerClient().describeEndpointConfig(b -> b.endpointConfigName(
                ABTestSpecs.abTest().endpointConfigName()))).hasMessageContaining("Could not find endpoint configuration");
        assertThat(fake.cloudWatchClient().describeAlarms().metricAlarms()).isEmpty();
    }

    @Test
    @DisplayName("apply while an update is in flight follows it to its end, then plans what still differs")
    void attachFollowsAnUpdateInFlight() {
        create(ABTestSpecs.abTestOnTwo());
        Traffic traffic = fake.traffic().toEndpoint(ENDPOINT).every(Duration.ofSeconds(2)).start();
        VariantEndpointSpec broken = ABTestSpecs.retrain(ABTestSpecs.BROKEN_IMAGE, ABTestSpecs.canary());
        ballast.apply(broken); // the process "dies": nobody awaits it
        fake.clock().advance(Duration.ofMinutes(3));
        assertThat(endpoint().endpointStatusAsString()).isEqualTo("Updating");

        BallastEngine restarted = fake.engine();
        Outcome outcome = restarted.attach(broken).await();
        traffic.stop();

        assertThat(outcome).isRolledBack();
    }

    @Test
    @DisplayName("blue/green all at once of a broken retrain: rolled back by the alarm during the bake")
    void allAtOnceRolledBackByAlarm() {
        create(ABTestSpecs.abTestOnTwo());
        String before = endpoint().endpointConfigName();
        Traffic traffic = fake.traffic().toEndpoint(ENDPOINT).every(Duration.ofSeconds(2)).start();

        Outcome outcome = ballast.apply(ABTestSpecs.retrain(ABTestSpecs.BROKEN_IMAGE,
                BlueGreen.allAtOnce().bake(Duration.ofMinutes(5)))).await();
        traffic.stop();

        assertThat(outcome).isInstanceOfSatisfying(Outcome.RolledBack.class, o -> assertThat(o.alarm()).isPresent());
        assertThat(endpoint().endpointConfigName()).isEqualTo(before);
    }

    @Test
    @DisplayName("a blue/green update that outlives its maximum execution timeout is rolled back, without an alarm")
    void rolledBackByTimeout() {
        create(ABTestSpecs.abTestOnTwo());
        String before = endpoint().endpointConfigName();

        // Two bakes of 5 minutes fit in 11 minutes, but not with the new fleet's provisioning before them.
        Outcome outcome = ballast.apply(ABTestSpecs.retrain(ABTestSpecs.IMAGE + "2.4-cpu", BlueGreen.canaryInstances(1)
                .bake(Duration.ofMinutes(5)).timeout(Duration.ofMinutes(11)))).await();

        assertThat(outcome).isRolledBack().byNoAlarm();
        assertThat(endpoint().endpointConfigName()).isEqualTo(before);
    }

    @Test
    @DisplayName("a component scaled by auto scaling from 0 copies: the target is registered with minimum 0, apply leaves the copies alone")
    void componentAutoScalingFromZero() {
        dev.ballast.spec.ComponentEndpointSpec spec = dev.ballast.Endpoint.on("ml.g5.2xlarge").scale(1, 2)
                .executionRole(ABTestSpecs.ROLE)
                .component(dev.ballast.Component.named("llm").image(ABTestSpecs.IMAGE + "tgi").accelerators(1).memoryMb(1024).copies(1)
                        .autoScaling(AutoScaling.between(0, 2).invocationsPerCopy(10)))
                .named("ic-endpoint");
        assertThat(ballast.apply(spec).await()).isSucceeded();

        assertThat(fake.autoScalingClient().describeScalableTargets(b -> b.serviceNamespace("sagemaker")).scalableTargets())
                .singleElement().satisfies(t -> {
                    assertThat(t.resourceId()).isEqualTo("inference-component/llm");
                    assertThat(t.scalableDimensionAsString()).isEqualTo("sagemaker:inference-component:DesiredCopyCount");
                    assertThat(t.minCapacity()).isZero();
                });
        assertThat(fake.autoScalingClient().describeScalingPolicies(b -> b.serviceNamespace("sagemaker")).scalingPolicies())
                .as("target tracking, and the step policy that scales out from 0 copies (scale to zero)")
                .satisfiesExactly(p -> assertThat(p.targetTrackingScalingPolicyConfiguration().predefinedMetricSpecification()
                                .predefinedMetricTypeAsString()).isEqualTo("SageMakerInferenceComponentInvocationsPerCopy"),
                        p -> assertThat(p.policyName()).isEqualTo("llm-step-nocapacityinvocationfailures-high"));
        fake.sageMakerClient().updateInferenceComponentRuntimeConfig(b -> b.inferenceComponentName("llm")
                .desiredRuntimeConfig(c -> c.copyCount(2)));
        fake.clock().advance(Duration.ofMinutes(15));

        assertThat(ballast.plan(spec)).as("the copy count is auto scaling's").isEmpty();
        assertThat(ballast.delete(spec).await()).isSucceeded();
        assertThat(fake.autoScalingClient().describeScalableTargets(b -> b.serviceNamespace("sagemaker")).scalableTargets()).isEmpty();
    }

    @Test
    @DisplayName("a rolling update whose new instances never get healthy is rolled back by SageMaker, without an alarm")
    void rollingRolledBackByFailedHealthCheck() {
        fake.givenContainer(spec -> spec.image().endsWith("never-healthy"), ContainerBehavior.neverHealthy());
        create(ABTestSpecs.singleOnTwo());
        String before = endpoint().endpointConfigName();

        Outcome outcome = ballast.apply(ABTestSpecs.rollingRetrain(ABTestSpecs.IMAGE + "never-healthy")).await();

        assertThat(outcome).isRolledBack().byNoAlarm();
        assertThat(endpoint().endpointConfigName()).isEqualTo(before);
        assertThat(endpoint().productionVariants()).allSatisfy(v -> assertThat(v.currentInstanceCount()).isEqualTo(2));
    }
}
