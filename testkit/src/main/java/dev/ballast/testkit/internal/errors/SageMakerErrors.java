package dev.ballast.testkit.internal.errors;

import dev.ballast.testkit.internal.sim.Arns;
import dev.ballast.testkit.internal.sim.Ids;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.sagemaker.model.ResourceInUseException;
import software.amazon.awssdk.services.sagemaker.model.ResourceLimitExceededException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/**
 * Builds SageMaker control-plane errors exactly as the AWS SDK for Java v2 surfaces them
 * (<a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/CommonErrors.html">common errors</a>):
 * {@code ValidationException} has no class and arrives as a plain {@link SageMakerException} with that error
 * code.
 */
public final class SageMakerErrors {

    private final Ids ids;
    private final Arns arns;

    /**
     * @param ids request-id source
     * @param arns ARN builder for not-found and duplicate messages
     */
    public SageMakerErrors(Ids ids, Arns arns) {
        this.ids = ids;
        this.arns = arns;
    }

    /** @return a ValidationException with {@code message} */
    public SageMakerException validation(String message) {
        return (SageMakerException) SageMakerException.builder().awsErrorDetails(details("ValidationException", message))
                .statusCode(400).message(message).requestId(ids.requestId()).build();
    }

    /** @return a ResourceLimitExceeded error with {@code message} */
    public SageMakerException resourceLimitExceeded(String message) {
        return (SageMakerException) ResourceLimitExceededException.builder()
                .awsErrorDetails(details("ResourceLimitExceeded", message)).statusCode(400).message(message)
                .requestId(ids.requestId()).build();
    }

    /** @return a ResourceInUse error with {@code message} */
    public SageMakerException resourceInUse(String message) {
        return (SageMakerException) ResourceInUseException.builder().awsErrorDetails(details("ResourceInUse", message))
                .statusCode(400).message(message).requestId(ids.requestId()).build();
    }

    /** @return {@code Could not find model "<arn>".} */
    public SageMakerException modelNotFound(String name) {
        return validation("Could not find model \"" + arns.model(name) + "\".");
    }

    /** @return {@code Could not find endpoint configuration "<arn>".} */
    public SageMakerException endpointConfigNotFound(String name) {
        return validation("Could not find endpoint configuration \"" + arns.endpointConfig(name) + "\".");
    }

    /** @return {@code Could not find endpoint "<arn>".} */
    public SageMakerException endpointNotFound(String name) {
        return validation("Could not find endpoint \"" + arns.endpoint(name) + "\".");
    }

    /** @return {@code Could not find inference component "<arn>".} */
    public SageMakerException inferenceComponentNotFound(String name) {
        return validation("Could not find inference component \"" + arns.inferenceComponent(name) + "\".");
    }

    /** @return {@code Cannot update in-progress endpoint "<arn>".} */
    public SageMakerException endpointInProgress(String name) {
        return validation("Cannot update in-progress endpoint \"" + arns.endpoint(name) + "\".");
    }

    /**
     * The tagging calls on an ARN that names no resource: {@code Resource does not exist.}
     * (observed for ListTags: boto/boto3#4606, aws/sagemaker-python-sdk#4304).
     */
    public SageMakerException resourceDoesNotExist() {
        return validation("Resource does not exist.");
    }

    /**
     * A tag key with the reserved {@code aws:} prefix: {@code System prefix 'aws:' reserved for AWS
     * usage in tag key: <key>} (observed for DeleteTags: aws/sagemaker-python-sdk#1301).
     */
    public SageMakerException reservedTagKey(String key) {
        return validation("System prefix 'aws:' reserved for AWS usage in tag key: " + key);
    }

    /**
     * AddTags that would leave a resource with more than {@code max} tags. The service's text and
     * code were not found; the code is the one SageMaker answers for requests it refuses without
     * a modeled error (AddTags declares none), the text is the fake's own.
     */
    public SageMakerException tooManyTags(String arn, int wouldHave, int max) {
        return validation("Resource \"" + arn + "\" can have at most " + max + " tags; with the requested tags it"
                + " would have " + wouldHave + ".");
    }

    private static AwsErrorDetails details(String code, String message) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("SageMaker")
                .sdkHttpResponse(SdkHttpResponse.builder().statusCode(400).build()).build();
    }
}
