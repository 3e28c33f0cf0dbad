package dev.ballast.testkit.internal.component;

import dev.ballast.testkit.internal.endpoint.EndpointHandler;
import dev.ballast.testkit.internal.endpoint.LiveEndpoint;
import dev.ballast.testkit.internal.endpoint.ModelRecord;
import dev.ballast.testkit.internal.errors.SageMakerErrors;
import dev.ballast.testkit.internal.errors.ValidationReport;
import dev.ballast.testkit.internal.listing.Listing;
import dev.ballast.testkit.internal.listing.Pages;
import dev.ballast.testkit.internal.placement.Fleet;
import dev.ballast.testkit.internal.placement.Revision;
import dev.ballast.testkit.internal.sim.Registry;
import dev.ballast.testkit.internal.sim.Sim;
import dev.ballast.testkit.internal.tags.TagStore;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sagemaker.model.CreateInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateInferenceComponentResponse;
import software.amazon.awssdk.services.sagemaker.model.DeleteInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteInferenceComponentResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentDeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentSpecification;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentRuntimeConfigSummary;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentSummary;
import software.amazon.awssdk.services.sagemaker.model.ListInferenceComponentsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListInferenceComponentsResponse;
import software.amazon.awssdk.services.sagemaker.model.UpdateInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateInferenceComponentResponse;
import software.amazon.awssdk.services.sagemaker.model.UpdateInferenceComponentRuntimeConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateInferenceComponentRuntimeConfigResponse;

/**
 * The inference-component operations
 * (<a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateInferenceComponent.html">
 * Create</a>,
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateInferenceComponent.html">
 * Update</a>,
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateInferenceComponentRuntimeConfig.html">
 * UpdateRuntimeConfig</a>,
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeInferenceComponent.html">
 * Describe</a>,
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListInferenceComponents.html">
 * List</a>,
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DeleteInferenceComponent.html">
 * Delete</a>; rolling updates:
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_InferenceComponentRollingUpdatePolicy.html">
 * InferenceComponentRollingUpdatePolicy</a>).
 *
 * <p>Choices of the fake where SageMaker does not document the behaviour: update and deletion are refused while
 * the component is {@code Creating} (and update while {@code Updating}/{@code Deleting}) with a
 * ValidationException; a specification update without {@code DeploymentConfig} replaces all copies in one batch
 * without baking; Describe shows the old specification until an update succeeds; alarms named in
 * {@code AutoRollbackConfiguration} that do not exist count as not firing.
 */
public final class ComponentHandler {

    static final String COPY_COUNT_ZERO = "Inference components copy count an integer larger than 0";
    static final String ADAPTER_COMPUTE = "ComputeResourceRequirements must not be specified for an adapter inference"
            + " component: it uses the compute resources of its base inference component.";
    static final String ADAPTER_RUNTIME_CONFIG = "RuntimeConfig must not be specified for an adapter inference component:"
            + " it runs on the copies of its base inference component.";
    static final String NOT_SUPPORTED = "Invalid request provided: Inference Components are not supported in this"
            + " Endpoint. Please make sure this endpoint can deploy inference components.";

    private final Sim sim;
    private final Registry<InferenceComponent> components;
    private final TagStore tags;
    private final SageMakerErrors errors;
    private final EndpointHandler endpoints;
    private final ComponentDescriber describer;
    private final SpecificationRules specifications;
    private final UpdatePolicies policies;

    /** @param alarmFiring tells whether a named CloudWatch alarm is in ALARM (rollback alarms) */
    public ComponentHandler(Sim sim, Registry<InferenceComponent> components, Registry<ModelRecord> models,
            TagStore tags, SageMakerErrors errors, EndpointHandler endpoints, Predicate<String> alarmFiring) {
        this.sim = sim;
        this.components = components;
        this.tags = tags;
        this.errors = errors;
        this.endpoints = endpoints;
        this.describer = new ComponentDescriber();
        this.specifications = new SpecificationRules(sim, models, errors);
        this.policies = new UpdatePolicies(sim, errors, alarmFiring);
    }

