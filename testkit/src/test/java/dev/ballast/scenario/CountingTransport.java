package dev.ballast.scenario;

import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

import dev.ballast.spi.Transport;

/** Records the operations sent through it and, optionally, throttles a share of them before they reach the fake. */
final class CountingTransport implements Transport {

    private final Transport delegate;
    private final List<String> operations = new CopyOnWriteArrayList<>();
    private final List<String> throttled = new CopyOnWriteArrayList<>();
    private final List<String> leaseOperations = new CopyOnWriteArrayList<>();
    private final double throttleShare;
    private final Random random = new Random(7);

    CountingTransport(Transport delegate, double throttleShare) {
        this.delegate = delegate;
        this.throttleShare = throttleShare;
    }

    @Override
    public SdkResponse execute(SdkRequest request) {
        String operation = request.getClass().getSimpleName().replaceFirst("Request$", "");
        boolean throttle;
        synchronized (random) {
            throttle = random.nextDouble() < throttleShare;
        }
        if (throttle) {
            throttled.add(operation);
            AwsErrorDetails details = AwsErrorDetails.builder().errorCode("ThrottlingException").errorMessage("Rate exceeded")
                    .sdkHttpResponse(SdkHttpResponse.builder().statusCode(400).build()).build();
            if (request.getClass().getPackageName().contains(".cloudwatch.")) {
                throw (CloudWatchException) CloudWatchException.builder().awsErrorDetails(details).statusCode(400)
                        .message("Rate exceeded").requestId("throttle-" + throttled.size()).build();
            }
            throw (SageMakerException) SageMakerException.builder().awsErrorDetails(details).statusCode(400)
                    .message("Rate exceeded").requestId("throttle-" + throttled.size()).build();
        }
        (LeaseTraffic.isLease(request) ? leaseOperations : operations).add(operation);
        return delegate.execute(request);
    }

    /** @return the calls that took, checked, renewed and released the endpoint's lease, in order */
    List<String> leaseOperations() {
        return List.copyOf(leaseOperations);
    }

    /** @return the operations that reached the fake, in order (the lease's apart) */
    List<String> operations() {
        return List.copyOf(operations);
    }

    /** @return the operations that change something, in order */
    List<String> mutations() {
        return operations.stream().filter(op -> !op.startsWith("Describe") && !op.startsWith("List")).toList();
    }

    int throttledCount() {
        return throttled.size();
    }

    void reset() {
        operations.clear();
        leaseOperations.clear();
        throttled.clear();
    }
}
