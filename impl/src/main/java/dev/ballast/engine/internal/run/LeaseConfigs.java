package dev.ballast.engine.internal.run;

import dev.ballast.engine.internal.call.ResilientCaller;
import dev.ballast.error.TransportException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/** What a lease and the engine's heartbeat share: both are endpoint configurations no endpoint uses. */
final class LeaseConfigs {

    /** How many times a lease's or heartbeat's write is tried when the service answers neither yes nor no (a 5xx, a lost answer). */
    static final int ATTEMPTS = 5;

    private LeaseConfigs() {
    }

    /**
     * Deletes the configuration; a delete is safe to repeat, so a 5xx or a lost answer is tried
     * again (up to {@link #ATTEMPTS} times), and one already gone is deleted.
     */
    static CompletableFuture<Void> delete(ResilientCaller calls, String name) {
        return delete(calls, name, 1);
    }

    private static CompletableFuture<Void> delete(ResilientCaller calls, String name, int attempt) {
        return calls.call(DeleteEndpointConfigRequest.builder().endpointConfigName(name).build(),
                DeleteEndpointConfigResponse.class).thenApply(r -> (Void) null)
                .exceptionallyCompose(failure -> {
                    Throwable cause = unwrap(failure);
                    if (isGone(cause)) {
                        return CompletableFuture.completedFuture(null);
                    }
                    if (cause instanceof TransportException t && t.retryable() && attempt < ATTEMPTS) {
                        return delete(calls, name, attempt + 1);
                    }
                    return CompletableFuture.failedFuture(cause);
                });
    }

    /** @return whether SageMaker answered that the configuration does not exist */
    static boolean isGone(Throwable cause) {
        return cause instanceof TransportException t && t.serviceMessage().startsWith("Could not find endpoint configuration");
    }

    static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
