package dev.ballast.testkit.internal;

import java.util.Locale;

/** Builds ARNs the way SageMaker does: the resource name lower-cased (reference §3). */
public final class Arns {

    private final String prefix;
    private final String cloudWatchPrefix;

    /**
     * @param region the region
     * @param accountId the account id
     */
    public Arns(String region, String accountId) {
        this.prefix = "arn:aws:sagemaker:" + region + ":" + accountId + ":";
        this.cloudWatchPrefix = "arn:aws:cloudwatch:" + region + ":" + accountId + ":alarm:";
    }

    /** @return the model ARN */
    public String model(String name) {
        return prefix + "model/" + lower(name);
    }

    /** @return the endpoint-config ARN */
    public String endpointConfig(String name) {
        return prefix + "endpoint-config/" + lower(name);
    }

    /** @return the endpoint ARN */
    public String endpoint(String name) {
        return prefix + "endpoint/" + lower(name);
    }

    /** @return the inference-component ARN */
    public String inferenceComponent(String name) {
        return prefix + "inference-component/" + lower(name);
    }

    /** @return the alarm ARN (CloudWatch keeps the name's case) */
    public String alarm(String name) {
        return cloudWatchPrefix + name;
    }

    /** @return the lookup key of a SageMaker name (names collide case-insensitively) */
    public static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
