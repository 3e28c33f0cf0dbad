package dev.ballast.internal.metricmath;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The subset of CloudWatch metric math
 * (<a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html">using math
 * expressions with CloudWatch metrics</a>) that Ballast validates and the fake evaluates, enough for the
 * forms AWS's target-tracking examples use
 * (<a href="https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-target-tracking-metric-math.html">
 * target tracking with metric math</a>): numbers; the ids of other queries; {@code + - * /} with the usual
 * precedence, unary minus and parentheses; and {@code SUM}, {@code AVG}, {@code MIN}, {@code MAX} over
 * {@code METRICS()} (every metric query of the policy, not the expressions) or over an array of ids
 * ({@code [m1, m2]}), which combine the series per timestamp. Anything else (other functions,
 * {@code FILL}, {@code IF}, {@code SEARCH}, Metrics Insights) is refused with {@link Unsupported}.
 *
 * <p>Evaluated at one timestamp: a missing value of an id makes arithmetic on it missing, as in
 * CloudWatch, and so does a division by zero (the fake's choice); an aggregate of series skips the
 * missing ones and is missing only when all are.
 */
public final class Expression {

    /** An expression outside the subset, or not an expression at all. */
    public static final class Unsupported extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Unsupported(String message) {
            super(message);
        }
    }

    /** The forms supported, for messages. */
    public static final String SUBSET = "numbers, query ids, + - * / and parentheses, and SUM, AVG, MIN or MAX of"
            + " METRICS() or of an array such as [m1, m2]";

    private interface Node {
        Double eval(Map<String, Double> values, List<String> metricIds);
    }

    private final String text;
    private final Node root;
    private final Set<String> ids;
    private final boolean usesMetrics;

    private Expression(String text, Node root, Set<String> ids, boolean usesMetrics) {
        this.text = text;
        this.root = root;
        this.ids = ids;
        this.usesMetrics = usesMetrics;
    }

    /**
     * @param text a metric math expression
     * @return it parsed
     * @throws Unsupported when it is outside the subset, saying where
     */
    public static Expression parse(String text) {
        if (text == null || text.isBlank()) {
            throw new Unsupported("is empty");
        }
        Parser p = new Parser(text);
        Node root = p.expression();
        p.skipSpaces();
        if (p.pos < text.length()) {
            throw new Unsupported("cannot be read at '" + text.substring(p.pos) + "' (position " + (p.pos + 1) + ")");
        }
        return new Expression(text, root, Set.copyOf(p.ids), p.usesMetrics);
    }

    /** @return the ids the expression names */
    public Set<String> ids() {
        return ids;
    }

    /** @return whether it takes {@code METRICS()} */
    public boolean usesMetrics() {
        return usesMetrics;
    }

    /**
     * @param values the value of each query id at one timestamp; a missing id or a null is no datapoint
     * @param metricIds the ids of the metric queries ({@code METRICS()})
     * @return the expression's value there, or null when it has none
     */
    public Double evaluate(Map<String, Double> values, List<String> metricIds) {
        Double v = root.eval(values, metricIds);
        return v == null || v.isNaN() || v.isInfinite() ? null : v;
    }

    @Override
    public String toString() {
        return text;
    }

    private static final class Parser {
        private final String s;
        private int pos;
        private final Set<String> ids = new LinkedHashSet<>();
        private boolean usesMetrics;

        Parser(String s) {
            this.s = s;
        }

        void skipSpaces() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        boolean eat(char c) {
            skipSpaces();
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        void expect(char c) {
            if (!eat(c)) {
                throw new Unsupported("expects '" + c + "' at position " + (pos + 1));
            }
        }

        Node expression() {
            Node left = term();
            while (true) {
                if (eat('+')) {
                    left = arithmetic(left, term(), '+');
                } else if (eat('-')) {
                    left = arithmetic(left, term(), '-');
                } else {
                    return left;
                }
            }
        }

        Node term() {
            Node left = unary();
            while (true) {
                if (eat('*')) {
                    left = arithmetic(left, unary(), '*');
                } else if (eat('/')) {
                    left = arithmetic(left, unary(), '/');
                } else {
                    return left;
                }
            }
        }

        Node unary() {
            if (eat('-')) {
                Node inner = unary();
                return (v, m) -> {
                    Double x = inner.eval(v, m);
                    return x == null ? null : -x;
                };
            }
            return primary();
        }

        Node primary() {
            skipSpaces();
            if (eat('(')) {
                Node inner = expression();
                expect(')');
                return inner;
            }
            if (pos >= s.length()) {
                throw new Unsupported("ends where a value is expected");
            }
            char c = s.charAt(pos);
            if (Character.isDigit(c) || c == '.') {
                int start = pos;
                while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
                    pos++;
                }
                double value;
                try {
                    value = Double.parseDouble(s.substring(start, pos));
                } catch (NumberFormatException e) {
                    throw new Unsupported("has a malformed number '" + s.substring(start, pos) + "'");
                }
                return (v, m) -> value;
            }
            if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                    pos++;
                }
                String word = s.substring(start, pos);
                skipSpaces();
                if (pos < s.length() && s.charAt(pos) == '(') {
                    return function(word);
                }
                if (!Character.isLowerCase(word.charAt(0))) {
                    throw new Unsupported("names '" + word + "', which is neither a query id (they start with a lowercase"
                            + " letter) nor a supported function");
                }
                ids.add(word);
                return (v, m) -> v.get(word);
            }
            throw new Unsupported("cannot be read at '" + s.substring(pos) + "' (position " + (pos + 1) + ")");
        }

        Node function(String name) {
            String upper = name.toUpperCase(Locale.ROOT);
            if (!name.equals(upper) || !List.of("SUM", "AVG", "MIN", "MAX").contains(upper)) {
                throw new Unsupported("uses the function " + name + "(..), which Ballast does not support; supported: " + SUBSET);
            }
            expect('(');
            List<String> series = new ArrayList<>();
            boolean all;
            skipSpaces();
            if (s.startsWith("METRICS", pos)) {
                pos += "METRICS".length();
                expect('(');
                skipSpaces();
                if (pos < s.length() && s.charAt(pos) != ')') {
                    throw new Unsupported("uses METRICS with a filter, which Ballast does not support; use METRICS()");
                }
                expect(')');
                all = true;
                usesMetrics = true;
            } else if (eat('[')) {
                all = false;
                do {
                    skipSpaces();
                    int start = pos;
                    while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                        pos++;
                    }
                    String id = s.substring(start, pos);
                    if (id.isEmpty() || !Character.isLowerCase(id.charAt(0))) {
                        throw new Unsupported("expects a query id in the array of " + name + " at position " + (start + 1));
                    }
                    series.add(id);
                    ids.add(id);
                } while (eat(','));
                expect(']');
            } else {
                throw new Unsupported("applies " + name + " to something other than METRICS() or an array of ids such as"
                        + " [m1, m2]; over one series it would return a single value, not a series");
            }
            expect(')');
            return (v, m) -> {
                List<String> over = all ? m : series;
                double acc = 0;
                int n = 0;
                for (String id : over) {
                    Double x = v.get(id);
                    if (x == null) {
                        continue;
                    }
                    acc = n == 0 ? x : switch (upper) {
                        case "MIN" -> Math.min(acc, x);
                        case "MAX" -> Math.max(acc, x);
                        default -> acc + x;
                    };
                    n++;
                }
                return n == 0 ? null : upper.equals("AVG") ? acc / n : acc;
            };
        }

        private static Node arithmetic(Node a, Node b, char op) {
            return (v, m) -> {
                Double x = a.eval(v, m);
                Double y = b.eval(v, m);
                if (x == null || y == null) {
                    return null;
                }
                return switch (op) {
                    case '+' -> x + y;
                    case '-' -> x - y;
                    case '*' -> x * y;
                    default -> y == 0 ? null : x / y;
                };
            };
        }
    }
}
