package dev.ballast;

import dev.ballast.error.SpecValidationException;
import dev.ballast.internal.validation.Rules;
import dev.ballast.spec.ModelSpec.InferenceExecutionMode;
import dev.ballast.spec.ModelContainerSpec;
import dev.ballast.spec.ModelSpec;
import dev.ballast.spec.Vpc;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A SageMaker model as code ({@code CreateModel}), for a production variant to serve. Immutable:
 * every method returns a new model.
 *
 * <pre>{@code
 * Model v1 = Model.named("my-model-v1")
 *     .image("763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.3-cpu-py311")
 *     .modelData("s3://my-bucket/models/v1/model.tar.gz")
 *     .env("SAGEMAKER_PROGRAM", "inference.py")
 *     .secretEnv("API_TOKEN", token)
 *     .executionRole("arn:aws:iam::123456789012:role/SageMakerRole");
 * }</pre>
 *
 * <p>A model of several containers is an inference pipeline ({@link #pipeline(Container...)}: each
 * request goes through the containers in order) or a multi-container model invoked directly
 * ({@link #containers(Container...)}: each request names its container):
 *
 * <pre>{@code
 * Model pipeline = Model.named("churn-pipeline-v1")
 *     .pipeline(Container.image(SKLEARN_IMAGE).modelData("s3://my-bucket/preprocess.tar.gz"),
 *               Container.image(XGBOOST_IMAGE).modelData("s3://my-bucket/xgboost.tar.gz"))
 *     .executionRole("arn:aws:iam::123456789012:role/SageMakerRole");
 * }</pre>
 *
 * <p>Models cannot change in SageMaker; a new version of a model is a new model with its own name.
 */
public final class Model extends DslValue<ModelSpec> {

    private Model(ModelSpec spec) {
        super(spec);
    }

    /**
     * Starts a model.
     *
     * @param name the model's name: 1-63 letters, digits and hyphens
     * @throws SpecValidationException at once if the name is not valid
     */
    public static Model named(String name) {
        Rules.given(name, "model.name", "name", "name the model, for example Model.named(\"my-model-v1\")");
        Rules.require(Rules.componentName("model.name", name));
        return new Model(ModelSpec.builder().name(name).build());
    }

    /** @return a model that starts from an existing spec */
    public static Model from(ModelSpec spec) {
        return new Model(Rules.given(spec, "model", "spec", "give a spec, or start with Model.named(..)"));
    }

    private Model with(UnaryOperator<ModelSpec.Builder> change) {
        ModelSpec.Builder builder = ModelSpec.builder();
        builder.from(spec());
        return new Model(change.apply(builder).build());
    }

    private String path(String field) {
        return "model[" + Rules.key(spec().name()) + "]." + field;
    }

    /** Sets the container image URI. */
    public Model image(String imageUri) {
        Rules.given(imageUri, path("image"), "imageUri", "give the container image URI: image(\"<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>\")");
        Rules.require(Rules.image(path("image"), imageUri));
        return with(b -> b.image(imageUri));
    }

    /** Sets the S3 (or HTTPS) URI of the model artifacts ({@code ModelDataUrl}). */
    public Model modelData(String uri) {
        Rules.given(uri, path("modelData"), "uri", "give the S3 URI of the model artifacts, for example s3://my-bucket/model.tar.gz");
        Rules.require(Rules.s3Url(path("modelData"), uri));
        return with(b -> b.modelDataUrl(uri));
    }

    /** Adds a plain environment variable; its value may appear in plans and logs. */
    public Model env(String key, String value) {
        Rules.given(key, path("env"), "key", "name the variable, for example env(\"HF_MODEL_ID\", \"...\")");
        Rules.given(value, path("env[" + Rules.key(key) + "]"), "value", "give the variable's value; \"\" for an empty one");
        Rules.require(Rules.envEntry(path("env[" + Rules.key(key) + "]"), key, value));
        return with(b -> b.putEnvironment(key, value));
    }

    /** Adds a secret environment variable: sent to SageMaker, masked as {@code ****} everywhere else. */
    public Model secretEnv(String key, String value) {
        Rules.given(key, path("env"), "key", "name the variable, for example secretEnv(\"HF_TOKEN\", token)");
        Rules.given(value, path("env[" + Rules.key(key) + "]"), "value", "give the secret's value");
        Rules.require(Rules.envKey(path("env[" + Rules.key(key) + "].key"), key));
        Rules.require(Rules.envValue(path("env[" + Rules.key(key) + "]"), value, true));
        return secretEnv(key, Secret.of(value));
    }

    /** Adds a secret environment variable: sent to SageMaker, masked as {@code ****} everywhere else. */
    public Model secretEnv(String key, Secret value) {
        Rules.given(key, path("env"), "key", "name the variable, for example secretEnv(\"HF_TOKEN\", token)");
        Rules.given(value, path("env[" + Rules.key(key) + "]"), "value", "give the secret, for example Secret.of(System.getenv(\"HF_TOKEN\"))");
        Rules.require(Rules.secretEnvEntry(path("env[" + Rules.key(key) + "]"), key, value.length()));
        return with(b -> b.putSecretEnvironment(key, value));
    }

    /**
     * Makes the model an inference pipeline ({@code Containers} with {@code InferenceExecutionConfig.Mode}
     * {@code Serial}): each request goes to the first container, each container's answer is the next one's
     * request, and the last container's answer is returned; an error in any container is the invocation's
     * error. Instead of {@link #image(String)}, {@link #modelData(String)} and {@link #env(String, String)},
     * which describe a model of one container.
     *
     * @param containers 1 to 15 containers, in the order requests flow through them; hostnames are optional
     *     ({@link Container#image(String)}), and if one is named, all must be ({@link Container#named(String)})
     */
    public Model pipeline(Container... containers) {
        return withContainers(InferenceExecutionMode.SERIAL, "pipeline", containers);
    }

    /**
     * Makes the model a multi-container model invoked directly ({@code Containers} with
     * {@code InferenceExecutionConfig.Mode} {@code Direct}): each container serves its own requests, which
     * name it by its hostname ({@code TargetContainerHostname}). Instead of {@link #image(String)},
     * {@link #modelData(String)} and {@link #env(String, String)}, which describe a model of one container.
     *
     * @param containers 1 to 15 containers, each with a unique hostname: {@link Container#named(String)}
     */
    public Model containers(Container... containers) {
        return withContainers(InferenceExecutionMode.DIRECT, "containers", containers);
    }

    private Model withContainers(InferenceExecutionMode mode, String method, Container... containers) {
        Rules.givenAll(containers, path("containers"), "containers",
                "give the containers: " + method + "(Container.named(\"a\").image(..), Container.named(\"b\").image(..))");
        List<ModelContainerSpec> specs = Arrays.stream(containers).map(Container::spec).toList();
        return with(b -> b.containers(specs).executionMode(mode));
    }

    /** Sets the IAM role SageMaker assumes to pull the image and the model data (required). */
    public Model executionRole(String roleArn) {
        Rules.given(roleArn, path("executionRole"), "roleArn", "give the ARN of a role SageMaker can assume, for example arn:aws:iam::123456789012:role/SageMakerRole");
        Rules.require(Rules.roleArn(path("executionRole"), roleArn));
        return with(b -> b.executionRoleArn(roleArn));
    }

    /** Runs the model's container in a VPC: 1 to 16 subnets, 1 to 5 security groups. */
    public Model vpc(List<String> subnets, List<String> securityGroupIds) {
        Vpc vpc = Vpc.of(subnets, securityGroupIds);
        Rules.require(Rules.vpc(vpc.subnets(), vpc.securityGroupIds()));
        return with(b -> b.vpc(vpc));
    }

    /** Cuts the container off from the network ({@code EnableNetworkIsolation}). */
    public Model networkIsolation() {
        return with(b -> b.networkIsolation(true));
    }
}
