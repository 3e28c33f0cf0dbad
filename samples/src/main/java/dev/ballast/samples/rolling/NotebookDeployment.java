package dev.ballast.samples.rolling;

import static dev.ballast.RollingUpdate.batch;

import java.time.Duration;

import dev.ballast.Alarm;
import dev.ballast.Component;
import dev.ballast.Endpoint;
import dev.ballast.spec.ComponentEndpointSpec;

/**
 * The first seed's deployment in the DSL: an endpoint of 1 to 4 {@code ml.g5.2xlarge} with two
 * copies of Llama 3.1 8B on the text-generation image, rolled out in batches of one copy with a
 * 120 s bake, rolled back by an alarm on 4xx errors; and the two updates the notebook makes.
 */
public final class NotebookDeployment {

    /** The Hugging Face text-generation inference image (TGI 2.2.0) in us-east-1. */
    public static final String TGI_IMAGE =
            "763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.4.0-tgi2.2.0-gpu-py311-cu124-ubuntu22.04";

    static final String LLAMA = "meta-llama/Llama-3.1-8B-Instruct";
    static final String DEEPSEEK = "deepseek-ai/DeepSeek-R1-Distill-Llama-8B";

    private NotebookDeployment() {
    }

    /** @return the rollback alarm: more than five 4xx errors in five minutes */
    public static Alarm clientErrors() {
        return Alarm.invocation4xxErrors().above(5).per(Duration.ofMinutes(5));
    }

    private static ComponentEndpointSpec endpoint(String name, String roleArn, Component llm) {
        return Endpoint.on("ml.g5.2xlarge").scale(1, 4).instances(2)
                .modelDataDownloadTimeout(Duration.ofHours(1))
                .containerStartupHealthCheckTimeout(Duration.ofHours(1))
                .executionRole(roleArn)
                .component(llm)
                .rollingUpdate(batch(1).wait(Duration.ofSeconds(120)).rollbackBatch(1).rollbackOn(clientErrors()))
                .named(name);
    }

    private static Component llm(String image, String modelId) {
        return Component.named("llm")
                .image(image)
                .env("SM_NUM_GPUS", "1")
                .env("HF_MODEL_ID", modelId)
                .accelerators(1).memoryMb(1024)
                .copies(2);
    }

    /** @return the deployment the notebook creates: Llama 3.1 8B Instruct with the Messages API */
    public static ComponentEndpointSpec llama(String name, String roleArn, String hfToken) {
        return llama(name, roleArn, hfToken, TGI_IMAGE);
    }

    static ComponentEndpointSpec llama(String name, String roleArn, String hfToken, String image) {
        return endpoint(name, roleArn, llm(image, LLAMA).secretEnv("HF_TOKEN", hfToken).env("MESSAGES_API_ENABLED", "true"));
    }

    /** @return the first update: DeepSeek R1 Distill without the Messages API (its alarm rolls it back) */
    public static ComponentEndpointSpec deepSeekWithoutMessagesApi(String name, String roleArn) {
        return deepSeekWithoutMessagesApi(name, roleArn, TGI_IMAGE);
    }

    static ComponentEndpointSpec deepSeekWithoutMessagesApi(String name, String roleArn, String image) {
        return endpoint(name, roleArn, llm(image, DEEPSEEK));
    }

    /** @return the second update: DeepSeek R1 Distill with the Messages API (it succeeds) */
    public static ComponentEndpointSpec deepSeek(String name, String roleArn) {
        return deepSeek(name, roleArn, TGI_IMAGE);
    }

    static ComponentEndpointSpec deepSeek(String name, String roleArn, String image) {
        return endpoint(name, roleArn, llm(image, DEEPSEEK).env("MESSAGES_API_ENABLED", "true"));
    }
}
