package dev.ballast.testkit.http.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The credential scope of an AWS SigV4 {@code Authorization} header:
 * {@code AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request, SignedHeaders=…, Signature=…}.
 *
 * @param accessKeyId the access key id that signed
 * @param region the region the request was signed for
 * @param service the signing name of the service
 */
public record SignatureScope(String accessKeyId, String region, String service) {

    private static final Pattern CREDENTIAL = Pattern.compile(
            "AWS4-HMAC-SHA256\\s+Credential=([^/\\s,]+)/(\\d{8})/([^/\\s,]+)/([^/\\s,]+)/aws4_request\\s*,.*Signature=[0-9a-f]+.*");

    /**
     * @param authorization the header's value, possibly {@code null}
     * @return its scope, or empty when the header is absent or not a SigV4 signature
     */
    public static Optional<SignatureScope> parse(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        Matcher matcher = CREDENTIAL.matcher(authorization.trim());
        return matcher.matches() ? Optional.of(new SignatureScope(matcher.group(1), matcher.group(3), matcher.group(4)))
                : Optional.empty();
    }
}
