package dev.ballast.testkit.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

/**
 * AWS JSON 1.0 / 1.1: {@code POST /} with {@code X-Amz-Target: <prefix>.<Op>}, JSON bodies both ways,
 * errors as {@code {"__type":"<Code>","message":"…"}} with {@code x-amzn-RequestId}.
 */
public final class JsonRpcProtocol implements WireProtocol {

    private static final AuthErrors AUTH_ERRORS = AuthErrors.JSON;

    private final String contentType;
    private final boolean queryCompatible;

    /**
     * @param contentType {@code application/x-amz-json-1.1} or {@code -1.0}
     * @param queryCompatible whether the service is awsQuery-compatible (CloudWatch), so errors also carry
     *     {@code x-amzn-query-error: <Code>;<Sender|Receiver>}, from which botocore takes the legacy code
     */
    public JsonRpcProtocol(String contentType, boolean queryCompatible) {
        this.contentType = contentType;
        this.queryCompatible = queryCompatible;
    }

    @Override
    public SdkRequest read(Call call) {
        SdkPojo builder = call.service().requestBuilder(call.operation())
                .orElseThrow(() -> new UnknownOperationException(call.operation()));
        JsonNode body = call.body().json();
        return (SdkRequest) PojoJson.read(builder, body);
    }

    @Override
    public void writeResponse(Call call, SdkResponse response, String requestId) throws IOException {
        call.exchange().getResponseHeaders().set("x-amzn-RequestId", requestId);
        Responses.send(call.exchange(), 200, contentType, PojoJson.write(response));
    }

    @Override
    public void writeError(Call call, WireError error) throws IOException {
        ObjectNode body = PojoJson.MAPPER.createObjectNode();
        body.put("__type", error.code());
        body.put("message", error.message());
        call.exchange().getResponseHeaders().set("x-amzn-RequestId", error.requestId());
        call.exchange().getResponseHeaders().set("x-amzn-ErrorType", error.code());
        if (queryCompatible) {
            call.exchange().getResponseHeaders().set("x-amzn-query-error", error.code() + ";" + error.faultType());
        }
        Responses.send(call.exchange(), error.status(), contentType, PojoJson.MAPPER.writeValueAsBytes(body));
    }

    @Override
    public String malformedRequestCode() {
        return "SerializationException";
    }

    @Override
    public String unknownOperationCode() {
        return "UnknownOperationException";
    }

    @Override
    public AuthErrors authErrors() {
        return AUTH_ERRORS;
    }
}
