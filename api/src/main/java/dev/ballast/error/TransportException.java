package dev.ballast.error;

import java.util.Optional;

/**
 * A call to AWS failed. Carries what a person (or a retry policy) needs: the service and operation,
 * the resource, the service's error code and message, the HTTP status, the request id AWS support
 * asks for, and whether retrying may help. The SDK exception is the cause.
 *
 * <p>Subclasses exist only where callers branch: {@link ThrottledException},
 * {@link CapacityException}, {@link ResourceConflictException}, {@link AccessDeniedException}.
 */
public class TransportException extends BallastException {

    private static final long serialVersionUID = 1L;

    /** The code of every transport failure. */
    public static final String CODE = "BALLAST-TRANSPORT";

    private final String service;
    private final String operation;
    private final String resource;
    private final String errorCode;
    private final String serviceMessage;
    private final String requestId;
    private final int statusCode;
    private final boolean retryable;

    /**
     * @param failure what went wrong, as the transport saw it
     * @param cause the SDK exception
     */
    public TransportException(Failure failure, Throwable cause) {
        this(failure, "", cause);
    }

    /** For subclasses that know what to do about the failure: {@code advice} ends the message. */
    TransportException(Failure failure, String advice, Throwable cause) {
        super(CODE, message(failure) + (advice.isEmpty() ? "" : "; " + advice), cause);
        this.service = failure.service();
        this.operation = failure.operation();
        this.resource = failure.resource();
        this.errorCode = failure.errorCode();
        this.serviceMessage = failure.serviceMessage();
        this.requestId = failure.requestId();
        this.statusCode = failure.statusCode();
        this.retryable = failure.retryable();
    }

    /**
     * The facts of one failed call.
     *
     * @param service for example {@code SageMaker}
     * @param operation for example {@code CreateEndpoint}
     * @param resource for example {@code endpoint/rolling-demo}; empty if unknown
     * @param errorCode the service's code, for example {@code ValidationException}; empty if none (a network failure)
     * @param serviceMessage the service's own message, which never carries a request body
     * @param requestId the AWS request id; empty if the call never reached AWS
     * @param statusCode the HTTP status; 0 if there was no response
     * @param retryable whether the same call may succeed later (throttling, 5xx, network)
     */
    public record Failure(String service, String operation, String resource, String errorCode, String serviceMessage,
                          String requestId, int statusCode, boolean retryable) {
    }

    private static String message(Failure f) {
        return f.service() + "." + f.operation() + (f.resource().isEmpty() ? "" : " on " + f.resource()) + " failed: "
                + (f.errorCode().isEmpty() ? "" : f.errorCode() + ": ") + f.serviceMessage()
                + (f.statusCode() > 0 ? " (HTTP " + f.statusCode() + ")" : "")
                + (f.requestId().isEmpty() ? "" : " [request id " + f.requestId() + "]")
                + (f.retryable() ? "; retrying may help" : "");
    }

    /** @return the service, for example {@code SageMaker} */
    public String service() {
        return service;
    }

    /** @return the operation, for example {@code CreateEndpoint} */
    public String operation() {
        return operation;
    }

    /** @return the resource the call touched, for example {@code endpoint/rolling-demo}, or empty */
    public String resource() {
        return resource;
    }

    /** @return the service's error code, for example {@code ValidationException}, or empty */
    public String errorCode() {
        return errorCode;
    }

    /** @return the service's own message, for example {@code Could not find endpoint "..."} (never a request body) */
    public String serviceMessage() {
        return serviceMessage;
    }

    /** @return the AWS request id, if the call reached AWS */
    public Optional<String> requestId() {
        return requestId.isEmpty() ? Optional.empty() : Optional.of(requestId);
    }

    /** @return the HTTP status, or 0 if there was no response */
    public int statusCode() {
        return statusCode;
    }

    /** @return whether the same call may succeed later */
    public boolean retryable() {
        return retryable;
    }
}
