package dev.ballast.error;

/** AWS refused a call because of its request rate ({@code ThrottlingException}, {@code Rate exceeded}); retryable. */
public final class ThrottledException extends TransportException {

    private static final long serialVersionUID = 1L;

    /** @see TransportException#TransportException(TransportException.Failure, Throwable) */
    public ThrottledException(Failure failure, Throwable cause) {
        super(failure, cause);
    }
}
