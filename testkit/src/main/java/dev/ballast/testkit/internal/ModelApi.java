package dev.ballast.testkit.internal;

import dev.ballast.testkit.TimelineEvent.Kind;
import dev.ballast.testkit.TimelineEvent.ResourceType;
import software.amazon.awssdk.services.sagemaker.model.CreateModelRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateModelResponse;
import software.amazon.awssdk.services.sagemaker.model.DeleteModelRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteModelResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;
import software.amazon.awssdk.services.sagemaker.model.ListModelsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListModelsResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelSummary;

/** CreateModel / DescribeModel / DeleteModel / ListModels (reference §6.1). */
final class ModelApi {

    private final Sim sim;
    private final Resources resources;
    private final SageMakerErrors errors;

    ModelApi(Sim sim, Resources resources, SageMakerErrors errors) {
        this.sim = sim;
        this.resources = resources;
        this.errors = errors;
    }

    CreateModelResponse create(CreateModelRequest request) {
        TagStore.checkCreate(request.tags(), errors);
        String key = Arns.lower(request.modelName());
        if (resources.models.containsKey(key)) {
            throw errors.validation("Cannot create already existing model \"" + sim.arns.model(request.modelName())
                    + "\".");
        }
        ModelRecord model = new ModelRecord(request.modelName(), sim.arns.model(request.modelName()), request,
                sim.now());
        resources.models.put(key, model);
        resources.tags.created(model.arn(), request.tags());
        sim.timeline.record(ResourceType.MODEL, model.name(), Kind.CREATED, null, null, "");
        return CreateModelResponse.builder().modelArn(model.arn()).build();
    }

    DescribeModelResponse describe(DescribeModelRequest request) {
        ModelRecord m = find(request.modelName());
        CreateModelRequest r = m.request();
        return DescribeModelResponse.builder().modelName(m.name()).modelArn(m.arn()).creationTime(m.creationTime())
                .primaryContainer(r.primaryContainer()).containers(r.hasContainers() ? r.containers() : null)
                .inferenceExecutionConfig(r.inferenceExecutionConfig()).executionRoleArn(r.executionRoleArn())
                .vpcConfig(r.vpcConfig()).enableNetworkIsolation(r.enableNetworkIsolation()).build();
    }

    DeleteModelResponse delete(DeleteModelRequest request) {
        ModelRecord m = find(request.modelName());
        // allowed even while an endpoint uses it: only the definition goes (reference §5.1)
        resources.models.remove(Arns.lower(m.name()));
        resources.tags.removed(m.arn());
        sim.timeline.record(ResourceType.MODEL, m.name(), Kind.DELETED, null, null, "");
        return DeleteModelResponse.builder().build();
    }

    ListModelsResponse list(ListModelsRequest request) {
        Pages<ModelSummary> page = Listing.of(resources.models.values(), ModelRecord::name, ModelRecord::creationTime)
                .nameContains(request.nameContains())
                .createdBetween(request.creationTimeAfter(), request.creationTimeBefore())
                .page(request.sortByAsString(), request.sortOrderAsString(), request.maxResults(), request.nextToken(),
                        m -> ModelSummary.builder().modelName(m.name()).modelArn(m.arn())
                                .creationTime(m.creationTime()).build(), errors);
        return ListModelsResponse.builder().models(page.items()).nextToken(page.nextToken()).build();
    }

    private ModelRecord find(String name) {
        ModelRecord m = name == null ? null : resources.models.get(Arns.lower(name));
        if (m == null) {
            throw errors.modelNotFound(String.valueOf(name));
        }
        return m;
    }
}
