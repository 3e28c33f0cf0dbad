package dev.ballast.testkit.internal.world;

import dev.ballast.spi.StreamedResponse;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.reactivestreams.FlowAdapters;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.sagemakerruntime.model.ResponseStream;

/**
 * The SDK's {@link SageMakerRuntimeAsyncClient} over the fake world, as one dynamic proxy (as
 * {@link ClientFacade} is for the plain clients): {@code invokeEndpoint} answers a completed future;
 * {@code invokeEndpointWithResponseStream(request, handler)} follows the SDK's handler contract:
 * {@code responseReceived} with the initial members, {@code onEventStream} with an
 * {@link SdkPublisher} of the {@code PayloadPart}s (paced on the virtual clock as the subscriber
 * asks for them), then {@code complete()} once the subscriber has seen the end, or
 * {@code exceptionOccurred} with the error (answered before the stream, or in its middle; wrapped in
 * a {@code CompletionException}, as the SDK's async pipeline hands it over); the returned future
 * completes after either. The overloads the interface defines by default (the
 * {@code Consumer<Builder>} ones) end in these two. Any other operation throws
 * {@link UnsupportedOperationException} naming itself and the operations served, as the plain
 * clients' facades do.
 */
final class AsyncRuntimeFacade implements InvocationHandler {

    private final World world;

    private AsyncRuntimeFacade(World world) {
        this.world = world;
    }

    static SageMakerRuntimeAsyncClient of(World world) {
        return (SageMakerRuntimeAsyncClient) Proxy.newProxyInstance(SageMakerRuntimeAsyncClient.class.getClassLoader(),
                new Class<?>[] {SageMakerRuntimeAsyncClient.class}, new AsyncRuntimeFacade(world));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        int arity = args == null ? 0 : args.length;
        String name = method.getName();
        if (arity == 0) {
            switch (name) {
                case "serviceName":
                    return SageMakerRuntimeAsyncClient.SERVICE_NAME;
                case "close":
                    return null; // nothing to release: the world outlives its clients
                case "toString":
                    return "FakeSageMakerRuntimeAsyncClient";
                case "hashCode":
                    return System.identityHashCode(proxy);
                default:
                    break;
            }
        }
        if (arity == 1 && "equals".equals(name)) {
            return proxy == args[0];
        }
        if (arity == 2 && args[0] instanceof InvokeEndpointWithResponseStreamRequest request
                && args[1] instanceof InvokeEndpointWithResponseStreamResponseHandler handler) {
            return stream(request, handler);
        }
        if (arity == 1 && args[0] instanceof SdkRequest request
                && CompletableFuture.class.isAssignableFrom(method.getReturnType())
                && served().contains(operation(name))) {
            try {
                return CompletableFuture.completedFuture(world.execute(request));
            } catch (AwsServiceException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        if (method.isDefault()) {
            try {
                return InvocationHandler.invokeDefault(proxy, method, args);
            } catch (UnsupportedOperationException e) {
                if (e.getMessage() != null) {
                    throw e;
                }
                // the interface's own bare default: say what is served
            }
        }
        throw new UnsupportedOperationException("The fake's SageMakerRuntimeAsyncClient does not offer " + name
                + "(..); it serves " + served());
    }

    private List<String> served() {
        return world.servedOperations(SageMakerRuntimeAsyncClient.class.getPackageName() + ".model");
    }

    private static String operation(String methodName) {
        return Character.toUpperCase(methodName.charAt(0)) + methodName.substring(1);
    }

    private CompletableFuture<Void> stream(InvokeEndpointWithResponseStreamRequest request,
            InvokeEndpointWithResponseStreamResponseHandler handler) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        StreamedResponse opened;
        try {
            opened = world.executeStream(request).join();
        } catch (CompletionException e) {
            fail(handler, done, e.getCause());
            return done;
        }
        handler.responseReceived((InvokeEndpointWithResponseStreamResponse) opened.response());
        SdkPublisher<SdkPojo> events = SdkPublisher.adapt(FlowAdapters.toPublisher(opened.events()));
        handler.onEventStream(events.map(event -> (ResponseStream) event)
                .doAfterOnComplete(() -> {
                    handler.complete();
                    done.complete(null);
                })
                .doAfterOnError(error -> fail(handler, done, error)));
        return done;
    }

    /**
     * As the SDK's async pipeline reports a failure, before or in the middle of the stream: the
     * handler's {@code exceptionOccurred} and the returned future both get a
     * {@link CompletionException} whose cause is the service's exception ({@code join()} throws
     * it, {@code get()} throws an {@code ExecutionException} with the service's exception as cause).
     */
    private static void fail(InvokeEndpointWithResponseStreamResponseHandler handler, CompletableFuture<Void> done,
            Throwable error) {
        CompletionException wrapped = error instanceof CompletionException c ? c : new CompletionException(error);
        handler.exceptionOccurred(wrapped);
        done.completeExceptionally(wrapped);
    }
}
