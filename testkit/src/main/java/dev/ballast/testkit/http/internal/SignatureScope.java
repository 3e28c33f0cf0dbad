package dev.ballast.testkit.http.internal;

import java.util.Optional;

/**
 * The credential scope of an AWS SigV4 {@code Authorization} header:
 * {@code AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request, SignedHeaders=…, Signature=…}.
 *
 * @param accessKeyId the access key id that signed
 * @param region the region the request was signed for
 * @param service the signing name of the service
 */
public record SignatureScope(String accessKeyId, String region, String service) {

    private static final String SCHEME = "AWS4-HMAC-SHA256 ";
    private static final String CREDENTIAL = "Credential=";

    /**
     * Parses by hand rather than by regular expression: this runs on every request.
     *
     * @param authorization the header's value, possibly {@code null}
     * @return its scope, or empty when the header is absent or not a SigV4 signature
     */
    public static Optional<SignatureScope> parse(String authorization) {
        if (authorization == null || !authorization.startsWith(SCHEME) || !authorization.contains("Signature=")) {
            return Optional.empty();
        }
        int start = authorization.indexOf(CREDENTIAL, SCHEME.length());
        if (start < 0) {
            return Optional.empty();
        }
        start += CREDENTIAL.length();
        int end = authorization.indexOf(',', start);
        String[] scope = authorization.substring(start, end < 0 ? authorization.length() : end).trim().split("/");
        // <key>/<yyyymmdd>/<region>/<service>/aws4_request
        if (scope.length != 5 || !"aws4_request".equals(scope[4]) || scope[1].length() != 8 || scope[0].isEmpty()
                || scope[2].isEmpty() || scope[3].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SignatureScope(scope[0], scope[2], scope[3]));
    }
}
