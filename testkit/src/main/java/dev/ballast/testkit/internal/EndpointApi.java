package dev.ballast.testkit.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DeployedImage;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.EndpointSummary;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointsResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;
import software.amazon.awssdk.services.sagemaker.model.DesiredWeightAndCapacity;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.sagemaker.model.BlueGreenUpdatePolicy;
import software.amazon.awssdk.services.sagemaker.model.DeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.PendingDeploymentSummary;
import software.amazon.awssdk.services.sagemaker.model.PendingProductionVariantSummary;
import software.amazon.awssdk.services.sagemaker.model.TrafficRoutingConfig;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.VariantProperty;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointWeightsAndCapacitiesRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointWeightsAndCapacitiesResponse;

/** CreateEndpoint / DescribeEndpoint / DeleteEndpoint / ListEndpoints (reference §5.3, §6.3, §6.6). */
final class EndpointApi {

    private final Sim sim;
    private final Resources resources;
    private final SageMakerErrors errors;
    private final EndpointConfigApi configs;
    private final CloudWatchService cloudWatch;

    EndpointApi(Sim sim, Resources resources, SageMakerErrors errors, EndpointConfigApi configs,
            CloudWatchService cloudWatch) {
        this.sim = sim;
        this.resources = resources;
        this.errors = errors;
        this.configs = configs;
        this.cloudWatch = cloudWatch;
    }

    CreateEndpointResponse create(CreateEndpointRequest request) {
        new Violations().notNull(request.endpointName(), "endpointName")
                .name(request.endpointName(), "endpointName", Violations.ENDPOINT_NAME)
                .notNull(request.endpointConfigName(), "endpointConfigName")
                .name(request.endpointConfigName(), "endpointConfigName", Violations.ENDPOINT_NAME)
                .throwIfAny(errors);
        String key = Arns.lower(request.endpointName());
        if (resources.endpoints.containsKey(key)) {
            throw errors.validation("Cannot create already existing endpoint \""
                    + sim.arns.endpoint(request.endpointName()) + "\".");
        }
        EndpointConfigRecord config = configs.find(request.endpointConfigName());
        for (ProductionVariant v : config.request().productionVariants()) {
            if (v.modelName() != null && !resources.models.containsKey(Arns.lower(v.modelName()))) {
                throw errors.modelNotFound(v.modelName());
            }
            checkQuota(v);
        }
        Endpoint endpoint = new Endpoint(sim, request.endpointName(), config, request.deploymentConfig());
        resources.endpoints.put(key, endpoint);
        endpoint.create(resources.models);
        return CreateEndpointResponse.builder().endpointArn(endpoint.arn).build();
    }

    private void checkQuota(ProductionVariant v) {
        String type = v.instanceTypeAsString();
        int quota = sim.capacity.quotaOf(type);
        int delta = v.initialInstanceCount() == null ? 1 : v.initialInstanceCount();
        int used = sim.capacity.inUse(type);
        if (quota >= 0 && used + delta > quota) {
            throw errors.resourceLimitExceeded("The account-level service limit '" + type + " for endpoint usage' is "
                    + quota + " Instances, with current utilization of " + used + " Instances and a request delta of "
                    + delta + " Instances. Please use AWS Service Quotas to request an increase for this quota. If AWS"
                    + " Service Quotas is not available, contact AWS support to request an increase for this quota.");
        }
    }

