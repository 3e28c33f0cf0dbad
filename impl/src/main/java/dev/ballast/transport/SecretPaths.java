package dev.ballast.transport;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;

/**
 * Which values of a request to mask when it is shown. Paths name members by their service names
 * joined with dots, map keys included, for example
 * {@code Specification.Container.Environment.HF_TOKEN}, as in {@link dev.ballast.plan.ApiCall}.
 */
public final class SecretPaths {

    private static final String ENVIRONMENT = "Environment";

    private SecretPaths() {
    }

    /**
     * The safe default: every value of every {@code Environment} map anywhere in the request
     * (inference component and model containers), secret or not. A transport sees a bare SDK
     * request and cannot tell a token from a log level, so it masks both.
     *
     * @return a function giving those paths for any request
     */
    public static Function<SdkRequest, Set<String>> allEnvironmentValues() {
        return SecretPaths::environmentValues;
    }

    /**
     * @param request any SDK request
     * @return the path of each value of each {@code Environment} map in it
     */
    public static Set<String> environmentValues(SdkRequest request) {
        Set<String> paths = new LinkedHashSet<>();
        collect(request, "", paths);
        return paths;
    }

    private static void collect(SdkPojo pojo, String path, Set<String> paths) {
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            String name = field.locationName() != null ? field.locationName() : field.memberName();
            String here = path.isEmpty() ? name : path + "." + name;
            if (value instanceof Map<?, ?> map && ENVIRONMENT.equals(name)) {
                map.keySet().forEach(k -> paths.add(here + "." + k));
            } else {
                walk(value, here, paths);
            }
        }
    }

    private static void walk(Object value, String path, Set<String> paths) {
        if (value instanceof SdkPojo p) {
            collect(p, path, paths);
        } else if (value instanceof Collection<?> list) {
            // List items share their list's path, as in the rendered JSON.
            list.forEach(item -> walk(item, path, paths));
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, paths));
        }
    }
}
