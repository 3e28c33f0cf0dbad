package dev.ballast;

import dev.ballast.dsl.VariantEndpointStep;

import dev.ballast.dsl.ComponentEndpointStep;

/**
 * Where an endpoint is described: {@link #on(String)} starts an endpoint of inference components,
 * {@link #serving(Variant, Variant...)} an endpoint of model variants; both are an {@link dev.ballast.spec.EndpointSpec}.
 *
 * <pre>{@code
 * import static dev.ballast.RollingUpdate.batch;
 *
 * Alarm errors = Alarm.invocation4xxErrors().above(5).per(Duration.ofMinutes(5));
 * EndpointSpec spec = Endpoint.on("ml.g5.2xlarge").scale(1, 4)
 *     .executionRole("arn:aws:iam::123456789012:role/SageMakerRole")
 *     .component(Component.named("llm")
 *         .image(tgiImage)
 *         .env("HF_MODEL_ID", "meta-llama/Llama-3.1-8B-Instruct")
 *         .secretEnv("HF_TOKEN", token)
 *         .accelerators(1).memoryMb(1024)
 *         .copies(2))
 *     .rollingUpdate(batch(1).wait(Duration.ofSeconds(120)).rollbackBatch(1).rollbackOn(errors))
 *     .named("rolling-demo");
 * }</pre>
 */
public final class Endpoint {

    private Endpoint() {
    }

    /**
     * Starts an endpoint on instances of this type.
     *
     * @param instanceType a name of the form {@code ml.<family>.<size>}
     * @throws dev.ballast.error.SpecValidationException at once if the name is malformed
     */
    public static ComponentEndpointStep on(String instanceType) {
        dev.ballast.internal.validation.Rules.given(instanceType, "instanceType", "instanceType",
                "give a SageMaker hosting instance type, for example Endpoint.on(\"ml.g5.2xlarge\")");
        return on(InstanceType.of(instanceType));
    }

    /** Starts an endpoint on instances of this type. */
    public static ComponentEndpointStep on(InstanceType instanceType) {
        return ComponentEndpointDraft.start(instanceType);
    }

    /**
     * Starts an endpoint of model-based production variants, for example an A/B test of two models.
     *
     * <pre>{@code
     * EndpointSpec ab = Endpoint.serving(
     *         Variant.named("model-v1-variant").model(v1).on("ml.m5.xlarge").weight(0.9),
     *         Variant.named("model-v2-variant").model(v2).on("ml.m5.xlarge").weight(0.1))
     *     .named("my-model-endpoint");
     * }</pre>
     */
    public static VariantEndpointStep serving(Variant first, Variant... more) {
        return VariantEndpointDraft.start(first, more);
    }
}
