package dev.ballast.testkit.internal.cloudwatch;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;

/**
 * A CloudWatch metric identity: namespace, name and the exact dimension set (alarms and queries
 * match a metric only with exactly the same dimensions, as CloudWatch does).
 */
public record MetricKey(String namespace, String name, Map<String, String> dimensions) {

    public MetricKey {
        dimensions = Map.copyOf(new TreeMap<>(dimensions));
    }

    /** @return a request's dimensions (possibly absent) as a map of name to value */
    public static Map<String, String> dimensions(List<Dimension> dimensions) {
        Map<String, String> result = new TreeMap<>();
        if (dimensions != null) {
            for (Dimension d : dimensions) {
                result.put(d.name(), d.value());
            }
        }
        return result;
    }

    /** @return the dimensions sorted by name, as the SDK models them */
    public List<Dimension> sdkDimensions() {
        return new TreeMap<>(dimensions).entrySet().stream()
                .map(e -> Dimension.builder().name(e.getKey()).value(e.getValue()).build()).toList();
    }
}