    public CreateInferenceComponentResponse create(CreateInferenceComponentRequest request) {
        if (request.specification() != null && request.specification().baseInferenceComponentName() != null) {
            return createAdapter(request);
        }
        // optional in the API model, but every component the fake simulates has both
        ValidationReport v = new ValidationReport().notNull(request.specification(), "specification")
                .notNull(request.runtimeConfig(), "runtimeConfig");
        specifications.check(v, request.specification());
        v.throwIfAny(errors);
        if (request.runtimeConfig().copyCount() < 1) {
            throw errors.validation(COPY_COUNT_ZERO);
        }
        TagStore.checkCreate(request.tags(), errors);
        if (components.contains(request.inferenceComponentName())) {
            throw errors.validation("Cannot create already existing inference component \""
                    + sim.arns().inferenceComponent(request.inferenceComponentName()) + "\".");
        }
        LiveEndpoint endpoint = endpoints.find(request.endpointName());
        if (!endpoint.inferenceComponentBased()) {
            throw errors.validation(NOT_SUPPORTED);
        }
        if (endpoint.status() != EndpointStatus.IN_SERVICE && endpoint.status() != EndpointStatus.UPDATING) {
            throw errors.validation("Cannot create inference component on endpoint \"" + endpoint.arn()
                    + "\" because it is in " + endpoint.status() + " status.");
        }
        Fleet fleet = fleetFor(endpoint, request.variantName());
        Revision revision = specifications.revision(1, request.specification(), endpoint, fleet, request.inferenceComponentName());
        InferenceComponent ic = new InferenceComponent(sim, request.inferenceComponentName(), endpoint, fleet, revision,
                request.runtimeConfig().copyCount());
        components.put(ic.name, ic);
        tags.created(ic.arn, request.tags());
        ic.begin(new CreateOperation(ic), InferenceComponentStatus.CREATING);
        return CreateInferenceComponentResponse.builder().inferenceComponentArn(ic.arn).build();
    }

    /**
     * An adapter component (<a href="https://docs.aws.amazon.com/sagemaker/latest/dg/realtime-endpoints-adapt.html">
     * Fine-tune models with adapter inference components</a>): it names its base and the adapter's
     * {@code Container.ArtifactUrl}, has no compute of its own (the API reference: omit
     * {@code ComputeResourceRequirements}) and runs on the base's copies.
     */
    private CreateInferenceComponentResponse createAdapter(CreateInferenceComponentRequest request) {
        var spec = request.specification();
        ValidationReport v = new ValidationReport();
        v.notNull(spec.container() == null ? null : spec.container().artifactUrl(), "specification.container.artifactUrl");
        v.throwIfAny(errors);
        adapterShape(spec, request.runtimeConfig() != null);
        TagStore.checkCreate(request.tags(), errors);
        if (components.contains(request.inferenceComponentName())) {
            throw errors.validation("Cannot create already existing inference component \""
                    + sim.arns().inferenceComponent(request.inferenceComponentName()) + "\".");
        }
        LiveEndpoint endpoint = endpoints.find(request.endpointName());
        if (!endpoint.inferenceComponentBased()) {
            throw errors.validation(NOT_SUPPORTED);
        }
        InferenceComponent base = components.get(spec.baseInferenceComponentName());
        if (base == null || base.endpoint != endpoint) {
            throw errors.validation("Could not find base inference component \""
                    + sim.arns().inferenceComponent(spec.baseInferenceComponentName()) + "\" on endpoint \""
                    + endpoint.arn() + "\".");
        }
        if (base.isAdapter()) {
            throw errors.validation("Inference component \"" + base.arn + "\" is an adapter inference component"
                    + " and cannot be the base of another adapter inference component.");
        }
        if (base.status != InferenceComponentStatus.IN_SERVICE) {
            throw errors.validation("Cannot create adapter inference component on base inference component \""
                    + base.arn + "\" because it is in " + base.status + " status.");
        }
        if (request.variantName() != null && !request.variantName().equals(base.fleet.variantName())) {
            throw errors.validation("Variant " + request.variantName() + " is not the variant "
                    + base.fleet.variantName() + " of base inference component \"" + base.arn + "\".");
        }
        Revision revision = specifications.revision(1, spec, endpoint, base.fleet, request.inferenceComponentName());
        InferenceComponent ic = new InferenceComponent(sim, request.inferenceComponentName(), base, revision);
        components.put(ic.name, ic);
        tags.created(ic.arn, request.tags());
        ic.begin(new AdapterLoadOperation(ic, revision), InferenceComponentStatus.CREATING);
        return CreateInferenceComponentResponse.builder().inferenceComponentArn(ic.arn).build();
    }

    /** What an adapter must leave out: compute (documented) and a copy count and startup parameters (the fake's choice). */
    private void adapterShape(InferenceComponentSpecification spec,
            boolean runtimeConfig) {
        if (spec.computeResourceRequirements() != null) {
            throw errors.validation(ADAPTER_COMPUTE);
        }
        if (runtimeConfig) {
            throw errors.validation(ADAPTER_RUNTIME_CONFIG);
        }
        if (spec.startupParameters() != null || spec.modelName() != null
                || (spec.container() != null && spec.container().image() != null)) {
            throw errors.validation("An adapter inference component specifies only BaseInferenceComponentName and"
                    + " Container.ArtifactUrl; ModelName, Container.Image and StartupParameters are the base's.");
        }
    }

