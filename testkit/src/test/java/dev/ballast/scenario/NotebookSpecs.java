package dev.ballast.scenario;

import static dev.ballast.RollingUpdate.batch;

import java.time.Duration;

import dev.ballast.Alarm;
import dev.ballast.Component;
import dev.ballast.Endpoint;
import dev.ballast.spec.ComponentEndpointSpec;

/** The first seed's deployment and its two updates, in the DSL. */
final class NotebookSpecs {

    static final String ENDPOINT = "rolling-demo";
    static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerExecutionRole";
    static final String IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.4.0-tgi2.2.0-gpu-py311-cu124-ubuntu22.04";
    static final String ALARM = "rolling-demo-llm-invocation4xxerrors";
    static final String TOKEN = "hf_scenario_secret_3b1f";
    /** The notebook's Messages API request: answered with the Messages API, a 4xx (ModelError) without it. */
    static final String CHAT = "{\"messages\":[{\"role\":\"user\",\"content\":\"How many R are in STRAWBERRY?\"}],"
            + "\"max_tokens\":512,\"temperature\":0.6}";

    private NotebookSpecs() {
    }

    private static ComponentEndpointSpec endpoint(Component llm) {
        return Endpoint.on("ml.g5.2xlarge").scale(1, 4).instances(2)
                .executionRole(ROLE)
                .component(llm)
                .rollingUpdate(batch(1).wait(Duration.ofSeconds(120)).rollbackBatch(1)
                        .rollbackOn(Alarm.invocation4xxErrors().above(5).per(Duration.ofMinutes(5))))
                .named(ENDPOINT);
    }

    static Component llm(String modelId) {
        return Component.named("llm").image(IMAGE).env("SM_NUM_GPUS", "1").env("HF_MODEL_ID", modelId)
                .accelerators(1).memoryMb(1024).copies(2);
    }

    /** The notebook's endpoint on a larger scaling range: a new configuration version, so an UpdateEndpoint. */
    static ComponentEndpointSpec llamaScaledTo(int maxInstances) {
        return Endpoint.on("ml.g5.2xlarge").scale(1, maxInstances).instances(2)
                .executionRole(ROLE)
                .component(llm("meta-llama/Llama-3.1-8B-Instruct").secretEnv("HF_TOKEN", TOKEN).env("MESSAGES_API_ENABLED", "true"))
                .rollingUpdate(batch(1).wait(Duration.ofSeconds(120)).rollbackBatch(1)
                        .rollbackOn(Alarm.invocation4xxErrors().above(5).per(Duration.ofMinutes(5))))
                .named(ENDPOINT);
    }

    static ComponentEndpointSpec llama() {
        return endpoint(llm("meta-llama/Llama-3.1-8B-Instruct").secretEnv("HF_TOKEN", TOKEN).env("MESSAGES_API_ENABLED", "true"));
    }

    static ComponentEndpointSpec llamaWithCopies(int copies) {
        return endpoint(llm("meta-llama/Llama-3.1-8B-Instruct").secretEnv("HF_TOKEN", TOKEN).env("MESSAGES_API_ENABLED", "true")
                .copies(copies));
    }

    static ComponentEndpointSpec deepSeekWithoutMessagesApi() {
        return endpoint(llm("deepseek-ai/DeepSeek-R1-Distill-Llama-8B"));
    }

    static ComponentEndpointSpec deepSeek() {
        return endpoint(llm("deepseek-ai/DeepSeek-R1-Distill-Llama-8B").env("MESSAGES_API_ENABLED", "true"));
    }
}
