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
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ResourceLimitExceededException;

class EndpointLifecycleTest {

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final SageMakerClient sm = fake.sageMakerClient();

    private void config(String name, int instances) {
        sm.createEndpointConfig(b -> b.endpointConfigName(name).executionRoleArn(Fixtures.ROLE)
                .productionVariants(ProductionVariant.builder().variantName("AllTraffic").instanceType("ml.g5.2xlarge")
                        .initialInstanceCount(instances).build()));
    }

    @Test
    @DisplayName("create: is creating until instances launch, then in service")
    void createIsCreatingUntilInstancesLaunchThenInService() {
        config("cfg", 2);
        String arn = sm.createEndpoint(b -> b.endpointName("Ep").endpointConfigName("cfg")).endpointArn();
        assertThat(arn).isEqualTo("arn:aws:sagemaker:us-east-1:123456789012:endpoint/ep");

        DescribeEndpointResponse creating = Fixtures.endpoint(fake, "Ep");
        assertThat(creating.endpointStatus()).isEqualTo(EndpointStatus.CREATING);
        assertThat(creating.productionVariants().get(0).currentInstanceCount()).isZero();
        assertThat(creating.productionVariants().get(0).desiredInstanceCount()).isEqualTo(2);

        fake.clock().advance(fake.timings().instanceLaunch().minusSeconds(1));
        assertThat(Fixtures.endpoint(fake, "Ep").endpointStatus()).isEqualTo(EndpointStatus.CREATING);
        fake.clock().advance(Duration.ofSeconds(1));
        DescribeEndpointResponse ready = Fixtures.endpoint(fake, "Ep");
        assertThat(ready.endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
        assertThat(ready.productionVariants().get(0).currentInstanceCount()).isEqualTo(2);
        assertThat(ready.lastModifiedTime()).isAfter(ready.creationTime());
        assertThat(fake.timeline().valuesOf("Ep", Kind.STATUS)).containsExactly("InService");
    }

    @Test
    @DisplayName("unknownEndpoint: and duplicate, and missing config, have the service texts")
    void unknownEndpointAndDuplicateAndMissingConfigHaveTheServiceTexts() {
        assertThatThrownBy(() -> sm.describeEndpoint(b -> b.endpointName("Missing")))
                .hasMessageStartingWith("Could not find endpoint \"arn:aws:sagemaker:us-east-1:123456789012:endpoint/missing\".");
        assertThatThrownBy(() -> sm.createEndpoint(b -> b.endpointName("ep").endpointConfigName("nope")))
                .hasMessageStartingWith("Could not find endpoint configuration");
        config("cfg", 1);
        sm.createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg"));
        assertThatThrownBy(() -> sm.createEndpoint(b -> b.endpointName("EP").endpointConfigName("cfg")))
                .hasMessageStartingWith("Cannot create already existing endpoint"
                        + " \"arn:aws:sagemaker:us-east-1:123456789012:endpoint/ep\".");
    }

    @Test
    @DisplayName("delete: while creating, is an in progress error, and afterwards goes through deleting")
    void deleteWhileCreatingIsAnInProgressErrorAndAfterwardsGoesThroughDeleting() {
        config("cfg", 1);
        sm.createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg"));
        assertThatThrownBy(() -> sm.deleteEndpoint(b -> b.endpointName("ep"))).hasMessageStartingWith(
                "Cannot update in-progress endpoint \"arn:aws:sagemaker:us-east-1:123456789012:endpoint/ep\".");

        Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE);
        sm.deleteEndpoint(b -> b.endpointName("ep"));
        assertThat(Fixtures.endpoint(fake, "ep").endpointStatus()).isEqualTo(EndpointStatus.DELETING);
        fake.clock().advance(fake.timings().endpointDeletion());
        assertThat(Fixtures.gone(fake, () -> Fixtures.endpoint(fake, "ep"))).isTrue();
        assertThat(fake.timeline().valuesOf("ep", Kind.STATUS)).containsExactly("InService", "Deleting");
    }

    @Test
    @DisplayName("delete: with inference components, is refused")
    void deleteWithInferenceComponentsIsRefused() {
        Fixtures.icEndpoint(fake, "ep", "ml.g5.2xlarge", 1, 1, 2);
        Fixtures.createComponent(fake, "ic", "ep", Fixtures.llm("m"), 1);
        Fixtures.awaitComponent(fake, "ic", software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus.IN_SERVICE);
        assertThatThrownBy(() -> sm.deleteEndpoint(b -> b.endpointName("ep")))
                .hasMessageContaining("Delete the inference components first");
    }

