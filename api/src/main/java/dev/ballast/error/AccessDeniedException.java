package dev.ballast.error;

/** The credentials in use may not make the call ({@code AccessDeniedException}); check the IAM policy. */
public final class AccessDeniedException extends TransportException {

    private static final long serialVersionUID = 1L;

    /** @see TransportException#TransportException(TransportException.Failure, Throwable) */
    public AccessDeniedException(Failure failure, Throwable cause) {
        super(failure, cause);
    }
}
