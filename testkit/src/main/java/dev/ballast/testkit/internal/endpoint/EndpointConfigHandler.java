package dev.ballast.testkit.internal.endpoint;

import dev.ballast.testkit.TimelineEvent.Kind;
import dev.ballast.testkit.TimelineEvent.ResourceType;
import dev.ballast.testkit.internal.errors.SageMakerErrors;
import dev.ballast.testkit.internal.listing.Listing;
import dev.ballast.testkit.internal.listing.Pages;
import dev.ballast.testkit.internal.sim.Arns;
import dev.ballast.testkit.internal.sim.Registry;
import dev.ballast.testkit.internal.sim.Sim;
import dev.ballast.testkit.internal.tags.TagStore;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointConfigSummary;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointConfigsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointConfigsResponse;
import software.amazon.awssdk.services.sagemaker.model.ManagedInstanceScalingStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantManagedInstanceScaling;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantServerlessConfig;

/**
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpointConfig.html">Create</a>
 * / <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeEndpointConfig.html">
 * Describe</a> /
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DeleteEndpointConfig.html">Delete</a>
 * / <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListEndpointConfigs.html">
 * ListEndpointConfig(s)</a>. Configs are immutable. Serverless variants ({@code ServerlessConfig}) name a model
 * and no instance type; {@code DataCaptureConfig} is checked against its model constraints.
 */
public final class EndpointConfigHandler {

    /** Text for an IC config without ExecutionRoleArn; SageMaker does not document its text, so this one is the fake's. */
    static final String EXECUTION_ROLE_REQUIRED = "ExecutionRoleArn is required for endpoint configurations of"
            + " inference component endpoints (production variants without ModelName).";
    static final String MIS_ONLY_IC = "ManagedInstanceScaling is only supported for inference component endpoints.";
    static final String MIS_MIN_ZERO = "Min instance count needs to be greater than 0 for enabled managed instance"
            + " scaling";
    /**
     * Regions where {@code MinInstanceCount 0} is refused with {@link #MIS_MIN_ZERO}. Scale to zero is
     * documented without a region list
     * (<a href="https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-zero-instances.html">Scale
     * an endpoint to zero instances</a>); a measurement of August 2026 found the identical call accepted in
     * us-east-1 and refused in eu-west-3 (<a href="https://github.com/stdapi-ai/stdapi.ai/issues/43">stdapi-ai/stdapi.ai#43</a>).
     * The fake accepts it in every other region: choose the world's region to get either answer.
     */
    static final java.util.Set<String> NO_SCALE_TO_ZERO_REGIONS = java.util.Set.of("eu-west-3");
    /** Texts of the fake's own for serverless variants; the service's were not captured. */
    static final String SERVERLESS_WITH_INSTANCES = "A production variant cannot specify both ServerlessConfig and"
            + " InstanceType; variant ";
    static final String SERVERLESS_NEEDS_MODEL = "A serverless production variant must specify ModelName; variant ";

    private final Sim sim;
    private final Registry<EndpointConfigRecord> configs;
    private final Registry<ModelRecord> models;
    private final TagStore tags;
    private final SageMakerErrors errors;

    public EndpointConfigHandler(Sim sim, Registry<EndpointConfigRecord> configs, Registry<ModelRecord> models, TagStore tags,
            SageMakerErrors errors) {
        this.sim = sim;
        this.configs = configs;
        this.models = models;
        this.tags = tags;
        this.errors = errors;
    }

