package dev.ballast.engine.internal.compile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.sagemaker.model.AutoRollbackConfig;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentCapacitySize;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentComputeResourceRequirements;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentContainerSpecification;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentDeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentRollingUpdatePolicy;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentRuntimeConfig;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentSpecification;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStartupParameters;
import software.amazon.awssdk.services.sagemaker.model.ManagedInstanceScalingStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantManagedInstanceScaling;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantRoutingConfig;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.UpdateInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateInferenceComponentRuntimeConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.VpcConfig;

import dev.ballast.plan.ApiCall;
import dev.ballast.plan.AwsService;
import dev.ballast.spec.AlarmSpec;
import dev.ballast.spec.Capacity;
import dev.ballast.spec.ComponentSpec;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spec.RollingUpdateSpec;

/**
 * Turns a valid spec into SDK requests, one resource at a time. A pure function of the spec: the
 * planner (and later the reconciler, which compares them with what runs) picks which of these
 * requests a plan needs.
 */
public final class ComponentEndpointRequests {

    private static final String ENVIRONMENT_PATH = "Specification.Container.Environment.";

    private ComponentEndpointRequests() {
    }

    /** @return the {@code CreateEndpointConfig} call for the spec's current configuration version */
    public static ApiCall createEndpointConfig(ComponentEndpointSpec spec, String reason) {
        ProductionVariant.Builder variant = ProductionVariant.builder()
                .variantName(spec.variantName())
                .instanceType(spec.instanceType().name())
                .initialInstanceCount(spec.resolvedInitialInstanceCount());
        spec.modelDataDownloadTimeout().ifPresent(d -> variant.modelDataDownloadTimeoutInSeconds(seconds(d)));
        spec.containerStartupHealthCheckTimeout().ifPresent(d -> variant.containerStartupHealthCheckTimeoutInSeconds(seconds(d)));
        spec.scaling().ifPresent(s -> variant.managedInstanceScaling(ProductionVariantManagedInstanceScaling.builder()
                .status(ManagedInstanceScalingStatus.ENABLED).minInstanceCount(s.min()).maxInstanceCount(s.max()).build()));
        spec.routing().ifPresent(r -> variant.routingConfig(ProductionVariantRoutingConfig.builder().routingStrategy(r.name()).build()));

        CreateEndpointConfigRequest.Builder request = CreateEndpointConfigRequest.builder()
                .endpointConfigName(spec.endpointConfigName())
                .productionVariants(variant.build());
        spec.executionRoleArn().ifPresent(request::executionRoleArn);
        spec.kmsKeyId().ifPresent(request::kmsKeyId);
        spec.vpc().ifPresent(v -> request.vpcConfig(VpcConfig.builder().subnets(v.subnets()).securityGroupIds(v.securityGroupIds()).build()));
        if (!spec.tags().isEmpty()) {
            request.tags(tags(spec.tags()));
        }
        return new ApiCall(AwsService.SAGEMAKER, "CreateEndpointConfig", "endpoint-config/" + spec.endpointConfigName(),
                reason, request.build(), Set.of());
    }

    /** @return the {@code CreateEndpoint} call */
    public static ApiCall createEndpoint(ComponentEndpointSpec spec, String reason) {
        CreateEndpointRequest.Builder request = CreateEndpointRequest.builder()
                .endpointName(spec.name())
                .endpointConfigName(spec.endpointConfigName());
        if (!spec.tags().isEmpty()) {
            request.tags(tags(spec.tags()));
        }
        return new ApiCall(AwsService.SAGEMAKER, "CreateEndpoint", endpointResource(spec), reason, request.build(), Set.of());
    }

    /**
     * @return the spec's components in the order they can be created: the base components in the
     *     spec's order, then the adapters (SageMaker creates an adapter only on an existing base)
     */
    public static List<ComponentSpec> inCreationOrder(ComponentEndpointSpec spec) {
        List<ComponentSpec> ordered = new ArrayList<>(spec.components().stream().filter(c -> !c.isAdapter()).toList());
        ordered.addAll(spec.components().stream().filter(ComponentSpec::isAdapter).toList());
        return ordered;
    }

    /** @return one {@code PutMetricAlarm} call per rollback alarm of the component, in order */
    public static List<ApiCall> putAlarms(ComponentEndpointSpec spec, ComponentSpec component, String reason) {
        List<ApiCall> calls = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        for (AlarmSpec alarm : component.rollingUpdate().map(RollingUpdateSpec::rollbackAlarms).orElse(List.of())) {
            String name = alarm.resolvedName(spec.name(), component.name());
            if (done.add(name)) {
                calls.add(new ApiCall(AwsService.CLOUDWATCH, "PutMetricAlarm", "alarm/" + name, reason,
                        putAlarm(alarm, name, alarm.resolvedDescription(component.name()),
                                Map.of("InferenceComponentName", component.name())), Set.of()));
            }
        }
        return calls;
    }

