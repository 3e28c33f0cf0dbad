package dev.ballast.testkit.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One service's API model as the fake validates against it, read from the constraint table
 * generated from botocore's model (see the generator in this package's tests).
 */
public final class ApiModel {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String service;
    private final Map<String, String> inputs;
    private final Map<String, Shape> shapes;

    private ApiModel(String service, Map<String, String> inputs, Map<String, Shape> shapes) {
        this.service = service;
        this.inputs = inputs;
        this.shapes = shapes;
    }

    /**
     * @param service the table's name: {@code sagemaker}, {@code sagemaker-runtime}, {@code cloudwatch},
     *     {@code application-autoscaling}
     * @param patternStyle how the service prints patterns in its messages
     * @param alsoSensitive shapes whose values the fake never echoes though the model does not mark them
     *     sensitive (container environment values, which may hold secrets)
     * @param printedEnumOrder enum shapes whose values the service was seen to print in another order
     *     than the model's (CloudWatch's {@code StateValue}: {@code [INSUFFICIENT_DATA, ALARM, OK]})
     * @return the model
     */
    public static ApiModel load(String service, PatternStyle patternStyle, Set<String> alsoSensitive,
            Map<String, List<String>> printedEnumOrder) {
        JsonNode table;
        try (InputStream in = ApiModel.class.getResourceAsStream(service + ".json")) {
            if (in == null) {
                throw new IllegalStateException("no constraint table " + service + ".json on the class path");
            }
            table = MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the constraint table " + service + ".json", e);
        }
        Map<String, String> inputs = new LinkedHashMap<>();
        table.get("operations").properties().forEach(op -> inputs.put(op.getKey(), op.getValue().asText()));
        Map<String, Shape> shapes = new LinkedHashMap<>();
        table.get("shapes").properties().forEach(entry -> shapes.put(entry.getKey(),
                shape(entry.getKey(), entry.getValue(), patternStyle, alsoSensitive.contains(entry.getKey()),
                        printedEnumOrder.get(entry.getKey()))));
        return new ApiModel(service, Map.copyOf(inputs), Map.copyOf(shapes));
    }

    private static Shape shape(String name, JsonNode node, PatternStyle style, boolean alsoSensitive,
            List<String> printedEnumOrder) {
        Set<String> required = new LinkedHashSet<>();
        node.path("required").forEach(r -> required.add(r.asText()));
        Map<String, String> members = new LinkedHashMap<>();
        node.path("members").properties().forEach(m -> members.put(m.getKey(), m.getValue().asText()));
        List<String> enumValues = new ArrayList<>();
        node.path("enum").forEach(e -> enumValues.add(e.asText()));
        String pattern = node.hasNonNull("pattern") ? node.get("pattern").asText() : null;
        String element = node.hasNonNull("member") ? node.get("member").asText()
                : node.hasNonNull("value") ? node.get("value").asText() : null;
        return new Shape(name, node.get("type").asText(), Set.copyOf(required), members, element,
                node.hasNonNull("key") ? node.get("key").asText() : null,
                node.hasNonNull("min") ? node.get("min").asDouble() : null,
                node.hasNonNull("max") ? node.get("max").asDouble() : null,
                pattern == null ? null : new NamePattern(pattern),
                pattern == null ? null : style.print(pattern),
                enumValues.isEmpty() ? null : List.copyOf(enumValues),
                enumValues.isEmpty() ? null
                        : "[" + String.join(", ", printedEnumOrder != null ? printedEnumOrder : enumValues) + "]",
                node.path("sensitive").asBoolean(false) || alsoSensitive);
    }

    /** @return the table's name */
    public String service() {
        return service;
    }

    /**
     * @param operation an operation name such as {@code DescribeEndpoint}
     * @return the operation's input shape, if the model has the operation
     */
    public Optional<Shape> input(String operation) {
        String input = inputs.get(operation);
        return input == null ? Optional.empty() : Optional.of(shape(input));
    }

    /** @return the operations of the model, by name */
    public Set<String> operations() {
        return inputs.keySet();
    }

    /**
     * @param name a shape name
     * @return the shape
     * @throws IllegalArgumentException if the model has no such shape
     */
    public Shape shape(String name) {
        Shape shape = shapes.get(name);
        if (shape == null) {
            throw new IllegalArgumentException(service + " has no shape " + name);
        }
        return shape;
    }

    /**
     * How a service prints a pattern in {@code Member must satisfy regular expression pattern: ...}.
     * botocore keeps patterns without their anchors; SageMaker's messages show the Smithy model's
     * anchored form, which is {@code ^...$} except for the endpoint-name family whose pattern has
     * no end anchor (observed: {@code ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}}); CloudWatch and
     * Application Auto Scaling patterns carry no anchors in their models and are printed as they are.
     */
    public enum PatternStyle {
        /** {@code ^pattern$}, or {@code ^pattern} for a pattern that ends in a repetition of a name part. */
        ANCHORED {
            @Override
            String print(String pattern) {
                boolean openEnded = pattern.endsWith("(-*[a-zA-Z0-9]){0,62}") || pattern.endsWith("(-*[a-zA-Z0-9])*");
                return (pattern.startsWith("^") ? "" : "^") + pattern + (openEnded || pattern.endsWith("$") ? "" : "$");
            }
        },
        /** As the model has it. */
        AS_IS {
            @Override
            String print(String pattern) {
                return pattern;
            }
        };

        abstract String print(String pattern);
    }
}
