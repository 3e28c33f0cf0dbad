package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;
import software.amazon.awssdk.services.sagemaker.model.ManagedInstanceScalingStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantManagedInstanceScaling;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

class ModelAndConfigTest {

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final SageMakerClient sm = fake.sageMakerClient();

    private void createModel(String name) {
        sm.createModel(b -> b.modelName(name).executionRoleArn(Fixtures.ROLE)
                .primaryContainer(ContainerDefinition.builder().image(Fixtures.IMAGE)
                        .environment(Map.of("HF_MODEL_ID", "m")).build()));
    }

    private static ProductionVariant.Builder icVariant() {
        return ProductionVariant.builder().variantName("AllTraffic").instanceType("ml.g5.2xlarge")
                .initialInstanceCount(1);
    }

    private static ProductionVariantManagedInstanceScaling mis(int min, int max) {
        return ProductionVariantManagedInstanceScaling.builder().status(ManagedInstanceScalingStatus.ENABLED)
                .minInstanceCount(min).maxInstanceCount(max).build();
    }

    @Test
    @DisplayName("describeModel: echoes the input with a lower cased arn and creation time")
    void describeModelEchoesTheInputWithALowerCasedArnAndCreationTime() {
        createModel("My-Model");
        DescribeModelResponse d = sm.describeModel(b -> b.modelName("my-model"));
        assertThat(d.modelName()).isEqualTo("My-Model");
        assertThat(d.modelArn()).isEqualTo("arn:aws:sagemaker:us-east-1:123456789012:model/my-model");
        assertThat(d.primaryContainer().image()).isEqualTo(Fixtures.IMAGE);
        assertThat(d.creationTime()).isEqualTo(fake.clock().now());
    }

