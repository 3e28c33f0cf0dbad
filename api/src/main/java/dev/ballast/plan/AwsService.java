package dev.ballast.plan;

/** The AWS services Ballast calls, named as in their APIs' target prefixes. */
public enum AwsService {
    SAGEMAKER("SageMaker"),
    SAGEMAKER_RUNTIME("SageMakerRuntime"),
    CLOUDWATCH("CloudWatch"),
    APPLICATION_AUTO_SCALING("ApplicationAutoScaling");

    private final String displayName;

    AwsService(String displayName) {
        this.displayName = displayName;
    }

    /** @return for example {@code SageMaker} */
    public String displayName() {
        return displayName;
    }
}
