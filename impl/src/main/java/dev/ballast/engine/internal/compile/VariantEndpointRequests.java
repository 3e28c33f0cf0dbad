package dev.ballast.engine.internal.compile;

import dev.ballast.plan.ApiCall;
import dev.ballast.plan.AwsService;
import dev.ballast.spec.AlarmSpec;
import dev.ballast.spec.BlueGreenSpec;
import dev.ballast.spec.Capacity;
import dev.ballast.spec.CaptureMode;
import dev.ballast.spec.DataCaptureSpec;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.spec.ModelContainerSpec;
import dev.ballast.spec.ModelSpec;
import dev.ballast.spec.RollingUpdateSpec;
import dev.ballast.spec.VariantProperty;
import dev.ballast.spec.VariantSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sagemaker.model.AutoRollbackConfig;
import software.amazon.awssdk.services.sagemaker.model.BlueGreenUpdatePolicy;
import software.amazon.awssdk.services.sagemaker.model.CaptureContentTypeHeader;
import software.amazon.awssdk.services.sagemaker.model.CaptureOption;
import software.amazon.awssdk.services.sagemaker.model.CapacitySize;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateModelRequest;
import software.amazon.awssdk.services.sagemaker.model.InferenceExecutionConfig;
import software.amazon.awssdk.services.sagemaker.model.DataCaptureConfig;
import software.amazon.awssdk.services.sagemaker.model.DeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.DesiredWeightAndCapacity;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantServerlessConfig;
import software.amazon.awssdk.services.sagemaker.model.RollingUpdatePolicy;
import software.amazon.awssdk.services.sagemaker.model.TrafficRoutingConfig;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointWeightsAndCapacitiesRequest;
import software.amazon.awssdk.services.sagemaker.model.VpcConfig;

/**
 * Turns a {@link VariantEndpointSpec} into SDK requests: models, the endpoint configuration of
 * model-based variants, the endpoint, {@code UpdateEndpoint} with the spec's deployment policy,
 * the rollback alarms on the variants' metrics, and weight changes. A pure function of the spec.
 */
public final class VariantEndpointRequests {

    private static final String MODEL_ENVIRONMENT_PATH = "PrimaryContainer.Environment.";
    private static final String CONTAINERS_ENVIRONMENT_PATH = "Containers.Environment.";

    private VariantEndpointRequests() {
    }

    /** @return {@code model/<name>} */
    public static String modelResource(ModelSpec m) {
        return "model/" + m.name();
    }

    /** @return {@code endpoint/<name>} */
    public static String endpointResource(VariantEndpointSpec spec) {
        return "endpoint/" + spec.name();
    }

    /** @return the {@code CreateModel} call; secret environment values are masked in the plan */
    public static ApiCall createModel(ModelSpec m, String reason) {
        CreateModelRequest.Builder request = CreateModelRequest.builder().modelName(m.name());
        Set<String> secrets = new LinkedHashSet<>();
        if (m.containers().isEmpty()) {
            ContainerDefinition.Builder container = ContainerDefinition.builder().image(m.image().orElseThrow());
            m.modelDataUrl().ifPresent(container::modelDataUrl);
            Map<String, String> environment = containerEnvironment(m);
            if (!environment.isEmpty()) {
                container.environment(environment);
            }
            request.primaryContainer(container.build());
            m.secretEnvironment().keySet().forEach(k -> secrets.add(MODEL_ENVIRONMENT_PATH + k));
        } else {
            request.containers(containers(m));
            m.executionMode().ifPresent(mode -> request.inferenceExecutionConfig(
                    InferenceExecutionConfig.builder().mode(mode.apiValue()).build()));
            // the items of a list share the list's path: a key secret in one container is masked in all
            m.containers().forEach(c -> c.secretEnvironment().keySet().forEach(k -> secrets.add(CONTAINERS_ENVIRONMENT_PATH + k)));
        }
        request.executionRoleArn(m.executionRoleArn().orElseThrow());
        m.vpc().ifPresent(v -> request.vpcConfig(VpcConfig.builder().subnets(v.subnets()).securityGroupIds(v.securityGroupIds()).build()));
        if (m.networkIsolation()) {
            request.enableNetworkIsolation(true);
        }
        return new ApiCall(AwsService.SAGEMAKER, "CreateModel", modelResource(m), reason, request.build(), secrets);
    }

