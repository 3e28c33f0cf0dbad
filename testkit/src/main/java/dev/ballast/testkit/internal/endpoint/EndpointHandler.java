package dev.ballast.testkit.internal.endpoint;

import dev.ballast.testkit.ContainerSpec;
import dev.ballast.testkit.internal.errors.SageMakerErrors;
import dev.ballast.testkit.internal.errors.ValidationReport;
import dev.ballast.testkit.internal.listing.Listing;
import dev.ballast.testkit.internal.listing.Pages;
import dev.ballast.testkit.internal.placement.BatchSizes;
import dev.ballast.testkit.internal.placement.Fleet;
import dev.ballast.testkit.internal.sim.Ids;
import dev.ballast.testkit.internal.sim.Registry;
import dev.ballast.testkit.internal.sim.Sim;
import dev.ballast.testkit.internal.tags.TagStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DeployedImage;
import software.amazon.awssdk.services.sagemaker.model.DeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DesiredWeightAndCapacity;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.EndpointSummary;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointsResponse;
import software.amazon.awssdk.services.sagemaker.model.PendingDeploymentSummary;
import software.amazon.awssdk.services.sagemaker.model.PendingProductionVariantSummary;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantServerlessConfig;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointWeightsAndCapacitiesRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointWeightsAndCapacitiesResponse;

/**
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpoint.html">
 * CreateEndpoint</a> /
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeEndpoint.html">
 * DescribeEndpoint</a> /
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateEndpoint.html">
 * UpdateEndpoint</a> /
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateEndpointWeightsAndCapacities.html">
 * UpdateEndpointWeightsAndCapacities</a> /
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DeleteEndpoint.html">
 * DeleteEndpoint</a> /
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListEndpoints.html">ListEndpoints</a>
 * (deployments: <a href="https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails.html">deployment
 * guardrails</a>).
 */
public final class EndpointHandler {

    private final Sim sim;
    private final Registry<LiveEndpoint> endpoints;
    private final Registry<ModelRecord> models;
    private final TagStore tags;
    private final SageMakerErrors errors;
    private final EndpointConfigHandler configs;
    private final EndpointPolicies policies;
    private final BiPredicate<String, String> scalableVariant;
    private final ToIntFunction<LiveEndpoint> componentsOn;

    /**
     * @param alarmFiring tells whether a named CloudWatch alarm is in ALARM (rollback alarms)
     * @param scalableVariant tells whether (endpoint, variant) is registered with Application Auto
     *     Scaling as a {@code sagemaker:variant:DesiredInstanceCount} target
     * @param componentsOn counts the inference components an endpoint hosts
     */
    public EndpointHandler(Sim sim, Registry<LiveEndpoint> endpoints, Registry<ModelRecord> models, TagStore tags,
            SageMakerErrors errors, EndpointConfigHandler configs, Predicate<String> alarmFiring,
            BiPredicate<String, String> scalableVariant, ToIntFunction<LiveEndpoint> componentsOn) {
        this.sim = sim;
        this.endpoints = endpoints;
        this.models = models;
        this.tags = tags;
        this.errors = errors;
        this.configs = configs;
        this.policies = new EndpointPolicies(sim, errors, alarmFiring);
        this.scalableVariant = scalableVariant;
        this.componentsOn = componentsOn;
    }

    /**
     * CreateEndpoint: a DeploymentConfig is validated and stored as LastDeploymentConfig, not applied
     * (<a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpoint.html">
     * CreateEndpoint</a>).
     */
    public CreateEndpointResponse create(CreateEndpointRequest request) {
        policies.check(request.deploymentConfig());
        policies.requireOnePolicy(request.deploymentConfig());
        TagStore.checkCreate(request.tags(), errors);
        if (endpoints.contains(request.endpointName())) {
            throw errors.validation("Cannot create already existing endpoint \""
                    + sim.arns().endpoint(request.endpointName()) + "\".");
        }
        EndpointConfigRecord config = configs.find(request.endpointConfigName());
        Map<String, Integer> instances = new LinkedHashMap<>();
        for (ProductionVariant variant : config.allVariants()) {
            if (variant.modelName() != null && !models.contains(variant.modelName())) {
                throw errors.modelNotFound(variant.modelName());
            }
            if (variant.serverlessConfig() == null) {
                instances.merge(variant.instanceTypeAsString(), variant.initialInstanceCount() == null ? 1
                        : variant.initialInstanceCount(), BatchSizes::sum);
            }
        }
        checkQuota(instances);
        LiveEndpoint endpoint = new LiveEndpoint(sim, request.endpointName(), config, request.deploymentConfig());
        endpoints.put(endpoint.name, endpoint);
        tags.created(endpoint.arn, request.tags());
        endpoint.create(models);
        return CreateEndpointResponse.builder().endpointArn(endpoint.arn).build();
    }