    public CreateEndpointConfigResponse create(CreateEndpointConfigRequest request) {
        List<ProductionVariant> variants = request.productionVariants();
        TagStore.checkCreate(request.tags(), errors);
        if (configs.contains(request.endpointConfigName())) {
            throw errors.validation("Cannot create already existing endpoint configuration \""
                    + sim.arns().endpointConfig(request.endpointConfigName()) + "\".");
        }
        Set<String> names = new HashSet<>();
        for (ProductionVariant variant : variants) {
            if (!names.add(Arns.lower(variant.variantName()))) {
                throw errors.validation("Duplicate variant name " + variant.variantName()
                        + " in the production variants of endpoint configuration " + request.endpointConfigName() + ".");
            }
        }
        List<ProductionVariant> shadows = request.hasShadowProductionVariants() ? request.shadowProductionVariants() : List.of();
        for (ProductionVariant variant : shadows) {
            if (!names.add(Arns.lower(variant.variantName()))) {
                throw errors.validation("Duplicate variant name " + variant.variantName() + " in the production and shadow"
                        + " variants of endpoint configuration " + request.endpointConfigName() + ".");
            }
        }
        boolean icBased = variants.stream().allMatch(p -> p.modelName() == null);
        if (!shadows.isEmpty()) {
            checkShadows(request, variants, shadows, icBased);
        }
        List<ProductionVariant> all = new java.util.ArrayList<>(variants);
        all.addAll(shadows);
        for (ProductionVariant variant : all) {
            if (variant.modelName() != null && !models.contains(variant.modelName())) {
                throw errors.modelNotFound(variant.modelName());
            }
            ProductionVariantManagedInstanceScaling mis = variant.managedInstanceScaling();
            if (mis != null && !icBased) {
                throw errors.validation(MIS_ONLY_IC);
            }
            if (mis != null && mis.status() == ManagedInstanceScalingStatus.ENABLED) {
                if (mis.minInstanceCount() != null && mis.minInstanceCount() == 0
                        && NO_SCALE_TO_ZERO_REGIONS.contains(sim.options().region())) {
                    throw errors.validation(MIS_MIN_ZERO);
                }
                if (mis.minInstanceCount() != null && mis.maxInstanceCount() != null
                        && mis.minInstanceCount() > mis.maxInstanceCount()) {
                    throw errors.validation("MinInstanceCount (" + mis.minInstanceCount()
                            + ") must be less than or equal to MaxInstanceCount (" + mis.maxInstanceCount() + ").");
                }
            }
            if (variant.routingConfig() != null && !icBased) {
                throw errors.validation("RoutingConfig is only supported for inference component endpoints.");
            }
            if (variant.instanceType() == null && variant.serverlessConfig() == null) {
                throw errors.validation("Instance type must be provided for production variant "
                        + variant.variantName() + ".");
            }
            if (variant.serverlessConfig() != null && variant.instanceType() != null) {
                throw errors.validation(SERVERLESS_WITH_INSTANCES + variant.variantName() + ".");
            }
            if (variant.serverlessConfig() != null && variant.modelName() == null) {
                throw errors.validation(SERVERLESS_NEEDS_MODEL + variant.variantName() + ".");
            }
            ProductionVariantServerlessConfig serverless = variant.serverlessConfig();
            if (serverless != null && serverless.memorySizeInMB() != null && serverless.memorySizeInMB() % 1024 != 0) {
                throw errors.validation("MemorySizeInMB of serverless variant " + variant.variantName()
                        + " must be a multiple of 1024 (1024, 2048, 3072, 4096, 5120 or 6144).");
            }
            if (serverless != null && serverless.provisionedConcurrency() != null && serverless.maxConcurrency() != null
                    && serverless.provisionedConcurrency() > serverless.maxConcurrency()) {
                throw errors.validation("ProvisionedConcurrency (" + serverless.provisionedConcurrency()
                        + ") of serverless variant " + variant.variantName()
                        + " must be less than or equal to MaxConcurrency (" + serverless.maxConcurrency() + ").");
            }
        }
        if (icBased && request.executionRoleArn() == null) {
            throw errors.validation(EXECUTION_ROLE_REQUIRED);
        }
        EndpointConfigRecord config = new EndpointConfigRecord(request.endpointConfigName(),
                sim.arns().endpointConfig(request.endpointConfigName()), request, sim.now());
        configs.put(config.name(), config);
        tags.created(config.arn(), request.tags());
        sim.timeline().record(ResourceType.ENDPOINT_CONFIG, config.name(), Kind.CREATED, null, null,
                icBased ? "inference component endpoint" : "model endpoint");
        return CreateEndpointConfigResponse.builder().endpointConfigArn(config.arn()).build();
    }

