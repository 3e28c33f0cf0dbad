package dev.ballast.plan;

import java.util.Objects;
import java.util.Set;

import software.amazon.awssdk.core.SdkRequest;

import dev.ballast.internal.json.SdkJson;

/**
 * One request to AWS, with why it is there and which of its values are secret.
 *
 * <p>{@link #requestJson()} renders the request as the JSON the AWS API receives, with the secret
 * paths masked. {@code toString()} never shows the SDK request's own rendering, which does not mask
 * container environment values.
 *
 * @param service the service that receives the request
 * @param operation the operation, for example {@code CreateInferenceComponent}
 * @param resource the resource it touches, for example {@code inference-component/llm}
 * @param reason why the call is in the plan
 * @param request the SDK request itself; send it, never print it
 * @param redactedPaths member paths whose values are masked wherever the call is shown, for
 *     example {@code Specification.Container.Environment.HF_TOKEN}
 */
public record ApiCall(AwsService service, String operation, String resource, String reason,
                      SdkRequest request, Set<String> redactedPaths) implements PlanStep {

    public ApiCall {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(request, "request");
        redactedPaths = Set.copyOf(redactedPaths);
    }

    /** @return for example {@code SageMaker.CreateEndpoint} */
    public String target() {
        return service.displayName() + "." + operation;
    }

    /** @return the request as pretty-printed JSON, secrets masked */
    public String requestJson() {
        return SdkJson.render(request, redactedPaths, true);
    }

    /** @return the request as compact JSON on one line, secrets masked */
    public String requestJsonCompact() {
        return SdkJson.render(request, redactedPaths, false);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitApiCall(this);
    }

    /** @return the target, the reason and the masked request JSON */
    @Override
    public String toString() {
        return target() + " (" + reason + ") " + requestJsonCompact();
    }
}
