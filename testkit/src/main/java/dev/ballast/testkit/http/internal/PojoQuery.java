package dev.ballast.testkit.http.internal;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.utils.builder.Buildable;

/**
 * The awsQuery protocol over SDK model objects: form parameters such as
 * {@code Dimensions.member.1.Name=InferenceComponentName} into a request, and a response into the
 * XML members of {@code <OpResult>}.
 *
 * <p>Reading is strict, so a request the server cannot read exactly is refused whole rather than
 * half applied: numbers are plain decimals that fit their member (no sign {@code +}, spaces, hex,
 * {@code d}/{@code f} suffixes, and no finite literal that overflows to infinity; {@code NaN} and
 * {@code Infinity} pass, for the service to refuse by name), booleans {@code true} or
 * {@code false}, timestamps ISO 8601 or epoch seconds, list members numbered 1, 2, 3 … without
 * gaps, map entries with both key and value, and a list, map or structure given no value of its
 * own (an empty value is an empty list, as the SDKs send it). Parameters the model does not know
 * are ignored, as the service ignores them.
 */
public final class PojoQuery {

    private PojoQuery() {
    }

    /**
     * @param builder a request builder
     * @param params the decoded form parameters (without {@code Action} and {@code Version}, which are ignored anyway)
     * @return the built request
     */
    public static Object read(SdkPojo builder, Map<String, String> params) {
        return readNode(builder, Node.of(params), "");
    }

