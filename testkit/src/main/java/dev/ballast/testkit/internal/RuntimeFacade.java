package dev.ballast.testkit.internal;

import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;

/** {@link SageMakerRuntimeClient} over the fake world: {@code InvokeEndpoint} only. */
final class RuntimeFacade implements SageMakerRuntimeClient {

    private final World world;

    RuntimeFacade(World world) {
        this.world = world;
    }

    @Override
    public InvokeEndpointResponse invokeEndpoint(InvokeEndpointRequest request) {
        return world.call(request);
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
