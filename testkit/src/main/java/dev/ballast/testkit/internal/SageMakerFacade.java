package dev.ballast.testkit.internal;

import software.amazon.awssdk.services.sagemaker.model.CreateModelRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateModelResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;
import software.amazon.awssdk.services.sagemaker.model.DeleteModelRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteModelResponse;
import software.amazon.awssdk.services.sagemaker.model.ListModelsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListModelsResponse;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointsResponse;
import software.amazon.awssdk.services.sagemaker.model.CreateInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateInferenceComponentResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentResponse;
import software.amazon.awssdk.services.sagemaker.model.UpdateInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateInferenceComponentResponse;
import software.amazon.awssdk.services.sagemaker.model.UpdateInferenceComponentRuntimeConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateInferenceComponentRuntimeConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DeleteInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteInferenceComponentResponse;
import software.amazon.awssdk.services.sagemaker.model.ListInferenceComponentsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListInferenceComponentsResponse;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointWeightsAndCapacitiesRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointWeightsAndCapacitiesResponse;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointResponse;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * {@link SageMakerClient} over the fake world. Operations the fake does not serve keep the
 * interface's default ({@link UnsupportedOperationException}).
 */
final class SageMakerFacade implements SageMakerClient {

    private final World world;

    SageMakerFacade(World world) {
        this.world = world;
    }

    @Override
    public CreateModelResponse createModel(CreateModelRequest request) {
        return world.call(request);
    }

    @Override
    public DescribeModelResponse describeModel(DescribeModelRequest request) {
        return world.call(request);
    }

    @Override
    public DeleteModelResponse deleteModel(DeleteModelRequest request) {
        return world.call(request);
    }

    @Override
    public ListModelsResponse listModels(ListModelsRequest request) {
        return world.call(request);
    }

    @Override
    public CreateEndpointConfigResponse createEndpointConfig(CreateEndpointConfigRequest request) {
        return world.call(request);
    }

    @Override
    public DescribeEndpointConfigResponse describeEndpointConfig(DescribeEndpointConfigRequest request) {
        return world.call(request);
    }

    @Override
    public DeleteEndpointConfigResponse deleteEndpointConfig(DeleteEndpointConfigRequest request) {
        return world.call(request);
    }

    @Override
    public CreateEndpointResponse createEndpoint(CreateEndpointRequest request) {
        return world.call(request);
    }

    @Override
    public DescribeEndpointResponse describeEndpoint(DescribeEndpointRequest request) {
        return world.call(request);
    }

    @Override
    public DeleteEndpointResponse deleteEndpoint(DeleteEndpointRequest request) {
        return world.call(request);
    }

    @Override
    public ListEndpointsResponse listEndpoints(ListEndpointsRequest request) {
        return world.call(request);
    }

    @Override
    public CreateInferenceComponentResponse createInferenceComponent(CreateInferenceComponentRequest request) {
        return world.call(request);
    }

    @Override
    public DescribeInferenceComponentResponse describeInferenceComponent(DescribeInferenceComponentRequest request) {
        return world.call(request);
    }

    @Override
    public UpdateInferenceComponentResponse updateInferenceComponent(UpdateInferenceComponentRequest request) {
        return world.call(request);
    }

    @Override
    public UpdateInferenceComponentRuntimeConfigResponse updateInferenceComponentRuntimeConfig(UpdateInferenceComponentRuntimeConfigRequest request) {
        return world.call(request);
    }

    @Override
    public DeleteInferenceComponentResponse deleteInferenceComponent(DeleteInferenceComponentRequest request) {
        return world.call(request);
    }

    @Override
    public ListInferenceComponentsResponse listInferenceComponents(ListInferenceComponentsRequest request) {
        return world.call(request);
    }

    @Override
    public UpdateEndpointWeightsAndCapacitiesResponse updateEndpointWeightsAndCapacities(
            UpdateEndpointWeightsAndCapacitiesRequest request) {
        return world.call(request);
    }

    @Override
    public UpdateEndpointResponse updateEndpoint(UpdateEndpointRequest request) {
        return world.call(request);
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        // nothing to release: the world outlives its facades
    }
}
