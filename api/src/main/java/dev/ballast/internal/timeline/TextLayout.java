package dev.ballast.internal.timeline;

import java.util.ArrayList;
import java.util.List;

/**
 * Where every text of a timeline picture goes, by the picture's own font metrics: the SVG uses a
 * monospace font, so a text's width is its character count times one advance. An optional text
 * that would touch one already placed, or leave its region, is left out (its words stay in the
 * element's tooltip and in the page's event table), so no two texts ever overlap.
 */
public final class TextLayout {

    /**
     * Advance of one character, in ems. DejaVu Sans Mono, Menlo and Consolas advance 0.60 em;
     * the margin covers a browser's rounding.
     */
    static final double ADVANCE = 0.62;

    /** A placed text's bounding box, in SVG user units; {@code y} is the top. */
    public record Box(double x, double y, double width, double height, String text) {
        /** @return whether the two boxes share any area (touching edges do not count) */
        public boolean overlaps(Box other) {
            return x < other.x + other.width && other.x < x + width && y < other.y + other.height && other.y < y + height;
        }
    }

    /** How a text is anchored at its x, as SVG's {@code text-anchor}. */
    enum Anchor {
        START, MIDDLE, END
    }

    private final List<Box> boxes = new ArrayList<>();

    /** @return the width of the text at the font size */
    static double width(String text, double size) {
        return text.codePointCount(0, text.length()) * size * ADVANCE;
    }

    /** @return the box of the text drawn at baseline y */
    static Box box(double x, double y, String text, double size, Anchor anchor) {
        double w = width(text, size);
        double left = anchor == Anchor.START ? x : anchor == Anchor.MIDDLE ? x - w / 2 : x - w;
        return new Box(left, y - size * 0.8, w, size, text);
    }

    /**
     * Places the text if it fits between minX and maxX and touches no placed text.
     *
     * @return whether it was placed
     */
    boolean tryPlace(double x, double y, String text, double size, Anchor anchor, double minX, double maxX) {
        Box b = box(x, y, text, size, anchor);
        if (b.x() < minX || b.x() + b.width() > maxX) {
            return false;
        }
        for (Box placed : boxes) {
            if (placed.overlaps(b)) {
                return false;
            }
        }
        boxes.add(b);
        return true;
    }

    /** Places a text whose room the layout reserved (titles, lane names, axis labels, legend). */
    void place(double x, double y, String text, double size, Anchor anchor) {
        boxes.add(box(x, y, text, size, anchor));
    }

    /** @return the longest prefix of text (with an ellipsis when cut) that fits in width */
    static String fit(String text, double size, double width) {
        int max = (int) Math.floor(width / (size * ADVANCE));
        int n = text.codePointCount(0, text.length());
        if (n <= max) {
            return text;
        }
        if (max <= 1) {
            return "";
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
    }

    /**
     * @return the text shortened in its middle (head and tail kept, an ellipsis between) to fit
     *     width: names differ in their tails ({@code ...-model-v2-variant-invocation5xxerrors})
     */
    static String fitMiddle(String text, double size, double width) {
        int max = (int) Math.floor(width / (size * ADVANCE));
        int n = text.codePointCount(0, text.length());
        if (n <= max) {
            return text;
        }
        if (max <= 3) {
            return fit(text, size, width);
        }
        int head = (max - 1) / 3;
        int tail = max - 1 - head;
        return text.substring(0, text.offsetByCodePoints(0, head)) + "…" + text.substring(text.offsetByCodePoints(0, n - tail));
    }

    /**
     * Fits several names that must stay told apart in one width: each shortened in its middle where
     * that leaves them distinct, otherwise cut so that the part after their longest shared start shows
     * ({@code my-model-endpoint-model-v1-variant-...} and {@code ...-v2-...} differ only there).
     *
     * @param prefix what every text starts with and keeps ({@code "alarm "})
     * @return the fitted texts, prefix included, in the order given
     */
    static List<String> fitDistinct(String prefix, List<String> names, double size, double width) {
        List<String> middle = names.stream().map(t -> fitMiddle(prefix + t, size, width)).toList();
        if (new java.util.HashSet<>(middle).size() == middle.size()) {
            return middle;
        }
        double rest = width - prefix.codePointCount(0, prefix.length()) * size * ADVANCE;
        List<String> fitted = new java.util.ArrayList<>();
        for (String text : names) {
            int shared = 0;
            for (String other : names) {
                if (other != text) {
                    shared = Math.max(shared, sharedStart(text, other));
                }
            }
            // a few characters of context before the first difference, then as much of the rest as fits
            int from = Math.max(0, Math.min(shared - 6, text.length()));
            fitted.add(prefix + (from == 0 ? fit(text, size, rest) : fit("…" + text.substring(from), size, rest)));
        }
        return fitted;
    }

    private static int sharedStart(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return Character.isLowSurrogate(a.charAt(Math.min(i, a.length() - 1))) && i > 0 ? i - 1 : i;
    }

    /** @return every placed text's box, in placing order */
    public List<Box> boxes() {
        return List.copyOf(boxes);
    }
}