    /**
     * @param boundDimensions the dimensions of the SageMaker resource the alarm watches; used
     *     unless the alarm (on a custom namespace) has its own
     */
    static PutMetricAlarmRequest putAlarm(AlarmSpec alarm, String name, String description, Map<String, String> boundDimensions) {
        List<Dimension> dimensions = new ArrayList<>();
        if (alarm.dimensions().isEmpty()) {
            boundDimensions.forEach((k, v) -> dimensions.add(Dimension.builder().name(k).value(v).build()));
        } else {
            alarm.dimensions().forEach((k, v) -> dimensions.add(Dimension.builder().name(k).value(v).build()));
        }
        PutMetricAlarmRequest.Builder request = PutMetricAlarmRequest.builder()
                .alarmName(name)
                .alarmDescription(description)
                .actionsEnabled(true)
                .metricName(alarm.metricName())
                .namespace(alarm.namespace())
                .statistic(alarm.statistic().awsName())
                .dimensions(dimensions)
                .period(seconds(alarm.period()))
                .evaluationPeriods(alarm.evaluationPeriods())
                .threshold(alarm.threshold().orElseThrow())
                .comparisonOperator(alarm.comparison().awsName());
        alarm.datapointsToAlarm().ifPresent(request::datapointsToAlarm);
        alarm.treatMissingData().ifPresent(m -> request.treatMissingData(m.awsName()));
        return request.build();
    }

    /**
     * @return the {@code CreateInferenceComponent} call; for an adapter only its base's name and its
     *     {@code Container.ArtifactUrl}
     */
    public static ApiCall createComponent(ComponentEndpointSpec spec, ComponentSpec component, String reason) {
        if (component.isAdapter()) {
            // an adapter runs on its base's copies, on the base's variant: no RuntimeConfig, no VariantName
            CreateInferenceComponentRequest adapter = CreateInferenceComponentRequest.builder()
                    .inferenceComponentName(component.name())
                    .endpointName(spec.name())
                    .specification(specification(component))
                    .build();
            return new ApiCall(AwsService.SAGEMAKER, "CreateInferenceComponent", componentResource(component), reason,
                    adapter, Set.of());
        }
        CreateInferenceComponentRequest request = CreateInferenceComponentRequest.builder()
                .inferenceComponentName(component.name())
                .endpointName(spec.name())
                .variantName(spec.variantName())
                .specification(specification(component))
                .runtimeConfig(InferenceComponentRuntimeConfig.builder().copyCount(component.copies().orElseThrow()).build())
                .build();
        return new ApiCall(AwsService.SAGEMAKER, "CreateInferenceComponent", componentResource(component), reason,
                request, secretPaths(component));
    }

    /**
     * @param copyCount the copy count to send with the new specification, or empty to keep the
     *     current one
     * @return the {@code UpdateInferenceComponent} call with the component's rolling policy, if it has one
     */
    public static ApiCall updateComponent(ComponentSpec component, Optional<Integer> copyCount, String endpointName, String reason) {
        UpdateInferenceComponentRequest.Builder request = UpdateInferenceComponentRequest.builder()
                .inferenceComponentName(component.name())
                .specification(specification(component));
        if (component.isAdapter()) {
            // a new artifact is loaded into the base's copies: there is no copy count or rollout to send
            return new ApiCall(AwsService.SAGEMAKER, "UpdateInferenceComponent", componentResource(component), reason,
                    request.build(), Set.of());
        }
        copyCount.ifPresent(n -> request.runtimeConfig(InferenceComponentRuntimeConfig.builder().copyCount(n).build()));
        component.rollingUpdate().ifPresent(r -> request.deploymentConfig(deploymentConfig(r, endpointName, component.name())));
        return new ApiCall(AwsService.SAGEMAKER, "UpdateInferenceComponent", componentResource(component), reason,
                request.build(), secretPaths(component));
    }

    /** @return the {@code UpdateInferenceComponentRuntimeConfig} call that sets the copy count */
    public static ApiCall scaleComponent(ComponentSpec component, int copyCount, String reason) {
        UpdateInferenceComponentRuntimeConfigRequest request = UpdateInferenceComponentRuntimeConfigRequest.builder()
                .inferenceComponentName(component.name())
                .desiredRuntimeConfig(InferenceComponentRuntimeConfig.builder().copyCount(copyCount).build())
                .build();
        return new ApiCall(AwsService.SAGEMAKER, "UpdateInferenceComponentRuntimeConfig", componentResource(component), reason,
                request, Set.of());
    }

