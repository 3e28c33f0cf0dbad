package dev.ballast;

import java.time.Duration;

import dev.ballast.dsl.VariantEndpointStep;
import dev.ballast.spec.CaptureMode;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.spec.VariantSpec;

/**
 * The second seed's A/B endpoint, written in the DSL, for the tests of this module and of
 * {@code dev.ballast.validation}: {@code my-model-v1} at weight 0.9 and {@code my-model-v2} at 0.1,
 * one {@code ml.m5.xlarge} each, and data capture of every request and answer to S3, encrypted
 * with KMS. Each model carries a secret environment variable, so that every test built on the
 * seed can check that the secret is never shown.
 */
public final class VariantEndpointSeed {

    public static final String ENDPOINT = "my-model-endpoint";
    public static final String V1 = "model-v1-variant";
    public static final String V2 = "model-v2-variant";
    public static final String MODEL_V1 = "my-model-v1";
    public static final String MODEL_V2 = "my-model-v2";
    public static final String INSTANCE_TYPE = "ml.m5.xlarge";
    public static final String IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.3-cpu-py311";
    public static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerRole";
    public static final String CAPTURE_URI = "s3://my-sagemaker-data-capture-bucket/";
    public static final String KMS_KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    /** A unique value that must never be shown anywhere but in the request to SageMaker. */
    public static final String CANARY = "sk_CANARY_3b8e61f0d2c947a5";

    private VariantEndpointSeed() {
    }

    /** A model of the seed: the PyTorch image, its artifacts, one plain and one secret variable, the role. */
    public static Model model(String name, String token) {
        return Model.named(name)
                .image(IMAGE)
                .modelData("s3://my-bucket/models/" + name + "/model.tar.gz")
                .env("SAGEMAKER_PROGRAM", "inference.py")
                .secretEnv("API_TOKEN", token)
                .executionRole(ROLE);
    }

    /** {@code model-v1-variant}: {@code my-model-v1} on one ml.m5.xlarge at weight 0.9. */
    public static Variant v1(String token) {
        return Variant.named(V1).model(model(MODEL_V1, token)).on(INSTANCE_TYPE).instances(1).weight(0.9);
    }

    /** {@code model-v2-variant}: {@code my-model-v2} on one ml.m5.xlarge at weight 0.1. */
    public static Variant v2(String token) {
        return Variant.named(V2).model(model(MODEL_V2, token)).on(INSTANCE_TYPE).instances(1).weight(0.1);
    }

    /** A variant like the seed's, with its own model, on {@code instances} ml.m5.xlarge, weight 1. */
    public static Variant variant(String name, int instances) {
        return Variant.named(name).model(model("model-of-" + name, CANARY)).on(INSTANCE_TYPE).instances(instances);
    }

    /** Every request and answer, to the capture bucket, encrypted with the KMS key. */
    public static DataCapture capture() {
        return DataCapture.to(CAPTURE_URI).sampling(100).capture(CaptureMode.INPUT, CaptureMode.OUTPUT).kmsKey(KMS_KEY);
    }

    /** The seed's chain before it is named. */
    public static VariantEndpointStep endpoint(String token) {
        return Endpoint.serving(v1(token), v2(token)).dataCapture(capture());
    }

    /** The seed endpoint, named {@value #ENDPOINT}. */
    public static VariantEndpointSpec seed(String token) {
        return endpoint(token).named(ENDPOINT);
    }

    /** The seed endpoint with the {@link #CANARY} secret. */
    public static VariantEndpointSpec seed() {
        return seed(CANARY);
    }

    /** An endpoint of these variants, named {@value #ENDPOINT}, without data capture. */
    public static VariantEndpointSpec serving(Variant first, Variant... more) {
        return Endpoint.serving(first, more).named(ENDPOINT);
    }

    /** The seed as a config-driven caller starts it: a builder holding everything of {@link #seed()}. */
    public static VariantEndpointSpec.Builder seedSpec() {
        VariantEndpointSpec.Builder b = VariantEndpointSpec.builder();
        b.from(seed());
        return b;
    }

    /** {@code model-v1-variant} as a builder, to break one of its fields. */
    public static VariantSpec.Builder v1Spec() {
        VariantSpec.Builder b = VariantSpec.builder();
        b.from(v1(CANARY).spec());
        return b;
    }

    /** The rollback alarm of the seed's updates: any server error in a minute. */
    public static Alarm errors() {
        return Alarm.invocation5xxErrors().above(0).per(Duration.ofMinutes(1));
    }
}
