package dev.ballast.testkit.internal;

import java.util.Map;
import java.util.TreeMap;

/**
 * A CloudWatch metric identity: namespace, name and the exact dimension set (alarms match a
 * metric only with exactly the same dimensions, as CloudWatch does).
 */
record MetricKey(String namespace, String name, Map<String, String> dimensions) {

    MetricKey {
        dimensions = Map.copyOf(new TreeMap<>(dimensions));
    }
}
