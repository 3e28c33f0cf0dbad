package dev.ballast.engine.internal.run;

import java.util.regex.Pattern;

import dev.ballast.plan.ApiCall;

/**
 * Masks values a service echoes back in its error messages. SageMaker's validation messages quote
 * the rejected value ({@code Value '...' at 'specification.container.environment' failed ...}), so
 * for a call that carries secret values every quoted value is masked before the message reaches
 * an outcome, an event or a log.
 */
final class SecretText {

    private static final Pattern QUOTED_VALUE = Pattern.compile("Value '(?:[^']|'(?! at '))*' at '");

    private SecretText() {
    }

    static String mask(String message, ApiCall call) {
        if (message == null || call.redactedPaths().isEmpty()) {
            return message;
        }
        return QUOTED_VALUE.matcher(message).replaceAll("Value '****' at '");
    }
}
