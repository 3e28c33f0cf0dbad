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
     * and a text longer than {@code limit} keeps its start and its end around an ellipsis.
     *
     * @param text a text; may be null
     * @param limit the most characters kept before escaping, at least 2 × {@value #SAMPLE}
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
            return escape(text, 0, text.length(), false);
        }
        int half = Math.max(SAMPLE, limit / 2 - 16);
        return escape(text, 0, headEnd(text, half), false) + "…" + escape(text, tailStart(text, half), text.length(), false)
                + " (" + text.length() + " characters)";
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
        return escape(value, 0, headEnd(value, SAMPLE), quoted) + "…" + escape(value, tailStart(value, SAMPLE), value.length(), quoted);
    }

    /** The end of the first {@code n} characters, not splitting a surrogate pair. */
    private static int headEnd(String s, int n) {
        int end = Math.min(n, s.length());
        if (end > 0 && end < s.length() && Character.isHighSurrogate(s.charAt(end - 1)) && Character.isLowSurrogate(s.charAt(end))) {
            end--;
        }
        return end;
    }

    /** The start of the last {@code n} characters, not splitting a surrogate pair. */
    private static int tailStart(String s, int n) {
        int start = Math.max(0, s.length() - n);
        if (start > 0 && start < s.length() && Character.isLowSurrogate(s.charAt(start)) && Character.isHighSurrogate(s.charAt(start - 1))) {
            start++;
        }
        return start;
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
