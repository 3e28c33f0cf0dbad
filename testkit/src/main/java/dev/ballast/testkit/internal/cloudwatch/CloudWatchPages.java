package dev.ballast.testkit.internal.cloudwatch;

import dev.ballast.testkit.internal.errors.CloudWatchErrors;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The paging tokens of the CloudWatch operations ({@code DescribeAlarms}, {@code ListMetrics},
 * {@code GetMetricData}): opaque, and good only for the operation that handed them out, so a token
 * of another operation, or one made up, is CloudWatch's {@code InvalidNextToken}.
 */
final class CloudWatchPages {

    private CloudWatchPages() {
    }

    /**
     * @param operation the operation handing the token out
     * @param offset where the next page starts
     * @return the token
     */
    static String token(String operation, int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((operation + ":" + offset)
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param operation the operation asked
     * @param token the request's token, or null for the first page
     * @param size how many items there are now
     * @param errors CloudWatch's errors
     * @return where the page starts
     * @throws software.amazon.awssdk.services.cloudwatch.model.CloudWatchException InvalidNextToken
     *     for a token this operation did not hand out or one past the items
     */
    static int start(String operation, String token, int size, CloudWatchErrors errors) {
        if (token == null) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith(operation + ":")) {
                int offset = Integer.parseInt(text.substring(operation.length() + 1));
                if (offset >= 0 && offset <= size) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // not base64, or no number in it: not a token this operation handed out
        }
        throw errors.invalidNextToken();
    }
}