    @Test
    @DisplayName("unknownModel: is a validation exception with the arn")
    void unknownModelIsAValidationExceptionWithTheArn() {
        assertThatThrownBy(() -> sm.describeModel(b -> b.modelName("Nope")))
                .isExactlyInstanceOf(SageMakerException.class)
                .hasMessageStartingWith("Could not find model \"arn:aws:sagemaker:us-east-1:123456789012:model/nope\".")
                .satisfies(e -> {
                    SageMakerException s = (SageMakerException) e;
                    assertThat(s.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(s.statusCode()).isEqualTo(400);
                    assertThat(s.requestId()).isNotBlank();
                });
    }

    @Test
    @DisplayName("duplicateModel: differing only in case, is rejected")
    void duplicateModelDifferingOnlyInCaseIsRejected() {
        createModel("m1");
        assertThatThrownBy(() -> createModel("M1")).hasMessageStartingWith(
                "Cannot create already existing model \"arn:aws:sagemaker:us-east-1:123456789012:model/m1\".");
    }

    @Test
    @DisplayName("badNames: give the constraint messages")
    void badNamesGiveTheConstraintMessages() {
        assertThatThrownBy(() -> createModel("bad_name")).hasMessageStartingWith(
                "1 validation error detected: Value 'bad_name' at 'modelName' failed to satisfy constraint: Member must"
                        + " satisfy regular expression pattern: ^[a-zA-Z0-9]([\\-a-zA-Z0-9]*[a-zA-Z0-9])?$");
        assertThatThrownBy(() -> sm.createEndpointConfig(b -> b.endpointConfigName("x_y").executionRoleArn(Fixtures.ROLE)
                .productionVariants(icVariant().variantName("a_b").build())))
                .hasMessageStartingWith("2 validation errors detected: Value 'x_y' at 'endpointConfigName'")
                .hasMessageContaining("; Value 'a_b' at 'productionVariants.1.member.variantName' failed to satisfy"
                        + " constraint: Member must satisfy regular expression pattern");
    }

    @Test
    @DisplayName("describeEndpointConfig: echoes variants exactly")
    void describeEndpointConfigEchoesVariantsExactly() {
        ProductionVariant variant = icVariant().managedInstanceScaling(mis(1, 4)).build();
        sm.createEndpointConfig(b -> b.endpointConfigName("Cfg").executionRoleArn(Fixtures.ROLE)
                .productionVariants(variant));
        DescribeEndpointConfigResponse d = sm.describeEndpointConfig(b -> b.endpointConfigName("Cfg"));
        assertThat(d.productionVariants()).containsExactly(variant);
        assertThat(d.endpointConfigArn()).endsWith(":endpoint-config/cfg");
        assertThat(d.executionRoleArn()).isEqualTo(Fixtures.ROLE);
        assertThat(d.creationTime()).isNotNull();
    }

    @Test
    @DisplayName("duplicateEndpointConfig: is rejected with the arn")
    void duplicateEndpointConfigIsRejectedWithTheArn() {
        sm.createEndpointConfig(b -> b.endpointConfigName("cfg").executionRoleArn(Fixtures.ROLE)
                .productionVariants(icVariant().build()));
        assertThatThrownBy(() -> sm.createEndpointConfig(b -> b.endpointConfigName("cfg").executionRoleArn(Fixtures.ROLE)
                .productionVariants(icVariant().build())))
                .hasMessageStartingWith("Cannot create already existing endpoint configuration"
                        + " \"arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/cfg\".");
    }

    @Test
    @DisplayName("managedInstanceScaling: is only for inference component endpoints")
    void managedInstanceScalingIsOnlyForInferenceComponentEndpoints() {
        createModel("m");
        assertThatThrownBy(() -> sm.createEndpointConfig(b -> b.endpointConfigName("cfg")
                .productionVariants(icVariant().modelName("m").managedInstanceScaling(mis(1, 2)).build())))
                .hasMessageStartingWith("ManagedInstanceScaling is only supported for inference component endpoints.");
    }

    @Test
    @DisplayName("managedInstanceScaling: minimum zero (scale to zero), accepted in us-east-1, rejected in eu-west-3")
    void managedInstanceScalingMinimumZeroDependsOnTheRegion() {
        sm.createEndpointConfig(b -> b.endpointConfigName("cfg").executionRoleArn(Fixtures.ROLE)
                .productionVariants(icVariant().managedInstanceScaling(mis(0, 2)).build()));
        assertThat(sm.describeEndpointConfig(b -> b.endpointConfigName("cfg")).productionVariants().get(0)
                .managedInstanceScaling().minInstanceCount()).isZero();

        SageMakerClient paris = FakeSageMaker.builder().region("eu-west-3").build().sageMakerClient();
        assertThatThrownBy(() -> paris.createEndpointConfig(b -> b.endpointConfigName("cfg").executionRoleArn(Fixtures.ROLE)
                .productionVariants(icVariant().managedInstanceScaling(mis(0, 2)).build())))
                .hasMessageStartingWith("Min instance count needs to be greater than 0 for enabled managed instance scaling");
    }

    @Test
    @DisplayName("inferenceComponentConfig: without execution role, is rejected")
    void inferenceComponentConfigWithoutExecutionRoleIsRejected() {
        assertThatThrownBy(() -> sm.createEndpointConfig(b -> b.endpointConfigName("cfg")
                .productionVariants(icVariant().build())))
                .isInstanceOf(SageMakerException.class).hasMessageContaining("ExecutionRoleArn is required");
    }

    @Test
    @DisplayName("modelVariant: naming a missing model, is rejected")
    void modelVariantNamingAMissingModelIsRejected() {
        assertThatThrownBy(() -> sm.createEndpointConfig(b -> b.endpointConfigName("cfg")
                .productionVariants(icVariant().modelName("ghost").build())))
                .hasMessageStartingWith("Could not find model \"arn:aws:sagemaker:us-east-1:123456789012:model/ghost\".");
    }

    @Test
    @DisplayName("deleted config and model, are gone")
    void deletedConfigAndModelAreGone() {
        createModel("m");
        sm.createEndpointConfig(b -> b.endpointConfigName("cfg").productionVariants(icVariant().modelName("m").build()));
        sm.deleteEndpointConfig(b -> b.endpointConfigName("cfg"));
        sm.deleteModel(b -> b.modelName("m"));
        assertThatThrownBy(() -> sm.describeEndpointConfig(b -> b.endpointConfigName("cfg")))
                .hasMessageStartingWith("Could not find endpoint configuration \"arn:aws:sagemaker:us-east-1:"
                        + "123456789012:endpoint-config/cfg\".");
        assertThatThrownBy(() -> sm.deleteModel(b -> b.modelName("m"))).hasMessageStartingWith("Could not find model");
        assertThat(sm.listModels(b -> { }).models()).isEmpty();
    }
}
