package dev.ballast.testkit.internal.model;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A model pattern, matched whole, that remembers its answers for the values it has seen: the same
 * few names come back on every poll of a deployment, and a regular-expression match costs more
 * than the rest of a Describe's checks together. Up to {@value #REMEMBERED} values per pattern are
 * remembered (names, not payloads: values longer than {@value #LONGEST_REMEMBERED} characters are
 * always matched afresh).
 */
public final class NamePattern {

    private static final int REMEMBERED = 4096;
    private static final int LONGEST_REMEMBERED = 256;

    private final Pattern pattern;
    private final Map<String, Boolean> seen = new ConcurrentHashMap<>();

    NamePattern(String regex) {
        this.pattern = Pattern.compile(regex, Pattern.DOTALL);
    }

    /**
     * @param value a string
     * @return whether the whole of it matches
     */
    public boolean matches(String value) {
        Boolean known = seen.get(value);
        if (known != null) {
            return known;
        }
        boolean matches = pattern.matcher(value).matches();
        if (value.length() <= LONGEST_REMEMBERED && seen.size() < REMEMBERED) {
            seen.put(value, matches);
        }
        return matches;
    }

    @Override
    public String toString() {
        return pattern.pattern();
    }
}
