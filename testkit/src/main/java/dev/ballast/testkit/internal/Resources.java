package dev.ballast.testkit.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The world's resources, keyed by lower-cased name (SageMaker names collide case-insensitively),
 * and their tags, keyed by ARN.
 */
final class Resources {

    final Map<String, ModelRecord> models = new LinkedHashMap<>();
    final Map<String, EndpointConfigRecord> configs = new LinkedHashMap<>();
    final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    final Map<String, InferenceComponent> components = new LinkedHashMap<>();
    final TagStore tags = new TagStore();

    long componentsOn(Endpoint endpoint) {
        return components.values().stream().filter(ic -> ic.endpoint == endpoint).count();
    }

    /**
     * @param ref the resource an ARN names, its name as written
     * @return whether a resource of that type has exactly that ARN: the ARN carries the lower-cased
     *     name, which is the key here, so a name written in another case finds nothing; types the
     *     fake does not model (training jobs, ...) have no resources
     */
    boolean exists(Arns.Ref ref) {
        Map<String, ?> byName = switch (ref.type()) {
            case "model" -> models;
            case "endpoint-config" -> configs;
            case "endpoint" -> endpoints;
            case "inference-component" -> components;
            default -> Map.of();
        };
        return byName.containsKey(ref.name());
    }
}
