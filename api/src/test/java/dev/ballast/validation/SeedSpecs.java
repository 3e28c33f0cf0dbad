package dev.ballast.validation;

import static dev.ballast.RollingUpdate.batch;

import java.time.Duration;

import dev.ballast.Alarm;
import dev.ballast.Component;
import dev.ballast.Endpoint;
import dev.ballast.InstanceType;
import dev.ballast.RollingUpdate;
import dev.ballast.dsl.ComponentEndpointStep;
import dev.ballast.spec.ComponentSpec;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spec.InstanceScaling;
import dev.ballast.spec.RollingUpdateSpec;

/**
 * The valid seed deployment the invalid-spec corpus breaks one rule at a time: the first seed's
 * endpoint ({@code ml.g5.2xlarge}, 1 to 4 instances) hosting one TGI component {@code llm} with one
 * GPU, 1024 MiB and two copies, rolled out one copy at a time behind a 4XX-error alarm.
 */
final class SeedSpecs {

    static final String ENDPOINT = "rolling-demo";
    static final String IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:"
            + "2.4.0-tgi2.2.0-gpu-py311-cu124-ubuntu22.04";
    static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerRole";
    static final String MODEL_ID = "meta-llama/Llama-3.1-8B-Instruct";

    /** The path of the seed's alarm, named {@code <endpoint>-<component>-<metric>}. */
    static final String ALARM = "component[llm].rollingUpdate.rollbackAlarms[rolling-demo-llm-invocation4xxerrors]";

    private SeedSpecs() {
    }

    /** {@code Endpoint.on("ml.g5.2xlarge").scale(1, 4)} with the execution role. */
    static ComponentEndpointStep endpoint() {
        return Endpoint.on("ml.g5.2xlarge").scale(1, 4).executionRole(ROLE);
    }

    /** The seed endpoint with a different maximum instance count. */
    static ComponentEndpointStep endpointUpTo(int maxInstances) {
        return Endpoint.on("ml.g5.2xlarge").scale(1, maxInstances).executionRole(ROLE);
    }

    /** Component {@code llm}: the TGI image, 1 accelerator, 1024 MiB, 2 copies. */
    static Component llm() {
        return Component.named("llm").image(IMAGE).env("HF_MODEL_ID", MODEL_ID).accelerators(1).memoryMb(1024).copies(2);
    }

    /** A second component like {@code llm}, named {@code embed}. */
    static Component embed() {
        return Component.named("embed").image(IMAGE).env("HF_MODEL_ID", "BAAI/bge-large-en-v1.5").accelerators(1).memoryMb(1024).copies(2);
    }

    /** The seed's rollback alarm: more than 5 client errors in 5 minutes. */
    static Alarm errors() {
        return Alarm.invocation4xxErrors().above(5).per(Duration.ofMinutes(5));
    }

    /** One copy at a time, 120 s bake, rollback one copy at a time on {@link #errors()}. */
    static RollingUpdate policy() {
        return batch(1).wait(Duration.ofSeconds(120)).rollbackBatch(1).rollbackOn(errors());
    }

    /** The seed deployment with this component and rolling update. */
    static ComponentEndpointSpec deploy(Component component, RollingUpdate update) {
        return deploy(endpoint(), component, update);
    }

    /** This endpoint with this component and rolling update, named {@value #ENDPOINT}. */
    static ComponentEndpointSpec deploy(ComponentEndpointStep endpoint, Component component, RollingUpdate update) {
        return endpoint.component(component).rollingUpdate(update).named(ENDPOINT);
    }

    /** The seed deployment with its rolling update, but this alarm instead of {@link #errors()}. */
    static ComponentEndpointSpec deployWithAlarm(Alarm alarm) {
        return deploy(llm(), batch(1).wait(Duration.ofSeconds(120)).rollbackBatch(1).rollbackOn(alarm));
    }

    /** The seed deployment as a config-driven caller builds it, without the fluent chain. */
    static ComponentEndpointSpec.Builder endpointSpec() {
        return ComponentEndpointSpec.builder()
                .name(ENDPOINT)
                .instanceType(InstanceType.ML_G5_2XLARGE)
                .scaling(new InstanceScaling(1, 4))
                .executionRoleArn(ROLE);
    }

    /** Component {@code llm} as a config-driven caller builds it. */
    static ComponentSpec.Builder llmSpec() {
        return ComponentSpec.builder().name("llm").image(IMAGE).putEnvironment("HF_MODEL_ID", MODEL_ID)
                .accelerators(1).minMemoryMb(1024).copies(2);
    }

    /** The seed's rolling update as a config-driven caller builds it. */
    static RollingUpdateSpec.Builder policySpec() {
        return RollingUpdateSpec.builder().from(policy().spec());
    }
}
