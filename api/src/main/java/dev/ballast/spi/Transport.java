package dev.ballast.spi;

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
}
