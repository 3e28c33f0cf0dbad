package dev.ballast.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One invocation as the container sees it.
 *
 * @param body the raw request body
 * @param contentType the {@code Content-Type} header, may be {@code null}
 * @param accept the {@code Accept} header, may be {@code null}
 * @param customAttributes the {@code X-Amzn-SageMaker-Custom-Attributes} header, may be {@code null}
 */
public record ContainerRequest(byte[] body, String contentType, String accept, String customAttributes) {

    /** Defends the body against later mutation. */
    public ContainerRequest {
        body = Objects.requireNonNull(body, "body").clone();
    }

    /** @return a copy of the raw body */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** @return the body decoded as UTF-8 */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContainerRequest r && java.util.Arrays.equals(body, r.body)
                && Objects.equals(contentType, r.contentType) && Objects.equals(accept, r.accept)
                && Objects.equals(customAttributes, r.customAttributes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(java.util.Arrays.hashCode(body), contentType, accept, customAttributes);
    }

    @Override
    public String toString() {
        return "ContainerRequest[bodyBytes=" + body.length + ", contentType=" + contentType + "]";
    }
}
