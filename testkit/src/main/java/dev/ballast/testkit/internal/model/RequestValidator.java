package dev.ballast.testkit.internal.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * Checks a request against its service's API model before the fake does anything else with it,
 * as the services do: required members, string length (in characters) and pattern (matched whole),
 * enums, numeric ranges, blob sizes, list and map sizes, nested to any depth. It reports every
 * violation at once in the services' own words:
 * {@code 2 validation errors detected: Value 'x' at 'productionVariants.1.member.variantName' failed to
 * satisfy constraint: Member must satisfy regular expression pattern: ...; Value null at 'endpointName'
 * failed to satisfy constraint: Member must not be null}.
 *
 * <p>Paths are the members' names with the first letter in lower case, list elements numbered from
 * 1 as {@code .N.member.}; a list or map of plain values is reported once, at the collection, as
 * {@code Member must satisfy constraint: [...]}, {@code Map keys must satisfy constraint: [...]} or
 * {@code Map value must satisfy constraint: [...]}. A value of a sensitive shape is never quoted
 * ({@code Value at 'path' failed to ...}). Floating-point members must be finite: JSON cannot carry
 * anything else, and an infinite value reaching the fake in process or from a query form is refused
 * with {@code Member must be a finite number} (a phrase of the fake's own: the services' is not known).
 *
 * <p>Thread-safe. The checks of each SDK request class are resolved once, on first use.
 */
public final class RequestValidator {

    /** The phrase of a NaN or infinite floating-point value (the fake's own: the services' is not known). */
    public static final String NOT_FINITE = "Member must be a finite number";

    private final Map<String, ApiModel> modelsByPackage;
    private final Map<Class<?>, Optional<Structure>> compiled = new ConcurrentHashMap<>();

    /** @param modelsByPackage each service's model by the package of its SDK model classes */
    public RequestValidator(Map<String, ApiModel> modelsByPackage) {
        this.modelsByPackage = Map.copyOf(modelsByPackage);
    }

    /** @return a validator of SageMaker, SageMaker Runtime, CloudWatch and Application Auto Scaling requests */
    public static RequestValidator forServedServices() {
        Set<String> environmentValues = Set.of("EnvironmentValue");
        return new RequestValidator(Map.of(
                "software.amazon.awssdk.services.sagemaker.model",
                ApiModel.load("sagemaker", ApiModel.PatternStyle.ANCHORED, environmentValues, Map.of()),
                "software.amazon.awssdk.services.sagemakerruntime.model",
                ApiModel.load("sagemaker-runtime", ApiModel.PatternStyle.ANCHORED, Set.of(), Map.of()),
                "software.amazon.awssdk.services.cloudwatch.model",
                ApiModel.load("cloudwatch", ApiModel.PatternStyle.AS_IS, Set.of(),
                        Map.of("StateValue", List.of("INSUFFICIENT_DATA", "ALARM", "OK"))),
                "software.amazon.awssdk.services.applicationautoscaling.model",
                ApiModel.load("application-autoscaling", ApiModel.PatternStyle.AS_IS, Set.of(), Map.of())));
    }

