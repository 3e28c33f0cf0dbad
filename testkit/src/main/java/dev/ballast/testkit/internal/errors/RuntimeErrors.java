package dev.ballast.testkit.internal.errors;

import dev.ballast.testkit.internal.sim.Ids;
import dev.ballast.testkit.internal.sim.WorldOptions;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.InternalStreamFailureException;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelStreamErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelNotReadyException;
import software.amazon.awssdk.services.sagemakerruntime.model.SageMakerRuntimeException;
import software.amazon.awssdk.services.sagemakerruntime.model.ValidationErrorException;

/**
 * Builds SageMaker Runtime errors as the SDK surfaces them (the Errors of
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_runtime_InvokeEndpoint.html">
 * InvokeEndpoint</a>).
 */
public final class RuntimeErrors {

    private final Ids ids;
    private final WorldOptions options;

    /**
     * @param ids request-id source
     * @param options region and account for messages
     */
    public RuntimeErrors(Ids ids, WorldOptions options) {
        this.ids = ids;
        this.options = options;
    }

    /** @return a ValidationError (400) */
    public SageMakerRuntimeException validation(String message) {
        return (SageMakerRuntimeException) ValidationErrorException.builder()
                .awsErrorDetails(details("ValidationError", message, 400)).statusCode(400).message(message)
                .requestId(ids.requestId()).build();
    }

    /** @return {@code Endpoint <name> of account <acct> not found.} */
    public SageMakerRuntimeException endpointNotFound(String endpoint) {
        return validation("Endpoint " + endpoint + " of account " + options.accountId() + " not found.");
    }

    /** @return a ModelNotReadyException (429) */
    public SageMakerRuntimeException modelNotReady(String message) {
        return (SageMakerRuntimeException) ModelNotReadyException.builder()
                .awsErrorDetails(details("ModelNotReadyException", message, 429)).statusCode(429).message(message)
                .requestId(ids.requestId()).build();
    }

    /**
     * @param endpoint the endpoint invoked
     * @param status the container's status
     * @param body the container's body
     * @return a ModelError (424) with the original status and message
     */
    public SageMakerRuntimeException modelError(String endpoint, int status, String body) {
        return modelError(endpoint, "primary", status, body);
    }

    /**
     * @param endpoint the endpoint invoked
     * @param container who answered with the error: {@code primary} for a single container, else the
     *     container's hostname (a container of an inference pipeline or a multi-container endpoint)
     * @param status the container's status
     * @param body the container's body
     * @return a ModelError (424) with the original status and message, naming the container
     */
    public SageMakerRuntimeException modelError(String endpoint, String container, int status, String body) {
        String region = options.region();
        String kind = status >= 500 ? "server" : "client";
        String message = "Received " + kind + " error (" + status + ") from " + container + " with message \"" + body
                + "\". See https://" + region + ".console.aws.amazon.com/cloudwatch/home?region=" + region
                + "#logEventViewer:group=/aws/sagemaker/Endpoints/" + endpoint + " in account "
                + options.accountId() + " for more information.";
        return (SageMakerRuntimeException) ModelErrorException.builder()
                .awsErrorDetails(details("ModelError", message, 424)).statusCode(424).message(message)
                .originalStatusCode(status).originalMessage(body)
                .logStreamArn("arn:aws:logs:" + region + ":" + options.accountId()
                        + ":log-group:/aws/sagemaker/Endpoints/" + endpoint)
                .requestId(ids.requestId()).build();
    }

    /**
     * A {@code ModelStreamError} in the middle of a response stream, as the SDK builds it from the
     * stream's exception event: error code {@code ModelStreamError} and the event's {@code Message}
     * and {@code ErrorCode}. The event carries no HTTP status (the stream's 200 is already sent);
     * the Java SDK (2.40) reports such an exception with status 500, and so does the fake.
     *
     * @param errorCode {@code ModelInvocationTimeExceeded}, {@code StreamBroken}, ...
     * @param message the error's message
     * @return the exception
     */
    public SageMakerRuntimeException modelStreamError(String errorCode, String message) {
        return (SageMakerRuntimeException) ModelStreamErrorException.builder()
                .awsErrorDetails(details("ModelStreamError", message, 500)).statusCode(500).message(message)
                .errorCode(errorCode).requestId(ids.requestId()).build();
    }

    /**
     * @param message the error's message
     * @return an {@code InternalStreamFailure} in the middle of a response stream (see
     *     {@link #modelStreamError(String, String)})
     */
    public SageMakerRuntimeException internalStreamFailure(String message) {
        return (SageMakerRuntimeException) InternalStreamFailureException.builder()
                .awsErrorDetails(details("InternalStreamFailure", message, 500)).statusCode(500).message(message)
                .requestId(ids.requestId()).build();
    }

    private static AwsErrorDetails details(String code, String message, int status) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("SageMaker Runtime")
                .sdkHttpResponse(SdkHttpResponse.builder().statusCode(status).build()).build();
    }
}