    private static InferenceComponentDeploymentConfig deploymentConfig(RollingUpdateSpec r, String endpointName, String componentName) {
        InferenceComponentRollingUpdatePolicy.Builder policy = InferenceComponentRollingUpdatePolicy.builder()
                .maximumBatchSize(capacity(r.batch()))
                .waitIntervalInSeconds(seconds(r.waitInterval()));
        r.maximumExecutionTimeout().ifPresent(t -> policy.maximumExecutionTimeoutInSeconds(seconds(t)));
        r.rollbackBatch().ifPresent(b -> policy.rollbackMaximumBatchSize(capacity(b)));
        InferenceComponentDeploymentConfig.Builder config = InferenceComponentDeploymentConfig.builder()
                .rollingUpdatePolicy(policy.build());
        if (!r.rollbackAlarms().isEmpty()) {
            List<software.amazon.awssdk.services.sagemaker.model.Alarm> alarms = r.rollbackAlarms().stream()
                    .map(a -> a.resolvedName(endpointName, componentName)).distinct()
                    .map(n -> software.amazon.awssdk.services.sagemaker.model.Alarm.builder().alarmName(n).build())
                    .toList();
            config.autoRollbackConfiguration(AutoRollbackConfig.builder().alarms(alarms).build());
        }
        return config.build();
    }

    private static InferenceComponentCapacitySize capacity(Capacity c) {
        return InferenceComponentCapacitySize.builder()
                .type(c.unit() == Capacity.Unit.COUNT ? "COPY_COUNT" : "CAPACITY_PERCENT")
                .value(c.value())
                .build();
    }

    /**
     * @return the container environment SageMaker receives: plain values, then secret values
     *     revealed. Send or compare it; never print or log it.
     */
    public static Map<String, String> containerEnvironment(ComponentSpec c) {
        return containerEnvironment(c.environment(), c.secretEnvironment());
    }

    /** The one place a secret value is revealed for a container: plain values, then secret ones. */
    static Map<String, String> containerEnvironment(Map<String, String> plain, Map<String, dev.ballast.Secret> secret) {
        Map<String, String> environment = new LinkedHashMap<>(plain);
        secret.forEach((k, v) -> environment.put(k, v.reveal()));
        return environment;
    }

    private static InferenceComponentSpecification specification(ComponentSpec c) {
        if (c.isAdapter()) {
            // SageMaker: the base's name and the adapter's ArtifactUrl; omit ComputeResourceRequirements
            return InferenceComponentSpecification.builder()
                    .baseInferenceComponentName(c.baseComponent().get())
                    .container(InferenceComponentContainerSpecification.builder().artifactUrl(c.modelDataUrl().orElseThrow()).build())
                    .build();
        }
        Map<String, String> environment = containerEnvironment(c);
        InferenceComponentContainerSpecification.Builder container = InferenceComponentContainerSpecification.builder()
                .image(c.image().orElseThrow());
        c.modelDataUrl().ifPresent(container::artifactUrl);
        if (!environment.isEmpty()) {
            container.environment(environment);
        }
        InferenceComponentComputeResourceRequirements.Builder compute = InferenceComponentComputeResourceRequirements.builder()
                .minMemoryRequiredInMb(c.minMemoryMb().orElseThrow());
        c.accelerators().ifPresent(a -> compute.numberOfAcceleratorDevicesRequired(a.floatValue()));
        c.cpuCores().ifPresent(cpu -> compute.numberOfCpuCoresRequired(cpu.floatValue()));
        c.maxMemoryMb().ifPresent(compute::maxMemoryRequiredInMb);

        InferenceComponentSpecification.Builder spec = InferenceComponentSpecification.builder()
                .container(container.build())
                .computeResourceRequirements(compute.build());
        if (c.modelDataDownloadTimeout().isPresent() || c.containerStartupHealthCheckTimeout().isPresent()) {
            InferenceComponentStartupParameters.Builder startup = InferenceComponentStartupParameters.builder();
            c.modelDataDownloadTimeout().ifPresent(d -> startup.modelDataDownloadTimeoutInSeconds(seconds(d)));
            c.containerStartupHealthCheckTimeout().ifPresent(d -> startup.containerStartupHealthCheckTimeoutInSeconds(seconds(d)));
            spec.startupParameters(startup.build());
        }
        return spec.build();
    }

    /** @return the request paths of the component's secret environment values */
    public static Set<String> secretPaths(ComponentSpec c) {
        Set<String> paths = new LinkedHashSet<>();
        c.secretEnvironment().keySet().forEach(k -> paths.add(ENVIRONMENT_PATH + k));
        return paths;
    }

    static List<Tag> tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    /** @return {@code endpoint/<name>} */
    public static String endpointResource(ComponentEndpointSpec spec) {
        return "endpoint/" + spec.name();
    }

    /** @return {@code inference-component/<name>} */
    public static String componentResource(ComponentSpec c) {
        return "inference-component/" + c.name();
    }

    static int seconds(Duration d) {
        return Math.toIntExact(d.getSeconds());
    }
}
