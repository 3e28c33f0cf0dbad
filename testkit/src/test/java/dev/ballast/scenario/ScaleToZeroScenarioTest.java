package dev.ballast.scenario;

import static dev.ballast.testkit.assertions.FakeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.AutoScaling;
import dev.ballast.Component;
import dev.ballast.Endpoint;
import dev.ballast.engine.BallastEngine;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.testkit.FakeSageMaker;
import dev.ballast.testkit.FakeTimings;
import dev.ballast.testkit.TimelineEvent;
import dev.ballast.testkit.TimelineEvent.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sagemakerruntime.model.ValidationErrorException;

/**
 * Scale to zero through the engine on the fake: a component with {@code between(0, n)} on an endpoint
 * with {@code scale(0, n)} scales in to 0 copies and 0 instances when traffic stops, and its cold start
 * when a request comes back: the failed invocation, the {@code NoCapacityInvocationFailures} alarm, the
 * step policy's copy, the instance launch, the model load, then an answer.
 */
class ScaleToZeroScenarioTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerRole";
    private static final String IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/tgi:2.2.0";
    private static final String ALARM = "zero-demo-llm-step-nocapacityinvocationfailures-high";
    private static final String NO_CAPACITY = "Inference Component has no capacity to process this request."
            + " ApplicationAutoScaling may be in-progress (if configured) or try to increase the capacity by invoking"
            + " UpdateInferenceComponentRuntimeConfig API.";

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final BallastEngine ballast = fake.engineBuilder().build();
    private final FakeTimings timings = fake.timings();

    static ComponentEndpointSpec zeroSpec() {
        return Endpoint.on("ml.g5.2xlarge").scale(0, 2).executionRole(ROLE)
                .component(Component.named("llm").image(IMAGE).env("HF_MODEL_ID", "meta-llama/Llama-3.1-8B-Instruct")
                        .accelerators(1).memoryMb(1024).copies(1)
                        .autoScaling(AutoScaling.between(0, 4).invocationsPerCopy(1)
                                .scaleInCooldown(Duration.ofMinutes(5)).scaleOutCooldown(Duration.ofMinutes(5))))
                .named("zero-demo");
    }

    private String invoke() {
        return fake.runtimeClient().invokeEndpoint(b -> b.endpointName("zero-demo").inferenceComponentName("llm")
                .contentType("application/json").body(SdkBytes.fromUtf8String("{\"inputs\":\"hi\"}"))).body().asUtf8String();
    }

    private int desiredCopies() {
        return fake.sageMakerClient().describeInferenceComponent(b -> b.inferenceComponentName("llm")).runtimeConfig().desiredCopyCount();
    }

    private int instances() {
        return fake.sageMakerClient().describeEndpoint(b -> b.endpointName("zero-demo")).productionVariants().get(0).currentInstanceCount();
    }

    /** Applies the spec, then lets the idle component scale in to 0 copies and 0 instances. */
    private void appliedAndIdleAtZero() {
        assertThat(ballast.apply(zeroSpec()).await()).isSucceeded();
        assertThat(ballast.plan(zeroSpec())).as("policies and alarms in place: nothing to do").isEmpty();
        fake.clock().advance(Duration.ofMinutes(40));
        assertThat(desiredCopies()).isZero();
        assertThat(instances()).isZero();
    }

    private Instant first(String resource, Kind kind, String to, Instant after) {
        return fake.timeline().eventsFor(resource).stream()
                .filter(e -> e.kind() == kind && to.equals(e.to()) && !e.at().isBefore(after))
                .map(TimelineEvent::at).findFirst()
                .orElseThrow(() -> new AssertionError(resource + " " + kind + " -> " + to + " after " + after + "\n"
                        + fake.timeline().render()));
    }

    @Test
    @DisplayName("without traffic, target tracking scales the component in to 0 copies, then managed scaling releases the instance")
    void idleComponentScalesToZero() {
        assertThat(ballast.apply(zeroSpec()).await()).isSucceeded();
        Instant applied = fake.clock().now();
        assertThat(desiredCopies()).isEqualTo(1);
        assertThat(instances()).isEqualTo(1);

        fake.clock().advance(Duration.ofMinutes(40));

        Instant scaledIn = first("llm", Kind.DESIRED_COPY_COUNT, "0", applied);
        assertThat(Duration.between(applied, scaledIn)).as("about 15 minutes without a request (15 one-minute periods), as AWS's post says")
                .isBetween(Duration.ofMinutes(14), Duration.ofMinutes(16));
        assertThat(first("llm", Kind.COPY_COUNT, "0", scaledIn)).as("the copy stops serving at once").isEqualTo(scaledIn);
        Instant released = first("zero-demo", Kind.DESIRED_INSTANCE_COUNT, "0", scaledIn);
        assertThat(Duration.between(scaledIn, released)).as("the copy drains, then managed instance scaling releases the idle instance")
                .isEqualTo(timings.copyShutdown().plus(timings.idleInstanceRelease()));
        Instant gone = first("zero-demo", Kind.INSTANCE_COUNT, "0", released);
        assertThat(Duration.between(released, gone)).isEqualTo(timings.instanceTermination());
        assertThat(desiredCopies()).isZero();
        assertThat(instances()).isZero();
        assertThat(fake.sageMakerClient().describeInferenceComponent(b -> b.inferenceComponentName("llm"))
                .inferenceComponentStatusAsString()).isEqualTo("InService");
        assertThat(ballast.plan(zeroSpec())).as("0 copies is within the spec's 0..4: nothing to do").isEmpty();
    }

    @Test
    @DisplayName("cold start: failure at t0, alarm at t1, instance at t2, copy in service at t3, then the invocation answers")
    void coldStartTimeline() {
        appliedAndIdleAtZero();

        Instant t0 = fake.clock().now();
        assertThatThrownBy(this::invoke).isInstanceOfSatisfying(ValidationErrorException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(NO_CAPACITY);
        });
        assertThat(fake.cloudWatchClient().getMetricStatistics(b -> b.namespace("AWS/SageMaker")
                .metricName("NoCapacityInvocationFailures").dimensions(d -> d.name("InferenceComponentName").value("llm"))
                .startTime(t0.minusSeconds(60)).endTime(t0.plusSeconds(60)).period(120).statistics(Statistic.SUM))
                .datapoints()).singleElement().satisfies(d -> assertThat(d.sum()).isEqualTo(1.0));

        fake.clock().advance(Duration.ofSeconds(10));
        Instant t1 = first(ALARM, Kind.ALARM_STATE, "ALARM", t0);
        assertThat(Duration.between(t0, t1)).as("a 30-second alarm is evaluated every 10 s").isLessThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(first("llm", Kind.DESIRED_COPY_COUNT, "1", t0)).as("the step policy adds a copy at the alarm").isEqualTo(t1);
        assertThat(first("zero-demo", Kind.DESIRED_INSTANCE_COUNT, "1", t0)).as("managed scaling launches an instance for it")
                .isEqualTo(t1);

        assertThatThrownBy(this::invoke).as("while the instance launches").isInstanceOf(ValidationErrorException.class)
                .hasMessageStartingWith("Inference Component has no capacity to process this request.");

        fake.clock().advance(timings.instanceLaunch());
        Instant t2 = first("zero-demo", Kind.INSTANCE_COUNT, "1", t1);
        assertThat(Duration.between(t1, t2)).isEqualTo(timings.instanceLaunch());
        assertThatThrownBy(this::invoke).as("while the model loads").isInstanceOf(ValidationErrorException.class);

        fake.clock().advance(timings.copyStartup());
        Instant t3 = first("llm", Kind.COPY_COUNT, "1", t2);
        assertThat(Duration.between(t2, t3)).as("model download and container start").isEqualTo(timings.copyStartup());
        assertThat(first("llm", Kind.STATUS, "InService", t2)).isEqualTo(t3);

        assertThat(invoke()).isNotEmpty();
        assertThat(desiredCopies()).as("one copy: the step added 1 and its cooldown kept it there").isEqualTo(1);
        List<String> alarmStates = fake.timeline().valuesOf(ALARM, Kind.ALARM_STATE);
        assertThat(alarmStates).as("the alarm leaves ALARM once no invocation fails").last().isNotEqualTo("ALARM");
    }

    @Test
    @DisplayName("after the cold start and without traffic again, the component goes back to 0 copies and 0 instances")
    void backToZeroAfterAColdStart() {
        appliedAndIdleAtZero();
        assertThatThrownBy(this::invoke).isInstanceOf(ValidationErrorException.class);
        fake.clock().advance(Duration.ofSeconds(10).plus(timings.instanceLaunch()).plus(timings.copyStartup()));
        assertThat(invoke()).isNotEmpty();
        Instant served = fake.clock().now();
        assertThat(desiredCopies()).isEqualTo(1);
        assertThat(instances()).isEqualTo(1);

        fake.clock().advance(Duration.ofMinutes(40));
        assertThat(first("llm", Kind.DESIRED_COPY_COUNT, "0", served)).isAfter(served.plus(Duration.ofMinutes(14)));
        assertThat(desiredCopies()).isZero();
        assertThat(instances()).isZero();
    }

    @Test
    @DisplayName("raising the minimum above 0 wakes the component and deletes the step policy and its alarm")
    void raisingTheMinimumDropsTheScaleOutFromZeroPolicy() {
        appliedAndIdleAtZero();
        ComponentEndpointSpec warm = Endpoint.on("ml.g5.2xlarge").scale(0, 2).executionRole(ROLE)
                .component(Component.named("llm").image(IMAGE).env("HF_MODEL_ID", "meta-llama/Llama-3.1-8B-Instruct")
                        .accelerators(1).memoryMb(1024).copies(1)
                        .autoScaling(AutoScaling.between(1, 4).invocationsPerCopy(1)
                                .scaleInCooldown(Duration.ofMinutes(5)).scaleOutCooldown(Duration.ofMinutes(5))))
                .named("zero-demo");

        assertThat(ballast.apply(warm).await()).isSucceeded();
        fake.clock().advance(timings.instanceLaunch().plus(timings.copyStartup()));
        assertThat(desiredCopies()).as("MinCapacity 1 moves the component to 1 copy").isEqualTo(1);
        assertThat(invoke()).isNotEmpty();
        assertThat(fake.cloudWatchClient().describeAlarms(b -> b.alarmNames(ALARM)).metricAlarms()).isEmpty();
        assertThat(fake.autoScalingClient().describeScalingPolicies(b -> b.serviceNamespace("sagemaker")).scalingPolicies())
                .extracting(p -> p.policyName()).containsExactly("llm-target-tracking");
        assertThat(ballast.plan(warm)).isEmpty();
    }

    @Test
    @DisplayName("re-apply is empty at zero, and delete removes the step policy's alarm with the rest")
    void reapplyAndDelete() {
        appliedAndIdleAtZero();
        assertThat(ballast.apply(zeroSpec()).await()).isSucceeded();
        assertThat(desiredCopies()).as("apply does not wake the component").isZero();

        assertThat(ballast.delete(zeroSpec()).await()).isSucceeded();
        assertThat(fake.cloudWatchClient().describeAlarms(b -> b.alarmNames(ALARM)).metricAlarms()).isEmpty();
        assertThat(fake.autoScalingClient().describeScalingPolicies(b -> b.serviceNamespace("sagemaker")).scalingPolicies()).isEmpty();
    }
}
