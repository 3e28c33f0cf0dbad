package dev.ballast;

import dev.ballast.dsl.ContainerImageStep;
import dev.ballast.error.SpecValidationException;
import dev.ballast.internal.validation.Rules;
import dev.ballast.spec.ModelContainerSpec;
import java.util.function.UnaryOperator;

/**
 * One container of a model of several containers: a step of an inference pipeline
 * ({@link Model#pipeline(Container...)}) or one of the containers of a multi-container endpoint invoked
 * directly ({@link Model#containers(Container...)}). Immutable: every method returns a new container.
 *
 * <pre>{@code
 * Model.named("churn-pipeline-v1")
 *     .pipeline(
 *         Container.image(SKLEARN_IMAGE).modelData("s3://my-bucket/preprocess.tar.gz"),
 *         Container.image(XGBOOST_IMAGE).modelData("s3://my-bucket/xgboost.tar.gz").env("MAX_BATCH", "10"))
 *     .executionRole(ROLE);
 *
 * Model.named("translators-v1")
 *     .containers(
 *         Container.named("english").image(EN_IMAGE),
 *         Container.named("french").image(FR_IMAGE).secretEnv("API_TOKEN", token))
 *     .executionRole(ROLE);
 * }</pre>
 */
public final class Container extends DslValue<ModelContainerSpec> {

    private Container(ModelContainerSpec spec) {
        super(spec);
    }

    /**
     * Starts a container named {@code hostname}; its image comes next:
     * {@code Container.named("english").image(uri)}. The hostname ({@code ContainerHostname}) is required for direct invocation,
     * where requests name it; optional in a pipeline, where it names the container in metrics and errors.
     *
     * @param hostname 1-63 letters, digits and hyphens, starting and ending with a letter or digit
     * @throws SpecValidationException at once if the hostname is not valid
     */
    public static ContainerImageStep named(String hostname) {
        Rules.given(hostname, "container.hostname", "hostname", "name the container, for example Container.named(\"preprocess\")");
        // ContainerHostname has the pattern and length of an endpoint name
        Rules.require(Rules.endpointName("container[" + Rules.key(hostname) + "].hostname", hostname));
        Container named = new Container(ModelContainerSpec.builder().hostname(hostname).build());
        return named::withImage;
    }

    /**
     * Starts an unnamed container running {@code imageUri} (for a pipeline, whose containers SageMaker names by
     * position when none is named).
     *
     * @throws SpecValidationException at once if the URI is not valid
     */
    public static Container image(String imageUri) {
        return new Container(ModelContainerSpec.builder().build()).withImage(imageUri);
    }

    /** @return a container that starts from an existing spec */
    public static Container from(ModelContainerSpec spec) {
        return new Container(Rules.given(spec, "container", "spec", "give a spec, or start with Container.named(..)"));
    }

    private Container with(UnaryOperator<ModelContainerSpec.Builder> change) {
        ModelContainerSpec.Builder builder = ModelContainerSpec.builder();
        builder.from(spec());
        return new Container(change.apply(builder).build());
    }

    private String path(String field) {
        return "container" + spec().hostname().map(h -> "[" + Rules.key(h) + "]").orElse("") + "." + field;
    }

    private Container withImage(String imageUri) {
        Rules.given(imageUri, path("image"), "imageUri", "give the container image URI: image(\"<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>\")");
        Rules.require(Rules.image(path("image"), imageUri));
        return with(b -> b.image(imageUri));
    }

    /** Sets the S3 (or HTTPS) URI of the container's model artifacts ({@code ModelDataUrl}). */
    public Container modelData(String uri) {
        Rules.given(uri, path("modelData"), "uri", "give the S3 URI of the model artifacts, for example s3://my-bucket/model.tar.gz");
        Rules.require(Rules.s3Url(path("modelData"), uri));
        return with(b -> b.modelDataUrl(uri));
    }

    /** Adds a plain environment variable; its value may appear in plans and logs. */
    public Container env(String key, String value) {
        Rules.given(key, path("env"), "key", "name the variable, for example env(\"SAGEMAKER_PROGRAM\", \"...\")");
        Rules.given(value, path("env[" + Rules.key(key) + "]"), "value", "give the variable's value; \"\" for an empty one");
        Rules.require(Rules.envEntry(path("env[" + Rules.key(key) + "]"), key, value));
        return with(b -> b.putEnvironment(key, value));
    }

    /** Adds a secret environment variable: sent to SageMaker, masked as {@code ****} everywhere else. */
    public Container secretEnv(String key, String value) {
        Rules.given(key, path("env"), "key", "name the variable, for example secretEnv(\"API_TOKEN\", token)");
        Rules.given(value, path("env[" + Rules.key(key) + "]"), "value", "give the secret's value");
        Rules.require(Rules.envKey(path("env[" + Rules.key(key) + "].key"), key));
        Rules.require(Rules.envValue(path("env[" + Rules.key(key) + "]"), value, true));
        return secretEnv(key, Secret.of(value));
    }

    /** Adds a secret environment variable: sent to SageMaker, masked as {@code ****} everywhere else. */
    public Container secretEnv(String key, Secret value) {
        Rules.given(key, path("env"), "key", "name the variable, for example secretEnv(\"API_TOKEN\", token)");
        Rules.given(value, path("env[" + Rules.key(key) + "]"), "value", "give the secret, for example Secret.of(System.getenv(\"API_TOKEN\"))");
        Rules.require(Rules.secretEnvEntry(path("env[" + Rules.key(key) + "]"), key, value.length()));
        return with(b -> b.putSecretEnvironment(key, value));
    }
}