    /**
     * Appends {@code pojo}'s members as XML elements.
     *
     * @param pojo a response or nested structure
     * @param xml where to append
     */
    public static void write(SdkPojo pojo, StringBuilder xml) {
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (PojoJson.isPresent(value)) {
                writeMember(field, field.locationName(), value, xml);
            }
        }
    }

    /** @param prefix the parameter path of the structure ({@code Dimensions.member.1.}), empty at the top */
    private static Object readNode(SdkPojo builder, Node node, String prefix) {
        for (SdkField<?> field : builder.sdkFields()) {
            Node child = node.children.get(field.locationName());
            if (child != null) {
                field.set(builder, fromNode(field, child, prefix + field.locationName()));
            }
        }
        return ((Buildable) builder).build();
    }

    /** @param path the member's parameter path, built from model names and checked indices only */
    private static Object fromNode(SdkField<?> field, Node node, String path) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO || type == MarshallingType.LIST || type == MarshallingType.MAP) {
            if (node.value != null && !node.value.isEmpty()) {
                throw new MalformedRequestException("parameter " + path + " is "
                        + (type == MarshallingType.LIST ? "a list" : type == MarshallingType.MAP ? "a map" : "a structure")
                        + ": give its members, not a value of its own");
            }
        }
        if (type == MarshallingType.SDK_POJO) {
            return readNode(field.constructor().get(), node, path + ".");
        } else if (type == MarshallingType.LIST) {
            ListTrait trait = field.getTrait(ListTrait.class);
            String itemPath = trait.isFlattened() ? path + "." : path + "." + memberName(trait) + ".";
            Node items = trait.isFlattened() ? node : node.children.getOrDefault(memberName(trait), Node.EMPTY);
            List<Object> list = new ArrayList<>();
            for (Node item : items.indexed(path)) {
                list.add(fromNode(trait.memberFieldInfo(), item, itemPath + (list.size() + 1)));
            }
            return list;
        } else if (type == MarshallingType.MAP) {
            MapTrait trait = field.getTrait(MapTrait.class);
            Node entries = trait.isFlattened() ? node : node.children.getOrDefault("entry", Node.EMPTY);
            Map<String, Object> map = new LinkedHashMap<>();
            String entryPath = trait.isFlattened() ? path + "." : path + ".entry.";
            List<Node> indexed = entries.indexed(path);
            for (int i = 0; i < indexed.size(); i++) {
                Node entry = indexed.get(i);
                Node key = entry.children.get(trait.keyLocationName());
                Node value = entry.children.get(trait.valueLocationName());
                if (key == null || key.value == null || value == null) {
                    throw new MalformedRequestException("map entry " + entryPath + (i + 1) + " lacks its "
                            + (key == null || key.value == null ? trait.keyLocationName() : trait.valueLocationName()));
                }
                if (map.containsKey(key.value)) {
                    throw new MalformedRequestException("map parameter " + path + " has two entries with the same key");
                }
                map.put(key.value, fromNode(trait.valueFieldInfo(), value, entryPath + (i + 1) + "."
                        + trait.valueLocationName()));
            }
            return map;
        }
        return scalar(path, type, node.value == null ? "" : node.value);
    }

    /** @return the element name of a list's items ({@code member}); generated models keep it on the member field */
    private static String memberName(ListTrait trait) {
        if (trait.memberLocationName() != null) {
            return trait.memberLocationName();
        }
        String name = trait.memberFieldInfo().locationName();
        return name == null ? "member" : name;
    }

    /** A plain decimal, as the SDKs write numbers: no sign {@code +}, spaces, hex or type suffixes. */
    private static final Pattern DECIMAL = Pattern.compile("-?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
    private static final Pattern EPOCH_SECONDS = Pattern.compile("[0-9]+(\\.[0-9]+)?");

    private static Object scalar(String name, MarshallingType<?> type, String text) {
        if (type == MarshallingType.STRING) {
            return text;
        } else if (type == MarshallingType.INTEGER) {
            return (int) integer(name, text, Integer.MIN_VALUE, Integer.MAX_VALUE, "a 32-bit");
        } else if (type == MarshallingType.LONG) {
            return integer(name, text, Long.MIN_VALUE, Long.MAX_VALUE, "a 64-bit");
        } else if (type == MarshallingType.FLOAT) {
            double value = floating(name, text);
            if (Double.isFinite(value) && Float.isInfinite((float) value)) {
                throw new MalformedRequestException("parameter " + name + " must be a number within the range of a float");
            }
            return (float) value;
        } else if (type == MarshallingType.DOUBLE) {
            return floating(name, text);
        } else if (type == MarshallingType.BOOLEAN) {
            // Boolean.valueOf would read anything but "true" as false
            if (!"true".equals(text) && !"false".equals(text)) {
                throw new MalformedRequestException("parameter " + name + " must be true or false");
            }
            return Boolean.valueOf(text);
        } else if (type == MarshallingType.BIG_DECIMAL) {
            if (!DECIMAL.matcher(text).matches()) {
                throw new MalformedRequestException("parameter " + name + " must be a decimal number");
            }
            return new BigDecimal(text);
        } else if (type == MarshallingType.INSTANT) {
            try {
                return EPOCH_SECONDS.matcher(text).matches() ? Timestamps.fromEpochSeconds(new BigDecimal(text))
                        : Instant.parse(text);
            } catch (DateTimeException | ArithmeticException e) {
                throw new MalformedRequestException("parameter " + name
                        + " must be a timestamp (ISO 8601, or seconds since the epoch)");
            }
        } else if (type == MarshallingType.SDK_BYTES) {
            try {
                return SdkBytes.fromByteArray(Base64.getDecoder().decode(text));
            } catch (IllegalArgumentException e) {
                throw new MalformedRequestException("parameter " + name + " must be base64");
            }
        }
        throw new IllegalArgumentException("parameter " + name + " has a type the server does not read: " + type);
    }

    /** @return an integer written as plain decimal digits, refused (never wrapped round) when out of range */
    private static long integer(String name, String text, long min, long max, String width) {
        if (!INTEGER.matcher(text).matches()) {
            throw new MalformedRequestException("parameter " + name + " must be an integer");
        }
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // out of the range of a long: refused below
        }
        throw new MalformedRequestException("parameter " + name + " must be " + width + " integer, from " + min
                + " to " + max);
    }

    /**
     * @return a double written as a plain decimal, or NaN and the infinities by name (the
     *     service refuses them with its own error); a finite literal too large for a double is refused
     */
    private static double floating(String name, String text) {
        switch (text) {
            case "NaN":
                return Double.NaN;
            case "Infinity":
                return Double.POSITIVE_INFINITY;
            case "-Infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw new MalformedRequestException("parameter " + name + " must be a number");
        }
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value)) {
            throw new MalformedRequestException("parameter " + name + " must be a number within the range of a double");
        }
        return value;
    }

    private static void writeMember(SdkField<?> field, String name, Object value, StringBuilder xml) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.LIST) {
            ListTrait trait = field.getTrait(ListTrait.class);
            String itemName = trait.isFlattened() ? name : memberName(trait);
            if (!trait.isFlattened()) {
                xml.append('<').append(name).append('>');
            }
            for (Object item : (List<?>) value) {
                writeMember(trait.memberFieldInfo(), itemName, item, xml);
            }
            if (!trait.isFlattened()) {
                xml.append("</").append(name).append('>');
            }
            return;
        }
        if (type == MarshallingType.MAP) {
            MapTrait trait = field.getTrait(MapTrait.class);
            xml.append('<').append(name).append('>');
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                xml.append("<entry><").append(trait.keyLocationName()).append('>')
                        .append(Xml.escape(String.valueOf(entry.getKey()))).append("</")
                        .append(trait.keyLocationName()).append('>');
                writeMember(trait.valueFieldInfo(), trait.valueLocationName(), entry.getValue(), xml);
                xml.append("</entry>");
            }
            xml.append("</").append(name).append('>');
            return;
        }
        xml.append('<').append(name).append('>');
        if (value instanceof SdkPojo pojo) {
            write(pojo, xml);
        } else if (value instanceof Instant instant) {
            xml.append(Timestamps.toIso(instant));
        } else if (value instanceof SdkBytes bytes) {
            xml.append(Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe()));
        } else {
            xml.append(Xml.escape(String.valueOf(value)));
        }
        xml.append("</").append(name).append('>');
    }

    /** Form parameters as a tree: {@code A.member.1.B=v} is A → member → 1 → B = v. */
    private static final class Node {
        static final Node EMPTY = new Node();

        final Map<String, Node> children = new LinkedHashMap<>();
        String value;

        static Node of(Map<String, String> params) {
            Node root = new Node();
            params.forEach((key, value) -> {
                Node node = root;
                for (String part : key.split("\\.")) {
                    node = node.children.computeIfAbsent(part, p -> new Node());
                }
                node.value = value;
            });
            return root;
        }

        /**
         * @param parameter the list or map parameter, to name in an error
         * @return the children named 1, 2, 3 … in numeric order
         * @throws MalformedRequestException when a child is named otherwise, or a number is missing
         */
        List<Node> indexed(String parameter) {
            Node[] byIndex = new Node[children.size()];
            for (Map.Entry<String, Node> child : children.entrySet()) {
                String name = child.getKey();
                int index = name.matches("[1-9][0-9]{0,9}") ? (int) Math.min(Long.parseLong(name), Integer.MAX_VALUE) : 0;
                if (index < 1 || index > byIndex.length) {
                    throw new MalformedRequestException("the members of list or map parameter " + parameter
                            + " must be numbered 1, 2, 3 ... without gaps");
                }
                byIndex[index - 1] = child.getValue();
            }
            return List.of(byIndex);
        }
    }
}
