package dev.ballast.aws.internal;

import java.util.Set;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;

import dev.ballast.error.AccessDeniedException;
import dev.ballast.error.CapacityException;
import dev.ballast.error.ResourceConflictException;
import dev.ballast.error.ThrottledException;
import dev.ballast.error.TransportException;

/** Translates what the AWS SDK throws into Ballast's exceptions, and recognises "not found". */
public final class SdkErrors {

    private static final Set<String> THROTTLING = Set.of("ThrottlingException", "Throttling", "RequestLimitExceeded",
            "TooManyRequestsException", "ThrottledException");
    private static final Set<String> CAPACITY = Set.of("ResourceLimitExceeded", "LimitExceeded", "LimitExceededException",
            "InsufficientInstanceCapacity");
    private static final Set<String> CONFLICT = Set.of("ResourceInUse", "ConflictException", "ConcurrentUpdateException");

    private SdkErrors() {
    }

    /** @return the Ballast exception for {@code failure}, raised by a call of {@code request} */
    public static TransportException translate(SdkRequest request, Throwable failure) {
        String operation = request.getClass().getSimpleName().replaceFirst("Request$", "");
        String service = service(request);
        String resource = Resources.of(request);
        if (failure instanceof AwsServiceException e) {
            String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "" : e.awsErrorDetails().errorCode();
            String message = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
                    ? String.valueOf(e.getMessage()) : e.awsErrorDetails().errorMessage();
            int status = e.statusCode();
            boolean throttled = THROTTLING.contains(code) || e.isThrottlingException();
            TransportException.Failure f = new TransportException.Failure(service, operation, resource, code, message,
                    e.requestId() == null ? "" : e.requestId(), status, throttled || status >= 500);
            if (throttled) {
                return new ThrottledException(f, e);
            }
            if (CAPACITY.contains(code)) {
                return new CapacityException(f, e);
            }
            if (CONFLICT.contains(code) || message.startsWith("Cannot update in-progress")) {
                return new ResourceConflictException(f, e);
            }
            if (code.startsWith("AccessDenied")) {
                return new AccessDeniedException(f, e);
            }
            return new TransportException(f, e);
        }
        boolean network = failure instanceof SdkClientException;
        return new TransportException(new TransportException.Failure(service, operation, resource, "",
                failure.getClass().getSimpleName() + ": " + failure.getMessage(), "", 0, network), failure);
    }

    /** @return whether the failure says the resource does not exist (SageMaker says so with a ValidationException) */
    public static boolean isNotFound(Throwable failure) {
        Throwable t = failure instanceof TransportException && failure.getCause() != null ? failure.getCause() : failure;
        if (t instanceof AwsServiceException e && e.awsErrorDetails() != null) {
            String code = String.valueOf(e.awsErrorDetails().errorCode());
            String message = String.valueOf(e.awsErrorDetails().errorMessage());
            return (code.equals("ValidationException") && message.startsWith("Could not find"))
                    || code.equals("ResourceNotFound") || code.equals("ResourceNotFoundException")
                    || code.equals("ObjectNotFoundException");
        }
        return false;
    }

    private static String service(SdkRequest request) {
        String pkg = request.getClass().getPackageName();
        if (pkg.contains(".sagemakerruntime.")) {
            return "SageMakerRuntime";
        }
        if (pkg.contains(".sagemaker.")) {
            return "SageMaker";
        }
        if (pkg.contains(".cloudwatch.")) {
            return "CloudWatch";
        }
        if (pkg.contains(".applicationautoscaling.")) {
            return "ApplicationAutoScaling";
        }
        return pkg;
    }
}