    private Fleet fleetFor(LiveEndpoint endpoint, String variantName) {
        if (variantName == null) {
            if (endpoint.fleets().size() > 1) {
                throw errors.validation(new ValidationReport().notNull(null, "variantName").message());
            }
            return endpoint.fleets().iterator().next();
        }
        Fleet fleet = endpoint.fleet(variantName);
        if (fleet == null) {
            throw errors.validation("Could not find variant " + variantName + " in endpoint \"" + endpoint.arn() + "\".");
        }
        return fleet;
    }

    public DescribeInferenceComponentResponse describe(DescribeInferenceComponentRequest request) {
        InferenceComponent ic = find(request.inferenceComponentName());
        return DescribeInferenceComponentResponse.builder().inferenceComponentName(ic.name)
                .inferenceComponentArn(ic.arn).endpointName(ic.endpoint.name()).endpointArn(ic.endpoint.arn())
                .variantName(ic.fleet.variantName()).failureReason(ic.failureReason)
                .specification(describer.specification(ic.revision, ic.creationTime))
                .runtimeConfig(ic.isAdapter() ? null : InferenceComponentRuntimeConfigSummary.builder()
                        .desiredCopyCount(ic.desiredCopyCount).currentCopyCount(ic.currentCopyCount()).build())
                .creationTime(ic.creationTime).lastModifiedTime(ic.lastModifiedTime)
                .inferenceComponentStatus(ic.status).lastDeploymentConfig(ic.lastDeploymentConfig).build();
    }

    public UpdateInferenceComponentResponse update(UpdateInferenceComponentRequest request) {
        ValidationReport v = new ValidationReport();
        specifications.check(v, request.specification());
        policies.check(v, request.deploymentConfig());
        v.throwIfAny(errors);
        InferenceComponent ic = find(request.inferenceComponentName());
        if (request.specification() == null && request.runtimeConfig() == null) {
            throw errors.validation("At least one of Specification or RuntimeConfig must be provided to update"
                    + " inference component \"" + ic.arn + "\".");
        }
        requireUpdatable(ic);
        if (ic.isAdapter()) {
            return updateAdapter(ic, request);
        }
        if (request.specification() != null && request.specification().baseInferenceComponentName() != null) {
            throw errors.validation("Inference component \"" + ic.arn + "\" is not an adapter inference component;"
                    + " BaseInferenceComponentName cannot be added by an update.");
        }
        int target = request.runtimeConfig() == null ? ic.desiredCopyCount : request.runtimeConfig().copyCount();
        InferenceComponentDeploymentConfig config = request.deploymentConfig();
        if (request.specification() == null) {
            if (config != null) {
                ic.lastDeploymentConfig = config;
            }
            ic.begin(new ScaleOperation(ic, target), InferenceComponentStatus.UPDATING);
            return UpdateInferenceComponentResponse.builder().inferenceComponentArn(ic.arn).build();
        }
        if (target < 1) {
            throw errors.validation(COPY_COUNT_ZERO);
        }
        Revision next = specifications.revision(ic.revision.number() + 1, request.specification(), ic.endpoint, ic.fleet, ic.name);
        ic.begin(policies.rollingUpdate(ic, next, target, config), InferenceComponentStatus.UPDATING);
        return UpdateInferenceComponentResponse.builder().inferenceComponentArn(ic.arn).build();
    }

    /** A new artifact for an adapter: loaded into the base's copies, the old one serving until then. */
    private UpdateInferenceComponentResponse updateAdapter(InferenceComponent ic, UpdateInferenceComponentRequest request) {
        var spec = request.specification();
        if (spec == null) {
            throw errors.validation(ADAPTER_RUNTIME_CONFIG);
        }
        if (!ic.base.name.equals(spec.baseInferenceComponentName())) {
            throw errors.validation("BaseInferenceComponentName of adapter inference component \"" + ic.arn
                    + "\" cannot be changed (it is " + ic.base.name + "); delete it and create it on the other base.");
        }
        ValidationReport v = new ValidationReport();
        v.notNull(spec.container() == null ? null : spec.container().artifactUrl(), "specification.container.artifactUrl");
        v.throwIfAny(errors);
        adapterShape(spec, request.runtimeConfig() != null);
        if (request.deploymentConfig() != null) {
            throw errors.validation("DeploymentConfig must not be specified for an adapter inference component:"
                    + " it has no copies to roll.");
        }
        Revision next = specifications.revision(ic.revision.number() + 1, spec, ic.endpoint, ic.fleet, ic.name);
        ic.begin(new AdapterLoadOperation(ic, next), InferenceComponentStatus.UPDATING);
        return UpdateInferenceComponentResponse.builder().inferenceComponentArn(ic.arn).build();
    }

