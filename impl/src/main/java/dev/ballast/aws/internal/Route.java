package dev.ballast.aws.internal;

import java.util.Objects;
import java.util.function.BiFunction;

import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

/**
 * One row of the dispatch table: which client serves a request type, and which of its methods.
 *
 * @param clientType the SDK client interface, for example {@code SageMakerClient}
 * @param requestType the SDK request type, for example {@code CreateEndpointRequest}
 * @param call the client method, for example {@code SageMakerClient::createEndpoint}
 * @param <C> the client type
 * @param <Q> the request type
 */
public record Route<C extends SdkClient, Q extends SdkRequest>(Class<C> clientType, Class<Q> requestType,
                                                                BiFunction<C, Q, ? extends SdkResponse> call) {

    public Route {
        Objects.requireNonNull(clientType, "clientType");
        Objects.requireNonNull(requestType, "requestType");
        Objects.requireNonNull(call, "call");
    }

    /**
     * Sends the request through the client.
     *
     * @param client an instance of {@link #clientType()}
     * @param request an instance of {@link #requestType()}
     * @return the client's response; failures propagate exactly as the client throws them
     */
    public SdkResponse invoke(SdkClient client, SdkRequest request) {
        return call.apply(clientType.cast(client), requestType.cast(request));
    }
}
