package dev.ballast.spec;

/** How a CloudWatch alarm compares its statistic with the threshold. */
public enum Comparison {
    GREATER_THAN("GreaterThanThreshold", ">"),
    GREATER_THAN_OR_EQUAL("GreaterThanOrEqualToThreshold", ">="),
    LESS_THAN("LessThanThreshold", "<"),
    LESS_THAN_OR_EQUAL("LessThanOrEqualToThreshold", "<=");

    private final String awsName;
    private final String symbol;

    Comparison(String awsName, String symbol) {
        this.awsName = awsName;
        this.symbol = symbol;
    }

    /** @return the name CloudWatch uses, for example {@code GreaterThanThreshold} */
    public String awsName() {
        return awsName;
    }

    /** @return {@code >}, {@code >=}, {@code <} or {@code <=} */
    public String symbol() {
        return symbol;
    }
}
