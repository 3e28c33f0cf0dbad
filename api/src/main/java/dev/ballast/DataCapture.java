package dev.ballast;

import dev.ballast.internal.validation.Rules;
import dev.ballast.spec.CaptureMode;
import dev.ballast.spec.DataCaptureSpec;
import java.util.EnumSet;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Data capture as code ({@code DataCaptureConfig}): a sample of an endpoint's requests and answers,
 * written by SageMaker to S3. Immutable.
 *
 * <pre>{@code
 * DataCapture capture = DataCapture.to("s3://my-sagemaker-data-capture-bucket/")
 *     .sampling(100)
 *     .capture(CaptureMode.INPUT, CaptureMode.OUTPUT)
 *     .kmsKey("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");
 * }</pre>
 */
public final class DataCapture extends DslValue<DataCaptureSpec> {

    private DataCapture(DataCaptureSpec spec) {
        super(spec);
    }

    /** Captures all requests and answers to this S3 prefix ({@code DestinationS3Uri}). */
    public static DataCapture to(String s3Uri) {
        Rules.given(s3Uri, "dataCapture.destination", "s3Uri", "say where the records go, for example DataCapture.to(\"s3://my-bucket/capture/\")");
        Rules.require(Rules.s3Url("dataCapture.destination", s3Uri));
        return new DataCapture(DataCaptureSpec.builder().destinationS3Uri(s3Uri).build());
    }

    /** @return data capture that starts from an existing spec */
    public static DataCapture from(DataCaptureSpec spec) {
        return new DataCapture(Rules.given(spec, "dataCapture", "spec", "give a spec, or start with DataCapture.to(..)"));
    }

    private DataCapture with(UnaryOperator<DataCaptureSpec.Builder> change) {
        DataCaptureSpec.Builder builder = DataCaptureSpec.builder();
        builder.from(spec());
        return new DataCapture(change.apply(builder).build());
    }

    /** Captures this share of the invocations, 0 to 100 percent ({@code InitialSamplingPercentage}). */
    public DataCapture sampling(int percent) {
        if (percent < 0 || percent > 100) {
            throw new dev.ballast.error.SpecValidationException(List.of(dev.ballast.error.Violation.of("dataCapture.samplingPercentage",
                    percent, "must be between 0 and 100", "use sampling(" + Math.max(0, Math.min(100, percent)) + ")")));
        }
        return with(b -> b.samplingPercentage(percent));
    }

    /** Captures only these parts of each invocation (both by default). */
    public DataCapture capture(CaptureMode first, CaptureMode... more) {
        Rules.given(first, "dataCapture.modes", "first", "name what to capture, for example capture(CaptureMode.INPUT)");
        Rules.givenAll(more, "dataCapture.modes", "more", "list only capture modes, or none");
        EnumSet<CaptureMode> modes = EnumSet.of(first, more);
        return with(b -> b.modes(modes));
    }

    /** Encrypts the records in S3 with this KMS key. */
    public DataCapture kmsKey(String keyId) {
        Rules.given(keyId, "dataCapture.kmsKey", "keyId", "give a KMS key id, alias or ARN");
        Rules.require(Rules.kmsKey("dataCapture.kmsKey", keyId));
        return with(b -> b.kmsKeyId(keyId));
    }

    /** Writes bodies of these content types as CSV text rather than base64 (1 to 10). */
    public DataCapture csvContentTypes(String... contentTypes) {
        Rules.givenAll(contentTypes, "dataCapture.csvContentTypes", "contentTypes", "list content types, for example csvContentTypes(\"text/csv\")");
        return with(b -> b.csvContentTypes(List.of(contentTypes)));
    }

    /** Writes bodies of these content types as JSON text rather than base64 (1 to 10). */
    public DataCapture jsonContentTypes(String... contentTypes) {
        Rules.givenAll(contentTypes, "dataCapture.jsonContentTypes", "contentTypes", "list content types, for example jsonContentTypes(\"application/json\")");
        return with(b -> b.jsonContentTypes(List.of(contentTypes)));
    }

    /** Keeps the configuration but turns capture off ({@code EnableCapture=false}). */
    public DataCapture disabled() {
        return with(b -> b.enabled(false));
    }
}
