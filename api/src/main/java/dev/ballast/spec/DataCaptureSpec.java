package dev.ballast.spec;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * Data capture of an endpoint ({@code DataCaptureConfig}): a sample of the requests and answers,
 * written by SageMaker to S3 for monitoring, debugging and retraining.
 */
@Value.Immutable
public abstract class DataCaptureSpec {

    /** For the implementation Immutables generates; build one with {@link #builder()}. */
    protected DataCaptureSpec() {
    }

    /** @return the S3 prefix the records go to ({@code DestinationS3Uri}, required) */
    public abstract Optional<String> destinationS3Uri();

    /** @return the share of invocations captured, 0 to 100 ({@code InitialSamplingPercentage}) */
    @Value.Default
    public int samplingPercentage() {
        return 100;
    }

    /** @return what is captured; both the request and the answer unless set */
    @Value.Default
    public Set<CaptureMode> modes() {
        return java.util.EnumSet.allOf(CaptureMode.class);
    }

    /** @return the KMS key that encrypts the records in S3, if any */
    public abstract Optional<String> kmsKeyId();

    /** @return content types written as CSV text (1 to 10, {@code CsvContentTypes}) */
    public abstract List<String> csvContentTypes();

    /** @return content types written as JSON text (1 to 10, {@code JsonContentTypes}) */
    public abstract List<String> jsonContentTypes();

    /** @return whether capture is on ({@code EnableCapture}); it is unless turned off */
    @Value.Default
    public boolean enabled() {
        return true;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link DataCaptureSpec}. */
    public static class Builder extends ImmutableDataCaptureSpec.Builder {

        /** An empty builder; {@code builder()} is the usual way to get one. */
        public Builder() {
        }
    }

    /** @return for example {@code DataCapture{100% of [INPUT, OUTPUT] to s3://bucket/capture}} */
    @Override
    public String toString() {
        return "DataCapture{" + (enabled() ? "" : "off, ") + samplingPercentage() + "% of " + modes()
                + " to " + destinationS3Uri().orElse("?")
                + kmsKeyId().map(k -> ", kms " + k).orElse("")
                + (csvContentTypes().isEmpty() ? "" : ", csv " + csvContentTypes())
                + (jsonContentTypes().isEmpty() ? "" : ", json " + jsonContentTypes()) + "}";
    }
}
