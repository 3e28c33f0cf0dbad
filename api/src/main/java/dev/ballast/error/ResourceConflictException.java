package dev.ballast.error;

/**
 * The resource is busy or in the wrong state for the call: {@code ResourceInUse},
 * {@code ConflictException}, or SageMaker's {@code Cannot update in-progress endpoint}. Waiting for
 * the resource to settle, or attaching to the deployment in flight, is the way forward.
 */
public final class ResourceConflictException extends TransportException {

    private static final long serialVersionUID = 1L;

    /** @see TransportException#TransportException(TransportException.Failure, Throwable) */
    public ResourceConflictException(Failure failure, Throwable cause) {
        super(failure, cause);
    }
}
