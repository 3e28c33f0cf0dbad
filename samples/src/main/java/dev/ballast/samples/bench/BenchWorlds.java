package dev.ballast.samples.bench;

import dev.ballast.testkit.FakeSageMaker;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.Alarm;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentDeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentSpecification;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;
import software.amazon.awssdk.services.sagemaker.model.ManagedInstanceScalingStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;

/** Worlds and scenarios shared by the benchmarks; everything goes through the plain SDK facades. */
final class BenchWorlds {

    static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerExecutionRole";
    static final String IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.2.0";
    static final String PAYLOAD = "{\"messages\":[{\"role\":\"user\",\"content\":\"How many R are in STRAWBERRY?\"}]}";

    private BenchWorlds() {
    }

    static InferenceComponentSpecification spec(String modelId, boolean messagesApi) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SM_NUM_GPUS", "1");
        env.put("HF_MODEL_ID", modelId);
        if (messagesApi) {
            env.put("MESSAGES_API_ENABLED", "true");
        }
        return InferenceComponentSpecification.builder().container(c -> c.image(IMAGE).environment(env))
                .computeResourceRequirements(r -> r.numberOfAcceleratorDevicesRequired(1f).minMemoryRequiredInMb(1024))
                .build();
    }

    /** An IC endpoint with managed instance scaling, waited until InService. */
    static void endpoint(FakeSageMaker fake, String type, int initial, int max) {
        SageMakerClient sm = fake.sageMakerClient();
        sm.createEndpointConfig(b -> b.endpointConfigName("cfg").executionRoleArn(ROLE)
                .productionVariants(ProductionVariant.builder().variantName("AllTraffic").instanceType(type)
                        .initialInstanceCount(initial)
                        .managedInstanceScaling(m -> m.status(ManagedInstanceScalingStatus.ENABLED).minInstanceCount(1)
                                .maxInstanceCount(max)).build()));
        sm.createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg"));
        fake.clock().advanceUntil(() -> sm.describeEndpoint(b -> b.endpointName("ep")).endpointStatus()
                == EndpointStatus.IN_SERVICE, Duration.ofHours(2));
    }

    static void component(FakeSageMaker fake, int copies) {
        SageMakerClient sm = fake.sageMakerClient();
        sm.createInferenceComponent(b -> b.inferenceComponentName("ic").endpointName("ep").variantName("AllTraffic")
                .specification(spec("meta-llama/Llama-3.1-8B-Instruct", true)).runtimeConfig(r -> r.copyCount(copies)));
        fake.clock().advanceUntil(() -> status(fake) == InferenceComponentStatus.IN_SERVICE, Duration.ofHours(6));
    }

    static InferenceComponentStatus status(FakeSageMaker fake) {
        return fake.sageMakerClient().describeInferenceComponent(b -> b.inferenceComponentName("ic"))
                .inferenceComponentStatus();
    }

    static InferenceComponentDeploymentConfig rolling(int batch, int wait, String alarm) {
        return InferenceComponentDeploymentConfig.builder()
                .rollingUpdatePolicy(p -> p.maximumBatchSize(s -> s.type("COPY_COUNT").value(batch))
                        .waitIntervalInSeconds(wait).rollbackMaximumBatchSize(s -> s.type("COPY_COUNT").value(batch)))
                .autoRollbackConfiguration(a -> a.alarms(Alarm.builder().alarmName(alarm).build())).build();
    }

    /**
     * The reference notebook: endpoint 1-4 ml.g5.2xlarge (2 initial), 2 copies, 4xx alarm, a broken
     * update invoked every 10 s until rolled back, then the good update.
     *
     * @return how many invocations failed (the broken update's 4xx answers)
     */
    static int notebook(FakeSageMaker fake) {
        endpoint(fake, "ml.g5.2xlarge", 2, 4);
        component(fake, 2);
        fake.cloudWatchClient().putMetricAlarm(b -> b.alarmName("ep-4xx").namespace("AWS/SageMaker")
                .metricName("Invocation4XXErrors").statistic("Sum").period(300).evaluationPeriods(1).threshold(5.0)
                .comparisonOperator("GreaterThanThreshold")
                .dimensions(Dimension.builder().name("InferenceComponentName").value("ic").build()));
        int failures = 0;
        for (boolean messagesApi : new boolean[] {false, true}) {
            fake.sageMakerClient().updateInferenceComponent(b -> b.inferenceComponentName("ic")
                    .specification(spec("deepseek-ai/DeepSeek-R1-Distill-Llama-8B", messagesApi))
                    .deploymentConfig(rolling(1, 120, "ep-4xx")));
            while (status(fake) == InferenceComponentStatus.UPDATING) {
                try {
                    fake.runtimeClient().invokeEndpoint(b -> b.endpointName("ep").inferenceComponentName("ic")
                            .contentType("application/json").body(SdkBytes.fromUtf8String(PAYLOAD)));
                } catch (ModelErrorException e) {
                    failures++;
                }
                fake.cloudWatchClient().describeAlarms(b -> b.alarmNames("ep-4xx"));
                fake.clock().advance(Duration.ofSeconds(10));
            }
            fake.clock().advance(Duration.ofMinutes(10));
        }
        return failures;
    }
}
