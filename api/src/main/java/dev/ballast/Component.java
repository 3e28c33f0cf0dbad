package dev.ballast;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import dev.ballast.error.SpecValidationException;
import dev.ballast.error.Violation;
import dev.ballast.internal.validation.Rules;
import dev.ballast.spec.ComponentSpec;

/**
 * An inference component being described: a model container, what each copy reserves, and how
 * many copies run. Immutable: every method returns a new {@code Component}.
 *
 * <pre>{@code
 * Component llm = Component.named("llm")
 *     .image(tgiImage)
 *     .env("HF_MODEL_ID", "meta-llama/Llama-3.1-8B-Instruct")
 *     .env("MESSAGES_API_ENABLED", "true")
 *     .secretEnv("HF_TOKEN", token)      // sent to SageMaker, shown nowhere else
 *     .accelerators(1).memoryMb(1024)
 *     .copies(2);
 *
 * // a LoRA adapter on it: no image, compute or copies of its own
 * Component support = Component.named("support")
 *     .adapterOf("llm")
 *     .artifact("s3://my-bucket/adapters/support.tar.gz");
 * }</pre>
 */
public final class Component extends DslValue<ComponentSpec> {

    private Component(ComponentSpec spec) {
        super(spec);
    }

    /**
     * Starts a component.
     *
     * @param name the inference component's name: 1-63 letters, digits and hyphens
     * @throws SpecValidationException at once if the name is not valid
     */
    public static Component named(String name) {
        Rules.given(name, "component.name", "name", "name the component, for example Component.named(\"llm\")");
        Rules.require(Rules.componentName("component.name", name));
        return new Component(ComponentSpec.builder().name(name).build());
    }

    /** @return a component that starts from an existing spec, for example one read from configuration */
    public static Component from(ComponentSpec spec) {
        return new Component(Rules.given(spec, "component", "spec", "give a spec, or start with Component.named(..)"));
    }


    private Component with(UnaryOperator<ComponentSpec.Builder> change) {
        ComponentSpec.Builder builder = ComponentSpec.builder();
        builder.from(spec());
        return new Component(change.apply(builder).build());
    }

    private String path(String field) {
        return "component[" + Rules.key(spec().name()) + "]." + field;
    }

    /** Sets the container image URI. */
    public Component image(String imageUri) {
        Rules.given(imageUri, path("image"), "imageUri", "give the container image URI: image(\"<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>\")");
        Rules.require(Rules.image(path("image"), imageUri));
        return with(b -> b.image(imageUri));
    }

    /** Adds a plain environment variable; its value may appear in plans and logs. */
    public Component env(String key, String value) {
        Rules.given(key, path("env"), "key", "name the variable, for example env(\"HF_MODEL_ID\", \"...\")");
        Rules.given(value, path("env[" + Rules.key(key) + "]"), "value", "give the variable's value; \"\" for an empty one");
        Rules.require(Rules.envEntry(path("env[" + Rules.key(key) + "]"), key, value));
        return with(b -> b.putEnvironment(key, value));
    }

    /** Adds a secret environment variable: sent to SageMaker, masked as {@code ****} everywhere else. */
    public Component secretEnv(String key, String value) {
        Rules.given(key, path("env"), "key", "name the variable, for example secretEnv(\"HF_TOKEN\", token)");
        Rules.given(value, path("env[" + Rules.key(key) + "]"), "value", "give the secret's value");
        Rules.require(Rules.envKey(path("env[" + Rules.key(key) + "].key"), key));
        Rules.require(Rules.envValue(path("env[" + Rules.key(key) + "]"), value, true));
        return secretEnv(key, Secret.of(value));
    }

    /** Adds a secret environment variable: sent to SageMaker, masked as {@code ****} everywhere else. */
    public Component secretEnv(String key, Secret value) {
        Rules.given(key, path("env"), "key", "name the variable, for example secretEnv(\"HF_TOKEN\", token)");
        Rules.given(value, path("env[" + Rules.key(key) + "]"), "value", "give the secret, for example Secret.of(System.getenv(\"HF_TOKEN\"))");
        Rules.require(Rules.secretEnvEntry(path("env[" + Rules.key(key) + "]"), key, value.length()));
        return with(b -> b.putSecretEnvironment(key, value));
    }

    /** Sets the S3 (or HTTPS) URI of the model artifacts ({@code ArtifactUrl}). */
    public Component modelData(String uri) {
        Rules.given(uri, path("modelData"), "uri", "give the S3 URI of the model artifacts, for example s3://my-bucket/model.tar.gz");
        Rules.require(Rules.s3Url(path("modelData"), uri));
        return with(b -> b.modelDataUrl(uri));
    }

