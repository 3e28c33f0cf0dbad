package dev.ballast.testkit.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Generates the fake's constraint tables ({@code src/main/resources/dev/ballast/testkit/internal/model/*.json})
 * from the services' API models as botocore ships them ({@code shared/reference/*-shapes.json}):
 * for each served service, the input shape of every operation and every shape reachable from
 * one, with only what validation reads (type, required members, member targets, list and map
 * element targets, min, max, pattern, enum, sensitive). Output shapes, documentation and protocol
 * details stay out.
 *
 * <p>{@link ConstraintTableTest} regenerates the tables and fails when they differ from the
 * committed ones; run it with {@code -Dballast.regenerateConstraintTables=true} to rewrite them.
 */
public final class ConstraintTableGenerator {

    /** Service id in the table's file name → the reference model file it comes from. */
    public static final Map<String, String> SOURCES = Map.of(
            "sagemaker", "sagemaker-shapes.json",
            "sagemaker-runtime", "sagemaker-runtime-shapes.json",
            "cloudwatch", "cloudwatch-shapes.json",
            "application-autoscaling", "application-autoscaling-shapes.json");

    private static final List<String> KEPT = List.of("type", "min", "max", "pattern", "enum", "sensitive");

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ConstraintTableGenerator() {
    }

    /**
     * @param referenceDir the folder holding the {@code *-shapes.json} models
     * @return each table's file name with its text
     */
    public static Map<String, String> generate(Path referenceDir) throws IOException {
        Map<String, String> tables = new LinkedHashMap<>();
        for (String service : new TreeSet<>(SOURCES.keySet())) {
            JsonNode model = MAPPER.readTree(referenceDir.resolve(SOURCES.get(service)).toFile());
            tables.put(service + ".json", MAPPER.writeValueAsString(table(model)) + "\n");
        }
        return tables;
    }

    private static ObjectNode table(JsonNode model) {
        ObjectNode table = MAPPER.createObjectNode();
        table.put("_generated", "by ConstraintTableGenerator from " + model.path("_source").asText()
                + "; do not edit");
        ObjectNode operations = table.putObject("operations");
        JsonNode shapes = model.get("shapes");
        Deque<String> pending = new ArrayDeque<>();
        TreeSet<String> names = new TreeSet<>();
        model.get("operations").fieldNames().forEachRemaining(names::add);
        names.forEach(op -> {
            String input = model.get("operations").get(op).path("input").asText("");
            if (!input.isEmpty()) {
                operations.put(op, input);
                pending.add(input);
            }
        });
        Map<String, ObjectNode> kept = new java.util.TreeMap<>();
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (kept.containsKey(name)) {
                continue;
            }
            JsonNode shape = shapes.get(name);
            ObjectNode out = MAPPER.createObjectNode();
            for (String key : KEPT) {
                if (shape.has(key)) {
                    out.set(key, shape.get(key));
                }
            }
            if (shape.has("required")) {
                out.set("required", shape.get("required"));
            }
            if (shape.has("members")) {
                ObjectNode members = out.putObject("members");
                shape.get("members").properties().forEach(member -> {
                    String target = member.getValue().get("target").asText();
                    members.put(member.getKey(), target);
                    pending.add(target);
                });
            }
            for (String element : List.of("member", "key", "value")) {
                if (shape.has(element)) {
                    String target = shape.get(element).get("target").asText();
                    out.put(element, target);
                    pending.add(target);
                }
            }
            kept.put(name, out);
        }
        ObjectNode shapesOut = table.putObject("shapes");
        kept.forEach(shapesOut::set);
        return table;
    }

    /**
     * Writes the tables into a module's resources.
     *
     * @param args the reference folder and the resources folder to write to
     */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args[1]);
        for (Map.Entry<String, String> table : generate(Path.of(args[0])).entrySet()) {
            Files.writeString(target.resolve(table.getKey()), table.getValue(), StandardCharsets.UTF_8);
        }
    }

}
