package dev.ballast.scenario;

import dev.ballast.spi.Transport;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ApplicationAutoScalingException;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemakerruntime.model.SageMakerRuntimeException;

/**
 * A bad day on the wire, seeded: a share of calls throttled, a share answered 500 — half of those
 * after the call took effect (the answer was lost in the service) — and a share answered 503,
 * each as the SDK of that service would throw it.
 */
final class ChaosTransport implements Transport {

    private final Transport delegate;
    private final Random random;
    private final double throttle;
    private final double internalError;
    private final double unavailable;
    final AtomicInteger faults = new AtomicInteger();

    ChaosTransport(Transport delegate, long seed, double throttle, double internalError, double unavailable) {
        this.delegate = delegate;
        this.random = new Random(seed);
        this.throttle = throttle;
        this.internalError = internalError;
        this.unavailable = unavailable;
    }

    @Override
    public SdkResponse execute(SdkRequest request) {
        double roll;
        boolean afterEffect;
        synchronized (random) {
            roll = random.nextDouble();
            afterEffect = random.nextBoolean();
        }
        if (roll < throttle) {
            throw error(request, 400, "ThrottlingException", "Rate exceeded");
        }
        if (roll < throttle + internalError) {
            if (afterEffect) {
                delegate.execute(request);
            }
            throw error(request, 500, "InternalFailure", "We encountered an internal error. Please try again.");
        }
        if (roll < throttle + internalError + unavailable) {
            throw error(request, 503, "ServiceUnavailable", "Service is unavailable. Please try again later.");
        }
        return delegate.execute(request);
    }

    private AwsServiceException error(SdkRequest request, int status, String code, String message) {
        faults.incrementAndGet();
        AwsErrorDetails details = AwsErrorDetails.builder().errorCode(code).errorMessage(message)
                .sdkHttpResponse(SdkHttpResponse.builder().statusCode(status).build()).build();
        String pkg = request.getClass().getPackageName();
        AwsServiceException.Builder builder = pkg.contains(".cloudwatch.") ? CloudWatchException.builder()
                : pkg.contains(".sagemakerruntime.") ? SageMakerRuntimeException.builder()
                : pkg.contains(".applicationautoscaling.") ? ApplicationAutoScalingException.builder()
                : SageMakerException.builder();
        return builder.awsErrorDetails(details).statusCode(status).message(message).requestId("chaos-" + faults.get()).build();
    }
}
