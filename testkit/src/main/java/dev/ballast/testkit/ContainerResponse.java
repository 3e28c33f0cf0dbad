package dev.ballast.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * What a container answers: an HTTP status, a body and the model latency it took.
 * A status of 400 or more is reported by the runtime as a {@code ModelError} (424).
 *
 * @param status the container's HTTP status
 * @param body the raw response body
 * @param contentType the response content type
 * @param latency the model latency reported in CloudWatch ({@code ModelLatency})
 */
public record ContainerResponse(int status, byte[] body, String contentType, Duration latency) {

    /** Validates the status and latency and defends the body. */
    public ContainerResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status code: " + status);
        }
        body = Objects.requireNonNull(body, "body").clone();
        contentType = contentType == null ? "application/json" : contentType;
        if (Objects.requireNonNull(latency, "latency").isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + latency);
        }
    }

    /**
     * @param json a JSON body
     * @return a 200 answer with that body and 50 ms latency
     */
    public static ContainerResponse ok(String json) {
        return new ContainerResponse(200, json.getBytes(StandardCharsets.UTF_8), "application/json",
                Duration.ofMillis(50));
    }

    /**
     * @param status an HTTP error status (4xx or 5xx)
     * @param message the container's error body
     * @return an error answer with 5 ms latency
     */
    public static ContainerResponse error(int status, String message) {
        return new ContainerResponse(status, message.getBytes(StandardCharsets.UTF_8), "application/json",
                Duration.ofMillis(5));
    }

    /**
     * @param newLatency the latency to report
     * @return this answer with another latency
     */
    public ContainerResponse withLatency(Duration newLatency) {
        return new ContainerResponse(status, body, contentType, newLatency);
    }

    /** @return a copy of the body */
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
        return o instanceof ContainerResponse r && status == r.status && java.util.Arrays.equals(body, r.body)
                && contentType.equals(r.contentType) && latency.equals(r.latency);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, java.util.Arrays.hashCode(body), contentType, latency);
    }

    @Override
    public String toString() {
        return "ContainerResponse[status=" + status + ", bodyBytes=" + body.length + ", latency=" + latency + "]";
    }
}
