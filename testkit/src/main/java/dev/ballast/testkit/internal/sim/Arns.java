package dev.ballast.testkit.internal.sim;

import java.util.Locale;

/**
 * Builds ARNs the way SageMaker does: the resource name lower-cased. SageMaker does not document this; its
 * ListEndpoints and DescribeInferenceComponent responses show it.
 */
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

    /**
     * A SageMaker resource an ARN names: its type ({@code model}, {@code endpoint-config},
     * {@code endpoint}, {@code inference-component}, {@code training-job}, ...) and its name as the
     * ARN writes it.
     *
     * @param type the resource type
     * @param name the name, not case-folded
     */
    public record Ref(String type, String name) {
    }

    /**
     * Reads an ARN of this account and region as written: SageMaker matches ARNs exactly, and the ARNs it hands
     * out carry the lower-cased name, so {@code ...:endpoint/My-Ep} names no endpoint (not documented by
     * SageMaker; observed, see boto/boto3#4606).
     *
     * @param arn an ARN
     * @return the resource it names, or null when it is no SageMaker ARN of this account and region
     */
    public Ref resourceOf(String arn) {
        if (arn == null || !arn.startsWith(prefix)) {
            return null;
        }
        String rest = arn.substring(prefix.length());
        int slash = rest.indexOf('/');
        return slash <= 0 ? null : new Ref(rest.substring(0, slash), rest.substring(slash + 1));
    }

    /** @return the lookup key of a SageMaker name (names collide case-insensitively) */
    public static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
