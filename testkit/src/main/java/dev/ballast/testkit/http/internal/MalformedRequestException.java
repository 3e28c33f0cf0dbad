package dev.ballast.testkit.http.internal;

/**
 * The request could not be read. Its message never quotes the request's values (a container
 * environment value may be a secret): it says where the request is malformed, not what it holds.
 */
public final class MalformedRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message where and how the request is malformed, without its values */
    public MalformedRequestException(String message) {
        super(message);
    }
}
