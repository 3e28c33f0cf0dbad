package dev.ballast.testkit.internal.endpoint;

import dev.ballast.testkit.TimelineEvent.Kind;
import dev.ballast.testkit.TimelineEvent.ResourceType;
import dev.ballast.testkit.internal.errors.SageMakerErrors;
import dev.ballast.testkit.internal.listing.Listing;
import dev.ballast.testkit.internal.listing.Pages;
import dev.ballast.testkit.internal.sim.Registry;
import dev.ballast.testkit.internal.sim.Sim;
import dev.ballast.testkit.internal.tags.TagStore;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.CreateModelRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateModelResponse;
import software.amazon.awssdk.services.sagemaker.model.DeleteModelRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteModelResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;
import software.amazon.awssdk.services.sagemaker.model.InferenceExecutionMode;
import software.amazon.awssdk.services.sagemaker.model.ListModelsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListModelsResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelSummary;

/**
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateModel.html">CreateModel</a> /
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeModel.html">DescribeModel</a>
 * / <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DeleteModel.html">DeleteModel</a> /
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListModels.html">ListModels</a>.
 */
public final class ModelHandler {

    private final Sim sim;
    private final Registry<ModelRecord> models;
    private final TagStore tags;
    private final SageMakerErrors errors;

    public ModelHandler(Sim sim, Registry<ModelRecord> models, TagStore tags, SageMakerErrors errors) {
        this.sim = sim;
        this.models = models;
        this.tags = tags;
        this.errors = errors;
    }

    public CreateModelResponse create(CreateModelRequest request) {
        TagStore.checkCreate(request.tags(), errors);
        if (models.contains(request.modelName())) {
            throw errors.validation("Cannot create already existing model \"" + sim.arns().model(request.modelName())
                    + "\".");
        }
        checkContainers(request);
        ModelRecord model = new ModelRecord(request.modelName(), sim.arns().model(request.modelName()), request,
                sim.now());
        models.put(model.name(), model);
        tags.created(model.arn(), request.tags());
        sim.timeline().record(ResourceType.MODEL, model.name(), Kind.CREATED, null, null, "");
        return CreateModelResponse.builder().modelArn(model.arn()).build();
    }

    /**
     * The rules of a model of several containers beyond its shapes (at most 15 containers, the hostname's
     * pattern), from
     * <a href="https://docs.aws.amazon.com/sagemaker/latest/dg/multi-container-create.html">creating a
     * multi-container endpoint</a> and
     * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ContainerDefinition.html">
     * ContainerDefinition</a>: {@code Containers} instead of {@code PrimaryContainer}, not both; with direct
     * invocation every container has a {@code ContainerHostname}; in a pipeline either every container has one
     * or none has (SageMaker then assigns them by position); hostnames are unique. A model needs a container:
     * {@code PrimaryContainer} or {@code Containers} (neither is marked required by the API reference, but a
     * model without one has nothing to run); {@code InferenceExecutionConfig} "specifies details of how
     * containers in a multi-container endpoint are called"
     * (<a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_InferenceExecutionConfig.html">
     * InferenceExecutionConfig</a>), so it is refused beside a single {@code PrimaryContainer}. The texts are
     * the fake's (ValidationException): the service's are not documented, nor found in public reports.
     */
    private void checkContainers(CreateModelRequest request) {
        boolean several = request.hasContainers() && !request.containers().isEmpty();
        if (!several && request.primaryContainer() == null) {
            throw errors.validation("Model " + request.modelName() + " has no container: specify either PrimaryContainer"
                    + " or Containers.");
        }
        if (!several && request.inferenceExecutionConfig() != null) {
            throw errors.validation("InferenceExecutionConfig applies only to a model of several containers (Containers);"
                    + " model " + request.modelName() + " has a single PrimaryContainer.");
        }
        if (!several) {
            return;
        }
        if (request.primaryContainer() != null) {
            throw errors.validation("Cannot specify both PrimaryContainer and Containers for model "
                    + request.modelName() + ".");
        }
        List<ContainerDefinition> containers = request.containers();
        boolean direct = request.inferenceExecutionConfig() != null
                && request.inferenceExecutionConfig().mode() == InferenceExecutionMode.DIRECT;
        long named = containers.stream().filter(c -> c.containerHostname() != null).count();
        if (direct && named < containers.size()) {
            throw errors.validation("ContainerHostname must be specified for every container of model "
                    + request.modelName() + " when InferenceExecutionConfig.Mode is Direct.");
        }
        if (named > 0 && named < containers.size()) {
            throw errors.validation("ContainerHostname must be specified for every container of model "
                    + request.modelName() + " or for none of them.");
        }
        Set<String> seen = new HashSet<>();
        for (ContainerDefinition c : containers) {
            if (c.containerHostname() != null && !seen.add(c.containerHostname())) {
                throw errors.validation("ContainerHostname " + c.containerHostname() + " is used by more than one"
                        + " container of model " + request.modelName() + "; container hostnames must be unique.");
            }
        }
    }

    public DescribeModelResponse describe(DescribeModelRequest request) {
        ModelRecord m = find(request.modelName());
        CreateModelRequest r = m.request();
        return DescribeModelResponse.builder().modelName(m.name()).modelArn(m.arn()).creationTime(m.creationTime())
                .primaryContainer(r.primaryContainer()).containers(r.hasContainers() ? r.containers() : null)
                .inferenceExecutionConfig(r.inferenceExecutionConfig()).executionRoleArn(r.executionRoleArn())
                .vpcConfig(r.vpcConfig()).enableNetworkIsolation(r.enableNetworkIsolation()).build();
    }

    public DeleteModelResponse delete(DeleteModelRequest request) {
        ModelRecord m = find(request.modelName());
        // allowed even while an endpoint uses it: only the definition goes
        // https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DeleteModel.html
        models.remove(m.name());
        tags.removed(m.arn());
        sim.timeline().record(ResourceType.MODEL, m.name(), Kind.DELETED, null, null, "");
        return DeleteModelResponse.builder().build();
    }

    public ListModelsResponse list(ListModelsRequest request) {
        Pages<ModelSummary> page = Listing.of(models.all(), ModelRecord::name, ModelRecord::creationTime)
                .nameContains(request.nameContains())
                .createdBetween(request.creationTimeAfter(), request.creationTimeBefore())
                .page(request.sortByAsString(), request.sortOrderAsString(), request.maxResults(), request.nextToken(),
                        m -> ModelSummary.builder().modelName(m.name()).modelArn(m.arn())
                                .creationTime(m.creationTime()).build(), errors);
        return ListModelsResponse.builder().models(page.items()).nextToken(page.nextToken()).build();
    }

    private ModelRecord find(String name) {
        ModelRecord m = models.get(name);
        if (m == null) {
            throw errors.modelNotFound(String.valueOf(name));
        }
        return m;
    }
}
