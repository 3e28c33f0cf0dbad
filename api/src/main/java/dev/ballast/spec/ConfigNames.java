package dev.ballast.spec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** How endpoint configurations are versioned: the endpoint's name and a short hash of their content. */
final class ConfigNames {

    private ConfigNames() {
    }

    /**
     * @param endpointName the endpoint's name
     * @param fingerprint an order-free, complete text of the configuration's content
     * @return for example {@code rolling-demo-3f9a1c2e}: at most 63 characters
     */
    static String versioned(String endpointName, String fingerprint) {
        String prefix = endpointName.length() > 54 ? endpointName.substring(0, 54) : endpointName;
        while (prefix.endsWith("-")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        return prefix + "-" + sha256(fingerprint).substring(0, 8);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
