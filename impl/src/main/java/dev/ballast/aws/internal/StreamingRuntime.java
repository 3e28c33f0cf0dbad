package dev.ballast.aws.internal;

import java.util.Optional;
import java.util.function.Supplier;

import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;

/**
 * The asynchronous runtime client a transport streams through: the user's own, or one the
 * transport builds on first use (an asynchronous client starts its own event-loop threads, which a
 * transport that never streams should not pay for) and closes with itself.
 */
public final class StreamingRuntime {

    private final SageMakerRuntimeAsyncClient given;
    private final Supplier<SageMakerRuntimeAsyncClient> factory;
    private SageMakerRuntimeAsyncClient built;

    private StreamingRuntime(SageMakerRuntimeAsyncClient given, Supplier<SageMakerRuntimeAsyncClient> factory) {
        this.given = given;
        this.factory = factory;
    }

    /** @param client the user's client, or null when none was given */
    public static StreamingRuntime given(SageMakerRuntimeAsyncClient client) {
        return new StreamingRuntime(client, null);
    }

    /** @param factory builds the client on the first streamed call */
    public static StreamingRuntime built(Supplier<SageMakerRuntimeAsyncClient> factory) {
        return new StreamingRuntime(null, factory);
    }

    /**
     * @return the client to stream through
     * @throws IllegalStateException if there is none and none can be built
     */
    public synchronized SageMakerRuntimeAsyncClient client() {
        if (given != null) {
            return given;
        }
        if (factory == null) {
            throw new IllegalStateException("AwsTransport has no SageMakerRuntimeAsyncClient for"
                    + " InvokeEndpointWithResponseStreamRequest: pass one to AwsTransport.builder().runtimeAsync(..)");
        }
        if (built == null) {
            built = factory.get();
        }
        return built;
    }

    /** @return the client built here, if one was, for the transport to close */
    public synchronized Optional<SageMakerRuntimeAsyncClient> builtClient() {
        return Optional.ofNullable(built);
    }
}
