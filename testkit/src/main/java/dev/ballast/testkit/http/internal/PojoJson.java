package dev.ballast.testkit.http.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
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
     * Writes a model object straight to bytes (no intermediate tree: this is on every answer's path).
     *
     * @param pojo a model object
     * @return its JSON object, without absent members
     */
    public static byte[] write(SdkPojo pojo) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (JsonGenerator out = MAPPER.getFactory().createGenerator(bytes)) {
            writeObject(pojo, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON to memory", e);
        }
        return bytes.toByteArray();
    }

    /** @return whether a member value is on the wire (the SDK's auto-constructed empty collections are not) */
    static boolean isPresent(Object value) {
        return value != null && !(value instanceof SdkAutoConstructList) && !(value instanceof SdkAutoConstructMap);
    }

    /**
     * Reads one member, refusing a JSON value of the wrong kind (as the service does) instead of
     * coercing it: {@code "abc"} is not the integer 0, and an object is not {@code false}.
     */
    private static Object fromJson(SdkField<?> field, JsonNode value) {
        MarshallingType<?> type = field.marshallingType();
        boolean kindOk;
        if (type == MarshallingType.STRING || type == MarshallingType.SDK_BYTES) {
            kindOk = value.isTextual();
        } else if (type == MarshallingType.INTEGER || type == MarshallingType.LONG || type == MarshallingType.SHORT
                || type == MarshallingType.BYTE) {
            kindOk = value.isIntegralNumber();
        } else if (type == MarshallingType.FLOAT || type == MarshallingType.DOUBLE || type == MarshallingType.BIG_DECIMAL) {
            kindOk = value.isNumber();
        } else if (type == MarshallingType.BOOLEAN) {
            kindOk = value.isBoolean();
        } else if (type == MarshallingType.INSTANT) {
            kindOk = value.isNumber() || value.isTextual();
        } else if (type == MarshallingType.SDK_POJO || type == MarshallingType.MAP) {
            kindOk = value.isObject();
        } else if (type == MarshallingType.LIST) {
            kindOk = value.isArray();
        } else {
            kindOk = true;
        }
        if (!kindOk) {
            // Name the member and the kind expected; never the value, which may be a secret.
            throw new MalformedRequestException("member " + field.locationName() + " must be "
                    + (type == MarshallingType.LIST ? "an array" : type == MarshallingType.SDK_POJO || type == MarshallingType.MAP
                    ? "an object" : "a " + type.toString().toLowerCase(java.util.Locale.ROOT)) + ", not a JSON " + value.getNodeType()
                    .toString().toLowerCase(java.util.Locale.ROOT));
        }
        if (!fitsIn(type, value)) {
            // The service reads members into their declared width and refuses what does not fit
            // (it never wraps 4294967297 round to 1): name the member and the range, not the value.
            throw new MalformedRequestException("member " + field.locationName() + " must be "
                    + (type == MarshallingType.LONG ? "a 64-bit" : "a 32-bit") + " integer, from "
                    + (type == MarshallingType.LONG ? Long.MIN_VALUE + " to " + Long.MAX_VALUE
                    : Integer.MIN_VALUE + " to " + Integer.MAX_VALUE));
        }
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
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                map.put(entry.getKey(), entry.getValue().isNull() ? null : fromJson(member, entry.getValue()));
            }
            return map;
        }
        throw new IllegalArgumentException("member " + field.locationName() + " has a type the server does not read: "
                + type);
    }

    private static boolean fitsIn(MarshallingType<?> type, JsonNode value) {
        if (type == MarshallingType.INTEGER || type == MarshallingType.SHORT || type == MarshallingType.BYTE) {
            return value.canConvertToInt();
        }
        return type != MarshallingType.LONG || value.canConvertToLong();
    }

    private static void writeObject(SdkPojo pojo, JsonGenerator out) throws IOException {
        out.writeStartObject();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (isPresent(value)) {
                out.writeFieldName(field.locationName());
                writeValue(field, value, out);
            }
        }
        out.writeEndObject();
    }

    private static void writeValue(SdkField<?> field, Object value, JsonGenerator out) throws IOException {
        MarshallingType<?> type = field.marshallingType();
        if (value instanceof String text) {
            out.writeString(text);
        } else if (value instanceof Integer number) {
            out.writeNumber(number);
        } else if (value instanceof Long number) {
            out.writeNumber(number);
        } else if (value instanceof Float number) {
            out.writeNumber(number);
        } else if (value instanceof Double number) {
            out.writeNumber(number);
        } else if (value instanceof Short number) {
            out.writeNumber(number);
        } else if (value instanceof Byte number) {
            out.writeNumber(number);
        } else if (value instanceof BigDecimal number) {
            out.writeNumber(number);
        } else if (value instanceof Boolean flag) {
            out.writeBoolean(flag);
        } else if (value instanceof Instant instant) {
            out.writeNumber(Timestamps.toEpochSecondsText(instant));
        } else if (value instanceof SdkBytes bytes) {
            out.writeString(Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe()));
        } else if (value instanceof SdkPojo pojo) {
            writeObject(pojo, out);
        } else if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            out.writeStartArray();
            for (Object element : (List<?>) value) {
                if (element == null) {
                    out.writeNull();
                } else {
                    writeValue(member, element, out);
                }
            }
            out.writeEndArray();
        } else if (type == MarshallingType.MAP) {
            SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
            out.writeStartObject();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                out.writeFieldName(String.valueOf(entry.getKey()));
                if (entry.getValue() == null) {
                    out.writeNull();
                } else {
                    writeValue(member, entry.getValue(), out);
                }
            }
            out.writeEndObject();
        } else {
            throw new IllegalArgumentException("member " + field.locationName()
                    + " has a type the server does not write: " + type);
        }
    }
}
