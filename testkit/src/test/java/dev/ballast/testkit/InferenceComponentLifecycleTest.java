package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.testkit.TimelineEvent.Kind;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelNotReadyException;
import software.amazon.awssdk.services.sagemakerruntime.model.ValidationErrorException;

class InferenceComponentLifecycleTest {

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final SageMakerClient sm = fake.sageMakerClient();

    @Test
    @DisplayName("create: is creating while copies start, then in service with all copies")
    void createIsCreatingWhileCopiesStartThenInServiceWithAllCopies() {
        Fixtures.icEndpoint(fake, "ep", "ml.g5.2xlarge", 2, 1, 4);
        String arn = sm.createInferenceComponent(b -> b.inferenceComponentName("My-IC").endpointName("ep")
                .specification(Fixtures.llm("m")).runtimeConfig(r -> r.copyCount(2))).inferenceComponentArn();
        assertThat(arn).isEqualTo("arn:aws:sagemaker:us-east-1:123456789012:inference-component/my-ic");

        DescribeInferenceComponentResponse creating = Fixtures.component(fake, "My-IC");
        assertThat(creating.inferenceComponentStatus()).isEqualTo(InferenceComponentStatus.CREATING);
        assertThat(creating.runtimeConfig().desiredCopyCount()).isEqualTo(2);
        assertThat(creating.runtimeConfig().currentCopyCount()).isZero();
        assertThat(creating.variantName()).isEqualTo("AllTraffic");
        assertThat(creating.endpointArn()).endsWith(":endpoint/ep");

        fake.clock().advance(fake.timings().copyStartup());
        DescribeInferenceComponentResponse ready = Fixtures.component(fake, "My-IC");
        assertThat(ready.inferenceComponentStatus()).isEqualTo(InferenceComponentStatus.IN_SERVICE);
        assertThat(ready.runtimeConfig().currentCopyCount()).isEqualTo(2);
        assertThat(ready.specification().container().deployedImage().resolvedImage()).startsWith(Fixtures.IMAGE + "@sha256:");
        assertThat(ready.specification().computeResourceRequirements().numberOfAcceleratorDevicesRequired()).isEqualTo(1.0f);
        assertThat(ready.lastDeploymentConfig()).isNull();
        assertThat(fake.timeline().valuesOf("My-IC", Kind.COPY_COUNT)).containsExactly("1", "2");
    }

    @Test
    @DisplayName("copyCountZero: and duplicates, and unknown names, have the service texts")
    void copyCountZeroAndDuplicatesAndUnknownNamesHaveTheServiceTexts() {
        Fixtures.icEndpoint(fake, "ep", "ml.g5.2xlarge", 1, 1, 2);
        assertThatThrownBy(() -> Fixtures.createComponent(fake, "ic", "ep", Fixtures.llm("m"), 0))
                .hasMessageStartingWith("Inference components copy count an integer larger than 0");
        Fixtures.createComponent(fake, "ic", "ep", Fixtures.llm("m"), 1);
        assertThatThrownBy(() -> Fixtures.createComponent(fake, "IC", "ep", Fixtures.llm("m"), 1))
                .hasMessageStartingWith("Cannot create already existing inference component");
        assertThatThrownBy(() -> Fixtures.component(fake, "ghost")).hasMessageStartingWith(
                "Could not find inference component \"arn:aws:sagemaker:us-east-1:123456789012:inference-component/ghost\".");
        assertThatThrownBy(() -> Fixtures.createComponent(fake, "ic2", "nope", Fixtures.llm("m"), 1))
                .hasMessageStartingWith("Could not find endpoint \"arn:aws:sagemaker:us-east-1:123456789012:endpoint/nope\".");
    }