    DescribeEndpointResponse describe(DescribeEndpointRequest request) {
        Endpoint e = find(request.endpointName());
        List<ProductionVariantSummary> variants = new ArrayList<>();
        for (ProductionVariant v : e.config.request().productionVariants()) {
            Fleet fleet = e.fleet(v.variantName());
            ProductionVariantSummary.Builder summary = ProductionVariantSummary.builder().variantName(v.variantName())
                    .currentInstanceCount(fleet.currentInstanceCount())
                    .desiredInstanceCount(fleet.desiredInstanceCount())
                    .managedInstanceScaling(v.managedInstanceScaling()).routingConfig(v.routingConfig());
            if (v.modelName() != null) {
                float weight = e.active.weights.get(fleet);
                summary.currentWeight(weight).desiredWeight(weight);
                ModelRecord model = resources.models.get(Arns.lower(v.modelName()));
                String image = model == null ? null : model.container().image();
                if (image != null) {
                    summary.deployedImages(DeployedImage.builder().specifiedImage(image)
                            .resolvedImage(image + "@" + Ids.digestOf(image)).resolutionTime(e.creationTime).build());
                }
            }
            variants.add(summary.build());
        }
        return DescribeEndpointResponse.builder().endpointName(e.name).endpointArn(e.arn)
                .endpointConfigName(e.config.name()).productionVariants(variants).endpointStatus(e.status)
                .failureReason(e.failureReason).creationTime(e.creationTime).lastModifiedTime(e.lastModifiedTime)
                .lastDeploymentConfig(e.lastDeploymentConfig).pendingDeploymentSummary(pending(e)).build();
    }

    /**
     * UpdateEndpoint (reference §6.4, §7.1). On a model-based endpoint: a blue/green deployment of
     * the new config. On an endpoint that hosts inference components: the new config (same variant
     * and instance type; new scaling bounds, counts or routing) applies in place. Endpoint rolling
     * updates ({@code RollingUpdatePolicy}) and other changes of component endpoints are not
     * simulated and fail with UnsupportedOperationException.
     */
    UpdateEndpointResponse update(UpdateEndpointRequest request) {
        Violations v = new Violations().notNull(request.endpointName(), "endpointName")
                .name(request.endpointName(), "endpointName", Violations.ENDPOINT_NAME)
                .notNull(request.endpointConfigName(), "endpointConfigName")
                .name(request.endpointConfigName(), "endpointConfigName", Violations.ENDPOINT_NAME);
        checkDeploymentConfig(v, request.deploymentConfig());
        v.throwIfAny(errors);
        Endpoint e = find(request.endpointName());
        if (e.status != EndpointStatus.IN_SERVICE) {
            throw errors.endpointInProgress(e.name);
        }
        EndpointConfigRecord next = configs.find(request.endpointConfigName());
        if (e.inferenceComponentBased() && next.inferenceComponentBased()) {
            e.reconfigure(next);
            return UpdateEndpointResponse.builder().endpointArn(e.arn).build();
        }
        if (e.inferenceComponentBased() || next.inferenceComponentBased()) {
            throw new UnsupportedOperationException("FakeSageMaker does not simulate UpdateEndpoint between an endpoint"
                    + " that hosts inference components and a model-based config: endpoint " + e.name + ", config " + next.name());
        }
        if (request.deploymentConfig() != null && request.deploymentConfig().rollingUpdatePolicy() != null) {
            throw new UnsupportedOperationException("FakeSageMaker does not simulate endpoint RollingUpdatePolicy"
                    + " deployments; use BlueGreenUpdatePolicy");
        }
        for (ProductionVariant variant : next.request().productionVariants()) {
            if (!resources.models.containsKey(Arns.lower(variant.modelName()))) {
                throw errors.modelNotFound(variant.modelName());
            }
            checkQuota(variant);
        }
        DeploymentConfig used = request.deploymentConfig() != null ? request.deploymentConfig()
                : Boolean.TRUE.equals(request.retainDeploymentConfig()) ? e.lastDeploymentConfig : null;
        e.deploy(new BlueGreenDeployment(sim, e, next, resources.models, retainedCounts(e, next, request), used,
                cloudWatch::inAlarm));
        return UpdateEndpointResponse.builder().endpointArn(e.arn).build();
    }

    /** RetainAllVariantProperties: the live instance counts, unless DesiredInstanceCount is excluded. */
    private static Map<String, Integer> retainedCounts(Endpoint e, EndpointConfigRecord next,
            UpdateEndpointRequest request) {
        Map<String, Integer> counts = new HashMap<>();
        boolean excluded = request.hasExcludeRetainedVariantProperties() && request.excludeRetainedVariantProperties()
                .stream().map(VariantProperty::variantPropertyTypeAsString).anyMatch("DesiredInstanceCount"::equals);
        if (!Boolean.TRUE.equals(request.retainAllVariantProperties()) || excluded) {
            return counts;
        }
        for (ProductionVariant variant : next.request().productionVariants()) {
            Fleet live = e.fleet(variant.variantName());
            if (live != null) {
                counts.put(Arns.lower(variant.variantName()), live.desiredInstanceCount());
            }
        }
        return counts;
    }

