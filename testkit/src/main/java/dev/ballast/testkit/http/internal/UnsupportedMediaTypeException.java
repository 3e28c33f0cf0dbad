package dev.ballast.testkit.http.internal;

/** The request's body is in a media type its protocol does not have (415). */
public final class UnsupportedMediaTypeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param expected the one media type the protocol's bodies have */
    public UnsupportedMediaTypeException(String expected) {
        super("The request body must be " + expected);
    }
}
