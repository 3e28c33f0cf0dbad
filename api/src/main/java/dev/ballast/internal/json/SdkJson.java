package dev.ballast.internal.json;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Renders an AWS SDK v2 request as the JSON the service receives: the service's own member names
 * (as the SDK marshals them), absent members left out, in the model's member order. Values at a
 * redacted path are replaced by {@code "****"}.
 *
 * <p>Paths name members by their service names joined with dots, map keys included, for example
 * {@code Specification.Container.Environment.HF_TOKEN}. The SDK's own {@code toString()} is never
 * used: it does not mask container environment values.
 */
public final class SdkJson {

    /** What a redacted value is rendered as. */
    public static final String MASK = "****";

    private final Set<String> redacted;
    private final StringBuilder out = new StringBuilder();

    private SdkJson(Set<String> redacted) {
        this.redacted = redacted;
    }

    /**
     * @param pojo a request or one of its members
     * @param redactedPaths member paths whose values are masked
     * @param pretty whether to indent with two spaces, one member per line
     * @return the JSON text
     */
    public static String render(SdkPojo pojo, Set<String> redactedPaths, boolean pretty) {
        SdkJson json = new SdkJson(redactedPaths);
        json.pojo(pojo, "");
        return pretty ? pretty(json.out.toString()) : json.out.toString();
    }

    /** @return {@code text} as a JSON string literal */
    public static String quote(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** Indents compact JSON with two spaces; empty objects and arrays stay on one line. */
    static String pretty(String compact) {
        StringBuilder sb = new StringBuilder(compact.length() * 2);
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < compact.length(); i++) {
            char c = compact.charAt(i);
            if (inString) {
                sb.append(c);
                if (c == '\\') {
                    sb.append(compact.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    inString = true;
                    sb.append(c);
                }
                case '{', '[' -> {
                    char next = compact.charAt(i + 1);
                    if (next == '}' || next == ']') {
                        sb.append(c).append(next);
                        i++;
                    } else {
                        sb.append(c).append('\n').append("  ".repeat(++depth));
                    }
                }
                case '}', ']' -> sb.append('\n').append("  ".repeat(--depth)).append(c);
                case ',' -> sb.append(",\n").append("  ".repeat(depth));
                case ':' -> sb.append(": ");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private void pojo(SdkPojo pojo, String path) {
        out.append('{');
        boolean first = true;
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (value == null || isAbsentCollection(value)) {
                continue;
            }
            String name = field.locationName() != null ? field.locationName() : field.memberName();
            first = member(first, name);
            value(value, join(path, name));
        }
        out.append('}');
    }

    /** The SDK marks lists and maps that were never set with auto-construct types; they are absent. */
    private static boolean isAbsentCollection(Object value) {
        return value instanceof software.amazon.awssdk.core.util.SdkAutoConstructList
                || value instanceof software.amazon.awssdk.core.util.SdkAutoConstructMap;
    }

    private boolean member(boolean first, String name) {
        if (!first) {
            out.append(',');
        }
        out.append(quote(name)).append(':');
        return false;
    }

    private void value(Object value, String path) {
        if (redacted.contains(path)) {
            out.append(quote(MASK));
        } else if (value instanceof SdkPojo p) {
            pojo(p, path);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                first = member(first, key);
                value(e.getValue(), join(path, key));
            }
            out.append('}');
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                value(item, path);
            }
            out.append(']');
        } else if (value instanceof String s) {
            out.append(quote(s));
        } else if (value instanceof Boolean b) {
            out.append(b);
        } else if (value instanceof Float || value instanceof Double) {
            out.append(new BigDecimal(value.toString()).stripTrailingZeros().toPlainString());
        } else if (value instanceof Number n) {
            out.append(n);
        } else if (value instanceof Instant i) {
            // JSON protocols send timestamps as epoch seconds with a fraction.
            out.append(BigDecimal.valueOf(i.toEpochMilli()).movePointLeft(3).stripTrailingZeros().toPlainString());
        } else if (value instanceof SdkBytes) {
            out.append(quote(MASK));
        } else {
            out.append(quote(String.valueOf(value)));
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
