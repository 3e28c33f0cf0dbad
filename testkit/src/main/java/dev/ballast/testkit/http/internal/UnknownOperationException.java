package dev.ballast.testkit.http.internal;

/** The request names an operation the addressed service's SDK model does not have. */
public final class UnknownOperationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param operation the operation named by the request */
    public UnknownOperationException(String operation) {
        super("Unknown operation " + operation);
    }
}
