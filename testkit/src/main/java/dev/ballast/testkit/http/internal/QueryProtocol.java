package dev.ballast.testkit.http.internal;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

/**
 * awsQuery, as the pinned Java SDK (2.40) speaks it to CloudWatch: form-encoded
 * {@code Action=<Op>&Version=…&…} requests, XML answers in the service's namespace and
 * {@code <ErrorResponse>} errors.
 */
public final class QueryProtocol implements WireProtocol {

    private static final AuthErrors AUTH_ERRORS = new AuthErrors("MissingAuthenticationToken",
            "Request is missing Authentication Token", "InvalidClientTokenId",
            "The security token included in the request is invalid.");

    private final String namespace;

    /** @param namespace the XML namespace of the service's answers */
    public QueryProtocol(String namespace) {
        this.namespace = namespace;
    }

    /**
     * @param body a form-encoded body
     * @return its parameters, decoded, in order
     * @throws MalformedRequestException when an escape is malformed or a parameter is given twice
     */
    public static Map<String, String> form(byte[] body) {
        Map<String, String> params = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            String previous;
            try {
                previous = params.put(URLDecoder.decode(key, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new MalformedRequestException("the form body has a malformed %-escape");
            }
            if (previous != null) {
                // which of the two the service would take is unknown: take neither
                throw new MalformedRequestException("the form body gives a parameter more than once");
            }
        }
        return params;
    }

    @Override
    public SdkRequest read(Call call) {
        SdkPojo builder = call.service().requestBuilder(call.operation())
                .orElseThrow(() -> new UnknownOperationException(call.operation()));
        return (SdkRequest) PojoQuery.read(builder, form(call.body().bytes()));
    }

    @Override
    public void writeResponse(Call call, SdkResponse response, String requestId) throws IOException {
        String op = call.operation();
        StringBuilder xml = new StringBuilder(512).append("<").append(op).append("Response xmlns=\"").append(namespace)
                .append("\">");
        StringBuilder result = new StringBuilder();
        PojoQuery.write(response, result);
        if (!result.isEmpty()) {
            xml.append('<').append(op).append("Result>").append(result).append("</").append(op).append("Result>");
        }
        xml.append("<ResponseMetadata><RequestId>").append(requestId).append("</RequestId></ResponseMetadata></")
                .append(op).append("Response>");
        call.exchange().getResponseHeaders().set("x-amzn-RequestId", requestId);
        Responses.send(call.exchange(), 200, "text/xml", xml.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void writeError(Call call, WireError error) throws IOException {
        String xml = "<ErrorResponse xmlns=\"" + namespace + "\"><Error><Type>" + error.faultType() + "</Type><Code>"
                + Xml.escape(error.code()) + "</Code><Message>" + Xml.escape(error.message())
                + "</Message></Error><RequestId>" + error.requestId() + "</RequestId></ErrorResponse>";
        call.exchange().getResponseHeaders().set("x-amzn-RequestId", error.requestId());
        Responses.send(call.exchange(), error.status(), "text/xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String malformedRequestCode() {
        return "MalformedQueryString";
    }

    @Override
    public String unknownOperationCode() {
        return "InvalidAction";
    }

    @Override
    public AuthErrors authErrors() {
        return AUTH_ERRORS;
    }
}
