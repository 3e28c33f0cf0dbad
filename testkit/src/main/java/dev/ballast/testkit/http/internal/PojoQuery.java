package dev.ballast.testkit.http.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
        return readNode(builder, Node.of(params));
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

    private static Object readNode(SdkPojo builder, Node node) {
        for (SdkField<?> field : builder.sdkFields()) {
            Node child = node.children.get(field.locationName());
            if (child != null) {
                field.set(builder, fromNode(field, child));
            }
        }
        return ((Buildable) builder).build();
    }

    private static Object fromNode(SdkField<?> field, Node node) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            return readNode(field.constructor().get(), node);
        } else if (type == MarshallingType.LIST) {
            ListTrait trait = field.getTrait(ListTrait.class);
            Node items = trait.isFlattened() ? node : node.children.getOrDefault(memberName(trait), Node.EMPTY);
            List<Object> list = new ArrayList<>();
            for (Node item : items.indexed()) {
                list.add(fromNode(trait.memberFieldInfo(), item));
            }
            return list;
        } else if (type == MarshallingType.MAP) {
            MapTrait trait = field.getTrait(MapTrait.class);
            Node entries = trait.isFlattened() ? node : node.children.getOrDefault("entry", Node.EMPTY);
            Map<String, Object> map = new LinkedHashMap<>();
            for (Node entry : entries.indexed()) {
                Node key = entry.children.get(trait.keyLocationName());
                Node value = entry.children.get(trait.valueLocationName());
                if (key != null && value != null) {
                    map.put(key.value, fromNode(trait.valueFieldInfo(), value));
                }
            }
            return map;
        }
        return scalar(field, node.value == null ? "" : node.value);
    }

    /** @return the element name of a list's items ({@code member}); generated models keep it on the member field */
    private static String memberName(ListTrait trait) {
        if (trait.memberLocationName() != null) {
            return trait.memberLocationName();
        }
        String name = trait.memberFieldInfo().locationName();
        return name == null ? "member" : name;
    }

    private static Object scalar(SdkField<?> field, String text) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.STRING) {
            return text;
        } else if (type == MarshallingType.INTEGER) {
            return Integer.valueOf(text);
        } else if (type == MarshallingType.LONG) {
            return Long.valueOf(text);
        } else if (type == MarshallingType.FLOAT) {
            return Float.valueOf(text);
        } else if (type == MarshallingType.DOUBLE) {
            return Double.valueOf(text);
        } else if (type == MarshallingType.BOOLEAN) {
            // Boolean.valueOf would read anything but "true" as false
            if (!"true".equals(text) && !"false".equals(text)) {
                throw new MalformedRequestException("parameter " + field.locationName() + " must be true or false");
            }
            return Boolean.valueOf(text);
        } else if (type == MarshallingType.BIG_DECIMAL) {
            return new BigDecimal(text);
        } else if (type == MarshallingType.INSTANT) {
            return text.matches("[0-9.]+") ? Timestamps.fromEpochSeconds(new BigDecimal(text)) : Instant.parse(text);
        } else if (type == MarshallingType.SDK_BYTES) {
            return SdkBytes.fromByteArray(Base64.getDecoder().decode(text));
        }
        throw new IllegalArgumentException("parameter " + field.locationName() + " has a type the server does not read: "
                + type);
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

        /** @return the children named 1, 2, 3 … in numeric order */
        List<Node> indexed() {
            TreeMap<Integer, Node> byIndex = new TreeMap<>();
            children.forEach((name, child) -> {
                if (name.matches("[0-9]+")) {
                    byIndex.put(Integer.valueOf(name), child);
                }
            });
            return new ArrayList<>(byIndex.values());
        }
    }
}
