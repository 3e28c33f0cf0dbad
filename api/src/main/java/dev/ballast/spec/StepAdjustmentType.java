package dev.ballast.spec;

/**
 * How a step's number changes capacity (Application Auto Scaling's {@code AdjustmentType}); one
 * step-scaling policy has one type for all its steps.
 */
public enum StepAdjustmentType {
    /** Adds the number to the current capacity (negative removes). */
    CHANGE_IN_CAPACITY("ChangeInCapacity"),
    /** Adds that percentage of the current capacity (negative removes). */
    PERCENT_CHANGE_IN_CAPACITY("PercentChangeInCapacity"),
    /** Sets the capacity to the number. */
    EXACT_CAPACITY("ExactCapacity");

    private final String awsName;

    StepAdjustmentType(String awsName) {
        this.awsName = awsName;
    }

    /** @return the {@code AdjustmentType} */
    public String awsName() {
        return awsName;
    }
}