    private static void checkDeploymentConfig(Violations v, DeploymentConfig config) {
        if (config == null) {
            return;
        }
        BlueGreenUpdatePolicy policy = config.blueGreenUpdatePolicy();
        String p = "deploymentConfig.blueGreenUpdatePolicy";
        if (policy != null) {
            TrafficRoutingConfig routing = policy.trafficRoutingConfiguration();
            v.notNull(routing, p + ".trafficRoutingConfiguration")
                    .min(policy.terminationWaitInSeconds(), 0, p + ".terminationWaitInSeconds")
                    .max(policy.terminationWaitInSeconds(), 3600, p + ".terminationWaitInSeconds")
                    .min(policy.maximumExecutionTimeoutInSeconds(), 600, p + ".maximumExecutionTimeoutInSeconds")
                    .max(policy.maximumExecutionTimeoutInSeconds(), 28800, p + ".maximumExecutionTimeoutInSeconds");
            if (routing != null) {
                String r = p + ".trafficRoutingConfiguration";
                v.notNull(routing.typeAsString(), r + ".type")
                        .oneOf(routing.typeAsString(), List.of("ALL_AT_ONCE", "CANARY", "LINEAR"), r + ".type")
                        .notNull(routing.waitIntervalInSeconds(), r + ".waitIntervalInSeconds")
                        .min(routing.waitIntervalInSeconds(), 0, r + ".waitIntervalInSeconds")
                        .max(routing.waitIntervalInSeconds(), 3600, r + ".waitIntervalInSeconds");
                if ("CANARY".equals(routing.typeAsString())) {
                    v.notNull(routing.canarySize(), r + ".canarySize");
                }
                if ("LINEAR".equals(routing.typeAsString())) {
                    v.notNull(routing.linearStepSize(), r + ".linearStepSize");
                }
            }
        }
        if (config.autoRollbackConfiguration() != null && config.autoRollbackConfiguration().hasAlarms()) {
            v.size(config.autoRollbackConfiguration().alarms(), 1, 10, "deploymentConfig.autoRollbackConfiguration.alarms");
        }
    }

    /** PendingDeploymentSummary: present while a new config is being deployed and not yet serving alone. */
    private static PendingDeploymentSummary pending(Endpoint e) {
        BlueGreenDeployment d = e.deployment;
        if (d == null || e.active == d.green) {
            return null;
        }
        List<PendingProductionVariantSummary> variants = new ArrayList<>();
        for (Fleet fleet : d.green.all()) {
            float weight = d.green.weights.get(fleet);
            variants.add(PendingProductionVariantSummary.builder().variantName(fleet.variantName)
                    .instanceType(fleet.instanceType).currentInstanceCount(fleet.currentInstanceCount())
                    .desiredInstanceCount(fleet.desiredInstanceCount()).currentWeight(weight).desiredWeight(weight)
                    .build());
        }
        return PendingDeploymentSummary.builder().endpointConfigName(d.green.config.name()).startTime(d.startTime)
                .productionVariants(variants).build();
    }

