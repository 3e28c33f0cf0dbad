package dev.ballast;

import java.util.Optional;

/**
 * The answer of one {@code InvokeEndpoint} call.
 *
 * @param body the model's answer, as text (UTF-8)
 * @param contentType the answer's content type, if the model gave one
 * @param invokedVariant the production variant that answered ({@code x-Amzn-Invoked-Production-Variant})
 */
public record Invocation(String body, Optional<String> contentType, Optional<String> invokedVariant) {
}
