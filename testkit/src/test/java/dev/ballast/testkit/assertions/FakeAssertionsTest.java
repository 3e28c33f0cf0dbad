package dev.ballast.testkit.assertions;

import static dev.ballast.testkit.assertions.FakeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.testkit.FakeSageMaker;
import dev.ballast.testkit.TimelineEvent.Kind;
import dev.ballast.testkit.junit.BallastTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;
import software.amazon.awssdk.services.sagemaker.model.ManagedInstanceScalingStatus;

@BallastTest
class FakeAssertionsTest {

    private FakeSageMaker fake;

    @BeforeEach
    void deploy() {
        var sm = fake.sageMakerClient();
        sm.createEndpointConfig(b -> b.endpointConfigName("cfg").executionRoleArn("arn:aws:iam::123456789012:role/r")
                .productionVariants(v -> v.variantName("AllTraffic").instanceType("ml.g5.2xlarge").initialInstanceCount(1)
                        .managedInstanceScaling(m -> m.status(ManagedInstanceScalingStatus.ENABLED).minInstanceCount(1)
                                .maxInstanceCount(2))));
        sm.createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg"));
        fake.clock().advance(fake.timings().instanceLaunch());
        sm.createInferenceComponent(b -> b.inferenceComponentName("ic").endpointName("ep")
                .specification(s -> s.container(c -> c.image("img").environment(Map.of("HF_TOKEN", "secret-value")))
                        .computeResourceRequirements(r -> r.numberOfAcceleratorDevicesRequired(1f).minMemoryRequiredInMb(1024)))
                .runtimeConfig(r -> r.copyCount(1)));
        fake.clock().advance(Duration.ofMinutes(10));
    }

    @Test
    @DisplayName("passingAssertions: chain")
    void passingAssertionsChain() {
        assertThat(fake).inferenceComponent("ic").isInService().hasCopies(1, 1).hasNoFailureReason()
                .hasEnvironmentEntry("HF_TOKEN", "secret-value");
        assertThat(fake).endpoint("ep").isInService().hasInstances(1, 1);
        assertThat(fake).hasNoEndpoint("other");
        assertThat(fake.timeline()).hasEvent("ic", Kind.COPY_COUNT).hasNoEvent(Kind.ROLLBACK_STARTED)
                .hasStatusSequence("ic", "InService").doesNotMention("secret-value");
    }

    @Test
    @DisplayName("failures: say what was expected and what was found")
    void failuresSayWhatWasExpectedAndWhatWasFound() {
        assertThatThrownBy(() -> assertThat(fake).inferenceComponent("ic").hasStatus(InferenceComponentStatus.FAILED))
                .hasMessageContaining("Expecting inference component 'ic' to be Failed but was InService");
        assertThatThrownBy(() -> assertThat(fake).inferenceComponent("ic").hasCopies(2, 2))
                .hasMessageContaining("DesiredCopyCount 2 and CurrentCopyCount 2 but found 1 and 1");
        assertThatThrownBy(() -> assertThat(fake).inferenceComponent("nope"))
                .hasMessageContaining("Expecting inference component 'nope' to exist but found: Could not find");
        assertThatThrownBy(() -> assertThat(fake).endpoint("ep").hasInstances(3, 3))
                .hasMessageContaining("CurrentInstanceCount 3 and DesiredInstanceCount 3 but found 1 and 1");
        assertThatThrownBy(() -> assertThat(fake.timeline()).hasEvent("ic", Kind.ROLLBACK_STARTED))
                .hasMessageContaining("Expecting the timeline to contain a ROLLBACK_STARTED event for 'ic' but found:")
                .hasMessageContaining("STATUS Creating -> InService");
        assertThatThrownBy(() -> assertThat(fake.timeline()).hasStatusSequence("ic", "Failed"))
                .hasMessageContaining("to go through statuses [Failed] but found [InService]");
        assertThatThrownBy(() -> assertThat(fake).inferenceComponent("ic").hasEnvironmentEntry("HF_TOKEN", "other"))
                .hasMessageContaining("HF_TOKEN set to the expected value but it has another value")
                .hasMessageNotContaining("secret-value");
    }
}