    /**
     * Changes variant weights and instance counts without a new config (reference §6.5). Only an
     * InService endpoint accepts it; a variant with managed instance scaling refuses a desired
     * instance count (its count belongs to the scaling).
     */
    UpdateEndpointWeightsAndCapacitiesResponse updateWeightsAndCapacities(
            UpdateEndpointWeightsAndCapacitiesRequest request) {
        Violations v = new Violations().notNull(request.endpointName(), "endpointName")
                .notNull(request.hasDesiredWeightsAndCapacities() ? request.desiredWeightsAndCapacities() : null,
                        "desiredWeightsAndCapacities");
        if (request.hasDesiredWeightsAndCapacities()) {
            v.size(request.desiredWeightsAndCapacities(), 1, 10, "desiredWeightsAndCapacities");
            for (int i = 0; i < request.desiredWeightsAndCapacities().size(); i++) {
                DesiredWeightAndCapacity d = request.desiredWeightsAndCapacities().get(i);
                String path = "desiredWeightsAndCapacities." + (i + 1) + ".member.";
                v.notNull(d.variantName(), path + "variantName").min(d.desiredWeight(), 0, path + "desiredWeight")
                        .min(d.desiredInstanceCount(), 0, path + "desiredInstanceCount");
            }
        }
        v.throwIfAny(errors);
        Endpoint e = find(request.endpointName());
        if (e.status != EndpointStatus.IN_SERVICE) {
            throw errors.endpointInProgress(e.name);
        }
        for (DesiredWeightAndCapacity d : request.desiredWeightsAndCapacities()) {
            Fleet fleet = e.fleet(d.variantName());
            if (fleet == null) {
                throw errors.validation("The variant name(s) [" + d.variantName() + "] is/are not present in the"
                        + " current endpoint configuration of endpoint \"" + e.arn + "\".");
            }
            if (d.desiredInstanceCount() != null && fleet.scalingEnabled) {
                throw errors.validation("DesiredInstanceCount cannot be set for variant " + fleet.variantName
                        + " because managed instance scaling is enabled for it.");
            }
        }
        for (DesiredWeightAndCapacity d : request.desiredWeightsAndCapacities()) {
            e.updateCapacity(e.fleet(d.variantName()), d.desiredInstanceCount(), d.desiredWeight());
        }
        return UpdateEndpointWeightsAndCapacitiesResponse.builder().endpointArn(e.arn).build();
    }

    DeleteEndpointResponse delete(DeleteEndpointRequest request) {
        Endpoint e = find(request.endpointName());
        if (e.inProgress()) {
            throw errors.endpointInProgress(e.name);
        }
        if (resources.componentsOn(e) > 0) {
            // the API text is not documented (reference §14); the console refuses the same way
            throw errors.validation("Cannot delete endpoint \"" + e.arn + "\" because it has "
                    + resources.componentsOn(e) + " inference component(s). Delete the inference components first.");
        }
        e.delete(() -> resources.endpoints.remove(Arns.lower(e.name)));
        return DeleteEndpointResponse.builder().build();
    }

    ListEndpointsResponse list(ListEndpointsRequest request) {
        Comparator<Endpoint> order = switch (request.sortByAsString() == null ? "CreationTime"
                : request.sortByAsString()) {
            case "Name" -> Comparator.comparing((Endpoint e) -> e.name);
            case "Status" -> Comparator.comparing((Endpoint e) -> e.status.toString());
            default -> Comparator.comparing((Endpoint e) -> e.creationTime);
        };
        if (!"Ascending".equals(request.sortOrderAsString())) {
            order = order.reversed();
        }
        List<EndpointSummary> all = resources.endpoints.values().stream()
                .filter(e -> request.nameContains() == null || e.name.contains(request.nameContains()))
                .filter(e -> request.statusEquals() == null || e.status == request.statusEquals())
                .filter(e -> request.creationTimeAfter() == null || e.creationTime.isAfter(request.creationTimeAfter()))
                .filter(e -> request.creationTimeBefore() == null
                        || e.creationTime.isBefore(request.creationTimeBefore()))
                .sorted(order)
                .map(e -> EndpointSummary.builder().endpointName(e.name).endpointArn(e.arn)
                        .creationTime(e.creationTime).lastModifiedTime(e.lastModifiedTime).endpointStatus(e.status)
                        .build())
                .toList();
        Pages<EndpointSummary> page = Pages.of(all, request.maxResults(), request.nextToken(), errors);
        return ListEndpointsResponse.builder().endpoints(page.items()).nextToken(page.nextToken()).build();
    }

    Endpoint find(String name) {
        Endpoint e = name == null ? null : resources.endpoints.get(Arns.lower(name));
        if (e == null) {
            throw errors.endpointNotFound(String.valueOf(name));
        }
        return e;
    }
}
