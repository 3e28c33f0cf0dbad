package dev.ballast.testkit.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** The world's resources, keyed by lower-cased name (SageMaker names collide case-insensitively). */
final class Resources {

    final Map<String, ModelRecord> models = new LinkedHashMap<>();
    final Map<String, EndpointConfigRecord> configs = new LinkedHashMap<>();
    final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    final Map<String, InferenceComponent> components = new LinkedHashMap<>();

    long componentsOn(Endpoint endpoint) {
        return components.values().stream().filter(ic -> ic.endpoint == endpoint).count();
    }
}
