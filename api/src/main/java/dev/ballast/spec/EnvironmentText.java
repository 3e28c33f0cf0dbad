package dev.ballast.spec;

import dev.ballast.Secret;
import java.util.Map;

/** How a container environment prints in a spec's {@code toString()}: plain values shown, secret ones masked. */
final class EnvironmentText {

    private EnvironmentText() {
    }

    /** Appends {@code , env {K=v, TOKEN=****}}, or nothing for an empty environment. */
    static void append(StringBuilder sb, Map<String, String> plain, Map<String, Secret> secret) {
        if (plain.isEmpty() && secret.isEmpty()) {
            return;
        }
        sb.append(", env {");
        String sep = "";
        for (Map.Entry<String, String> e : plain.entrySet()) {
            sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = ", ";
        }
        for (String key : secret.keySet()) {
            sb.append(sep).append(key).append('=').append(Secret.MASK);
            sep = ", ";
        }
        sb.append('}');
    }
}
