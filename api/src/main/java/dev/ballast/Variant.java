package dev.ballast;

import dev.ballast.error.SpecValidationException;
import dev.ballast.error.Violation;
import dev.ballast.internal.validation.Rules;
import dev.ballast.spec.Serverless;
import dev.ballast.spec.VariantSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A model-based production variant as code: a model on instances (or serverless) and its initial
 * traffic weight. Immutable.
 *
 * <pre>{@code
 * Variant a = Variant.named("model-v1-variant").model(v1).on("ml.m5.xlarge").instances(1).weight(0.9);
 * Variant b = Variant.named("model-v2-variant").model(v2).on("ml.m5.xlarge").instances(1).weight(0.1);
 * }</pre>
 */
public final class Variant extends DslValue<VariantSpec> {

    private Variant(VariantSpec spec) {
        super(spec);
    }

    /**
     * Starts a variant.
     *
     * @param name the variant's name: 1-63 letters, digits and hyphens
     * @throws SpecValidationException at once if the name is not valid
     */
    public static Variant named(String name) {
        Rules.given(name, "variant.name", "name", "name the variant, for example Variant.named(\"model-v1-variant\")");
        Rules.require(Rules.endpointName("variant.name", name));
        return new Variant(VariantSpec.builder().name(name).build());
    }

    /** @return a variant that starts from an existing spec */
    public static Variant from(VariantSpec spec) {
        return new Variant(Rules.given(spec, "variant", "spec", "give a spec, or start with Variant.named(..)"));
    }

    private Variant with(UnaryOperator<VariantSpec.Builder> change) {
        VariantSpec.Builder builder = VariantSpec.builder();
        builder.from(spec());
        return new Variant(change.apply(builder).build());
    }

    private String path(String field) {
        return "variant[" + Rules.key(spec().name()) + "]." + field;
    }

    /** Sets the model the variant serves. */
    public Variant model(Model model) {
        Rules.given(model, path("model"), "model", "give the model the variant serves: model(Model.named(\"my-model-v1\")...)");
        return with(b -> b.model(model.spec()));
    }

    /**
     * Runs the variant on instances of this type.
     *
     * @param instanceType a name of the form {@code ml.<family>.<size>}
     */
    public Variant on(String instanceType) {
        Rules.given(instanceType, path("instanceType"), "instanceType", "give a SageMaker hosting instance type, for example on(\"ml.m5.xlarge\")");
        return on(InstanceType.of(instanceType));
    }

    /** Runs the variant on instances of this type. */
    public Variant on(InstanceType instanceType) {
        Rules.given(instanceType, path("instanceType"), "instanceType", "give a SageMaker hosting instance type, for example InstanceType.ML_M5_XLARGE");
        return with(b -> b.instanceType(instanceType));
    }

    /** Sets the instances the variant starts with ({@code InitialInstanceCount}, 1 by default). */
    public Variant instances(int count) {
        Rules.require(Rules.atLeast(path("instances"), count, 1, "start with at least one instance: instances(1)"));
        return with(b -> b.initialInstanceCount(count));
    }

    /**
     * Sets the initial traffic weight ({@code InitialVariantWeight}, 1 by default). A variant's
     * share is its weight over the sum of the weights: 0.9 and 0.1 split 90/10.
     */
    public Variant weight(double weight) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new SpecValidationException(List.of(Violation.of(path("weight"), weight, "must be a finite number of 0 or more",
                    "use a weight such as weight(0.9)")));
        }
        return with(b -> b.initialWeight(weight));
    }

    /** Makes the variant serverless: memory per invocation (1024-6144 MiB, in GB steps) and the most concurrent invocations (1-200). */
    public Variant serverless(int memoryMb, int maxConcurrency) {
        return with(b -> b.serverless(Serverless.of(memoryMb, maxConcurrency)));
    }

    /** Keeps this many serverless invocations warm (1 to the maximum concurrency). */
    public Variant provisionedConcurrency(int invocations) {
        Serverless s = spec().serverless().orElseThrow(() -> new SpecValidationException(List.of(Violation.of(path("provisionedConcurrency"),
                invocations, "applies only to a serverless variant", "call serverless(memoryMb, maxConcurrency) first"))));
        return with(b -> b.serverless(new Serverless(s.memoryMb(), s.maxConcurrency(), Optional.of(invocations))));
    }

    /** Sets the storage volume of each instance (1 to 512 GB). */
    public Variant volumeSizeGb(int gigabytes) {
        return with(b -> b.volumeSizeGb(gigabytes));
    }

    /** Sets the model download timeout (60 to 3600 s). */
    public Variant modelDataDownloadTimeout(Duration timeout) {
        Rules.given(timeout, path("modelDataDownloadTimeout"), "timeout", "give a duration between 60 and 3600 s");
        Rules.require(Rules.seconds(path("modelDataDownloadTimeout"), timeout, 60, 3600));
        return with(b -> b.modelDataDownloadTimeout(timeout));
    }

    /** Sets the container start-up health-check timeout (60 to 3600 s). */
    public Variant containerStartupHealthCheckTimeout(Duration timeout) {
        Rules.given(timeout, path("containerStartupHealthCheckTimeout"), "timeout", "give a duration between 60 and 3600 s");
        Rules.require(Rules.seconds(path("containerStartupHealthCheckTimeout"), timeout, 60, 3600));
        return with(b -> b.containerStartupHealthCheckTimeout(timeout));
    }

    /** Scales the instance count with Application Auto Scaling (target tracking). */
    public Variant autoScaling(AutoScaling policy) {
        Rules.given(policy, path("autoScaling"), "policy", "give a policy, for example AutoScaling.between(1, 4).invocationsPerInstance(70)");
        return with(b -> b.autoScaling(policy.spec()));
    }
}
