package dev.ballast.internal.text;

/**
 * How a value given by a user appears in a message: the one place that decides it, so that no
 * message ever carries a value whole and raw.
 *
 * <ul>
 *   <li>A value of at most {@value #LONGEST_WHOLE} characters is shown whole; a longer one by a
 *       sample of its start and end and its length: {@code "aaaa…aaaa" (1048576 characters)}.</li>
 *   <li>Characters a reader cannot see or a log would act on are escaped: {@code \n}, {@code \r},
 *       {@code \t} and {@code \}{@code uXXXX} for other control characters, format characters
 *       (such as a right-to-left override), line and paragraph separators, spaces other than
 *       U+0020 and unpaired surrogates. In a quoted value, {@code \} and {@code "} are escaped too,
 *       so the quotes always delimit the whole value.</li>
 * </ul>
 *
 * <p>Secrets never reach this class: their values are masked before a message is made.
 */
public final class Shown {

    /** The longest value shown whole. */
    public static final int LONGEST_WHOLE = 64;

    /** How many characters of each end of a longer value are shown. */
    static final int SAMPLE = 28;

    private Shown() {
    }

    /**
     * @param value a value given by a user
     * @return for example {@code "rolling demo"}, {@code "a\nb"} or
     *     {@code "aaaa…aaaa" (1048576 characters)}; {@code null} for null
     */
    public static String quoted(String value) {
        if (value == null) {
            return "null";
        }
        return '"' + sample(value, true) + '"' + lengthNote(value);
    }

    /**
     * A value inside a path, such as a tag key in {@code tags[team]}: shown like
     * {@link #quoted(String)}, without the quotes.
     *
     * @param value a value given by a user
     * @return for example {@code team}, {@code te\nam} or {@code kkkk…kkkk (129 characters)}
     */
    public static String bare(String value) {
        if (value == null) {
            return "null";
        }
        return sample(value, false) + lengthNote(value);
    }

    /**
     * Bounds and escapes a whole text that may contain a user's value (a rule, a fix, a path):
     * control characters and the others {@link Shown} escapes are escaped (a text made by
     * {@link #quoted(String)} or {@link #bare(String)} has none left, so it comes back unchanged),
     * and a text that would be shown longer than {@code limit} characters keeps its start and its
     * end around an ellipsis, and says its length.
     *
     * @param text a text; may be null
     * @param limit about the most characters the text is shown in, at least 2 × {@value #SAMPLE}
     * @return the text, safe to print; null for null
     */
    public static String safe(String text, int limit) {
        if (text == null) {
            return null;
        }
        if (text.length() <= limit && clean(text)) {
            return text;
        }
        if (text.length() <= limit) {
            String escaped = escape(text, 0, text.length(), false);
            if (escaped.length() <= limit) {
                return escaped;
            }
        }
        int half = Math.max(SAMPLE, limit / 2 - 16);
        return head(text, half, false) + "…" + tail(text, half, false) + " (" + text.length() + " characters)";
    }

    /**
     * @param codePoint a character, or a lone surrogate
     * @return what it is, for a rule: for example {@code a line feed (\n)}, {@code an unpaired
     *     surrogate (backslash uD800)} or {@code '😀' (U+1F600)}
     */
    public static String describe(int codePoint) {
        return switch (codePoint) {
            case '\n' -> "a line feed (\\n)";
            case '\r' -> "a carriage return (\\r)";
            case '\t' -> "a tab (\\t)";
            case 0 -> "a NUL character (\\u0000)";
            case 0x2028 -> "a line separator (\\u2028)";
            case 0x2029 -> "a paragraph separator (\\u2029)";
            default -> {
                if (codePoint <= 0xFFFF && Character.isSurrogate((char) codePoint)) {
                    yield "an unpaired surrogate (" + unicodeEscape((char) codePoint) + ")";
                }
                if (Character.getType(codePoint) == Character.CONTROL) {
                    yield "a control character (" + unicodeEscape((char) codePoint) + ")";
                }
                if (needsEscape(codePoint)) {
                    yield "an invisible character (" + escapeCodePoint(codePoint) + ")";
                }
                yield "'" + new String(Character.toChars(codePoint)) + "' (U+" + String.format("%04X", codePoint) + ")";
            }
        };
    }

    private static String lengthNote(String value) {
        return value.length() > LONGEST_WHOLE ? " (" + value.length() + " characters)" : "";
    }

    private static String sample(String value, boolean quoted) {
        if (value.length() <= LONGEST_WHOLE) {
            return escape(value, 0, value.length(), quoted);
        }
        return head(value, SAMPLE, quoted) + "…" + tail(value, SAMPLE, quoted);
    }

    /** The start of a text, escaped, about {@code budget} characters long as shown; a surrogate pair is never split. */
    private static String head(String s, int budget, boolean quoted) {
        StringBuilder sb = new StringBuilder(budget + 12);
        int i = 0;
        while (i < s.length() && sb.length() < budget) {
            int end = i + (pairAt(s, i) ? 2 : 1);
            sb.append(escape(s, i, end, quoted));
            i = end;
        }
        return sb.toString();
    }

    /** The end of a text, escaped, about {@code budget} characters long as shown; a surrogate pair is never split. */
    private static String tail(String s, int budget, boolean quoted) {
        java.util.ArrayDeque<String> tokens = new java.util.ArrayDeque<>();
        int length = 0;
        int j = s.length();
        while (j > 0 && length < budget) {
            int start = j >= 2 && pairAt(s, j - 2) ? j - 2 : j - 1;
            String token = escape(s, start, j, quoted);
            tokens.addFirst(token);
            length += token.length();
            j = start;
        }
        return String.join("", tokens);
    }

    private static boolean pairAt(String s, int i) {
        return i + 1 < s.length() && Character.isHighSurrogate(s.charAt(i)) && Character.isLowSurrogate(s.charAt(i + 1));
    }

    private static boolean clean(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (needsEscape(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    /**
     * Escapes {@code s[from, to)}; a surrogate pair is kept whole, an unpaired surrogate escaped.
     */
    private static String escape(String s, int from, int to, boolean quoted) {
        StringBuilder sb = new StringBuilder(to - from + 8);
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(i + 1));
                sb.append(needsEscape(cp) ? escapeCodePoint(cp) : new String(Character.toChars(cp)));
                i += 2;
                continue;
            }
            if (quoted && (c == '\\' || c == '"')) {
                sb.append('\\').append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (needsEscape(c)) {
                sb.append(unicodeEscape(c));
            } else {
                sb.append(c);
            }
            i++;
        }
        return sb.toString();
    }

    /** Control and format characters, line and paragraph separators, spaces other than U+0020, surrogates. */
    private static boolean needsEscape(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SURROGATE -> true;
            case Character.SPACE_SEPARATOR -> cp != ' ';
            default -> false;
        };
    }

    private static String escapeCodePoint(int cp) {
        StringBuilder sb = new StringBuilder();
        for (char c : Character.toChars(cp)) {
            sb.append(unicodeEscape(c));
        }
        return sb.toString();
    }

    private static String unicodeEscape(char c) {
        return String.format("\\u%04X", (int) c);
    }
}
