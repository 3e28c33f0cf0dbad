package dev.ballast.testkit.http.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;

/**
 * An error as it goes on the wire.
 *
 * @param status the HTTP status
 * @param code the service's error code, e.g. {@code ValidationException}; null when the service answers
 *     without one (SageMaker Runtime's 413 to an oversized body)
 * @param message the message
 * @param requestId the request id the client will report
 * @param members modeled error members beyond the message (ModelError's original status and message)
 */
public record WireError(int status, String code, String message, String requestId, Map<String, Object> members) {

    /** @return an error without extra members */
    public static WireError of(int status, String code, String message, String requestId) {
        return new WireError(status, code, message, requestId, Map.of());
    }

    /**
     * @param e an error the fake raised, built as the SDK would have unmarshalled it
     * @param fallbackRequestId used when the exception carries none
     * @return the same error for the wire
     */
    public static WireError from(AwsServiceException e, String fallbackRequestId) {
        String code = e.awsErrorDetails() == null ? "InternalFailure" : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
                ? e.getMessage() : e.awsErrorDetails().errorMessage();
        String requestId = e.requestId() == null ? fallbackRequestId : e.requestId();
        int status = e.statusCode() > 0 ? e.statusCode() : 400;
        if (e instanceof ModelErrorException model) {
            LinkedHashMap<String, Object> members = new LinkedHashMap<>();
            if (model.originalStatusCode() != null) {
                members.put("OriginalStatusCode", model.originalStatusCode());
            }
            if (model.originalMessage() != null) {
                members.put("OriginalMessage", model.originalMessage());
            }
            if (model.logStreamArn() != null) {
                members.put("LogStreamArn", model.logStreamArn());
            }
            return new WireError(status, code, message, requestId, members);
        }
        return of(status, code, message, requestId);
    }

    /** @return {@code Sender} for client errors, {@code Receiver} for server errors (awsQuery's error type) */
    public String faultType() {
        return status >= 500 ? "Receiver" : "Sender";
    }
}
