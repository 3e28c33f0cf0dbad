package dev.ballast.testkit.internal.endpoint;

import dev.ballast.testkit.ContainerSpec;
import java.time.Instant;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.CreateModelRequest;

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
        ContainerDefinition c = request.primaryContainer() != null ? request.primaryContainer()
                : request.hasContainers() && !request.containers().isEmpty() ? request.containers().get(0) : null;
        return c == null ? new ContainerSpec(name, null, null) : new ContainerSpec(name, c.image(), c.environment());
    }
}
