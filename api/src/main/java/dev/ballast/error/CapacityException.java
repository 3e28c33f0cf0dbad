package dev.ballast.error;

/**
 * AWS refused a call for lack of capacity or quota ({@code ResourceLimitExceeded},
 * insufficient instance capacity). Not retryable as is: ask for a quota increase, use another
 * instance type or region, or need fewer instances.
 */
public final class CapacityException extends TransportException {

    private static final long serialVersionUID = 1L;

    /** @see TransportException#TransportException(TransportException.Failure, Throwable) */
    public CapacityException(Failure failure, Throwable cause) {
        super(failure, cause);
    }
}
