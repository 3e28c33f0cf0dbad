package dev.ballast.testkit.internal.endpoint;

import dev.ballast.testkit.TimelineEvent.Kind;
import dev.ballast.testkit.TimelineEvent.ResourceType;
import dev.ballast.testkit.internal.errors.SageMakerErrors;
import dev.ballast.testkit.internal.listing.Listing;
import dev.ballast.testkit.internal.listing.Pages;
import dev.ballast.testkit.internal.sim.Registry;
import dev.ballast.testkit.internal.sim.Sim;
import dev.ballast.testkit.internal.tags.TagStore;
import software.amazon.awssdk.services.sagemaker.model.CreateModelRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateModelResponse;
import software.amazon.awssdk.services.sagemaker.model.DeleteModelRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteModelResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;
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
        ModelRecord model = new ModelRecord(request.modelName(), sim.arns().model(request.modelName()), request,
                sim.now());
        models.put(model.name(), model);
        tags.created(model.arn(), request.tags());
        sim.timeline().record(ResourceType.MODEL, model.name(), Kind.CREATED, null, null, "");
        return CreateModelResponse.builder().modelArn(model.arn()).build();
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