    /** @return the {@code Containers} of a model of several containers, in order, secret values revealed */
    public static List<ContainerDefinition> containers(ModelSpec m) {
        List<ContainerDefinition> containers = new ArrayList<>();
        for (ModelContainerSpec c : m.containers()) {
            ContainerDefinition.Builder container = ContainerDefinition.builder().image(c.image().orElseThrow());
            c.hostname().ifPresent(container::containerHostname);
            c.modelDataUrl().ifPresent(container::modelDataUrl);
            Map<String, String> environment = ComponentEndpointRequests.containerEnvironment(c.environment(), c.secretEnvironment());
            if (!environment.isEmpty()) {
                container.environment(environment);
            }
            containers.add(container.build());
        }
        return containers;
    }

    /**
     * @return the container environment SageMaker receives: plain values, then secret values
     *     revealed. Send or compare it; never print or log it.
     */
    public static Map<String, String> containerEnvironment(ModelSpec m) {
        return ComponentEndpointRequests.containerEnvironment(m.environment(), m.secretEnvironment());
    }

    /** @return the {@code CreateEndpointConfig} call for the spec's configuration version */
    public static ApiCall createEndpointConfig(VariantEndpointSpec spec, String reason) {
        List<ProductionVariant> variants = spec.variants().stream().map(VariantEndpointRequests::productionVariant).toList();
        CreateEndpointConfigRequest.Builder request = CreateEndpointConfigRequest.builder()
                .endpointConfigName(spec.endpointConfigName())
                .productionVariants(variants);
        if (!spec.shadowVariants().isEmpty()) {
            // the shadow's InitialVariantWeight over production's is the share of requests copied to it
            request.shadowProductionVariants(spec.shadowVariants().stream().map(VariantEndpointRequests::productionVariant).toList());
        }
        spec.dataCapture().ifPresent(c -> request.dataCaptureConfig(dataCapture(c)));
        spec.kmsKeyId().ifPresent(request::kmsKeyId);
        spec.vpc().ifPresent(v -> request.vpcConfig(VpcConfig.builder().subnets(v.subnets()).securityGroupIds(v.securityGroupIds()).build()));
        if (!spec.tags().isEmpty()) {
            request.tags(ComponentEndpointRequests.tags(spec.tags()));
        }
        return new ApiCall(AwsService.SAGEMAKER, "CreateEndpointConfig", "endpoint-config/" + spec.endpointConfigName(),
                reason, request.build(), Set.of());
    }

    /** @return a {@code ProductionVariant} of a production or shadow variant */
    private static ProductionVariant productionVariant(VariantSpec v) {
        ProductionVariant.Builder variant = ProductionVariant.builder()
                .variantName(v.name())
                .modelName(v.model().orElseThrow().name())
                .initialVariantWeight((float) v.initialWeight());
        v.serverless().ifPresentOrElse(s -> {
            ProductionVariantServerlessConfig.Builder config = ProductionVariantServerlessConfig.builder()
                    .memorySizeInMB(s.memoryMb()).maxConcurrency(s.maxConcurrency());
            s.provisionedConcurrency().ifPresent(config::provisionedConcurrency);
            variant.serverlessConfig(config.build());
        }, () -> variant.instanceType(v.instanceType().orElseThrow().name()).initialInstanceCount(v.resolvedInstanceCount()));
        v.volumeSizeGb().ifPresent(variant::volumeSizeInGB);
        v.modelDataDownloadTimeout().ifPresent(d -> variant.modelDataDownloadTimeoutInSeconds(ComponentEndpointRequests.seconds(d)));
        v.containerStartupHealthCheckTimeout().ifPresent(d -> variant.containerStartupHealthCheckTimeoutInSeconds(ComponentEndpointRequests.seconds(d)));
        return variant.build();
    }

    private static DataCaptureConfig dataCapture(DataCaptureSpec c) {
        DataCaptureConfig.Builder config = DataCaptureConfig.builder()
                .enableCapture(c.enabled())
                .initialSamplingPercentage(c.samplingPercentage())
                .destinationS3Uri(c.destinationS3Uri().orElseThrow())
                .captureOptions(c.modes().stream().sorted().map(CaptureMode::awsName)
                        .map(m -> CaptureOption.builder().captureMode(m).build()).toList());
        c.kmsKeyId().ifPresent(config::kmsKeyId);
        if (!c.csvContentTypes().isEmpty() || !c.jsonContentTypes().isEmpty()) {
            CaptureContentTypeHeader.Builder header = CaptureContentTypeHeader.builder();
            if (!c.csvContentTypes().isEmpty()) {
                header.csvContentTypes(c.csvContentTypes());
            }
            if (!c.jsonContentTypes().isEmpty()) {
                header.jsonContentTypes(c.jsonContentTypes());
            }
            config.captureContentTypeHeader(header.build());
        }
        return config.build();
    }

