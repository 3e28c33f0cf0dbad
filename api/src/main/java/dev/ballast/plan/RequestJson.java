package dev.ballast.plan;

import java.util.Set;

import software.amazon.awssdk.core.SdkRequest;

import dev.ballast.internal.json.SdkJson;

/**
 * Renders any AWS SDK request as the JSON its service receives — the service's member names,
 * absent members left out — with the values at the given paths masked as {@code ****}. What
 * {@link ApiCall#requestJson()} and the transport's logging use; never the SDK's own
 * {@code toString()}, which does not mask container environment values.
 */
public final class RequestJson {

    private RequestJson() {
    }

    /**
     * @param request the request
     * @param maskedPaths member paths to mask, map keys included, for example
     *     {@code Specification.Container.Environment.HF_TOKEN}
     * @param pretty whether to indent two spaces per level
     * @return the JSON text
     */
    public static String render(SdkRequest request, Set<String> maskedPaths, boolean pretty) {
        return SdkJson.render(request, maskedPaths, pretty);
    }
}
