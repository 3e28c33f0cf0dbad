package dev.ballast.transport.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

import dev.ballast.error.AccessDeniedException;
import dev.ballast.error.CapacityException;
import dev.ballast.error.ResourceConflictException;
import dev.ballast.error.ThrottledException;
import dev.ballast.error.TransportException;
import dev.ballast.error.TransportException.Failure;

/**
 * Translates what the AWS SDK throws into Ballast's exceptions, and recognises "not found".
 *
 * <p>The transport itself throws SDK exceptions unchanged (see {@link dev.ballast.spi.Transport});
 * the engine calls {@link #translate} where it decides what a failure means. The translation keeps
 * the facts a person or a retry policy needs (service, operation, resource, error code, the
 * service's own message, request id, HTTP status, retryability) and never a request body.
 */
public final class SdkErrors {

    /** Error codes AWS services use for "too many requests"; retryable with backoff. */
    private static final Set<String> THROTTLING = Set.of("ThrottlingException", "Throttling", "ThrottledException",
            "RequestThrottledException", "RequestThrottled", "TooManyRequestsException", "RequestLimitExceeded",
            "ProvisionedThroughputExceededException", "BandwidthLimitExceeded", "SlowDown", "PriorRequestNotComplete");

    /** Quota and capacity refusals: waiting does not help, a quota increase or another instance type does. */
    private static final Set<String> CAPACITY = Set.of("ResourceLimitExceeded", "LimitExceeded", "LimitExceededException",
            "InsufficientInstanceCapacity", "InsufficientCapacity");

    /** The resource is busy: wait for it to settle, or follow the change in flight. */
    private static final Set<String> CONFLICT = Set.of("ResourceInUse", "ConflictException", "ConcurrentUpdateException",
            "ConcurrentModificationException");

    private static final Set<String> ACCESS_DENIED = Set.of("AccessDenied", "AccessDeniedException");

    /** Codes that mean "no such resource" whatever their message (CloudWatch, Application Auto Scaling, others). */
    private static final Set<String> NOT_FOUND = Set.of("ResourceNotFound", "ResourceNotFoundException",
            "ObjectNotFoundException");

    /**
     * SageMaker reports a busy endpoint as a validation error with this message: an endpoint that
     * is {@code Creating}, {@code Updating} or {@code Deleting} refuses updates, weight changes and
     * deletion with {@code Cannot update in-progress endpoint "<arn>".}
     */
    private static final String IN_PROGRESS = "Cannot update in-progress";

    /**
     * A component update or deletion refused while the component is busy, as the fake words it
     * ({@code Cannot update inference component "<arn>" while it is in Updating status.}); the
     * service's own text was not captured (reference, gaps), so the status is read from the last
     * words, whatever comes before.
     */
    private static final Pattern COMPONENT_BUSY = Pattern.compile(
            "^Cannot (?:update|delete) inference component .* while it is in (\\w+) status\\.?$", Pattern.DOTALL);

    /** SageMaker's refusal to delete a component that is already being deleted (its text contains this). */
    private static final String DELETE_IN_PROGRESS = "DELETE_IN_PROGRESS";

    /** SageMaker reports a missing resource as a validation error with this message. */
    private static final String COULD_NOT_FIND = "Could not find";

    /** Service messages are kept short: a container's error (SageMaker Runtime's ModelError) can be long. */
    private static final int MAX_MESSAGE = 1000;

    private SdkErrors() {
    }

