package dev.ballast.error;

/**
 * The root of everything Ballast throws. All Ballast exceptions are unchecked, and none of their
 * messages contains a secret value, a request body or an SDK object's {@code toString()}.
 */
public class BallastException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    /**
     * @param code a stable code for this kind of failure that documentation can link to
     * @param message what happened, why, and what to do
     */
    protected BallastException(String code, String message) {
        super(message);
        this.code = code;
    }

    /**
     * @param code a stable code for this kind of failure
     * @param message what happened, why, and what to do
     * @param cause the underlying failure
     */
    protected BallastException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** @return a stable code for this kind of failure, for example {@code BALLAST-SPEC} */
    public String code() {
        return code;
    }
}