    /**
     * @param service a table's name, e.g. {@code sagemaker}
     * @return that service's model
     * @throws IllegalArgumentException if this validator has no such model
     */
    public ApiModel model(String service) {
        return modelsByPackage.values().stream().filter(m -> m.service().equals(service)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no model " + service));
    }

    /**
     * @param request an SDK request
     * @return the violations, each one sentence of the service's message, in the model's member
     *     order; empty when the request is valid or its operation is not in the models
     */
    public List<Breach> validate(SdkRequest request) {
        Optional<Structure> checks = compiled.computeIfAbsent(request.getClass(), this::compileRequest);
        if (checks.isEmpty()) {
            return List.of();
        }
        List<Breach> out = new ArrayList<>(0);
        checks.get().check((SdkPojo) request, "", out);
        return out;
    }

    /**
     * @param violations what {@link #validate} found, not empty
     * @return the service's message: {@code N validation error(s) detected: ...; ...}
     */
    public static String message(List<Breach> violations) {
        int n = violations.size();
        StringBuilder text = new StringBuilder(64 * n).append(n).append(" validation error").append(n == 1 ? "" : "s")
                .append(" detected: ");
        for (int i = 0; i < n; i++) {
            text.append(i == 0 ? "" : "; ").append(violations.get(i).text());
        }
        return text.toString();
    }

    private Optional<Structure> compileRequest(Class<?> type) {
        ApiModel model = modelsByPackage.get(type.getPackageName());
        String simple = type.getSimpleName();
        if (model == null || !simple.endsWith("Request") || !(SdkPojo.class.isAssignableFrom(type))) {
            return Optional.empty();
        }
        return model.input(simple.substring(0, simple.length() - "Request".length()))
                .map(input -> new Structure(model, input, fieldsOf(type)));
    }

    private static List<SdkField<?>> fieldsOf(Class<?> type) {
        try {
            Object builder = type.getMethod("builder").invoke(null);
            return ((SdkPojo) builder).sdkFields();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the fields of " + type.getName(), e);
        }
    }

    /**
     * One violation.
     *
     * @param path where, e.g. {@code productionVariants.1.member.variantName}
     * @param text the sentence, e.g. {@code Value 'x' at 'path' failed to satisfy constraint: ...}
     */
    public record Breach(String path, String text) {
    }

    /** The checks of one structure shape, bound to the SDK class that carries it. */
    private final class Structure {

        private final ApiModel model;
        private final Shape shape;
        private final List<Member> members = new ArrayList<>();

        Structure(ApiModel model, Shape shape, List<SdkField<?>> fields) {
            this.model = model;
            this.shape = shape;
            for (Map.Entry<String, String> member : shape.members().entrySet()) {
                SdkField<?> field = fields.stream().filter(f -> member.getKey().equals(f.memberName())).findFirst()
                        .orElse(null);
                // A member the SDK in use does not have yet cannot be set, so there is nothing to check.
                if (field != null) {
                    members.add(new Member(field, lowerFirst(member.getKey()), model.shape(member.getValue()),
                            shape.required().contains(member.getKey())));
                }
            }
        }

        void check(SdkPojo pojo, String path, List<Breach> out) {
            for (Member member : members) {
                Object value = member.field.getValueOrDefault(pojo);
                String at = path.isEmpty() ? member.name : path + "." + member.name;
                if (value == null || value instanceof SdkAutoConstructList || value instanceof SdkAutoConstructMap) {
                    if (member.required) {
                        out.add(new Breach(at, "Value null at '" + at
                                + "' failed to satisfy constraint: Member must not be null"));
                    }
                } else {
                    checkValue(model, value, member.target, at, out);
                }
            }
        }
    }

    private record Member(SdkField<?> field, String name, Shape target, boolean required) {
    }

    private void checkValue(ApiModel model, Object value, Shape shape, String path, List<Breach> out) {
        switch (shape.type()) {
            case "structure", "union" -> structureOf(model, shape, value).check((SdkPojo) value, path, out);
            case "list" -> checkList(model, (List<?>) value, shape, path, out);
            case "map" -> checkMap(model, (Map<?, ?>) value, shape, path, out);
            default -> {
                for (String phrase : phrases(value, shape)) {
                    out.add(new Breach(path, prefix(value, shape.sensitive(), path) + phrase));
                }
            }
        }
    }

    private Structure structureOf(ApiModel model, Shape shape, Object value) {
        return compiled.computeIfAbsent(value.getClass(),
                type -> Optional.of(new Structure(model, shape, ((SdkPojo) value).sdkFields()))).orElseThrow();
    }

    private void checkList(ApiModel model, List<?> list, Shape shape, String path, List<Breach> out) {
        Shape element = model.shape(shape.element());
        boolean sensitive = element.sensitive();
        for (String phrase : sizePhrases(list.size(), shape)) {
            out.add(new Breach(path, prefix(list, sensitive, path) + phrase));
        }
        if (isNested(element)) {
            for (int i = 0; i < list.size(); i++) {
                Object item = list.get(i);
                String at = path + "." + (i + 1) + ".member";
                if (item == null) {
                    out.add(new Breach(at, "Value null at '" + at + "' failed to satisfy constraint: Member must not be null"));
                } else {
                    checkValue(model, item, element, at, out);
                }
            }
            return;
        }
        Set<String> phrases = new LinkedHashSet<>();
        for (Object item : list) {
            phrases.addAll(item == null ? List.of("Member must not be null") : phrases(item, element));
        }
        if (!phrases.isEmpty()) {
            out.add(new Breach(path, prefix(list, sensitive, path) + "Member must satisfy constraint: ["
                    + String.join(", ", phrases) + "]"));
        }
    }

    private void checkMap(ApiModel model, Map<?, ?> map, Shape shape, String path, List<Breach> out) {
        Shape keys = model.shape(shape.key());
        Shape values = model.shape(shape.element());
        boolean sensitive = values.sensitive() || keys.sensitive();
        for (String phrase : sizePhrases(map.size(), shape)) {
            out.add(new Breach(path, prefix(map, sensitive, path) + phrase));
        }
        Set<String> keyPhrases = new LinkedHashSet<>();
        Set<String> valuePhrases = new LinkedHashSet<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            keyPhrases.addAll(phrases(entry.getKey(), keys));
            if (entry.getValue() == null) {
                valuePhrases.add("Member must not be null");
            } else if (isNested(values)) {
                checkValue(model, entry.getValue(), values, path + "." + entry.getKey(), out);
            } else {
                valuePhrases.addAll(phrases(entry.getValue(), values));
            }
        }
        if (!keyPhrases.isEmpty()) {
            out.add(new Breach(path, prefix(map, sensitive, path) + "Map keys must satisfy constraint: ["
                    + String.join(", ", keyPhrases) + "]"));
        }
        if (!valuePhrases.isEmpty()) {
            out.add(new Breach(path, prefix(map, sensitive, path) + "Map value must satisfy constraint: ["
                    + String.join(", ", valuePhrases) + "]"));
        }
    }

