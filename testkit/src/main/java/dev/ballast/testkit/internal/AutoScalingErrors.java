package dev.ballast.testkit.internal;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ApplicationAutoScalingException;
import software.amazon.awssdk.services.applicationautoscaling.model.ObjectNotFoundException;
import software.amazon.awssdk.services.applicationautoscaling.model.ValidationException;

/** Builds Application Auto Scaling errors as the SDK surfaces them (reference §2.3, §3, §11). */
final class AutoScalingErrors {

    private final Ids ids;

    AutoScalingErrors(Ids ids) {
        this.ids = ids;
    }

    ApplicationAutoScalingException validation(String message) {
        return (ApplicationAutoScalingException) ValidationException.builder()
                .awsErrorDetails(details("ValidationException", message)).statusCode(400).message(message)
                .requestId(ids.requestId()).build();
    }

    ApplicationAutoScalingException notFound(String message) {
        return (ApplicationAutoScalingException) ObjectNotFoundException.builder()
                .awsErrorDetails(details("ObjectNotFoundException", message)).statusCode(400).message(message)
                .requestId(ids.requestId()).build();
    }

    private static AwsErrorDetails details(String code, String message) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("ApplicationAutoScaling")
                .sdkHttpResponse(SdkHttpResponse.builder().statusCode(400).build()).build();
    }
}
