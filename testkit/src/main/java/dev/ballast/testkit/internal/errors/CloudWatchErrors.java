package dev.ballast.testkit.internal.errors;

import dev.ballast.testkit.internal.sim.Ids;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.DashboardNotFoundErrorException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.MissingRequiredParameterException;

/** Builds CloudWatch errors as the SDK surfaces them. */
public final class CloudWatchErrors {

    private final Ids ids;

    /** @param ids request-id source */
    public CloudWatchErrors(Ids ids) {
        this.ids = ids;
    }

    /**
     * @return ResourceNotFound (404) for an unknown alarm, as the Java SDK 2.40 client surfaces it:
     *     its CloudWatch protocol maps the wire code {@code ResourceNotFound} to
     *     {@code DashboardNotFoundErrorException} (the model's {@code ResourceNotFoundException} is
     *     code {@code ResourceNotFoundException}), so that is the class a real client throws here
     */
    public CloudWatchException alarmNotFound(String alarmName) {
        String message = "Alarm " + alarmName + " not found";
        return (CloudWatchException) DashboardNotFoundErrorException.builder()
                .awsErrorDetails(details("ResourceNotFound", message, 404)).statusCode(404).message(message)
                .requestId(ids.requestId()).build();
    }

    /** @return InvalidNextToken (400): the paging token is not one this service handed out */
    public CloudWatchException invalidNextToken() {
        String message = "The service cannot find the token you sent.";
        return (CloudWatchException) software.amazon.awssdk.services.cloudwatch.model.InvalidNextTokenException.builder()
                .awsErrorDetails(details("InvalidNextToken", message, 400)).statusCode(400).message(message)
                .requestId(ids.requestId()).build();
    }

    /** @return InvalidParameterValue (400) */
    public CloudWatchException invalidParameterValue(String message) {
        return (CloudWatchException) InvalidParameterValueException.builder()
                .awsErrorDetails(details("InvalidParameterValue", message, 400)).statusCode(400).message(message)
                .requestId(ids.requestId()).build();
    }

    /** @return InvalidParameterCombination (400) */
    public CloudWatchException invalidParameterCombination(String message) {
        return (CloudWatchException) InvalidParameterCombinationException.builder()
                .awsErrorDetails(details("InvalidParameterCombination", message, 400)).statusCode(400)
                .message(message).requestId(ids.requestId()).build();
    }

    /** @return MissingParameter (400): a required parameter is absent */
    public CloudWatchException missingParameter(String message) {
        return (CloudWatchException) MissingRequiredParameterException.builder()
                .awsErrorDetails(details("MissingParameter", message, 400)).statusCode(400).message(message)
                .requestId(ids.requestId()).build();
    }

    /** @return a ValidationError (400) */
    public CloudWatchException validation(String message) {
        return (CloudWatchException) CloudWatchException.builder().awsErrorDetails(details("ValidationError", message, 400))
                .statusCode(400).message(message).requestId(ids.requestId()).build();
    }

    private static AwsErrorDetails details(String code, String message, int status) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("CloudWatch")
                .sdkHttpResponse(SdkHttpResponse.builder().statusCode(status).build()).build();
    }
}