    /**
     * Checks the account's instance quotas against the instances a request adds.
     *
     * @param deltas the instances the request adds at most at once, by instance type
     */
    private void checkQuota(Map<String, Integer> deltas) {
        for (Map.Entry<String, Integer> e : deltas.entrySet()) {
            String type = e.getKey();
            int delta = e.getValue();
            int quota = sim.capacity().quotaOf(type);
            int used = sim.capacity().inUse(type);
            if (quota >= 0 && (long) used + delta > quota) {
                throw errors.resourceLimitExceeded("The account-level service limit '" + type + " for endpoint usage'"
                        + " is " + quota + " Instances, with current utilization of " + used + " Instances and a"
                        + " request delta of " + delta + " Instances. Please use AWS Service Quotas to request an"
                        + " increase for this quota. If AWS Service Quotas is not available, contact AWS support to"
                        + " request an increase for this quota.");
            }
        }
    }

    public DescribeEndpointResponse describe(DescribeEndpointRequest request) {
        LiveEndpoint e = find(request.endpointName());
        List<ProductionVariantSummary> variants = new ArrayList<>();
        for (ProductionVariant v : e.config.request().productionVariants()) {
            Fleet fleet = e.fleet(v.variantName());
            ProductionVariantSummary.Builder summary = ProductionVariantSummary.builder().variantName(v.variantName())
                    .managedInstanceScaling(v.managedInstanceScaling()).routingConfig(v.routingConfig())
                    .variantStatus(e.stages.of(v.variantName()));
            if (fleet.serverless()) {
                ProductionVariantServerlessConfig serverless = e.active.serverlessConfigs.get(fleet);
                summary.currentServerlessConfig(serverless).desiredServerlessConfig(serverless);
            } else {
                summary.currentInstanceCount(fleet.currentInstanceCount())
                        .desiredInstanceCount(fleet.desiredInstanceCount());
            }
            if (v.modelName() != null) {
                float weight = e.active.weights.get(fleet);
                summary.currentWeight(weight).desiredWeight(weight).deployedImages(deployedImages(v, e.creationTime));
            }
            variants.add(summary.build());
        }
        List<ProductionVariantSummary> shadows = new ArrayList<>();
        for (ProductionVariant v : e.config.shadows()) {
            // the same shape as a production variant's summary (DescribeEndpoint's ShadowProductionVariants)
            Fleet fleet = e.active.fleet(v.variantName());
            float weight = e.active.weights.get(fleet);
            shadows.add(ProductionVariantSummary.builder().variantName(v.variantName())
                    .variantStatus(e.stages.of(v.variantName()))
                    .currentInstanceCount(fleet.currentInstanceCount()).desiredInstanceCount(fleet.desiredInstanceCount())
                    .currentWeight(weight).desiredWeight(weight).deployedImages(deployedImages(v, e.creationTime)).build());
        }
        return DescribeEndpointResponse.builder().endpointName(e.name).endpointArn(e.arn)
                .shadowProductionVariants(shadows.isEmpty() ? null : shadows)
                .endpointConfigName(e.config.name()).productionVariants(variants).endpointStatus(e.status)
                .failureReason(e.failureReason).creationTime(e.creationTime).lastModifiedTime(e.lastModifiedTime)
                .lastDeploymentConfig(e.lastDeploymentConfig).pendingDeploymentSummary(pending(e))
                .dataCaptureConfig(e.active.dataCaptureSummary()).build();
    }

    private List<DeployedImage> deployedImages(ProductionVariant v, Instant resolved) {
        ModelRecord model = models.get(v.modelName());
        if (model == null) {
            return List.of();
        }
        // one per container: a pipeline or a multi-container model deploys every container's image
        return model.containers().stream().map(ContainerSpec::image).filter(Objects::nonNull)
                .map(image -> DeployedImage.builder().specifiedImage(image)
                        .resolvedImage(image + "@" + Ids.digestOf(image)).resolutionTime(resolved).build())
                .toList();
    }

