package dev.ballast.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One invocation an endpoint's data capture recorded
 * (<a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DataCaptureConfig.html">
 * {@code DataCaptureConfig}</a>): what SageMaker would have written to {@code DestinationS3Uri}. Read them with
 * {@link FakeSageMaker#capturedData(String)}.
 *
 * <p>The payloads are the real request and response bodies, which may carry secrets:
 * {@link #toString()} shows their content types and sizes only.
 *
 * @param endpointName the endpoint invoked
 * @param variantName the production variant that served the invocation
 * @param endpointConfigName the endpoint config whose capture settings applied (the serving one, or
 *     the new one for an instance of a deployment in progress)
 * @param eventId the capture record's event id (a UUID drawn from the world's seeded random)
 * @param capturedAt the simulated time of the invocation
 * @param destinationS3Uri where SageMaker would write the record
 * @param kmsKeyId the KMS key SageMaker would encrypt it with, or {@code null}
 * @param input the request as captured, or {@code null} when the capture mode excludes input
 * @param output the response as captured, or {@code null} when the capture mode excludes output
 */
public record CapturedInvocation(String endpointName, String variantName, String endpointConfigName, String eventId,
        Instant capturedAt, String destinationS3Uri, String kmsKeyId, Payload input, Payload output) {

    /** Validates the mandatory members. */
    public CapturedInvocation {
        Objects.requireNonNull(endpointName, "endpointName");
        Objects.requireNonNull(variantName, "variantName");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(capturedAt, "capturedAt");
    }

    /** @return whether the request was captured */
    public boolean hasInput() {
        return input != null;
    }

    /** @return whether the response was captured */
    public boolean hasOutput() {
        return output != null;
    }

    @Override
    public String toString() {
        return "CapturedInvocation[endpoint=" + endpointName + ", variant=" + variantName + ", config="
                + endpointConfigName + ", eventId=" + eventId + ", at=" + capturedAt + ", destination="
                + destinationS3Uri + (kmsKeyId == null ? "" : ", kmsKeyId=" + kmsKeyId) + ", input=" + input
                + ", output=" + output + "]";
    }

    /**
     * A captured body with its content type.
     *
     * @param body the raw bytes
     * @param contentType the {@code Content-Type} of the request or response, may be {@code null}
     */
    public record Payload(byte[] body, String contentType) {

        /** Defends the body against later mutation. */
        public Payload {
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
            return o instanceof Payload p && Arrays.equals(body, p.body) && Objects.equals(contentType, p.contentType);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(body), contentType);
        }

        /** @return content type and size, never the content */
        @Override
        public String toString() {
            return "Payload[contentType=" + contentType + ", bodyBytes=" + body.length + "]";
        }
    }
}
