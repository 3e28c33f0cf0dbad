package dev.ballast.spec;

/** How a CloudWatch alarm treats periods with no data points. */
public enum MissingData {
    BREACHING("breaching"),
    NOT_BREACHING("notBreaching"),
    IGNORE("ignore"),
    MISSING("missing");

    private final String awsName;

    MissingData(String awsName) {
        this.awsName = awsName;
    }

    /** @return the name CloudWatch uses, for example {@code notBreaching} */
    public String awsName() {
        return awsName;
    }
}
