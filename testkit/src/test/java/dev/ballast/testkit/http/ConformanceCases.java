package dev.ballast.testkit.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ballast.testkit.internal.model.ApiModel;
import dev.ballast.testkit.internal.model.RequestValidator;
import dev.ballast.testkit.internal.model.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The conformance cases, generated from the API models: for each served operation a valid base
 * request ({@code conformance/base-requests.json}) and, for every member the base sets or the model
 * requires, one mutation per constraint of that member — the required member removed, a string
 * one character too short or too long, a value that breaks its pattern, a value outside its enum,
 * a number one below its minimum or above its maximum, a list or map one element short or over —
 * each with the path and the words the service's error must name.
 */
final class ConformanceCases {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final RequestValidator VALIDATOR = RequestValidator.forServedServices();

    /** Strings tried, in order, as values that break a pattern (the first one the pattern refuses is used). */
    private static final List<String> PATTERN_BREAKERS =
            List.of("bad value!", "!", "a b", " ", "a\tb", "\u00e9", "-", "a:b", "0", "A");
    /** The longest value a case sends: constraints above it (a 6 MiB body) are covered by other tests. */
    private static final int LONGEST = 20_000;

    /**
     * One case.
     *
     * @param service the table's name ({@code sagemaker}, {@code cloudwatch}, ...)
     * @param operation the operation
     * @param mutation what was changed, for the test's name
     * @param request the mutated request, in the JSON form of the AWS JSON protocols
     * @param path the member path the error must name
     * @param phrase the constraint phrase the error must carry
     */
    record Case(String service, String operation, String mutation, ObjectNode request, String path, String phrase) {

        String id() {
            return service + "." + operation + ": " + mutation;
        }

        boolean missingRequired() {
            return phrase.equals("Member must not be null");
        }
    }

    private ConformanceCases() {
    }

    /** @return every service's base requests, by service and operation */
    static Map<String, Map<String, ObjectNode>> bases() {
        try (InputStream in = ConformanceCases.class.getResourceAsStream("/conformance/base-requests.json")) {
            JsonNode all = MAPPER.readTree(in);
            Map<String, Map<String, ObjectNode>> bases = new java.util.TreeMap<>();
            all.properties().forEach(service -> {
                Map<String, ObjectNode> ops = new java.util.TreeMap<>();
                service.getValue().properties().forEach(op -> ops.put(op.getKey(), (ObjectNode) op.getValue()));
                bases.put(service.getKey(), ops);
            });
            return bases;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the base requests", e);
        }
    }

    /**
     * @param served whether the fake serves an operation ({@code service/Operation})
     * @return every case of every served operation
     */
    static List<Case> generate(java.util.function.Predicate<String> served) {
        List<Case> cases = new ArrayList<>();
        bases().forEach((service, ops) -> ops.forEach((op, base) -> {
            if (served.test(service + "/" + op)) {
                ApiModel model = VALIDATOR.model(service);
                Shape input = model.input(op).orElseThrow(() -> new IllegalStateException(op + " is not in the model"));
                new Walk(model, service, op, base, cases::add).structure(base, input, "", List.of());
            }
        }));
        return cases;
    }

    /** Generates the cases of one operation by walking its base request along its input shape. */
    private record Walk(ApiModel model, String service, String op, ObjectNode base, Consumer<Case> out) {

        /** @param route where in the JSON request: member names and list indexes */
        void structure(ObjectNode node, Shape shape, String path, List<Object> route) {
            for (Map.Entry<String, String> member : shape.members().entrySet()) {
                String name = member.getKey();
                String at = (path.isEmpty() ? "" : path + ".") + Character.toLowerCase(name.charAt(0)) + name.substring(1);
                List<Object> here = append(route, name);
                if (shape.required().contains(name)) {
                    emit("without " + at, here, null, at, "Member must not be null");
                }
                JsonNode value = node.get(name);
                if (value != null) {
                    member(value, model.shape(member.getValue()), at, here);
                }
            }
        }

        void member(JsonNode value, Shape shape, String at, List<Object> route) {
            switch (shape.type()) {
                case "structure", "union" -> structure((ObjectNode) value, shape, at, route);
                case "list" -> list((ArrayNode) value, shape, at, route);
                case "map" -> map((ObjectNode) value, shape, at, route);
                default -> {
                    for (Object[] bad : scalarBreakers(value, shape)) {
                        emit(at + " " + bad[1], route, (JsonNode) bad[0], at, (String) bad[1]);
                    }
                }
            }
        }

        void list(ArrayNode list, Shape shape, String at, List<Object> route) {
            if (shape.min() != null && shape.min() >= 1) {
                emit(at + " empty", route, JsonNodeFactory.instance.arrayNode(), at,
                        "Member must have length greater than or equal to " + whole(shape.min()));
            }
            if (shape.max() != null && shape.max() < 200 && !list.isEmpty()) {
                ArrayNode longer = JsonNodeFactory.instance.arrayNode();
                for (int i = 0; i <= shape.max(); i++) {
                    longer.add(list.get(0).deepCopy());
                }
                emit(at + " with " + longer.size() + " members", route, longer, at,
                        "Member must have length less than or equal to " + whole(shape.max()));
            }
            if (list.isEmpty()) {
                return;
            }
            Shape element = model.shape(shape.element());
            if (isNested(element)) {
                member(list.get(0), element, at + ".1.member", append(route, 0));
                return;
            }
            for (Object[] bad : scalarBreakers(list.get(0), element)) {
                emit(at + " member " + bad[1], append(route, 0), (JsonNode) bad[0], at,
                        "Member must satisfy constraint: [" + bad[1]);
            }
        }