    /**
     * The rules of shadow variants
     * (<a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpointConfig.html">CreateEndpointConfig</a>:
     * "If you use this field, you can only specify one variant for ProductionVariants and one variant for
     * ShadowProductionVariants"; <a href="https://docs.aws.amazon.com/sagemaker/latest/dg/shadow-tests-create.html">shadow
     * tests</a> do not support serverless inference, and name a model on both variants). The service's texts are not
     * documented; these are the fake's.
     */
    private void checkShadows(CreateEndpointConfigRequest request, List<ProductionVariant> variants, List<ProductionVariant> shadows,
            boolean icBased) {
        if (variants.size() != 1 || shadows.size() != 1) {
            throw errors.validation(SHADOW_ONE_EACH + " Endpoint configuration " + request.endpointConfigName() + " has "
                    + variants.size() + " production and " + shadows.size() + " shadow variants.");
        }
        ProductionVariant shadow = shadows.get(0);
        if (icBased || shadow.modelName() == null) {
            throw errors.validation("Shadow variant " + shadow.variantName() + " and production variant "
                    + variants.get(0).variantName() + " must both specify ModelName: inference component endpoints do not"
                    + " support shadow variants.");
        }
        if (shadow.serverlessConfig() != null || variants.get(0).serverlessConfig() != null) {
            throw errors.validation("Shadow variants are not supported for serverless production variants; variant "
                    + (shadow.serverlessConfig() != null ? shadow : variants.get(0)).variantName() + ".");
        }
    }

    static final String SHADOW_ONE_EACH = "An endpoint configuration with ShadowProductionVariants must have exactly one"
            + " production variant and one shadow variant.";

    public DescribeEndpointConfigResponse describe(DescribeEndpointConfigRequest request) {
        EndpointConfigRecord c = find(request.endpointConfigName());
        CreateEndpointConfigRequest r = c.request();
        return DescribeEndpointConfigResponse.builder().endpointConfigName(c.name()).endpointConfigArn(c.arn())
                .creationTime(c.creationTime()).productionVariants(r.productionVariants())
                .dataCaptureConfig(r.dataCaptureConfig()).kmsKeyId(r.kmsKeyId())
                .asyncInferenceConfig(r.asyncInferenceConfig()).explainerConfig(r.explainerConfig())
                .shadowProductionVariants(r.hasShadowProductionVariants() ? r.shadowProductionVariants() : null)
                .executionRoleArn(r.executionRoleArn()).vpcConfig(r.vpcConfig())
                .enableNetworkIsolation(r.enableNetworkIsolation()).metricsConfig(r.metricsConfig()).build();
    }

    public DeleteEndpointConfigResponse delete(DeleteEndpointConfigRequest request) {
        EndpointConfigRecord c = find(request.endpointConfigName());
        // allowed while an endpoint uses it:
        // https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DeleteEndpointConfig.html
        configs.remove(c.name());
        tags.removed(c.arn());
        sim.timeline().record(ResourceType.ENDPOINT_CONFIG, c.name(), Kind.DELETED, null, null, "");
        return DeleteEndpointConfigResponse.builder().build();
    }

    public ListEndpointConfigsResponse list(ListEndpointConfigsRequest request) {
        Pages<EndpointConfigSummary> page = Listing.of(configs.all(), EndpointConfigRecord::name,
                        EndpointConfigRecord::creationTime)
                .nameContains(request.nameContains())
                .createdBetween(request.creationTimeAfter(), request.creationTimeBefore())
                .page(request.sortByAsString(), request.sortOrderAsString(), request.maxResults(), request.nextToken(),
                        c -> EndpointConfigSummary.builder().endpointConfigName(c.name()).endpointConfigArn(c.arn())
                                .creationTime(c.creationTime()).build(), errors);
        return ListEndpointConfigsResponse.builder().endpointConfigs(page.items()).nextToken(page.nextToken())
                .build();
    }

    public EndpointConfigRecord find(String name) {
        EndpointConfigRecord c = configs.get(name);
        if (c == null) {
            throw errors.endpointConfigNotFound(String.valueOf(name));
        }
        return c;
    }
}
