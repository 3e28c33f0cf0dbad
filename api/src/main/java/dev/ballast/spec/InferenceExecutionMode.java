package dev.ballast.spec;

/**
 * How the containers of a model of several containers run
 * (<a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_InferenceExecutionConfig.html">
 * InferenceExecutionConfig</a>).
 */
public enum InferenceExecutionMode {

    /**
     * An inference pipeline: the request goes through the containers in order, each container's answer is the
     * next one's request, and the last container's answer is returned.
     */
    SERIAL("Serial"),

    /** Direct invocation: each request names the one container that answers it ({@code TargetContainerHostname}). */
    DIRECT("Direct");

    private final String apiValue;

    InferenceExecutionMode(String apiValue) {
        this.apiValue = apiValue;
    }

    /** @return the value SageMaker's API uses, {@code Serial} or {@code Direct} */
    public String apiValue() {
        return apiValue;
    }
}
