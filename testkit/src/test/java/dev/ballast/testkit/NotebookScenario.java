package dev.ballast.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.Alarm;
import software.amazon.awssdk.services.sagemaker.model.AutoRollbackConfig;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentCapacitySize;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentCapacitySizeType;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentComputeResourceRequirements;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentContainerSpecification;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentDeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentRollingUpdatePolicy;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentSpecification;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;
import software.amazon.awssdk.services.sagemaker.model.ManagedInstanceScalingStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantManagedInstanceScaling;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantInstanceType;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;

/**
 * The calls of the reference notebook (seed 000), through plain SDK clients only. Shared by the
 * scenario tests; every step mirrors a notebook cell.
 */
final class NotebookScenario {

    static final String CONFIG = "rolling-upgrade-endpoint-config";
    static final String ENDPOINT = "rolling-upgrade-endpoint";
    static final String IC = "llama-3-1-8b-rolling-upgrade";
    static final String ALARM = "SageMaker-" + ENDPOINT + "-4xx-errors";
    static final String IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.2.0";
    static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerExecutionRole";
    static final String HF_TOKEN = "hf_SECRET_canary_7f1c48622befc1a4";
    static final String PAYLOAD = "{\"messages\":[{\"role\":\"user\",\"content\":\"How many R are in STRAWBERRY?"
            + " Keep your answer and explanation short!\"}],\"max_tokens\":512,\"temperature\":0.6}";

    final FakeSageMaker fake;
    final SageMakerClient sm;
    final SageMakerRuntimeClient runtime;
    final CloudWatchClient cw;

    NotebookScenario(FakeSageMaker fake) {
        this.fake = fake;
        this.sm = fake.sageMakerClient();
        this.runtime = fake.runtimeClient();
        this.cw = fake.cloudWatchClient();
    }

    void createEndpoint() {
        sm.createEndpointConfig(b -> b.endpointConfigName(CONFIG).executionRoleArn(ROLE)
                .productionVariants(ProductionVariant.builder().variantName("AllTraffic")
                        .instanceType(ProductionVariantInstanceType.ML_G5_2_XLARGE).initialInstanceCount(2)
                        .modelDataDownloadTimeoutInSeconds(3600).containerStartupHealthCheckTimeoutInSeconds(3600)
                        .managedInstanceScaling(ProductionVariantManagedInstanceScaling.builder()
                                .status(ManagedInstanceScalingStatus.ENABLED).minInstanceCount(1).maxInstanceCount(4)
                                .build())
                        .build()));
        sm.createEndpoint(b -> b.endpointName(ENDPOINT).endpointConfigName(CONFIG));
    }

    /** session.wait_for_endpoint: polls every 30 s. */
    EndpointStatus waitForEndpoint() {
        EndpointStatus status = sm.describeEndpoint(b -> b.endpointName(ENDPOINT)).endpointStatus();
        while (status == EndpointStatus.CREATING || status == EndpointStatus.UPDATING) {
            fake.clock().advance(Duration.ofSeconds(30));
            status = sm.describeEndpoint(b -> b.endpointName(ENDPOINT)).endpointStatus();
        }
        return status;
    }

    static InferenceComponentSpecification spec(String modelId, boolean messagesApi) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("SM_NUM_GPUS", "1");
        env.put("HF_MODEL_ID", modelId);
        if (modelId.startsWith("meta-llama")) {
            env.put("HF_TOKEN", HF_TOKEN);
        }
        if (messagesApi) {
            env.put("MESSAGES_API_ENABLED", "true");
        }
        return InferenceComponentSpecification.builder()
                .container(InferenceComponentContainerSpecification.builder().image(IMAGE).environment(env).build())
                .computeResourceRequirements(InferenceComponentComputeResourceRequirements.builder()
                        .numberOfAcceleratorDevicesRequired(1f).minMemoryRequiredInMb(1024).build())
                .build();
    }

    void createComponent() {
        sm.createInferenceComponent(b -> b.inferenceComponentName(IC).endpointName(ENDPOINT).variantName("AllTraffic")
                .specification(spec("meta-llama/Llama-3.1-8B-Instruct", true)).runtimeConfig(r -> r.copyCount(2)));
    }

    /** The notebook's describe loop: polls every 30 s until InService or Failed. */
    InferenceComponentStatus waitForComponent() {
        InferenceComponentStatus status = componentStatus();
        while (status != InferenceComponentStatus.IN_SERVICE && status != InferenceComponentStatus.FAILED) {
            fake.clock().advance(Duration.ofSeconds(30));
            status = componentStatus();
        }
        return status;
    }

    InferenceComponentStatus componentStatus() {
        return sm.describeInferenceComponent(b -> b.inferenceComponentName(IC)).inferenceComponentStatus();
    }

    String invoke() {
        InvokeEndpointResponse response = runtime.invokeEndpoint(b -> b.inferenceComponentName(IC)
                .endpointName(ENDPOINT).body(SdkBytes.fromString(PAYLOAD, StandardCharsets.UTF_8))
                .contentType("application/json").accept("application/json"));
        return response.body().asUtf8String();
    }

    void createAlarm() {
        cw.putMetricAlarm(b -> b.alarmName(ALARM).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(1).metricName("Invocation4XXErrors").namespace("AWS/SageMaker").period(300)
                .statistic(Statistic.SUM).threshold(5.0).actionsEnabled(true)
                .alarmDescription("Alarm when greather than 5 4xx errors")
                .dimensions(Dimension.builder().name("InferenceComponentName").value(IC).build()));
    }

    static InferenceComponentDeploymentConfig deploymentConfig() {
        InferenceComponentCapacitySize one = InferenceComponentCapacitySize.builder()
                .type(InferenceComponentCapacitySizeType.COPY_COUNT).value(1).build();
        return InferenceComponentDeploymentConfig.builder()
                .rollingUpdatePolicy(InferenceComponentRollingUpdatePolicy.builder().maximumBatchSize(one)
                        .waitIntervalInSeconds(120).rollbackMaximumBatchSize(one).build())
                .autoRollbackConfiguration(AutoRollbackConfig.builder()
                        .alarms(Alarm.builder().alarmName(ALARM).build()).build())
                .build();
    }

    void update(boolean messagesApi) {
        sm.updateInferenceComponent(b -> b.inferenceComponentName(IC)
                .specification(spec("deepseek-ai/DeepSeek-R1-Distill-Llama-8B", messagesApi))
                .deploymentConfig(deploymentConfig()));
    }
}