    /**
     * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateEndpoint.html">
     * UpdateEndpoint</a> (and
     * <a href="https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails.html">deployment
     * guardrails</a>). On a model-based endpoint: a blue/green deployment of the new config, or a rolling one
     * with a {@code RollingUpdatePolicy}; all at once when a variant is serverless. On an endpoint that hosts
     * inference components: the new config (same variant and instance type; new scaling bounds, counts or
     * routing) applies in place. Changes between the two kinds of endpoint are not simulated
     * (UnsupportedOperationException). The account's instance quotas must allow what the resolved deployment
     * adds at most at once: the whole new fleet (blue/green, with retained counts, and a rolling update of a
     * multi-variant endpoint, which runs blue/green) or one batch (rolling), summed per instance type.
     */
    public UpdateEndpointResponse update(UpdateEndpointRequest request) {
        policies.check(request.deploymentConfig());
        policies.requireOnePolicy(request.deploymentConfig());
        LiveEndpoint e = find(request.endpointName());
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
        for (ProductionVariant variant : next.allVariants()) {
            if (!models.contains(variant.modelName())) {
                throw errors.modelNotFound(variant.modelName());
            }
            checkScalableTarget(e, variant);
        }
        DeploymentConfig used = request.deploymentConfig() != null ? request.deploymentConfig()
                : Boolean.TRUE.equals(request.retainDeploymentConfig()) ? e.lastDeploymentConfig : null;
                EndpointDeployment deployment = policies.deployment(e, next, models,
                RetainedProperties.of(e, next, request), used);
        // blue/green needs the whole new fleet beside the old one, rolling one batch (as the deployment resolved it):
        // https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-blue-green.html,
        // https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-rolling.html
        checkQuota(deployment.extraInstances());
        e.deploy(deployment);
        return UpdateEndpointResponse.builder().endpointArn(e.arn).build();
    }

    /**
     * A variant registered as an Application Auto Scaling target cannot change its instance type (changing only
     * the model is allowed;
     * <a href="https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-scaling-update.html">Update endpoints
     * that use auto scaling</a>). SageMaker does not document the error text; this one says what the developer
     * guide tells users to do.
     */
    private void checkScalableTarget(LiveEndpoint e, ProductionVariant next) {
        Fleet live = e.fleet(next.variantName());
        if (live == null || Objects.equals(live.instanceType(), next.instanceTypeAsString())
                || !scalableVariant.test(e.name, live.variantName())) {
            return;
        }
        throw errors.validation("The instance type of production variant " + live.variantName() + " cannot be changed"
                + " from " + (live.serverless() ? "serverless" : live.instanceType()) + " to "
                + (next.serverlessConfig() != null ? "serverless" : next.instanceTypeAsString())
                + " because the variant is registered as a scalable target with Application Auto Scaling (resource ID"
                + " endpoint/" + e.name + "/variant/" + live.variantName() + "). Delete its scaling policies and call"
                + " DeregisterScalableTarget before updating the endpoint.");
    }

    /** PendingDeploymentSummary: present while a new config is being deployed and not yet serving alone. */
    private PendingDeploymentSummary pending(LiveEndpoint e) {
        EndpointDeployment d = e.deployment;
        if (d == null || e.active == d.green) {
            return null;
        }
        List<PendingProductionVariantSummary> variants = new ArrayList<>();
        for (ProductionVariant v : d.green.config.request().productionVariants()) {
            Fleet fleet = d.green.fleet(v.variantName());
            float weight = d.green.weights.get(fleet);
            PendingProductionVariantSummary.Builder summary = PendingProductionVariantSummary.builder()
                    .variantName(fleet.variantName()).currentWeight(weight).desiredWeight(weight)
                    .variantStatus(d.pendingStages.of(fleet.variantName()))
                    .deployedImages(deployedImages(v, d.startTime));
            if (fleet.serverless()) {
                ProductionVariantServerlessConfig serverless = d.green.serverlessConfigs.get(fleet);
                summary.currentServerlessConfig(serverless).desiredServerlessConfig(serverless);
            } else {
                summary.instanceType(fleet.instanceType()).currentInstanceCount(fleet.currentInstanceCount())
                        .desiredInstanceCount(fleet.desiredInstanceCount());
            }
            variants.add(summary.build());
        }
        return PendingDeploymentSummary.builder().endpointConfigName(d.green.config.name()).startTime(d.startTime)
                .productionVariants(variants).build();
    }

