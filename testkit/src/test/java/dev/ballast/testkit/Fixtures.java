package dev.ballast.testkit;

import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentComputeResourceRequirements;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentContainerSpecification;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentSpecification;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;
import software.amazon.awssdk.services.sagemaker.model.ManagedInstanceScalingStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantManagedInstanceScaling;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/** Small builders for the scenario tests; everything goes through the SDK facade. */
final class Fixtures {

    static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerExecutionRole";
    static final String IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/tgi:2.2.0";

    private Fixtures() {
    }

    /** Creates an IC endpoint (MIS min..max when max > 0) and waits until it is InService. */
    static void icEndpoint(FakeSageMaker fake, String name, String type, int initial, int min, int max) {
        SageMakerClient sm = fake.sageMakerClient();
        ProductionVariant.Builder variant = ProductionVariant.builder().variantName("AllTraffic").instanceType(type)
                .initialInstanceCount(initial);
        if (max > 0) {
            variant.managedInstanceScaling(ProductionVariantManagedInstanceScaling.builder()
                    .status(ManagedInstanceScalingStatus.ENABLED).minInstanceCount(min).maxInstanceCount(max).build());
        }
        sm.createEndpointConfig(b -> b.endpointConfigName(name + "-config").executionRoleArn(ROLE)
                .productionVariants(variant.build()));
        sm.createEndpoint(b -> b.endpointName(name).endpointConfigName(name + "-config"));
        awaitEndpoint(fake, name, EndpointStatus.IN_SERVICE);
    }

    static InferenceComponentSpecification spec(int gpus, int memoryMb, Map<String, String> env) {
        return InferenceComponentSpecification.builder()
                .container(InferenceComponentContainerSpecification.builder().image(IMAGE).environment(env).build())
                .computeResourceRequirements(InferenceComponentComputeResourceRequirements.builder()
                        .numberOfAcceleratorDevicesRequired(gpus == 0 ? null : (float) gpus)
                        .numberOfCpuCoresRequired(1f).minMemoryRequiredInMb(memoryMb).build())
                .build();
    }

    static InferenceComponentSpecification llm(String modelId) {
        return spec(1, 1024, Map.of("HF_MODEL_ID", modelId, "MESSAGES_API_ENABLED", "true"));
    }

    static void createComponent(FakeSageMaker fake, String name, String endpoint, InferenceComponentSpecification spec,
            int copies) {
        fake.sageMakerClient().createInferenceComponent(b -> b.inferenceComponentName(name).endpointName(endpoint)
                .variantName("AllTraffic").specification(spec).runtimeConfig(r -> r.copyCount(copies)));
    }

    static boolean awaitComponent(FakeSageMaker fake, String name, InferenceComponentStatus status) {
        return fake.clock().advanceUntil(() -> component(fake, name).inferenceComponentStatus() == status,
                Duration.ofHours(6));
    }

    static boolean awaitEndpoint(FakeSageMaker fake, String name, EndpointStatus status) {
        return fake.clock().advanceUntil(() -> endpoint(fake, name).endpointStatus() == status, Duration.ofHours(6));
    }

    static DescribeInferenceComponentResponse component(FakeSageMaker fake, String name) {
        return fake.sageMakerClient().describeInferenceComponent(b -> b.inferenceComponentName(name));
    }

    static DescribeEndpointResponse endpoint(FakeSageMaker fake, String name) {
        return fake.sageMakerClient().describeEndpoint(b -> b.endpointName(name));
    }

    static int instances(FakeSageMaker fake, String endpoint) {
        return endpoint(fake, endpoint).productionVariants().get(0).currentInstanceCount();
    }

    static boolean gone(FakeSageMaker fake, Runnable describe) {
        try {
            describe.run();
            return false;
        } catch (SageMakerException e) {
            return e.getMessage().startsWith("Could not find");
        }
    }
}