    public UpdateInferenceComponentRuntimeConfigResponse updateRuntimeConfig(
            UpdateInferenceComponentRuntimeConfigRequest request) {
        InferenceComponent ic = find(request.inferenceComponentName());
        requireUpdatable(ic);
        if (ic.isAdapter()) {
            throw errors.validation(ADAPTER_RUNTIME_CONFIG);
        }
        ic.begin(new ScaleOperation(ic, request.desiredRuntimeConfig().copyCount()), InferenceComponentStatus.UPDATING);
        return UpdateInferenceComponentRuntimeConfigResponse.builder().inferenceComponentArn(ic.arn).build();
    }

    private void requireUpdatable(InferenceComponent ic) {
        if (ic.status != InferenceComponentStatus.IN_SERVICE && ic.status != InferenceComponentStatus.FAILED) {
            throw errors.validation("Cannot update inference component \"" + ic.arn + "\" while it is in "
                    + ic.status + " status.");
        }
    }

    public DeleteInferenceComponentResponse delete(DeleteInferenceComponentRequest request) {
        InferenceComponent ic = find(request.inferenceComponentName());
        if (ic.status == InferenceComponentStatus.DELETING) {
            throw errors.validation("Inference component \"" + ic.arn + "\" is already being deleted"
                    + " (DELETE_IN_PROGRESS).");
        }
        if (ic.status == InferenceComponentStatus.CREATING) {
            throw errors.validation("Cannot delete inference component \"" + ic.arn + "\" while it is in Creating"
                    + " status.");
        }
        List<String> adapters = components.all().stream().filter(a -> a.base == ic).map(a -> a.name).sorted().toList();
        if (!adapters.isEmpty()) {
            throw errors.validation(baseHasAdapters(ic.arn, adapters));
        }
        if (ic.operation != null) {
            // an update in flight is abandoned; its copies are removed like the others
            ic.operation.abandon();
            ic.operation = null;
        }
        ic.begin(new DeleteOperation(ic, () -> {
            components.remove(ic.name);
            tags.removed(ic.arn);
        }), InferenceComponentStatus.DELETING);
        return DeleteInferenceComponentResponse.builder().build();
    }

    /**
     * The refusal of deleting a base that adapters depend on. SageMaker's exact text is not published
     * (only its start is quoted in reports); this one is the fake's.
     */
    static String baseHasAdapters(String arn, List<String> adapters) {
        return "Cannot delete inference component \"" + arn + "\" because it is a base inference component for one"
                + " or more associated adapter inference components: " + String.join(", ", adapters)
                + ". Delete the adapter inference components first.";
    }

    public ListInferenceComponentsResponse list(ListInferenceComponentsRequest request) {
        Pages<InferenceComponentSummary> page = Listing.of(components.all(),
                        (InferenceComponent ic) -> ic.name, ic -> ic.creationTime)
                .sortKey("Status", Comparator.comparing((InferenceComponent ic) -> ic.status.toString()))
                .nameContains(request.nameContains())
                .createdBetween(request.creationTimeAfter(), request.creationTimeBefore())
                .modifiedBetween((InferenceComponent ic) -> ic.lastModifiedTime, request.lastModifiedTimeAfter(), request.lastModifiedTimeBefore())
                .where(request.statusEquals() == null ? null : ic -> ic.status == request.statusEquals())
                .where(request.endpointNameEquals() == null ? null
                        : ic -> ic.endpoint.name().equalsIgnoreCase(request.endpointNameEquals()))
                .where(request.variantNameEquals() == null ? null
                        : ic -> ic.fleet.variantName().equalsIgnoreCase(request.variantNameEquals()))
                .page(request.sortByAsString(), request.sortOrderAsString(), request.maxResults(), request.nextToken(),
                        ic -> InferenceComponentSummary.builder().creationTime(ic.creationTime)
                                .inferenceComponentArn(ic.arn).inferenceComponentName(ic.name)
                                .endpointArn(ic.endpoint.arn()).endpointName(ic.endpoint.name())
                                .variantName(ic.fleet.variantName()).inferenceComponentStatus(ic.status)
                                .lastModifiedTime(ic.lastModifiedTime).build(), errors);
        return ListInferenceComponentsResponse.builder().inferenceComponents(page.items())
                .nextToken(page.nextToken()).build();
    }

    public InferenceComponent find(String name) {
        InferenceComponent ic = components.get(name);
        if (ic == null) {
            throw errors.inferenceComponentNotFound(String.valueOf(name));
        }
        return ic;
    }
}
