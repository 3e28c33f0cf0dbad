package dev.ballast.spec;

/**
 * A live property of a production variant that an endpoint update can keep instead of taking it
 * from the new configuration ({@code VariantPropertyType}).
 */
public enum VariantProperty {
    /** The instance count, for example set by auto scaling ({@code DesiredInstanceCount}). */
    DESIRED_INSTANCE_COUNT("DesiredInstanceCount"),
    /** The traffic weight, for example set by a traffic shift ({@code DesiredWeight}). */
    DESIRED_WEIGHT("DesiredWeight"),
    /** The data capture configuration ({@code DataCaptureConfig}). */
    DATA_CAPTURE_CONFIG("DataCaptureConfig");

    private final String awsName;

    VariantProperty(String awsName) {
        this.awsName = awsName;
    }

    /** @return the name SageMaker uses */
    public String awsName() {
        return awsName;
    }
}
