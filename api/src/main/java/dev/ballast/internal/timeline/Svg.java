package dev.ballast.internal.timeline;

/** A small SVG writer: elements with escaped attribute values and text, numbers with one decimal. */
final class Svg {

    private final StringBuilder out = new StringBuilder(32_768);

    /** @return text safe inside an XML element or attribute: markup escaped, characters XML 1.0 forbids dropped */
    static String escape(String text) {
        if (isPlain(text)) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
                    if (allowed) {
                        sb.appendCodePoint(c);
                    }
                }
            }
        });
        return sb.toString();
    }

    /** @return whether the text needs no escaping: printable ASCII without markup (most names and numbers) */
    private static boolean isPlain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '&' || c == '<' || c == '>' || c == '"' || c == '\'') {
                return false;
            }
        }
        return true;
    }

    /** @return the number with one decimal, {@code 12.5}; without String.format, which dominated drawing time */
    static String num(double v) {
        long tenths = Math.round(v * 10);
        long abs = Math.abs(tenths);
        return (tenths < 0 ? "-" : "") + abs / 10 + "." + abs % 10;
    }

    Svg raw(String s) {
        out.append(s);
        return this;
    }

    /** Opens an element; attributes alternate name and value; values are escaped. */
    Svg open(String name, Object... attributes) {
        out.append('<').append(name);
        attrs(attributes);
        out.append('>');
        return this;
    }

    /** An empty element. */
    Svg empty(String name, Object... attributes) {
        out.append('<').append(name);
        attrs(attributes);
        out.append("/>");
        return this;
    }

    Svg close(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    /** An element holding escaped text. */
    Svg text(String name, String text, Object... attributes) {
        open(name, attributes);
        out.append(escape(text));
        return close(name);
    }

    /** A rectangle with a tooltip. */
    Svg rect(double x, double y, double w, double h, String fill, String tooltip, Object... more) {
        out.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"").append(num(Math.max(0, w)))
                .append("\" height=\"").append(num(Math.max(0, h))).append("\" fill=\"").append(escape(fill)).append('"');
        attrs(more);
        if (tooltip == null) {
            out.append("/>");
        } else {
            out.append("><title>").append(escape(tooltip)).append("</title></rect>");
        }
        return this;
    }

    private void attrs(Object... attributes) {
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            Object v = attributes[i + 1];
            String value = v instanceof Double d ? num(d) : String.valueOf(v);
            out.append(' ').append(attributes[i]).append("=\"").append(escape(value)).append('"');
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