    /** @return the {@code CreateEndpoint} call; the spec's deployment policy is stored with it for {@code RetainDeploymentConfig} */
    public static ApiCall createEndpoint(VariantEndpointSpec spec, String reason) {
        CreateEndpointRequest.Builder request = CreateEndpointRequest.builder()
                .endpointName(spec.name())
                .endpointConfigName(spec.endpointConfigName());
        if (spec.blueGreen().isPresent() || spec.rollingUpdate().isPresent()) {
            request.deploymentConfig(deploymentConfig(spec));
        }
        if (!spec.tags().isEmpty()) {
            request.tags(ComponentEndpointRequests.tags(spec.tags()));
        }
        return new ApiCall(AwsService.SAGEMAKER, "CreateEndpoint", endpointResource(spec), reason, request.build(), Set.of());
    }

    /**
     * @return the {@code UpdateEndpoint} call to the spec's configuration version, with its deployment
     *     policy and rollback alarms (unless the stored policy is retained) and its retention choices
     */
    public static ApiCall updateEndpoint(VariantEndpointSpec spec, String reason) {
        return updateEndpoint(spec, new Retention(spec.retainsVariantProperties(), spec.resolvedExcludedProperties()), reason);
    }

    /**
     * What an update keeps of the live variants ({@code RetainAllVariantProperties} and
     * {@code ExcludeRetainedVariantProperties}).
     *
     * @param retainAll whether live properties are kept
     * @param excluded the properties taken from the new configuration anyway
     */
    public record Retention(boolean retainAll, Set<VariantProperty> excluded) {
    }

    /** @return the {@code UpdateEndpoint} call with this retention, decided by the reconcile from what runs */
    public static ApiCall updateEndpoint(VariantEndpointSpec spec, Retention retention, String reason) {
        UpdateEndpointRequest.Builder request = UpdateEndpointRequest.builder()
                .endpointName(spec.name())
                .endpointConfigName(spec.endpointConfigName());
        if (spec.retainDeploymentConfig()) {
            request.retainDeploymentConfig(true);
        } else if (spec.blueGreen().isPresent() || spec.rollingUpdate().isPresent() || !spec.rollbackAlarms().isEmpty()) {
            request.deploymentConfig(deploymentConfig(spec));
        }
        if (retention.retainAll()) {
            request.retainAllVariantProperties(true);
            if (!retention.excluded().isEmpty()) {
                request.excludeRetainedVariantProperties(retention.excluded().stream().sorted()
                        .map(VariantProperty::awsName)
                        .map(p -> software.amazon.awssdk.services.sagemaker.model.VariantProperty.builder().variantPropertyType(p).build())
                        .toList());
            }
        }
        return new ApiCall(AwsService.SAGEMAKER, "UpdateEndpoint", endpointResource(spec), reason, request.build(), Set.of());
    }

    static DeploymentConfig deploymentConfig(VariantEndpointSpec spec) {
        DeploymentConfig.Builder config = DeploymentConfig.builder();
        spec.blueGreen().ifPresent(b -> config.blueGreenUpdatePolicy(blueGreen(b)));
        spec.rollingUpdate().ifPresent(r -> config.rollingUpdatePolicy(rolling(r)));
        if (spec.blueGreen().isEmpty() && spec.rollingUpdate().isEmpty()) {
            // SageMaker's own default, written out so that the alarms have a policy to belong to.
            config.blueGreenUpdatePolicy(BlueGreenUpdatePolicy.builder().trafficRoutingConfiguration(
                    TrafficRoutingConfig.builder().type("ALL_AT_ONCE").waitIntervalInSeconds(0).build()).build());
        }
        Set<String> alarms = spec.rollbackAlarmNames();
        if (!alarms.isEmpty()) {
            config.autoRollbackConfiguration(AutoRollbackConfig.builder().alarms(alarms.stream()
                    .map(n -> software.amazon.awssdk.services.sagemaker.model.Alarm.builder().alarmName(n).build()).toList()).build());
        }
        return config.build();
    }

