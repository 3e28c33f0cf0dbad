package dev.ballast.testkit.internal.errors;

import dev.ballast.testkit.internal.sim.Ids;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ApplicationAutoScalingException;
import software.amazon.awssdk.services.applicationautoscaling.model.ObjectNotFoundException;
import software.amazon.awssdk.services.applicationautoscaling.model.ValidationException;

/**
 * Builds Application Auto Scaling errors as the SDK surfaces them
 * (<a href="https://docs.aws.amazon.com/autoscaling/application/APIReference/CommonErrors.html">common
 * errors</a> and each operation's Errors, e.g.
 * <a href="https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScalingPolicy.html">
 * PutScalingPolicy</a>).
 */
public final class AutoScalingErrors {

    private final Ids ids;

    public AutoScalingErrors(Ids ids) {
        this.ids = ids;
    }

    public ApplicationAutoScalingException validation(String message) {
        return (ApplicationAutoScalingException) ValidationException.builder()
                .awsErrorDetails(details("ValidationException", message)).statusCode(400).message(message)
                .requestId(ids.requestId()).build();
    }

    public ApplicationAutoScalingException notFound(String message) {
        return (ApplicationAutoScalingException) ObjectNotFoundException.builder()
                .awsErrorDetails(details("ObjectNotFoundException", message)).statusCode(400).message(message)
                .requestId(ids.requestId()).build();
    }

    private static AwsErrorDetails details(String code, String message) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("ApplicationAutoScaling")
                .sdkHttpResponse(SdkHttpResponse.builder().statusCode(400).build()).build();
    }
}
