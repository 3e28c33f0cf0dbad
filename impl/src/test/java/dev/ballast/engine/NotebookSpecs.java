package dev.ballast.engine;

import static dev.ballast.RollingUpdate.batch;

import java.time.Duration;

import dev.ballast.Alarm;
import dev.ballast.Component;
import dev.ballast.Endpoint;
import dev.ballast.RollingUpdate;
import dev.ballast.spec.ComponentEndpointSpec;

/** The first seed's notebook, written in the DSL with the notebook's own names and values. */
final class NotebookSpecs {

    static final String ENDPOINT = "rolling-demo-endpoint";
    static final String COMPONENT = "llama-3-1-8b-rolling-demo";
    static final String IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.4.0-tgi2.2.0-gpu-py311-cu124-ubuntu22.04";
    static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerExecutionRole";

    private NotebookSpecs() {
    }

    static Alarm alarm() {
        return Alarm.invocation4xxErrors().above(5).per(Duration.ofSeconds(300))
                .named("SageMaker-" + ENDPOINT + "-4xx-errors")
                .description("Alarm when greather than 5 4xx errors");
    }

    static RollingUpdate policy() {
        return batch(1).wait(Duration.ofSeconds(120)).rollbackBatch(1).rollbackOn(alarm());
    }

    private static ComponentEndpointSpec endpoint(Component component) {
        return Endpoint.on("ml.g5.2xlarge").scale(1, 4).instances(2)
                .modelDataDownloadTimeout(Duration.ofSeconds(3600))
                .containerStartupHealthCheckTimeout(Duration.ofSeconds(3600))
                .executionRole(ROLE)
                .component(component)
                .rollingUpdate(policy())
                .named(ENDPOINT);
    }

    /** The deployment the notebook creates: Llama 3.1 8B, two copies. */
    static ComponentEndpointSpec llama(String token) {
        return endpoint(Component.named(COMPONENT).image(IMAGE)
                .env("SM_NUM_GPUS", "1")
                .env("HF_MODEL_ID", "meta-llama/Llama-3.1-8B-Instruct")
                .secretEnv("HF_TOKEN", token)
                .env("MESSAGES_API_ENABLED", "true")
                .accelerators(1).memoryMb(1024).copies(2));
    }

    /** The first update: DeepSeek without the Messages API, which the 4xx alarm rolls back. */
    static ComponentEndpointSpec deepSeekWithoutMessagesApi() {
        return endpoint(Component.named(COMPONENT).image(IMAGE)
                .env("SM_NUM_GPUS", "1")
                .env("HF_MODEL_ID", "deepseek-ai/DeepSeek-R1-Distill-Llama-8B")
                .accelerators(1).memoryMb(1024).copies(2));
    }

    /** The second update: DeepSeek with the Messages API, which succeeds. */
    static ComponentEndpointSpec deepSeek() {
        return endpoint(Component.named(COMPONENT).image(IMAGE)
                .env("SM_NUM_GPUS", "1")
                .env("HF_MODEL_ID", "deepseek-ai/DeepSeek-R1-Distill-Llama-8B")
                .env("MESSAGES_API_ENABLED", "true")
                .accelerators(1).memoryMb(1024).copies(2));
    }
}