    private static BlueGreenUpdatePolicy blueGreen(BlueGreenSpec b) {
        TrafficRoutingConfig.Builder routing = TrafficRoutingConfig.builder()
                .type(b.routing().name())
                .waitIntervalInSeconds(ComponentEndpointRequests.seconds(b.bake()));
        b.stepSize().ifPresent(s -> {
            switch (b.routing()) {
                case CANARY -> routing.canarySize(capacity(s));
                case LINEAR -> routing.linearStepSize(capacity(s));
                case ALL_AT_ONCE -> { }
            }
        });
        BlueGreenUpdatePolicy.Builder policy = BlueGreenUpdatePolicy.builder().trafficRoutingConfiguration(routing.build());
        b.terminationWait().ifPresent(t -> policy.terminationWaitInSeconds(ComponentEndpointRequests.seconds(t)));
        b.maximumExecutionTimeout().ifPresent(t -> policy.maximumExecutionTimeoutInSeconds(ComponentEndpointRequests.seconds(t)));
        return policy.build();
    }

    private static RollingUpdatePolicy rolling(RollingUpdateSpec r) {
        RollingUpdatePolicy.Builder policy = RollingUpdatePolicy.builder()
                .maximumBatchSize(capacity(r.batch()))
                .waitIntervalInSeconds(ComponentEndpointRequests.seconds(r.waitInterval()));
        r.maximumExecutionTimeout().ifPresent(t -> policy.maximumExecutionTimeoutInSeconds(ComponentEndpointRequests.seconds(t)));
        r.rollbackBatch().ifPresent(b -> policy.rollbackMaximumBatchSize(capacity(b)));
        return policy.build();
    }

    private static CapacitySize capacity(Capacity c) {
        return CapacitySize.builder().type(c.unit() == Capacity.Unit.COUNT ? "INSTANCE_COUNT" : "CAPACITY_PERCENT").value(c.value()).build();
    }

    /** @return one {@code PutMetricAlarm} call per rollback alarm and instance-based variant, bound to {@code EndpointName} and {@code VariantName} */
    public static List<ApiCall> putRollbackAlarms(VariantEndpointSpec spec, String reason) {
        List<ApiCall> calls = new ArrayList<>();
        spec.rollbackAlarmNamesByVariant().forEach((variant, names) -> {
            for (int i = 0; i < names.size(); i++) {
                AlarmSpec alarm = spec.rollbackAlarms().get(i);
                calls.add(putVariantAlarm(spec, variant, alarm, names.get(i), "rollback alarm", reason));
            }
        });
        return calls;
    }

    /** @return a {@code PutMetricAlarm} call for an alarm on one variant's metrics */
    public static ApiCall putVariantAlarm(VariantEndpointSpec spec, String variant, AlarmSpec alarm, String name, String role, String reason) {
        return new ApiCall(AwsService.CLOUDWATCH, "PutMetricAlarm", "alarm/" + name, reason,
                ComponentEndpointRequests.putAlarm(alarm, name, alarm.describing(role, "variant " + variant + " of endpoint " + spec.name()),
                        variantDimensions(spec.name(), variant)), Set.of());
    }

    /** @return the dimensions SageMaker publishes a variant's metrics with */
    public static Map<String, String> variantDimensions(String endpointName, String variant) {
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put("EndpointName", endpointName);
        dimensions.put("VariantName", variant);
        return dimensions;
    }

    /** @return the {@code UpdateEndpointWeightsAndCapacities} call that sets these weights */
    public static ApiCall updateWeights(String endpointName, Map<String, Double> weights, String reason) {
        UpdateEndpointWeightsAndCapacitiesRequest request = UpdateEndpointWeightsAndCapacitiesRequest.builder()
                .endpointName(endpointName)
                .desiredWeightsAndCapacities(weights.entrySet().stream().map(e -> DesiredWeightAndCapacity.builder()
                        .variantName(e.getKey()).desiredWeight(e.getValue().floatValue()).build()).toList())
                .build();
        return new ApiCall(AwsService.SAGEMAKER, "UpdateEndpointWeightsAndCapacities", "endpoint/" + endpointName, reason, request, Set.of());
    }
}