    private static boolean isNested(Shape shape) {
        return switch (shape.type()) {
            case "structure", "union", "list", "map" -> true;
            default -> false;
        };
    }

    /** The constraints a plain value breaks, as the service words them. */
    private static List<String> phrases(Object value, Shape shape) {
        List<String> phrases = new ArrayList<>(0);
        if (value instanceof String text) {
            int length = text.codePointCount(0, text.length());
            phrases.addAll(sizePhrases(length, shape));
            if (shape.pattern() != null && !shape.pattern().matches(text)) {
                phrases.add("Member must satisfy regular expression pattern: " + shape.patternText());
            }
            if (shape.enumValues() != null && !shape.enumValues().contains(text)) {
                phrases.add("Member must satisfy enum value set: " + shape.enumText());
            }
        } else if (value instanceof Number number && shape.isNumber()) {
            double d = number.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                phrases.add(NOT_FINITE);
            } else {
                if (shape.min() != null && d < shape.min()) {
                    phrases.add("Member must have value greater than or equal to " + format(shape.min()));
                }
                if (shape.max() != null && d > shape.max()) {
                    phrases.add("Member must have value less than or equal to " + format(shape.max()));
                }
            }
        } else if (value instanceof SdkBytes bytes) {
            phrases.addAll(sizePhrases(bytes.asByteArrayUnsafe().length, shape));
        }
        return phrases;
    }

    private static List<String> sizePhrases(int size, Shape shape) {
        if (shape.min() != null && size < shape.min()) {
            return List.of("Member must have length greater than or equal to " + format(shape.min()));
        }
        if (shape.max() != null && size > shape.max()) {
            return List.of("Member must have length less than or equal to " + format(shape.max()));
        }
        return List.of();
    }

    private static String prefix(Object value, boolean sensitive, String path) {
        return sensitive ? "Value at '" + path + "' failed to satisfy constraint: "
                : "Value '" + render(value) + "' at '" + path + "' failed to satisfy constraint: ";
    }

    private static String render(Object value) {
        if (value instanceof SdkBytes bytes) {
            return "java.nio.HeapByteBuffer[pos=0 lim=" + bytes.asByteArrayUnsafe().length + "]";
        }
        return String.valueOf(value);
    }

    private static String format(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e18 ? Long.toString((long) d) : Double.toString(d);
    }

    private static String lowerFirst(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
