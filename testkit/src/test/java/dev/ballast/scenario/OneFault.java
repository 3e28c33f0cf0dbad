package dev.ballast.scenario;

import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ApplicationAutoScalingException;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

import dev.ballast.spi.Transport;
import dev.ballast.testkit.FakeSageMaker;

/**
 * In front of the fake, fails the first call of one operation once, in one of the ways a call
 * fails on the wire: a 500 or a 503, before the call reached the service or after it took effect,
 * a request lost on its way (no answer, nothing done) or an answer lost on its way back (no
 * answer, the call done). Records every call that reached the fake.
 */
final class OneFault implements Transport {

    /** How the call fails. */
    enum Kind {
        HTTP_500_BEFORE(500, false), HTTP_500_AFTER(500, true), HTTP_503_BEFORE(503, false), HTTP_503_AFTER(503, true),
        LOST_REQUEST(0, false), LOST_ANSWER(0, true);

        final int status;
        final boolean afterEffect;

        Kind(int status, boolean afterEffect) {
            this.status = status;
            this.afterEffect = afterEffect;
        }
    }

    private final FakeSageMaker fake;
    private final String operation;
    private final Kind kind;
    private final AtomicBoolean fired = new AtomicBoolean();
    private final List<String> reached = new CopyOnWriteArrayList<>();

    OneFault(FakeSageMaker fake, String operation, Kind kind) {
        this.fake = fake;
        this.operation = operation;
        this.kind = kind;
    }

    static String operation(SdkRequest request) {
        return request.getClass().getSimpleName().replaceFirst("Request$", "");
    }

    @Override
    public SdkResponse execute(SdkRequest request) {
        String op = operation(request);
        if (LeaseTraffic.isLease(request) && !operation.equals("AddTags")) {
            return fake.execute(request); // the endpoint's lease: not the call under test
        }
        if (op.equals(operation) && fired.compareAndSet(false, true)) {
            if (kind.afterEffect) {
                reached.add(op);
                fake.execute(request);
            }
            throw failure(request);
        }
        reached.add(op);
        return fake.execute(request);
    }

    private RuntimeException failure(SdkRequest request) {
        if (kind.status == 0) {
            return SdkClientException.builder().message("Unable to execute HTTP request: Connection reset")
                    .cause(new SocketException("Connection reset")).build();
        }
        String code = kind.status == 500 ? "InternalFailure" : "ServiceUnavailable";
        String message = kind.status == 500 ? "We encountered an internal error. Please try again." : "Service is unavailable.";
        AwsErrorDetails details = AwsErrorDetails.builder().errorCode(code).errorMessage(message)
                .sdkHttpResponse(SdkHttpResponse.builder().statusCode(kind.status).build()).build();
        String pkg = request.getClass().getPackageName();
        AwsServiceException.Builder builder = pkg.contains(".cloudwatch.") ? CloudWatchException.builder()
                : pkg.contains(".applicationautoscaling.") ? ApplicationAutoScalingException.builder() : SageMakerException.builder();
        return builder.awsErrorDetails(details).statusCode(kind.status).message(message).requestId("fault-" + kind).build();
    }

    /** @return whether the fault was used */
    boolean fired() {
        return fired.get();
    }

    /** @return how many calls of an operation reached the fake (the failed one too, if it took effect) */
    long reached(String op) {
        return reached.stream().filter(op::equals).count();
    }

    /** @return the operations that reached the fake, in order */
    List<String> reached() {
        return List.copyOf(reached);
    }
}
