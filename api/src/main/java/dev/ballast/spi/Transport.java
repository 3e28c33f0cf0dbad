package dev.ballast.spi;

import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

/**
 * The one way Ballast talks to AWS: an SDK request in, its SDK response out.
 *
 * <p>Implementations route a request to the service that owns it (SageMaker, SageMaker Runtime,
 * CloudWatch, Application Auto Scaling) and return that service's response type, for example a
 * {@code CreateEndpointConfigRequest} yields a {@code CreateEndpointConfigResponse}. Failures are
 * thrown as the AWS SDK throws them ({@code SageMakerException} with its error code and request
 * id, {@code CloudWatchException}, ...); the engine translates them into Ballast's own
 * exceptions.
 *
 * <p>Cross-cutting behaviour (logging, recording, retry, rate limiting) is added by wrapping a
 * transport, never by subclassing one. The fake in {@code ballast-testkit} implements this
 * interface natively.
 */
@FunctionalInterface
public interface Transport {

    /**
     * Executes one request.
     *
     * @param request an AWS SDK v2 request of one of the supported services
     * @return the matching SDK response
     * @throws UnsupportedOperationException if the request belongs to no service this transport serves
     */
    SdkResponse execute(SdkRequest request);

    /**
     * Executes one request whose answer is an event stream: SageMaker Runtime's
     * {@code InvokeEndpointWithResponseStreamRequest}. The stage completes once the stream is open,
     * with the response's initial members (content type, invoked variant) and a publisher of its
     * events ({@code PayloadPart}s) as they arrive; an error answered before the stream opened
     * ({@code ValidationError}, {@code ModelError}, {@code ModelNotReadyException}, a throttle)
     * fails the stage with the SDK's exception, as {@link #execute(SdkRequest)} would throw it. An
     * error in the middle of the stream ({@code ModelStreamError}, {@code InternalStreamFailure})
     * is signalled to the events' subscriber with the SDK's exception.
     *
     * <p>The default throws {@link UnsupportedOperationException}: a transport that only
     * executes calls with a whole answer need not stream.
     *
     * @param request the streaming request
     * @return the stream, once open
     * @throws UnsupportedOperationException if this transport does not stream
     */
    default CompletableFuture<StreamedResponse> executeStream(SdkRequest request) {
        throw new UnsupportedOperationException(getClass().getName() + " does not stream answers ("
                + request.getClass().getSimpleName() + "); use a transport that does, such as AwsTransport with a"
                + " SageMakerRuntimeAsyncClient or the testkit's FakeSageMaker");
    }
}
