package dev.ballast.testkit;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a container behaviour knows about the copy it serves: the inference component (or model)
 * it belongs to, its image, its environment and, in a model of several containers ({@code Containers}: an
 * inference pipeline or a multi-container endpoint), which of them it is, and the adapter invoked on
 * it, if any. The environment holds the real values because the
 * behaviour plays the container; {@link #toString()} shows the keys only, so a secret never
 * reaches a log or an assertion message.
 *
 * @param componentName the inference component name, or the model name for a model-based variant
 * @param image the container image as specified
 * @param environment the container environment (keys and values), never {@code null}
 * @param containerHostname in a model of several containers, the container's {@code ContainerHostname}
 *     (as given, or the one SageMaker assigns by position in a pipeline that names none:
 *     {@code container-1}, {@code container-2}, ...); {@code null} for a single container
 * @param adapter when an adapter inference component is invoked, the adapter that runs on this base
 *     container (the other fields are the base's); {@code null} otherwise
 */
public record ContainerSpec(String componentName, String image, Map<String, String> environment,
        String containerHostname, Adapter adapter) {

    /**
     * An adapter inference component invoked on a copy of its base: the behaviour plays the base's
     * container loading the adapter's weights.
     *
     * @param name the adapter's {@code InferenceComponentName}
     * @param artifactUrl the adapter's {@code Container.ArtifactUrl} as it serves now
     */
    public record Adapter(String name, String artifactUrl) {

        /** Checks the name. */
        public Adapter {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * A container's spec without an adapter.
     *
     * @param componentName the inference component name, or the model name for a model-based variant
     * @param image the container image as specified
     * @param environment the container environment (keys and values)
     * @param containerHostname in a model of several containers, the container's hostname; else {@code null}
     */
    public ContainerSpec(String componentName, String image, Map<String, String> environment, String containerHostname) {
        this(componentName, image, environment, containerHostname, null);
    }

    /**
     * @param invoked the adapter invoked on this base container
     * @return this base container's spec, serving {@code invoked}
     */
    public ContainerSpec withAdapter(Adapter invoked) {
        return new ContainerSpec(componentName, image, environment, containerHostname, invoked);
    }

    /**
     * A single container's spec (no {@code containerHostname}).
     *
     * @param componentName the inference component name, or the model name for a model-based variant
     * @param image the container image as specified
     * @param environment the container environment (keys and values)
     */
    public ContainerSpec(String componentName, String image, Map<String, String> environment) {
        this(componentName, image, environment, null, null);
    }

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
        return "ContainerSpec[componentName=" + componentName
                + (containerHostname == null ? "" : ", containerHostname=" + containerHostname)
                + (adapter == null ? "" : ", adapter=" + adapter.name()) + ", image=" + image
                + ", environmentKeys=" + new TreeMap<>(environment).keySet() + "]";
    }
}
