package dev.ballast.testkit.http.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
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
 * Converts between AWS JSON or Smithy RPC v2 CBOR bodies and SDK model objects by walking their
 * {@code sdkFields()}, so one piece of code serves every operation of the JSON protocols (AWS JSON
 * 1.0/1.1, REST-JSON error bodies) and of RPC v2 CBOR. Both formats are read through Jackson's tree
 * and written through a Jackson generator; the one walk differs between them only at the leaves a
 * {@link Format} decides: timestamps and blobs.
 */
public final class PojoJson {

    /** The mapper used for every JSON body the server reads or writes. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    /** The mapper used for every CBOR body the server reads or writes (Jackson's CBOR data format). */
    public static final CBORMapper CBOR_MAPPER = new CBORMapper();

    /** How a wire format carries the values JSON has no kind for: timestamps and blobs. */
    public enum Format {
        /**
         * AWS JSON: timestamps as epoch seconds with a fraction (a string of ISO 8601 read too),
         * blobs as base64 strings.
         */
        JSON,
        /**
         * Smithy RPC v2 CBOR: timestamps as tag 1 (epoch seconds) on an integer or a float of any
         * width, written as a 64-bit float with millisecond precision (what the Java SDK 2.41+
         * sends and reads: it rounds the seconds times 1000 to milliseconds); blobs as byte strings.
         * Jackson's tree drops the tag, so an untagged number is read as a timestamp as well.
         */
        CBOR
    }

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
        return read(builder, node, Format.JSON);
    }

    /**
     * Fills {@code builder} from the tree of a JSON or CBOR map; members the model does not know
     * are ignored, as the service ignores them, and so are null members.
     *
     * @param builder a model builder (they are {@link SdkPojo}s)
     * @param node the map, as Jackson's tree
     * @param format the wire format the tree was read from
     * @return the built model object
     */
    public static Object read(SdkPojo builder, JsonNode node, Format format) {
        if (!node.isObject()) {
            throw new MalformedRequestException("the request body must be " + (format == Format.CBOR ? "a CBOR map" : "a JSON object")
                    + ", not " + kind(node, format));
        }
        for (SdkField<?> field : builder.sdkFields()) {
            JsonNode value = node.get(field.locationName());
            if (value != null && !value.isNull()) {
                field.set(builder, fromTree(field, value, format));
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
        return write(pojo, Format.JSON);
    }

    /**
     * Writes a model object straight to bytes of the given format.
     *
     * @param pojo a model object
     * @param format JSON or CBOR
     * @return its JSON object or CBOR map, without absent members
     */
    public static byte[] write(SdkPojo pojo, Format format) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        ObjectMapper mapper = format == Format.CBOR ? CBOR_MAPPER : MAPPER;
        try (JsonGenerator out = mapper.getFactory().createGenerator(bytes)) {
            writeObject(pojo, out, format);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + format + " to memory", e);
        }
        return bytes.toByteArray();
    }

    /** @return whether a member value is on the wire (the SDK's auto-constructed empty collections are not) */
    static boolean isPresent(Object value) {
        return value != null && !(value instanceof SdkAutoConstructList) && !(value instanceof SdkAutoConstructMap);
    }

    /**
     * Reads one member, refusing a value of the wrong kind (as the service does) instead of
     * coercing it: {@code "abc"} is not the integer 0, and an object is not {@code false}.
     */
    private static Object fromTree(SdkField<?> field, JsonNode value, Format format) {
        MarshallingType<?> type = field.marshallingType();
        boolean kindOk;
        if (type == MarshallingType.STRING) {
            kindOk = value.isTextual();
        } else if (type == MarshallingType.SDK_BYTES) {
            kindOk = format == Format.CBOR ? value.isBinary() : value.isTextual();
        } else if (type == MarshallingType.INTEGER || type == MarshallingType.LONG || type == MarshallingType.SHORT
                || type == MarshallingType.BYTE) {
            kindOk = value.isIntegralNumber();
        } else if (type == MarshallingType.FLOAT || type == MarshallingType.DOUBLE || type == MarshallingType.BIG_DECIMAL) {
            kindOk = value.isNumber();
        } else if (type == MarshallingType.BOOLEAN) {
            kindOk = value.isBoolean();
        } else if (type == MarshallingType.INSTANT) {
            kindOk = value.isNumber() || format == Format.JSON && value.isTextual();
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
                    ? "an object" : type == MarshallingType.SDK_BYTES ? "a blob" : type == MarshallingType.INSTANT ? "a timestamp"
                    : "a " + type.toString().toLowerCase(java.util.Locale.ROOT)) + ", not " + kind(value, format));
        }
        if (type == MarshallingType.INSTANT && value.isNumber() && !Double.isFinite(value.asDouble())) {
            // CBOR carries NaN and the infinities; no instant is either
            throw new MalformedRequestException("member " + field.locationName() + " must be a finite timestamp");
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
            return format == Format.CBOR ? SdkBytes.fromByteArray(binary(value))
                    : SdkBytes.fromByteArray(Base64.getDecoder().decode(value.asText()));
        } else if (type == MarshallingType.SDK_POJO) {
            return read(field.constructor().get(), value, format);
        } else if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            List<Object> list = new ArrayList<>();
            for (JsonNode element : value) {
                list.add(element.isNull() ? null : fromTree(member, element, format));
            }
            return list;
        } else if (type == MarshallingType.MAP) {
            SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                map.put(entry.getKey(), entry.getValue().isNull() ? null : fromTree(member, entry.getValue(), format));
            }
            return map;
        }
        throw new IllegalArgumentException("member " + field.locationName() + " has a type the server does not read: "
                + type);
    }

    /** @return the kind of a value in the words of its format, e.g. {@code a JSON string}, {@code a CBOR byte string} */
    private static String kind(JsonNode value, Format format) {
        String name = value.isBinary() ? "byte string" : value.isObject() ? (format == Format.CBOR ? "map" : "object")
                : value.isArray() ? "array" : value.isTextual() ? (format == Format.CBOR ? "text string" : "string")
                : value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        return "a " + format + " " + name;
    }

    private static byte[] binary(JsonNode value) {
        try {
            return value.binaryValue();
        } catch (IOException e) {
            throw new MalformedRequestException("a byte string could not be read");
        }
    }

    private static boolean fitsIn(MarshallingType<?> type, JsonNode value) {
        if (type == MarshallingType.INTEGER || type == MarshallingType.SHORT || type == MarshallingType.BYTE) {
            return value.canConvertToInt();
        }
        return type != MarshallingType.LONG || value.canConvertToLong();
    }

    private static void writeObject(SdkPojo pojo, JsonGenerator out, Format format) throws IOException {
        out.writeStartObject();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (isPresent(value)) {
                out.writeFieldName(field.locationName());
                writeValue(field, value, out, format);
            }
        }
        out.writeEndObject();
    }

    private static void writeValue(SdkField<?> field, Object value, JsonGenerator out, Format format) throws IOException {
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
            if (format == Format.CBOR) {
                ((CBORGenerator) out).writeTag(1);
                out.writeNumber(Timestamps.toEpochSeconds(instant));
            } else {
                out.writeNumber(Timestamps.toEpochSecondsText(instant));
            }
        } else if (value instanceof SdkBytes bytes) {
            if (format == Format.CBOR) {
                out.writeBinary(bytes.asByteArrayUnsafe());
            } else {
                out.writeString(Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe()));
            }
        } else if (value instanceof SdkPojo pojo) {
            writeObject(pojo, out, format);
        } else if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            out.writeStartArray();
            for (Object element : (List<?>) value) {
                if (element == null) {
                    out.writeNull();
                } else {
                    writeValue(member, element, out, format);
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
                    writeValue(member, entry.getValue(), out, format);
                }
            }
            out.writeEndObject();
        } else {
            throw new IllegalArgumentException("member " + field.locationName()
                    + " has a type the server does not write: " + type);
        }
    }
}
