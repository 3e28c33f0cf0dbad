package dev.ballast.testkit.http.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

/**
 * Smithy RPC v2 CBOR, as the Java SDK speaks it to CloudWatch from 2.41 on (and the Go v2 and Ruby
 * SDKs): {@code POST /service/<ServiceName>/operation/<Op>} with {@code smithy-protocol: rpc-v2-cbor}
 * and {@code Content-Type: application/cbor}, CBOR maps both ways, every answer (errors too) with
 * {@code smithy-protocol: rpc-v2-cbor}.
 *
 * <p>Errors are CBOR maps with {@code __type} (the error's absolute shape id, e.g.
 * {@code com.amazonaws.cloudwatch#ResourceNotFound}, for the errors the service models; the bare
 * code for the rest, such as {@code Throttling} or {@code ValidationError}) and {@code message}.
 * Because CloudWatch is {@code awsQueryCompatible}, they also carry
 * {@code x-amzn-query-error: <Code>;<Sender|Receiver>} with the legacy awsQuery code: the Java SDK
 * (2.59.1) picks the exception class from {@code __type} and reports the header's code as
 * {@code errorCode()}, botocore takes its code from the header.
 *
 * <p>What the server does with a request on this path that is not RPC v2 CBOR (the Smithy spec
 * says what a request must carry, not what a server answers otherwise): one without
 * {@code smithy-protocol: rpc-v2-cbor}, or with an {@code X-Amz-Target} or {@code X-Amzn-Target}
 * header (which the spec says a server must reject), is no RPC v2 CBOR request, and gets the
 * server's answer to a request for no operation it knows: 404 {@code UnknownOperationException}.
 * One with the header and a body whose {@code Content-Type} is not {@code application/cbor} is an
 * RPC v2 CBOR request in a media type the protocol does not have: 415
 * {@code UnsupportedMediaTypeException}, in CBOR, as a Smithy server framework answers it.
 */
public final class CborRpcProtocol implements WireProtocol {

    /** The value of the {@code smithy-protocol} header, on requests and on every answer. */
    public static final String SMITHY_PROTOCOL = "rpc-v2-cbor";

    private static final String CONTENT_TYPE = "application/cbor";
    /** The Smithy spec routes on the last four segments only, so any prefix is allowed before them. */
    private static final Pattern PATH = Pattern.compile("(?:/.*)?/service/([^/]+)/operation/([^/]+)");
    private static final AuthErrors AUTH_ERRORS = AuthErrors.JSON;

    private final String namespace;
    private final String serviceName;
    private final Map<String, String> shapeByCode;

    /**
     * @param namespace the Smithy namespace of the service's shapes, e.g. {@code com.amazonaws.cloudwatch}
     * @param serviceName the service shape's name, the path's {@code <ServiceName>}
     * @param shapeByCode the service's modelled errors: the shape name of each awsQuery error code
     */
    public CborRpcProtocol(String namespace, String serviceName, Map<String, String> shapeByCode) {
        this.namespace = namespace;
        this.serviceName = serviceName;
        this.shapeByCode = Map.copyOf(shapeByCode);
    }

    /**
     * CloudWatch ({@code com.amazonaws.cloudwatch#GraniteServiceVersion20100801}), with the error
     * shapes of its model (botocore 1.43.11's {@code cloudwatch/2010-08-01}, whose
     * {@code awsQueryError} codes are the legacy codes the fake raises).
     *
     * @return the protocol CloudWatch answers in
     */
    public static CborRpcProtocol cloudWatch() {
        return new CborRpcProtocol("com.amazonaws.cloudwatch", "GraniteServiceVersion20100801", Map.of(
                "ResourceNotFound", "ResourceNotFound",
                "InvalidNextToken", "InvalidNextToken",
                "LimitExceeded", "LimitExceededFault",
                "InvalidFormat", "InvalidFormatFault",
                "InvalidParameterValue", "InvalidParameterValueException",
                "MissingParameter", "MissingRequiredParameterException",
                "InvalidParameterCombination", "InvalidParameterCombinationException",
                "InternalServiceError", "InternalServiceFault",
                "ResourceNotFoundException", "ResourceNotFoundException"));
    }