    /**
     * Changes variant weights and instance counts without a new config
     * (<a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateEndpointWeightsAndCapacities.html">
     * UpdateEndpointWeightsAndCapacities</a>). Only an InService endpoint accepts it; a variant with managed
     * instance scaling refuses a desired instance count (its count belongs to the scaling).
     */
    public UpdateEndpointWeightsAndCapacitiesResponse updateWeightsAndCapacities(
            UpdateEndpointWeightsAndCapacitiesRequest request) {
        // the model bounds the list below only; at most ten variants is the fake's own (an endpoint config has at most ten)
        new ValidationReport().maxSize(request.desiredWeightsAndCapacities(), 10, "desiredWeightsAndCapacities")
                .throwIfAny(errors);
        LiveEndpoint e = find(request.endpointName());
        if (e.status != EndpointStatus.IN_SERVICE) {
            throw errors.endpointInProgress(e.name);
        }
        for (DesiredWeightAndCapacity d : request.desiredWeightsAndCapacities()) {
            Fleet fleet = e.fleet(d.variantName());
            if (fleet == null) {
                throw errors.validation("The variant name(s) [" + d.variantName() + "] is/are not present in the"
                        + " current endpoint configuration of endpoint \"" + e.arn + "\".");
            }
            if (d.desiredInstanceCount() != null && fleet.scalingEnabled()) {
                throw errors.validation("DesiredInstanceCount cannot be set for variant " + fleet.variantName()
                        + " because managed instance scaling is enabled for it.");
            }
            // texts of the fake's own: the service's were not captured
            if (d.desiredInstanceCount() != null && fleet.serverless()) {
                throw errors.validation("DesiredInstanceCount cannot be set for serverless variant " + fleet.variantName()
                        + "; use ServerlessUpdateConfig.");
            }
            if (d.serverlessUpdateConfig() != null && !fleet.serverless()) {
                throw errors.validation("ServerlessUpdateConfig can only be set for a serverless variant; variant "
                        + fleet.variantName() + " runs on instances.");
            }
        }
        for (DesiredWeightAndCapacity d : request.desiredWeightsAndCapacities()) {
            Fleet fleet = e.fleet(d.variantName());
            if (d.serverlessUpdateConfig() != null) {
                e.active.updateServerless(fleet, d.serverlessUpdateConfig());
            }
            e.updateCapacity(fleet, d.desiredInstanceCount(), d.desiredWeight());
        }
        return UpdateEndpointWeightsAndCapacitiesResponse.builder().endpointArn(e.arn).build();
    }

    public DeleteEndpointResponse delete(DeleteEndpointRequest request) {
        LiveEndpoint e = find(request.endpointName());
        if (e.inProgress()) {
            throw errors.endpointInProgress(e.name);
        }
        if (componentsOn.applyAsInt(e) > 0) {
            // SageMaker does not document the API's refusal or its text; the fake refuses, as the console does,
            // with its own text
            throw errors.validation("Cannot delete endpoint \"" + e.arn + "\" because it has "
                    + componentsOn.applyAsInt(e) + " inference component(s). Delete the inference components first.");
        }
        // the endpoint and its tags stay while it is Deleting and go when the deletion completes
        e.delete(() -> {
            endpoints.remove(e.name);
            tags.removed(e.arn);
        });
        return DeleteEndpointResponse.builder().build();
    }

    public ListEndpointsResponse list(ListEndpointsRequest request) {
        Pages<EndpointSummary> page = Listing.of(endpoints.all(), (LiveEndpoint e) -> e.name,
                        e -> e.creationTime)
                .sortKey("Status", Comparator.comparing((LiveEndpoint e) -> e.status.toString()))
                .nameContains(request.nameContains())
                .createdBetween(request.creationTimeAfter(), request.creationTimeBefore())
                .modifiedBetween((LiveEndpoint e) -> e.lastModifiedTime, request.lastModifiedTimeAfter(), request.lastModifiedTimeBefore())
                .where(request.statusEquals() == null ? null : e -> e.status == request.statusEquals())
                .page(request.sortByAsString(), request.sortOrderAsString(), request.maxResults(), request.nextToken(),
                        e -> EndpointSummary.builder().endpointName(e.name).endpointArn(e.arn)
                                .creationTime(e.creationTime).lastModifiedTime(e.lastModifiedTime)
                                .endpointStatus(e.status).build(), errors);
        return ListEndpointsResponse.builder().endpoints(page.items()).nextToken(page.nextToken()).build();
    }

    public LiveEndpoint find(String name) {
        LiveEndpoint e = endpoints.get(name);
        if (e == null) {
            throw errors.endpointNotFound(String.valueOf(name));
        }
        return e;
    }
}
