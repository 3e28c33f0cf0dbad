package dev.ballast.testkit.internal.endpoint;

import dev.ballast.testkit.ContainerSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.CreateModelRequest;
import software.amazon.awssdk.services.sagemaker.model.InferenceExecutionMode;

/**
 * A model: immutable, echoed by DescribeModel.
 *
 * @param name the name as given
 * @param arn the ARN
 * @param request the create request (echoed)
 * @param creationTime when it was created
 */
public record ModelRecord(String name, String arn, CreateModelRequest request, Instant creationTime) {

    /** @return the container a model-based variant runs (primary, else the first of the list) */
    public ContainerSpec container() {
        return containers().get(0);
    }

    /**
     * @return the containers every copy of the model runs, in the order given: the primary container alone, or
     *     each of {@code Containers} with its hostname (by position, {@code container-N}, in a pipeline that
     *     names none); a spec without image when the model has no container
     */
    public List<ContainerSpec> containers() {
        if (request.primaryContainer() != null || !request.hasContainers() || request.containers().isEmpty()) {
            ContainerDefinition c = request.primaryContainer();
            return List.of(c == null ? new ContainerSpec(name, null, null) : new ContainerSpec(name, c.image(), c.environment()));
        }
        List<ContainerSpec> specs = new ArrayList<>();
        List<ContainerDefinition> list = request.containers();
        for (int i = 0; i < list.size(); i++) {
            ContainerDefinition c = list.get(i);
            String hostname = c.containerHostname() == null ? "container-" + (i + 1) : c.containerHostname();
            specs.add(new ContainerSpec(name, c.image(), c.environment(), hostname));
        }
        return List.copyOf(specs);
    }

    /**
     * @return how the model's containers run: {@code Direct} when configured so, {@code Serial} for any other
     *     list of containers (SageMaker's default), null for a single primary container
     */
    public InferenceExecutionMode executionMode() {
        if (request.primaryContainer() != null || !request.hasContainers() || request.containers().isEmpty()) {
            return null;
        }
        return request.inferenceExecutionConfig() != null
                && request.inferenceExecutionConfig().mode() == InferenceExecutionMode.DIRECT
                ? InferenceExecutionMode.DIRECT : InferenceExecutionMode.SERIAL;
    }
}