    @Test
    @DisplayName("create on a model endpoint, is not supported")
    void createOnAModelEndpointIsNotSupported() {
        sm.createModel(b -> b.modelName("m").executionRoleArn(Fixtures.ROLE)
                .primaryContainer(ContainerDefinition.builder().image(Fixtures.IMAGE).build()));
        sm.createEndpointConfig(b -> b.endpointConfigName("cfg").productionVariants(ProductionVariant.builder()
                .variantName("AllTraffic").modelName("m").instanceType("ml.g5.2xlarge").initialInstanceCount(1).build()));
        sm.createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg"));
        Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE);
        assertThatThrownBy(() -> Fixtures.createComponent(fake, "ic", "ep", Fixtures.llm("m"), 1))
                .hasMessageStartingWith("Invalid request provided: Inference Components are not supported in this"
                        + " Endpoint. Please make sure this endpoint can deploy inference components.");
    }

    @Test
    @DisplayName("create on an endpoint that is still creating, is refused")
    void createOnAnEndpointThatIsStillCreatingIsRefused() {
        sm.createEndpointConfig(b -> b.endpointConfigName("cfg").executionRoleArn(Fixtures.ROLE)
                .productionVariants(ProductionVariant.builder().variantName("AllTraffic").instanceType("ml.g5.2xlarge")
                        .initialInstanceCount(1).build()));
        sm.createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg"));
        assertThatThrownBy(() -> Fixtures.createComponent(fake, "ic", "ep", Fixtures.llm("m"), 1))
                .hasMessageContaining("because it is in Creating status");
    }

    @Test
    @DisplayName("constraint violations in the specification, are reported with their paths")
    void constraintViolationsInTheSpecificationAreReportedWithTheirPaths() {
        Fixtures.icEndpoint(fake, "ep", "ml.g5.2xlarge", 1, 1, 2);
        assertThatThrownBy(() -> Fixtures.createComponent(fake, "ic", "ep", Fixtures.spec(1, 64, Map.of()), 1))
                .hasMessageStartingWith("1 validation error detected: Value '64' at"
                        + " 'specification.computeResourceRequirements.minMemoryRequiredInMb' failed to satisfy"
                        + " constraint: Member must have value greater than or equal to 128");
    }

    @Test
    @DisplayName("invocations: need the component header, and a known endpoint")
    void invocationsNeedTheComponentHeaderAndAKnownEndpoint() {
        Fixtures.icEndpoint(fake, "ep", "ml.g5.2xlarge", 1, 1, 2);
        Fixtures.createComponent(fake, "ic", "ep", Fixtures.llm("m"), 1);
        assertThatThrownBy(() -> fake.runtimeClient().invokeEndpoint(b -> b.endpointName("ep")
                .body(SdkBytes.fromUtf8String("{}")))).isInstanceOf(ValidationErrorException.class)
                .hasMessageStartingWith("Inference Component Name header is required for endpoints to which you plan"
                        + " to deploy inference components. Please include Inference Component Name header or"
                        + " consider using SageMaker models.");
        assertThatThrownBy(() -> fake.runtimeClient().invokeEndpoint(b -> b.endpointName("other")
                .body(SdkBytes.fromUtf8String("{}")))).isInstanceOf(ValidationErrorException.class)
                .hasMessageStartingWith("Endpoint other of account 123456789012 not found.");
        assertThatThrownBy(() -> fake.runtimeClient().invokeEndpoint(b -> b.endpointName("ep")
                .inferenceComponentName("ic").body(SdkBytes.fromUtf8String("{}"))))
                .isInstanceOf(ModelNotReadyException.class)
                .satisfies(e -> assertThat(((ModelNotReadyException) e).statusCode()).isEqualTo(429));
    }

    @Test
    @DisplayName("delete: goes through deleting, and the component disappears")
    void deleteGoesThroughDeletingAndTheComponentDisappears() {
        Fixtures.icEndpoint(fake, "ep", "ml.g5.2xlarge", 1, 1, 2);
        Fixtures.createComponent(fake, "ic", "ep", Fixtures.llm("m"), 1);
        assertThatThrownBy(() -> sm.deleteInferenceComponent(b -> b.inferenceComponentName("ic")))
                .hasMessageContaining("Creating");
        Fixtures.awaitComponent(fake, "ic", InferenceComponentStatus.IN_SERVICE);

        sm.deleteInferenceComponent(b -> b.inferenceComponentName("ic"));
        assertThat(Fixtures.component(fake, "ic").inferenceComponentStatus()).isEqualTo(InferenceComponentStatus.DELETING);
        assertThatThrownBy(() -> sm.deleteInferenceComponent(b -> b.inferenceComponentName("ic")))
                .hasMessageContaining("DELETE_IN_PROGRESS");
        fake.clock().advance(fake.timings().copyShutdown());
        assertThat(Fixtures.gone(fake, () -> Fixtures.component(fake, "ic"))).isTrue();
        assertThat(fake.timeline().valuesOf("ic", Kind.STATUS)).containsExactly("InService", "Deleting");
        sm.deleteEndpoint(b -> b.endpointName("ep"));
    }

    @Test
    @DisplayName("container that never passes its health check, fails creation after the timeout")
    void containerThatNeverPassesItsHealthCheckFailsCreationAfterTheTimeout() {
        Fixtures.icEndpoint(fake, "ep", "ml.g5.2xlarge", 1, 1, 2);
        fake.givenContainerFor("broken", ContainerBehavior.neverHealthy());
        Fixtures.createComponent(fake, "broken", "ep", Fixtures.llm("m"), 1);

        fake.clock().advance(fake.timings().modelDownload().plus(fake.timings().healthCheckTimeout()).minusSeconds(1));
        assertThat(Fixtures.component(fake, "broken").inferenceComponentStatus())
                .isEqualTo(InferenceComponentStatus.CREATING);
        fake.clock().advance(Duration.ofSeconds(1));
        DescribeInferenceComponentResponse failed = Fixtures.component(fake, "broken");
        assertThat(failed.inferenceComponentStatus()).isEqualTo(InferenceComponentStatus.FAILED);
        assertThat(failed.failureReason()).contains("did not pass the ping health check");
    }

    @Test
    @DisplayName("updateWhileUpdating: is refused")
    void updateWhileUpdatingIsRefused() {
        Fixtures.icEndpoint(fake, "ep", "ml.g5.2xlarge", 2, 1, 4);
        Fixtures.createComponent(fake, "ic", "ep", Fixtures.llm("m"), 1);
        Fixtures.awaitComponent(fake, "ic", InferenceComponentStatus.IN_SERVICE);
        sm.updateInferenceComponentRuntimeConfig(b -> b.inferenceComponentName("ic").desiredRuntimeConfig(r -> r.copyCount(2)));
        assertThatThrownBy(() -> sm.updateInferenceComponentRuntimeConfig(b -> b.inferenceComponentName("ic")
                .desiredRuntimeConfig(r -> r.copyCount(3)))).hasMessageContaining("while it is in Updating status");
        assertThatThrownBy(() -> sm.updateInferenceComponent(b -> b.inferenceComponentName("ic")
                .specification(Fixtures.llm("m2")))).hasMessageContaining("Updating");
    }

    @Test
    @DisplayName("update with neither specification nor runtime config, is rejected")
    void updateWithNeitherSpecificationNorRuntimeConfigIsRejected() {
        Fixtures.icEndpoint(fake, "ep", "ml.g5.2xlarge", 1, 1, 2);
        Fixtures.createComponent(fake, "ic", "ep", Fixtures.llm("m"), 1);
        Fixtures.awaitComponent(fake, "ic", InferenceComponentStatus.IN_SERVICE);
        assertThatThrownBy(() -> sm.updateInferenceComponent(b -> b.inferenceComponentName("ic")))
                .hasMessageStartingWith("At least one of Specification or RuntimeConfig must be provided");
    }

    @Test
    @DisplayName("runtimeConfigUpdate: scales copies up and down")
    void runtimeConfigUpdateScalesCopiesUpAndDown() {
        Fixtures.icEndpoint(fake, "ep", "ml.g5.2xlarge", 1, 1, 3);
        Fixtures.createComponent(fake, "ic", "ep", Fixtures.llm("m"), 1);
        Fixtures.awaitComponent(fake, "ic", InferenceComponentStatus.IN_SERVICE);

        sm.updateInferenceComponentRuntimeConfig(b -> b.inferenceComponentName("ic").desiredRuntimeConfig(r -> r.copyCount(3)));
        DescribeInferenceComponentResponse scaling = Fixtures.component(fake, "ic");
        assertThat(scaling.inferenceComponentStatus()).isEqualTo(InferenceComponentStatus.UPDATING);
        assertThat(scaling.runtimeConfig().desiredCopyCount()).isEqualTo(3);
        assertThat(Fixtures.endpoint(fake, "ep").endpointStatus()).isEqualTo(EndpointStatus.UPDATING);
        assertThat(Fixtures.awaitComponent(fake, "ic", InferenceComponentStatus.IN_SERVICE)).isTrue();
        assertThat(Fixtures.component(fake, "ic").runtimeConfig().currentCopyCount()).isEqualTo(3);
        assertThat(Fixtures.instances(fake, "ep")).isEqualTo(3);

        sm.updateInferenceComponentRuntimeConfig(b -> b.inferenceComponentName("ic").desiredRuntimeConfig(r -> r.copyCount(1)));
        assertThat(Fixtures.awaitComponent(fake, "ic", InferenceComponentStatus.IN_SERVICE)).isTrue();
        assertThat(Fixtures.component(fake, "ic").runtimeConfig().currentCopyCount()).isEqualTo(1);
        fake.clock().advance(fake.timings().idleInstanceRelease().plus(fake.timings().instanceTermination()));
        assertThat(Fixtures.instances(fake, "ep")).isEqualTo(1);
        assertThat(fake.timeline().valuesOf("ep", Kind.INSTANCE_COUNT)).containsExactly("1", "2", "3", "2", "1");
    }

    @Test
    @DisplayName("listInferenceComponents: filters by endpoint")
    void listInferenceComponentsFiltersByEndpoint() {
        Fixtures.icEndpoint(fake, "ep1", "ml.g5.12xlarge", 1, 1, 2);
        Fixtures.icEndpoint(fake, "ep2", "ml.g5.12xlarge", 1, 1, 2);
        Fixtures.createComponent(fake, "a", "ep1", Fixtures.llm("m"), 1);
        Fixtures.createComponent(fake, "b", "ep2", Fixtures.llm("m"), 1);
        Fixtures.createComponent(fake, "c", "ep1", Fixtures.llm("m"), 1);
        assertThat(sm.listInferenceComponents(b -> b.endpointNameEquals("ep1").sortBy("Name").sortOrder("Ascending"))
                .inferenceComponents()).extracting(s -> s.inferenceComponentName()).containsExactly("a", "c");
        assertThat(sm.listInferenceComponents(b -> b.statusEquals(InferenceComponentStatus.CREATING))
                .inferenceComponents()).hasSize(3);
    }
}
