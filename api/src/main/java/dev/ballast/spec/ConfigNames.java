package dev.ballast.spec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How Ballast names the versions of an endpoint's configuration: the endpoint's name and a short
 * hash of their content ({@code rolling-demo-3f9a1c2e}). An apply that did not finish (a crash, a
 * lost answer) may leave a version behind that no endpoint uses; the next apply of the endpoint
 * finds such versions by this naming and deletes them, and no configuration of another name.
 */
public final class ConfigNames {

    private ConfigNames() {
    }

    /**
     * @param endpointName the endpoint's name
     * @param fingerprint an order-free, complete text of the configuration's content
     * @return for example {@code rolling-demo-3f9a1c2e}: at most 63 characters
     */
    static String versioned(String endpointName, String fingerprint) {
        return prefix(endpointName) + "-" + sha256(fingerprint).substring(0, 8);
    }

    /**
     * @param configName an endpoint configuration's name
     * @param endpointName an endpoint's name
     * @return whether the name is one Ballast gives a configuration version of that endpoint
     */
    public static boolean isVersionOf(String configName, String endpointName) {
        String prefix = prefix(endpointName) + "-";
        return configName.length() == prefix.length() + 8 && configName.startsWith(prefix)
                && configName.substring(prefix.length()).chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f');
    }

    /**
     * @param endpointName an endpoint's name
     * @return what every configuration version of the endpoint starts with (before its {@code -<hash>})
     */
    public static String prefix(String endpointName) {
        String prefix = endpointName.length() > 54 ? endpointName.substring(0, 54) : endpointName;
        while (prefix.endsWith("-")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        return prefix;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
