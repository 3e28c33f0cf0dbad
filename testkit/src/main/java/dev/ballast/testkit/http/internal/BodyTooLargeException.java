package dev.ballast.testkit.http.internal;

import java.io.IOException;

/**
 * A request body longer than the server accepts for its service, found before it was read (its
 * declared length) or while it was counted (a chunked body). An {@link IOException}, so it passes
 * unchanged through a parser reading the body as a stream.
 */
public final class BodyTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long declaredLength;
    private final long limit;

    /**
     * @param declaredLength the body's {@code Content-Length}, or -1 when it had none (chunked)
     * @param limit the most bytes accepted
     */
    public BodyTooLargeException(long declaredLength, long limit) {
        super("the request body exceeds " + limit + " bytes");
        this.declaredLength = declaredLength;
        this.limit = limit;
    }

    /** @return the body's {@code Content-Length}, or -1 when it had none (chunked) */
    public long declaredLength() {
        return declaredLength;
    }

    /** @return the most bytes accepted */
    public long limit() {
        return limit;
    }
}