    /**
     * Makes this component a LoRA adapter on {@code baseComponent}, another component of the same
     * endpoint ({@code Specification.BaseInferenceComponentName}). An adapter has no image, compute or
     * copies of its own: it runs on its base's copies; give it only its {@link #artifact(String)}.
     * Ballast creates it once its base is {@code InService} and deletes it before its base.
     *
     * @throws SpecValidationException at once if the name is not a valid component name
     */
    public Component adapterOf(String baseComponent) {
        Rules.given(baseComponent, path("adapterOf"), "baseComponent", "name the base component, for example adapterOf(\"llm\")");
        Rules.require(Rules.componentName(path("adapterOf"), baseComponent));
        return with(b -> b.baseComponent(baseComponent));
    }

    /**
     * Sets the S3 (or HTTPS) URI of an adapter's artifact ({@code Container.ArtifactUrl}); the same
     * field as {@link #modelData(String)}, named for adapters.
     */
    public Component artifact(String uri) {
        Rules.given(uri, path("artifact"), "uri", "give the S3 URI of the adapter, for example s3://my-bucket/adapters/support.tar.gz");
        Rules.require(Rules.s3Url(path("artifact"), uri));
        return with(b -> b.modelDataUrl(uri));
    }

    /**
     * Sets the accelerator devices each copy reserves.
     *
     * @throws SpecValidationException at once if fewer than 1
     */
    public Component accelerators(int devices) {
        Rules.require(Rules.atLeast(path("accelerators"), devices, 1, "reserve at least one accelerator per copy, or leave accelerators unset for a CPU model"));
        return with(b -> b.accelerators(devices));
    }

    /**
     * Sets the vCPUs each copy reserves.
     *
     * @throws SpecValidationException at once if fewer than 0.25
     */
    public Component cpuCores(double cores) {
        if (!(cores >= 0.25) || Double.isInfinite(cores)) {
            throw new SpecValidationException(List.of(Violation.of(path("cpuCores"), cores, "must be at least 0.25",
                    "reserve at least a quarter of a vCPU: cpuCores(0.25)")));
        }
        return with(b -> b.cpuCores(cores));
    }

    /**
     * Sets the memory each copy reserves ({@code MinMemoryRequiredInMb}).
     *
     * @throws SpecValidationException at once if below 128 MiB
     */
    public Component memoryMb(int minimumMib) {
        Rules.require(Rules.atLeast(path("memoryMb"), minimumMib, 128, "reserve at least 128 MiB per copy: memoryMb(128)"));
        return with(b -> b.minMemoryMb(minimumMib));
    }

    /**
     * Caps the memory of each copy ({@code MaxMemoryRequiredInMb}).
     *
     * @throws SpecValidationException at once if below 128 MiB
     */
    public Component maxMemoryMb(int maximumMib) {
        Rules.require(Rules.atLeast(path("maxMemoryMb"), maximumMib, 128, "cap memory at 128 MiB or more"));
        return with(b -> b.maxMemoryMb(maximumMib));
    }

    /**
     * Sets the number of copies.
     *
     * @throws SpecValidationException at once if negative
     */
    public Component copies(int count) {
        Rules.require(Rules.atLeast(path("copies"), count, 0, "use 0 to keep the component without copies, or more"));
        return with(b -> b.copies(count));
    }

    /** Sets how long each copy may take to download its model (60 to 3600 s). */
    public Component modelDataDownloadTimeout(Duration timeout) {
        Rules.given(timeout, path("modelDataDownloadTimeout"), "timeout", "give a duration between 60 and 3600 s");
        Rules.require(Rules.seconds(path("modelDataDownloadTimeout"), timeout, 60, 3600));
        return with(b -> b.modelDataDownloadTimeout(timeout));
    }

    /** Sets how long each copy's container may take to pass its health check (60 to 3600 s). */
    public Component containerStartupHealthCheckTimeout(Duration timeout) {
        Rules.given(timeout, path("containerStartupHealthCheckTimeout"), "timeout", "give a duration between 60 and 3600 s");
        Rules.require(Rules.seconds(path("containerStartupHealthCheckTimeout"), timeout, 60, 3600));
        return with(b -> b.containerStartupHealthCheckTimeout(timeout));
    }


    /**
     * Scales the copy count with Application Auto Scaling (target tracking); the minimum may be 0.
     *
     * <pre>{@code
     * .autoScaling(AutoScaling.between(0, 4).invocationsPerCopy(10))
     * }</pre>
     */
    public Component autoScaling(AutoScaling policy) {
        Rules.given(policy, path("autoScaling"), "policy", "give a policy, for example AutoScaling.between(0, 4).invocationsPerCopy(10)");
        return with(b -> b.autoScaling(policy.spec()));
    }
}
