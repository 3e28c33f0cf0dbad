package dev.ballast.testkit;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a container behaviour knows about the copy it serves: the inference component (or model)
 * it belongs to, its image and its environment. The environment holds the real values because the
 * behaviour plays the container; {@link #toString()} shows the keys only, so a secret never
 * reaches a log or an assertion message.
 *
 * @param componentName the inference component name, or the model name for a model-based variant
 * @param image the container image as specified
 * @param environment the container environment (keys and values), never {@code null}
 */
public record ContainerSpec(String componentName, String image, Map<String, String> environment) {

    /** Normalises the environment into an immutable sorted copy. */
    public ContainerSpec {
        Objects.requireNonNull(componentName, "componentName");
        environment = environment == null ? Map.of() : Map.copyOf(new TreeMap<>(environment));
    }

    /**
     * @param key an environment variable name
     * @return its value, or {@code null} when unset
     */
    public String env(String key) {
        return environment.get(key);
    }

    /**
     * @param key an environment variable name
     * @return whether the variable is set to {@code true} (case-insensitive)
     */
    public boolean envFlag(String key) {
        return "true".equalsIgnoreCase(environment.get(key));
    }

    @Override
    public String toString() {
        return "ContainerSpec[componentName=" + componentName + ", image=" + image + ", environmentKeys="
                + new TreeMap<>(environment).keySet() + "]";
    }
}
