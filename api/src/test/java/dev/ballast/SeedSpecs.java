package dev.ballast;

import static dev.ballast.RollingUpdate.batch;

import java.time.Duration;

import dev.ballast.dsl.ComponentEndpointStep;
import dev.ballast.spec.ComponentEndpointSpec;

/** The first seed's deployment, written in the DSL, for the tests of this module. */
final class SeedSpecs {

    static final String IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.4.0-tgi2.2.0-gpu-py311-cu124-ubuntu22.04";
    static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerRole";

    private SeedSpecs() {
    }

    static Alarm alarm() {
        return Alarm.invocation4xxErrors().above(5).per(Duration.ofMinutes(5));
    }

    static Component llama(String token) {
        return Component.named("llm")
                .image(IMAGE)
                .env("SM_NUM_GPUS", "1")
                .env("HF_MODEL_ID", "meta-llama/Llama-3.1-8B-Instruct")
                .secretEnv("HF_TOKEN", token)
                .env("MESSAGES_API_ENABLED", "true")
                .accelerators(1).memoryMb(1024)
                .copies(2);
    }

    static ComponentEndpointStep endpoint() {
        return Endpoint.on("ml.g5.2xlarge").scale(1, 4).executionRole(ROLE);
    }

    static ComponentEndpointSpec seed(String token) {
        return endpoint()
                .component(llama(token))
                .rollingUpdate(batch(1).wait(Duration.ofSeconds(120)).rollbackBatch(1).rollbackOn(alarm()))
                .named("rolling-demo");
    }
}
