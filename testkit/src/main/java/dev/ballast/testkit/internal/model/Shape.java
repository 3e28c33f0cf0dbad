package dev.ballast.testkit.internal.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One shape of an API model, with the constraints the service checks on it.
 *
 * @param name the shape's name in the model
 * @param type {@code structure}, {@code list}, {@code map}, {@code string}, {@code integer}, {@code long},
 *     {@code float}, {@code double}, {@code boolean}, {@code timestamp}, {@code blob}
 * @param required the required members of a structure
 * @param members a structure's members, in the model's order, by member name → target shape name
 * @param element the target of a list's members or a map's values
 * @param key the target of a map's keys
 * @param min the minimum length, size or value, if any
 * @param max the maximum length, size or value, if any
 * @param pattern the pattern a string matches whole, if any
 * @param patternText the pattern as the service prints it in messages
 * @param enumValues the values a string may take, if it is an enum
 * @param enumText the enum's values as the service prints them ({@code [A, B]})
 * @param sensitive whether the service never echoes a value of this shape
 */
public record Shape(String name, String type, Set<String> required, Map<String, String> members, String element,
        String key, Double min, Double max, NamePattern pattern, String patternText, List<String> enumValues,
        String enumText, boolean sensitive) {

    /** @return whether values of this shape are strings */
    public boolean isString() {
        return "string".equals(type);
    }

    /** @return whether values of this shape are numbers */
    public boolean isNumber() {
        return switch (type) {
            case "integer", "long", "float", "double" -> true;
            default -> false;
        };
    }

    /** @return whether this is a list or a map */
    public boolean isCollection() {
        return "list".equals(type) || "map".equals(type);
    }
}
