package dev.ballast.spec;

/**
 * The predefined metrics a target-tracking policy can follow (Application Auto Scaling's
 * {@code PredefinedMetricType} for SageMaker). The first two scale a production variant's
 * instances, the next two an inference component's copies, the last a serverless variant's
 * provisioned concurrency.
 */
public enum ScalingMetric {
    /** Invocations per instance per minute of a variant. */
    INVOCATIONS_PER_INSTANCE("SageMakerVariantInvocationsPerInstance", false),
    /** Concurrent requests per model of a variant (high resolution). */
    CONCURRENT_REQUESTS_PER_MODEL("SageMakerVariantConcurrentRequestsPerModelHighResolution", false),
    /** Invocations per copy per minute of an inference component. */
    INVOCATIONS_PER_COPY("SageMakerInferenceComponentInvocationsPerCopy", true),
    /** Concurrent requests per copy of an inference component (high resolution). */
    CONCURRENT_REQUESTS_PER_COPY("SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution", true),
    /**
     * The share (0 to 1) of a serverless variant's provisioned concurrency in use
     * (<a href="https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints-autoscale.html">serverless
     * auto scaling</a>); it scales {@code sagemaker:variant:DesiredProvisionedConcurrency}.
     */
    PROVISIONED_CONCURRENCY_UTILIZATION("SageMakerVariantProvisionedConcurrencyUtilization", false);

    private final String awsName;
    private final boolean forComponents;

    ScalingMetric(String awsName, boolean forComponents) {
        this.awsName = awsName;
        this.forComponents = forComponents;
    }

    /** @return the {@code PredefinedMetricType} */
    public String awsName() {
        return awsName;
    }

    /** @return whether the metric belongs to inference components (else to variants) */
    public boolean forComponents() {
        return forComponents;
    }
}
