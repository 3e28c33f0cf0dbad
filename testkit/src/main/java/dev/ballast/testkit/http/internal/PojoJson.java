package dev.ballast.testkit.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.Buildable;

/**
 * Converts between AWS JSON bodies and SDK model objects by walking their {@code sdkFields()}, so
 * one piece of code serves every operation of the JSON protocols (AWS JSON 1.0/1.1, REST-JSON
 * error bodies). Timestamps are epoch seconds with a fraction, blobs base64, as on the wire.
 */
public final class PojoJson {

    /** The mapper used for every JSON body the server reads or writes. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private PojoJson() {
    }

    /**
     * Fills {@code builder} from a JSON object; members the model does not know are ignored, as
     * the service ignores them.
     *
     * @param builder a model builder (they are {@link SdkPojo}s)
     * @param node the JSON object
     * @return the built model object
     */
    public static Object read(SdkPojo builder, JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object but found " + node.getNodeType());
        }
        for (SdkField<?> field : builder.sdkFields()) {
            JsonNode value = node.get(field.locationName());
            if (value != null && !value.isNull()) {
                field.set(builder, fromJson(field, value));
            }
        }
        return ((Buildable) builder).build();
    }

    /**
     * @param pojo a model object
     * @return its JSON object, without absent members
     */
    public static ObjectNode write(SdkPojo pojo) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (isPresent(value)) {
                node.set(field.locationName(), toJson(field, value));
            }
        }
        return node;
    }

    /** @return whether a member value is on the wire (the SDK's auto-constructed empty collections are not) */
    static boolean isPresent(Object value) {
        return value != null && !(value instanceof SdkAutoConstructList) && !(value instanceof SdkAutoConstructMap);
    }

    private static Object fromJson(SdkField<?> field, JsonNode value) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.STRING) {
            return value.asText();
        } else if (type == MarshallingType.INTEGER) {
            return value.asInt();
        } else if (type == MarshallingType.LONG) {
            return value.asLong();
        } else if (type == MarshallingType.FLOAT) {
            return (float) value.asDouble();
        } else if (type == MarshallingType.DOUBLE) {
            return value.asDouble();
        } else if (type == MarshallingType.BOOLEAN) {
            return value.asBoolean();
        } else if (type == MarshallingType.SHORT) {
            return (short) value.asInt();
        } else if (type == MarshallingType.BYTE) {
            return (byte) value.asInt();
        } else if (type == MarshallingType.BIG_DECIMAL) {
            return value.decimalValue();
        } else if (type == MarshallingType.INSTANT) {
            return value.isNumber() ? Timestamps.fromEpochSeconds(value.decimalValue()) : Instant.parse(value.asText());
        } else if (type == MarshallingType.SDK_BYTES) {
            return SdkBytes.fromByteArray(Base64.getDecoder().decode(value.asText()));
        } else if (type == MarshallingType.SDK_POJO) {
            return read(field.constructor().get(), value);
        } else if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            List<Object> list = new ArrayList<>();
            for (JsonNode element : value) {
                list.add(element.isNull() ? null : fromJson(member, element));
            }
            return list;
        } else if (type == MarshallingType.MAP) {
            SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                map.put(entry.getKey(), entry.getValue().isNull() ? null : fromJson(member, entry.getValue()));
            }
            return map;
        }
        throw new IllegalArgumentException("member " + field.locationName() + " has a type the server does not read: "
                + type);
    }

    private static JsonNode toJson(SdkField<?> field, Object value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        MarshallingType<?> type = field.marshallingType();
        if (value instanceof String text) {
            return nodes.textNode(text);
        } else if (value instanceof Integer number) {
            return nodes.numberNode(number);
        } else if (value instanceof Long number) {
            return nodes.numberNode(number);
        } else if (value instanceof Float number) {
            return nodes.numberNode(number);
        } else if (value instanceof Double number) {
            return nodes.numberNode(number);
        } else if (value instanceof Short number) {
            return nodes.numberNode(number);
        } else if (value instanceof Byte number) {
            return nodes.numberNode(number);
        } else if (value instanceof BigDecimal number) {
            return nodes.numberNode(number);
        } else if (value instanceof Boolean flag) {
            return nodes.booleanNode(flag);
        } else if (value instanceof Instant instant) {
            return nodes.numberNode(Timestamps.toEpochSeconds(instant));
        } else if (value instanceof SdkBytes bytes) {
            return nodes.textNode(Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe()));
        } else if (value instanceof SdkPojo pojo) {
            return write(pojo);
        } else if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            ArrayNode array = nodes.arrayNode();
            for (Object element : (List<?>) value) {
                array.add(element == null ? nodes.nullNode() : toJson(member, element));
            }
            return array;
        } else if (type == MarshallingType.MAP) {
            SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
            ObjectNode object = nodes.objectNode();
            ((Map<?, ?>) value).forEach((key, element) -> object.set(String.valueOf(key),
                    element == null ? nodes.nullNode() : toJson(member, element)));
            return object;
        }
        throw new IllegalArgumentException("member " + field.locationName() + " has a type the server does not write: "
                + type);
    }
}
