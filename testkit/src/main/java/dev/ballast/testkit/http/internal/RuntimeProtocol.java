package dev.ballast.testkit.http.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.traits.LocationTrait;
import software.amazon.awssdk.utils.builder.Buildable;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamRequest;

/**
 * SageMaker Runtime's REST-JSON for {@code InvokeEndpoint}: {@code POST /endpoints/{name}/invocations}
 * with the payload as the raw body and the options as headers; the answer is the container's raw
 * body; errors carry {@code x-amzn-ErrorType} and a JSON body (ModelError with its original status
 * and message). {@code InvokeEndpointWithResponseStream} ({@code POST
 * /endpoints/{name}/invocations-response-stream}) is read here with the headers of its model
 * ({@code X-Amzn-SageMaker-Accept} for {@code Accept}); its errors before the stream are written as
 * {@code InvokeEndpoint}'s, its stream by the HTTP front ({@code ResponseStreamWriter}).
 */
public final class RuntimeProtocol implements WireProtocol {

    private static final Pattern INVOCATIONS = Pattern.compile("/endpoints/([^/]+)/invocations");
    private static final Pattern RESPONSE_STREAM = Pattern.compile("/endpoints/([^/]+)/invocations-response-stream");
    /** The operation name of {@link #RESPONSE_STREAM}. */
    public static final String RESPONSE_STREAM_OPERATION = "InvokeEndpointWithResponseStream";
    private static final AuthErrors AUTH_ERRORS = AuthErrors.JSON;

    /**
     * @param path a request path
     * @return the operation the path addresses, or {@code null} when it is not a runtime path
     */
    public static String operation(String path) {
        if (RESPONSE_STREAM.matcher(path).matches()) {
            return RESPONSE_STREAM_OPERATION;
        }
        return INVOCATIONS.matcher(path).matches() ? "InvokeEndpoint" : null;
    }

    /**
     * Reads the request by its model: each member from where the model's location trait puts it on
     * the wire (a header such as {@code X-Amzn-SageMaker-Inference-Component}, the endpoint name in
     * the path, the payload as the raw body), so the two operations, whose headers differ
     * ({@code Accept} against {@code X-Amzn-SageMaker-Accept}), are read by one piece of code.
     */
    @Override
    public SdkRequest read(Call call) {
        String rawPath = call.exchange().getRequestURI().getRawPath();
        Matcher stream = RESPONSE_STREAM.matcher(rawPath);
        Matcher path = stream.matches() ? stream : INVOCATIONS.matcher(rawPath);
        if (!path.matches()) {
            throw new UnknownOperationException(call.exchange().getRequestURI().getPath());
        }
        SdkPojo builder = path == stream ? InvokeEndpointWithResponseStreamRequest.builder() : InvokeEndpointRequest.builder();
        Headers headers = call.exchange().getRequestHeaders();
        for (SdkField<?> field : builder.sdkFields()) {
            LocationTrait location = field.getTrait(LocationTrait.class);
            if (location == null) {
                continue;
            }
            switch (location.location()) {
                case HEADER -> field.set(builder, headers.getFirst(location.locationName()));
                case PATH -> field.set(builder, URLDecoder.decode(path.group(1), StandardCharsets.UTF_8));
                case PAYLOAD -> field.set(builder, SdkBytes.fromByteArrayUnsafe(call.body().bytes()));
                default -> {
                    // the runtime's invocations have no query-string or status-code members
                }
            }
        }
        return (SdkRequest) ((Buildable) builder).build();
    }

    @Override
    public void writeResponse(Call call, SdkResponse response, String requestId) throws IOException {
        InvokeEndpointResponse invoked = (InvokeEndpointResponse) response;
        Headers headers = call.exchange().getResponseHeaders();
        headers.set("x-amzn-RequestId", requestId);
        setIfPresent(headers, "x-Amzn-Invoked-Production-Variant", invoked.invokedProductionVariant());
        setIfPresent(headers, "X-Amzn-SageMaker-Custom-Attributes", invoked.customAttributes());
        setIfPresent(headers, "X-Amzn-SageMaker-New-Session-Id", invoked.newSessionId());
        setIfPresent(headers, "X-Amzn-SageMaker-Closed-Session-Id", invoked.closedSessionId());
        byte[] body = invoked.body() == null ? new byte[0] : invoked.body().asByteArrayUnsafe();
        String contentType = invoked.contentType() == null ? "application/json" : invoked.contentType();
        Responses.send(call.exchange(), 200, contentType, body);
    }

    @Override
    public void writeError(Call call, WireError error) throws IOException {
        ObjectNode body = PojoJson.MAPPER.createObjectNode();
        body.put("Message", error.message());
        for (Map.Entry<String, Object> member : error.members().entrySet()) {
            body.set(member.getKey(), PojoJson.MAPPER.valueToTree(member.getValue()));
        }
        Headers headers = call.exchange().getResponseHeaders();
        headers.set("x-amzn-RequestId", error.requestId());
        if (error.code() != null) {
            headers.set("x-amzn-ErrorType", error.code());
        }
        Responses.send(call.exchange(), error.status(), "application/json", PojoJson.MAPPER.writeValueAsBytes(body));
    }

    /**
     * SageMaker Runtime's own answer to a body over its 6 MiB bound: HTTP 413 without an error
     * code, the message {@code HTTP content length exceeded <limit> bytes.} (as SageMaker answers
     * it, seen by boto3 as {@code An error occurred (413) when calling the InvokeEndpoint
     * operation}). The Java SDK raises it as a plain {@code SageMakerRuntimeException} with status
     * 413. It is the front's answer, given before the request is read; a smaller body that breaks
     * the model's rules still gets the service's {@code ValidationError}.
     */
    @Override
    public WireError tooLarge(BodyTooLargeException tooLarge, String requestId) {
        return WireError.of(413, null, "HTTP content length exceeded " + tooLarge.limit() + " bytes.", requestId);
    }

    @Override
    public String malformedRequestCode() {
        return "ValidationError";
    }

    @Override
    public String unknownOperationCode() {
        return "UnknownOperationException";
    }

    @Override
    public AuthErrors authErrors() {
        return AUTH_ERRORS;
    }

    private static void setIfPresent(Headers headers, String name, String value) {
        if (value != null) {
            headers.set(name, value);
        }
    }
}
