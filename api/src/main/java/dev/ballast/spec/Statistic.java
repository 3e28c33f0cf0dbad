package dev.ballast.spec;

/** The statistic a CloudWatch alarm applies to its metric over each period. */
public enum Statistic {
    SAMPLE_COUNT("SampleCount"),
    AVERAGE("Average"),
    SUM("Sum"),
    MINIMUM("Minimum"),
    MAXIMUM("Maximum");

    private final String awsName;

    Statistic(String awsName) {
        this.awsName = awsName;
    }

    /** @return the name CloudWatch uses, for example {@code Sum} */
    public String awsName() {
        return awsName;
    }
}