        void map(ObjectNode map, Shape shape, String at, List<Object> route) {
            if (shape.max() != null && shape.max() < 200 && map.size() > 0) {
                ObjectNode bigger = map.deepCopy();
                JsonNode sample = map.elements().next();
                for (int i = 0; bigger.size() <= shape.max(); i++) {
                    bigger.set("K" + i, sample.deepCopy());
                }
                emit(at + " with " + bigger.size() + " entries", route, bigger, at,
                        "Member must have length less than or equal to " + whole(shape.max()));
            }
            if (map.size() == 0) {
                return;
            }
            Map.Entry<String, JsonNode> first = map.properties().iterator().next();
            for (Object[] bad : scalarBreakers(TextNode.valueOf(first.getKey()), model.shape(shape.key()))) {
                ObjectNode renamed = map.deepCopy();
                renamed.remove(first.getKey());
                renamed.set(((JsonNode) bad[0]).asText(), first.getValue());
                emit(at + " key " + bad[1], route, renamed, at, "Map keys must satisfy constraint: [" + bad[1]);
            }
            for (Object[] bad : scalarBreakers(first.getValue(), model.shape(shape.element()))) {
                emit(at + " value " + bad[1], append(route, first.getKey()), (JsonNode) bad[0], at,
                        "Map value must satisfy constraint: [" + bad[1]);
            }
        }

        /** @param replacement the new value, or null to remove the member */
        void emit(String mutation, List<Object> route, JsonNode replacement, String path, String phrase) {
            ObjectNode request = base.deepCopy();
            JsonNode parent = request;
            for (int i = 0; i < route.size() - 1; i++) {
                Object step = route.get(i);
                parent = step instanceof Integer index ? parent.get(index) : parent.get((String) step);
            }
            Object last = route.get(route.size() - 1);
            if (last instanceof Integer index) {
                ((ArrayNode) parent).set(index, replacement);
            } else if (replacement == null) {
                ((ObjectNode) parent).remove((String) last);
            } else {
                ((ObjectNode) parent).set((String) last, replacement);
            }
            out.accept(new Case(service, op, mutation, request, path, phrase));
        }
    }

    /** @return pairs of (a value that breaks one constraint of the shape, the phrase the service uses for it) */
    private static List<Object[]> scalarBreakers(JsonNode value, Shape shape) {
        List<Object[]> breakers = new ArrayList<>();
        if (shape.isString()) {
            String text = value.asText();
            if (shape.min() != null && shape.min() >= 1) {
                breakers.add(new Object[] {TextNode.valueOf(text.substring(0, (int) (shape.min() - 1))),
                        "Member must have length greater than or equal to " + whole(shape.min())});
            }
            if (shape.max() != null && shape.max() < LONGEST && !text.isEmpty()) {
                breakers.add(new Object[] {TextNode.valueOf(text.repeat((int) (shape.max() / text.length()) + 1)
                        .substring(0, (int) (shape.max() + 1))),
                        "Member must have length less than or equal to " + whole(shape.max())});
            }
            if (shape.pattern() != null) {
                PATTERN_BREAKERS.stream().filter(b -> !shape.pattern().matches(b))
                        .filter(b -> shape.min() == null || b.length() >= shape.min())
                        .filter(b -> shape.max() == null || b.length() <= shape.max())
                        .filter(b -> shape.enumValues() == null).findFirst()
                        .ifPresent(b -> breakers.add(new Object[] {TextNode.valueOf(b),
                                "Member must satisfy regular expression pattern: " + shape.patternText()}));
            }
            if (shape.enumValues() != null) {
                breakers.add(new Object[] {TextNode.valueOf("NOT_A_VALUE"), "Member must satisfy enum value set: "
                        + shape.enumText()});
            }
        } else if (shape.isNumber()) {
            boolean integral = shape.type().equals("integer") || shape.type().equals("long");
            if (shape.min() != null) {
                double below = shape.min() - 1;
                breakers.add(new Object[] {integral ? JsonNodeFactory.instance.numberNode((long) below)
                        : JsonNodeFactory.instance.numberNode(below),
                        "Member must have value greater than or equal to " + whole(shape.min())});
            }
            if (shape.max() != null && (!shape.type().equals("integer") || shape.max() < Integer.MAX_VALUE)) {
                double above = shape.max() + 1;
                breakers.add(new Object[] {integral ? JsonNodeFactory.instance.numberNode((long) above)
                        : JsonNodeFactory.instance.numberNode(above),
                        "Member must have value less than or equal to " + whole(shape.max())});
            }
        }
        return breakers;
    }

    private static boolean isNested(Shape shape) {
        return Set.of("structure", "union", "list", "map").contains(shape.type());
    }

    private static String whole(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static List<Object> append(List<Object> route, Object step) {
        List<Object> longer = new ArrayList<>(route);
        longer.add(step);
        return longer;
    }

}