    /**
     * Translates a failed call.
     *
     * @param request the request that failed
     * @param failure what the transport threw; {@code CompletionException} and
     *     {@code ExecutionException} wrappers are looked through
     * @return the Ballast exception to throw: {@link ThrottledException}, {@link CapacityException},
     *     {@link ResourceConflictException}, {@link AccessDeniedException} or a plain
     *     {@link TransportException}; a {@code TransportException} is returned as it is
     */
    public static TransportException translate(SdkRequest request, Throwable failure) {
        Objects.requireNonNull(request, "request");
        Throwable cause = unwrap(Objects.requireNonNull(failure, "failure"));
        if (cause instanceof TransportException translated) {
            return translated;
        }
        String service = Requests.service(request);
        String operation = Requests.operation(request);
        // Every resource the call names: a DeleteAlarms of two alarms failed on both.
        String resource = String.join(", ", Requests.resources(request));
        if (cause instanceof AwsServiceException e) {
            String code = errorCode(e);
            int status = e.statusCode();
            boolean throttled = THROTTLING.contains(code);
            Failure f = new Failure(service, operation, resource, code, trim(errorMessage(e)), nullToEmpty(e.requestId()),
                    status, throttled || status == 429 || status >= 500);
            return classify(code, errorMessage(e), throttled, f, e);
        }
        if (cause instanceof SdkServiceException e) {
            // A service exception without AWS error details, as some fakes and proxies produce.
            int status = e.statusCode();
            return new TransportException(new Failure(service, operation, resource, "", trim(nullToEmpty(e.getMessage())),
                    nullToEmpty(e.requestId()), status, status == 429 || status >= 500), e);
        }
        if (cause instanceof SdkClientException e) {
            // No response: the message is the SDK's own ("Unable to execute HTTP request: ..."), never a body.
            return new TransportException(new Failure(service, operation, resource, "", trim(nullToEmpty(e.getMessage())),
                    "", 0, isIoFailure(e)), e);
        }
        return new TransportException(new Failure(service, operation, resource, "",
                trim(cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage())),
                "", 0, isIoFailure(cause)), cause);
    }

    private static TransportException classify(String code, String message, boolean throttled, Failure f, Throwable cause) {
        if (throttled) {
            return new ThrottledException(f, cause);
        }
        if (CAPACITY.contains(code)) {
            return new CapacityException(f, cause);
        }
        Optional<String> busy = busy(code, message);
        if (busy.isPresent()) {
            return new ResourceConflictException(f, busy.get(), cause);
        }
        if (ACCESS_DENIED.contains(code)) {
            return new AccessDeniedException(f, cause);
        }
        return new TransportException(f, cause);
    }

    /**
     * What a busy resource is doing, if the failure is a refusal because it is busy: the status a
     * component refusal names, {@code Deleting} for a component already being deleted, and
     * {@link ResourceConflictException#IN_PROGRESS} for an endpoint's refusal (which does not say
     * which change is in progress) and for the generic conflict codes.
     */
    private static Optional<String> busy(String code, String message) {
        if (CONFLICT.contains(code)) {
            return Optional.of(ResourceConflictException.IN_PROGRESS);
        }
        if (!"ValidationException".equals(code)) {
            return Optional.empty();
        }
        if (message.startsWith(IN_PROGRESS)) {
            return Optional.of(ResourceConflictException.IN_PROGRESS);
        }
        if (message.contains(DELETE_IN_PROGRESS)) {
            return Optional.of("Deleting");
        }
        Matcher component = COMPONENT_BUSY.matcher(message);
        return component.matches() ? Optional.of(component.group(1)) : Optional.empty();
    }

    /**
     * Whether a failure says the resource does not exist, so that the engine can treat it as a
     * state ("not there") rather than an error: SageMaker's {@code ValidationException} with
     * {@code Could not find ...}, SageMaker Runtime's {@code ValidationError} {@code Endpoint ... not found.},
     * CloudWatch's {@code ResourceNotFound} and Application Auto Scaling's
     * {@code ObjectNotFoundException}. Wrappers and Ballast's own exceptions are looked through to
     * the SDK exception.
     *
     * <p>Ask it of a {@code Describe*} or {@code Delete*} failure: there the missing resource is the
     * one the call names. A {@code Create*} that fails with {@code Could not find} is missing
     * something it refers to (the model of a configuration, for example), which is an error.
     *
     * @param failure anything a transport or the engine threw
     * @return true if it reports a missing resource
     */
    public static boolean isNotFound(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AwsServiceException e) {
                String code = errorCode(e);
                String message = errorMessage(e);
                return NOT_FOUND.contains(code)
                        // "contains": the inference-component wording is not documented as a prefix.
                        || ("ValidationException".equals(code) && message.contains(COULD_NOT_FIND))
                        || ("ValidationError".equals(code) && message.startsWith("Endpoint ") && message.endsWith(" not found."));
            }
        }
        return false;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String errorCode(AwsServiceException e) {
        AwsErrorDetails details = e.awsErrorDetails();
        return details == null ? "" : nullToEmpty(details.errorCode());
    }

    /** The service's message; an exception built without error details (some fakes do) still has its own. */
    private static String errorMessage(AwsServiceException e) {
        AwsErrorDetails details = e.awsErrorDetails();
        return details == null || details.errorMessage() == null ? nullToEmpty(e.getMessage()) : details.errorMessage();
    }

    /** A call that failed on the wire (reset, refused, timed out) may succeed when sent again. */
    private static boolean isIoFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException || t instanceof UncheckedIOException || t instanceof ApiCallAttemptTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String trim(String message) {
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "...";
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
