package dev.ballast.scenario;

import dev.ballast.Alarm;
import dev.ballast.BlueGreen;
import dev.ballast.DataCapture;
import dev.ballast.Endpoint;
import dev.ballast.Model;
import dev.ballast.RollingUpdate;
import dev.ballast.Variant;
import dev.ballast.dsl.VariantEndpointStep;
import dev.ballast.spec.CaptureMode;
import dev.ballast.spec.VariantEndpointSpec;
import java.time.Duration;

/** The second seed's A/B test, written in the DSL, and the updates the scenarios apply to it. */
final class ABTestSpecs {

    static final String ENDPOINT = "my-model-endpoint";
    static final String V1 = "model-v1-variant";
    static final String V2 = "model-v2-variant";
    static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerRole";
    static final String IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:";
    /** The image of the broken retrain: the scenarios script its container to answer 500s. */
    static final String BROKEN_IMAGE = IMAGE + "2.1-broken";
    static final String TOKEN = "model-api-token-s3cr3t";

    static final Alarm ERRORS = Alarm.invocation5xxErrors().above(2).per(Duration.ofMinutes(1));

    private ABTestSpecs() {
    }

    static Model model(String name, String image) {
        return Model.named(name).image(image).modelData("s3://my-models/" + name + "/model.tar.gz")
                .env("SAGEMAKER_PROGRAM", "inference.py").secretEnv("API_TOKEN", TOKEN).executionRole(ROLE);
    }

    static VariantEndpointStep variants(int instances, String v2Model, String v2Image) {
        return Endpoint.serving(
                        Variant.named(V1).model(model("my-model-v1", IMAGE + "2.3-cpu")).on("ml.m5.xlarge").instances(instances).weight(0.9),
                        Variant.named(V2).model(model(v2Model, v2Image)).on("ml.m5.xlarge").instances(instances).weight(0.1))
                .dataCapture(DataCapture.to("s3://my-sagemaker-data-capture-bucket/").sampling(100)
                        .capture(CaptureMode.INPUT, CaptureMode.OUTPUT).kmsKey("arn:aws:kms:us-east-1:123456789012:key/1234abcd"));
    }

    /** The seed's A/B test: my-model-v1 at 0.9 and my-model-v2 at 0.1, one ml.m5.xlarge each, all requests captured. */
    static VariantEndpointSpec abTest() {
        return variants(1, "my-model-v2", IMAGE + "2.3-cpu").update(BlueGreen.allAtOnce().bake(Duration.ofMinutes(5)).rollbackOn(ERRORS)).named(ENDPOINT);
    }

    /** The same endpoint on two instances per variant, so that a canary can be half of them. */
    static VariantEndpointSpec abTestOnTwo() {
        return variants(2, "my-model-v2", IMAGE + "2.3-cpu").update(BlueGreen.allAtOnce().bake(Duration.ofMinutes(5)).rollbackOn(ERRORS)).named(ENDPOINT);
    }

    /** A retrain of v2 (its own model name: models cannot change), deployed with the given policy. */
    static VariantEndpointSpec retrain(String image, BlueGreen policy) {
        return variants(2, "my-model-v2-1", image).update(policy.rollbackOn(ERRORS)).named(ENDPOINT);
    }

    /**
     * One variant of v1 on two instances: SageMaker rolls only an endpoint of one variant (its
     * rolling deployments exclude multi-variant endpoints).
     */
    static VariantEndpointSpec singleOnTwo() {
        return single("my-model-v1", IMAGE + "2.3-cpu").update(BlueGreen.allAtOnce().bake(Duration.ofMinutes(5)).rollbackOn(ERRORS))
                .named(ENDPOINT);
    }

    /** A retrain of the single variant, rolled out in batches of one instance. */
    static VariantEndpointSpec rollingRetrain(String image) {
        return single("my-model-v1-1", image).update(RollingUpdate.batch(1).wait(Duration.ofMinutes(5)).rollbackOn(ERRORS))
                .named(ENDPOINT);
    }

    private static VariantEndpointStep single(String modelName, String image) {
        return Endpoint.serving(Variant.named(V1).model(model(modelName, image)).on("ml.m5.xlarge").instances(2));
    }

    static BlueGreen canary() {
        return BlueGreen.canaryInstances(1).bake(Duration.ofMinutes(10)).terminationWait(Duration.ofMinutes(5))
                .timeout(Duration.ofMinutes(45));
    }

    static BlueGreen linear() {
        return BlueGreen.linearPercent(50).bake(Duration.ofMinutes(5)).timeout(Duration.ofMinutes(45));
    }
}