    /**
     * @param path a request's raw path
     * @param headers its headers
     * @return the operation the request names when it is an RPC v2 CBOR request to this service,
     *     else null: no {@code smithy-protocol: rpc-v2-cbor}, a target header, another service
     */
    public String operation(String path, Headers headers) {
        Matcher matcher = PATH.matcher(path);
        if (!matcher.matches() || !SMITHY_PROTOCOL.equals(headers.getFirst("smithy-protocol"))
                || headers.containsKey("X-Amz-Target") || headers.containsKey("X-Amzn-Target")) {
            return null;
        }
        String service = matcher.group(1);
        // The spec asks servers to accept the absolute shape id too, with '.' for '#'.
        if (!service.equals(serviceName) && !service.equals(namespace + "." + serviceName)) {
            return null;
        }
        return matcher.group(2);
    }

    @Override
    public SdkRequest read(Call call) {
        Headers headers = call.exchange().getRequestHeaders();
        String contentType = headers.getFirst("Content-Type");
        boolean hasBody = headers.containsKey("Transfer-Encoding") || !"0".equals(headers.getFirst("Content-Length"))
                && headers.containsKey("Content-Length");
        if (contentType == null ? hasBody : !CONTENT_TYPE.equals(mediaType(contentType))) {
            throw new UnsupportedMediaTypeException(CONTENT_TYPE);
        }
        SdkPojo builder = call.service().requestBuilder(call.operation())
                .orElseThrow(() -> new UnknownOperationException(call.operation()));
        return (SdkRequest) PojoJson.read(builder, call.body().json(), PojoJson.Format.CBOR);
    }

    /** @return the media type of a {@code Content-Type} without its parameters, lower case */
    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Writes the answer; an operation without output (its response has no members, as
     * {@code PutMetricAlarm}'s) answers without a body and without a {@code Content-Type}, as the
     * spec asks.
     */
    @Override
    public void writeResponse(Call call, SdkResponse response, String requestId) throws IOException {
        Headers headers = call.exchange().getResponseHeaders();
        headers.set("smithy-protocol", SMITHY_PROTOCOL);
        headers.set("x-amzn-RequestId", requestId);
        if (response.sdkFields().isEmpty()) {
            Responses.send(call.exchange(), 200, null, new byte[0]);
            return;
        }
        Responses.send(call.exchange(), 200, CONTENT_TYPE, PojoJson.write(response, PojoJson.Format.CBOR));
    }

    @Override
    public void writeError(Call call, WireError error) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator out = PojoJson.CBOR_MAPPER.getFactory().createGenerator(bytes)) {
            out.writeStartObject();
            out.writeStringField("__type", type(error.code()));
            out.writeStringField("message", error.message());
            for (Map.Entry<String, Object> member : error.members().entrySet()) {
                out.writeFieldName(member.getKey());
                if (member.getValue() instanceof Integer number) {
                    out.writeNumber(number);
                } else {
                    out.writeString(String.valueOf(member.getValue()));
                }
            }
            out.writeEndObject();
        }
        Headers headers = call.exchange().getResponseHeaders();
        headers.set("smithy-protocol", SMITHY_PROTOCOL);
        headers.set("x-amzn-RequestId", error.requestId());
        headers.set("x-amzn-query-error", error.code() + ";" + error.faultType());
        Responses.send(call.exchange(), error.status(), CONTENT_TYPE, bytes.toByteArray());
    }

    /**
     * @param code an error code as the fake raises it (the awsQuery code)
     * @return the error's absolute shape id when the service models it, else the code itself
     */
    String type(String code) {
        String shape = code == null ? null : shapeByCode.get(code);
        return shape == null ? String.valueOf(code) : namespace + "#" + shape;
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
