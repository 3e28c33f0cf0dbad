package dev.ballast.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.PendingDeploymentSummary;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantStatus;
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
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;

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

    /** Creates a model whose container answers {@code answer} to every invocation (env VERSION=answer). */
    static void model(FakeSageMaker fake, String name, String answer) {
        fake.sageMakerClient().createModel(b -> b.modelName(name).executionRoleArn(ROLE).primaryContainer(
                ContainerDefinition.builder().image(IMAGE).environment(Map.of("VERSION", answer)).build()));
        fake.givenContainerFor(name, ContainerBehavior.always(ContainerResponse.ok(answer)));
    }

    /** Creates a model-based config: one variant AllTraffic of the model on ml.m5.xlarge instances. */
    static void modelConfig(FakeSageMaker fake, String config, String model, int instances) {
        fake.sageMakerClient().createEndpointConfig(b -> b.endpointConfigName(config).productionVariants(
                ProductionVariant.builder().variantName("AllTraffic").modelName(model).instanceType("ml.m5.xlarge")
                        .initialInstanceCount(instances).build()));
    }

    /** Invokes a model-based endpoint {@code times} times; counts answers by body ("error" for a ModelError). */
    static Map<String, Integer> invoke(FakeSageMaker fake, String endpoint, int times) {
        Map<String, Integer> answers = new TreeMap<>();
        for (int i = 0; i < times; i++) {
            String answer;
            try {
                answer = fake.runtimeClient().invokeEndpoint(b -> b.endpointName(endpoint).contentType("application/json")
                        .body(SdkBytes.fromUtf8String("{}"))).body().asUtf8String();
            } catch (ModelErrorException e) {
                answer = "error";
            }
            answers.merge(answer, 1, Integer::sum);
        }
        return answers;
    }

    /** An alarm on the endpoint variant's Invocation5XXErrors: Sum >= 1 in one minute. */
    static void fiveXxAlarm(FakeSageMaker fake, String alarm, String endpoint, String variant) {
        fake.cloudWatchClient().putMetricAlarm(b -> b.alarmName(alarm).namespace("AWS/SageMaker")
                .metricName("Invocation5XXErrors").statistic("Sum").period(60).evaluationPeriods(1).threshold(1.0)
                .comparisonOperator("GreaterThanOrEqualToThreshold").treatMissingData("notBreaching")
                .dimensions(d -> d.name("EndpointName").value(endpoint), d -> d.name("VariantName").value(variant)));
    }

    /** @return the variant's VariantStatus values, in order (empty when nothing is in progress) */
    static List<String> stages(FakeSageMaker fake, String endpoint) {
        return endpoint(fake, endpoint).productionVariants().get(0).variantStatus().stream()
                .map(ProductionVariantStatus::statusAsString).toList();
    }

    /** @return the first pending variant's VariantStatus values (empty when no deployment is pending) */
    static List<String> pendingStages(FakeSageMaker fake, String endpoint) {
        PendingDeploymentSummary pending = endpoint(fake, endpoint).pendingDeploymentSummary();
        return pending == null ? List.of() : pending.productionVariants().get(0).variantStatus().stream()
                .map(ProductionVariantStatus::statusAsString).toList();
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