    @Test
    @DisplayName("noCapacity: keeps the endpoint creating, then fails with a reason")
    void noCapacityKeepsTheEndpointCreatingThenFailsWithAReason() {
        fake.givenNoCapacity("ml.g5.2xlarge");
        config("cfg", 1);
        sm.createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg"));
        fake.clock().advance(Duration.ofMinutes(20));
        assertThat(Fixtures.endpoint(fake, "ep").endpointStatus()).isEqualTo(EndpointStatus.CREATING);

        fake.clock().advance(fake.timings().instanceProvisioningTimeout());
        DescribeEndpointResponse failed = Fixtures.endpoint(fake, "ep");
        assertThat(failed.endpointStatus()).isEqualTo(EndpointStatus.FAILED);
        assertThat(failed.failureReason()).contains("InsufficientInstanceCapacity");
        sm.deleteEndpoint(b -> b.endpointName("ep"));
    }

    @Test
    @DisplayName("capacity returning in time, lets creation finish")
    void capacityReturningInTimeLetsCreationFinish() {
        fake.givenNoCapacity("ml.g5.2xlarge");
        config("cfg", 1);
        sm.createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg"));
        fake.clock().advance(Duration.ofMinutes(10));
        fake.givenCapacityRestored();
        assertThat(Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE)).isTrue();
    }

    @Test
    @DisplayName("quota: fails create endpoint synchronously")
    void quotaFailsCreateEndpointSynchronously() {
        fake.givenInstanceQuota("ml.g5.2xlarge", 1);
        config("cfg", 2);
        assertThatThrownBy(() -> sm.createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg")))
                .isInstanceOf(ResourceLimitExceededException.class)
                .hasMessageStartingWith("The account-level service limit 'ml.g5.2xlarge for endpoint usage' is 1"
                        + " Instances, with current utilization of 0 Instances and a request delta of 2 Instances.");
    }

    @Test
    @DisplayName("modelEndpoint: serves after the container starts")
    void modelEndpointServesAfterTheContainerStarts() {
        sm.createModel(b -> b.modelName("m").executionRoleArn(Fixtures.ROLE).primaryContainer(
                ContainerDefinition.builder().image(Fixtures.IMAGE).environment(Map.of("HF_MODEL_ID", "tiny")).build()));
        sm.createEndpointConfig(b -> b.endpointConfigName("cfg").productionVariants(ProductionVariant.builder()
                .variantName("v1").modelName("m").instanceType("ml.m5.xlarge").initialInstanceCount(1).build()));
        sm.createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg"));

        fake.clock().advance(fake.timings().instanceLaunch());
        assertThat(Fixtures.endpoint(fake, "ep").endpointStatus()).isEqualTo(EndpointStatus.CREATING);
        fake.clock().advance(fake.timings().copyStartup());
        DescribeEndpointResponse ready = Fixtures.endpoint(fake, "ep");
        assertThat(ready.endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
        assertThat(ready.productionVariants().get(0).currentWeight()).isEqualTo(1.0f);
        assertThat(ready.productionVariants().get(0).deployedImages().get(0).specifiedImage()).isEqualTo(Fixtures.IMAGE);

        var response = fake.runtimeClient().invokeEndpoint(b -> b.endpointName("ep")
                .body(SdkBytes.fromUtf8String("{\"inputs\":\"hi\"}")).contentType("application/json"));
        assertThat(response.invokedProductionVariant()).isEqualTo("v1");
        assertThat(response.body().asUtf8String()).contains("generated_text").contains("tiny");
    }

    @Test
    @DisplayName("listEndpoints: sorts newest first and filters")
    void listEndpointsSortsNewestFirstAndFilters() {
        config("cfg", 1);
        sm.createEndpoint(b -> b.endpointName("a").endpointConfigName("cfg"));
        fake.clock().advance(Duration.ofMinutes(10));
        sm.createEndpoint(b -> b.endpointName("b").endpointConfigName("cfg"));
        assertThat(sm.listEndpoints(b -> { }).endpoints()).extracting(e -> e.endpointName()).containsExactly("b", "a");
        assertThat(sm.listEndpoints(b -> b.statusEquals(EndpointStatus.CREATING)).endpoints())
                .extracting(e -> e.endpointName()).containsExactly("b");
        var page = sm.listEndpoints(b -> b.maxResults(1).sortOrder("Ascending"));
        assertThat(page.endpoints()).extracting(e -> e.endpointName()).containsExactly("a");
        assertThat(sm.listEndpoints(b -> b.maxResults(1).sortOrder("Ascending").nextToken(page.nextToken()))
                .endpoints()).extracting(e -> e.endpointName()).containsExactly("b");
    }
}
