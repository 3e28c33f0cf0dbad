package dev.ballast.testkit.http.internal;

import java.io.IOException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

/** One AWS wire protocol: how a request is read and how answers and errors are written. */
public interface WireProtocol {

    /**
     * @param call the identified request
     * @return the SDK request it carries
     * @throws UnknownOperationException when the SDK has no such operation
     * @throws RuntimeException when the body cannot be read (a serialization error for the client)
     */
    SdkRequest read(Call call);

    /** Writes a successful answer. */
    void writeResponse(Call call, SdkResponse response, String requestId) throws IOException;

    /** Writes an error exactly as the service does, so SDKs raise their own exception types. */
    void writeError(Call call, WireError error) throws IOException;

    /** @return the error code of a body the protocol cannot read */
    String malformedRequestCode();

    /** @return the error code of an operation the service does not know */
    String unknownOperationCode();

    /** @return the error codes of a missing and of an unrecognised signature */
    AuthErrors authErrors();

    /**
     * The answer to a body over the server's bound. For the control-plane services it is
     * CloudWatch's documented answer to an oversized request, HTTP 413 {@code RequestEntityTooLarge}
     * with {@code Request size <n> exceeded <limit> bytes} (SageMaker and Application Auto Scaling
     * document none of their own, and answer the same here); the size is the declared length, and
     * is left out for a chunked body, whose length is unknown.
     *
     * @param tooLarge what was refused
     * @param requestId the request id to report
     * @return the error to write
     */
    default WireError tooLarge(BodyTooLargeException tooLarge, String requestId) {
        String size = tooLarge.declaredLength() >= 0 ? " " + tooLarge.declaredLength() : "";
        return WireError.of(413, "RequestEntityTooLarge",
                "Request size" + size + " exceeded " + tooLarge.limit() + " bytes", requestId);
    }

    /**
     * The codes and messages of authentication failures, which differ between JSON and query services.
     *
     * @param missingCode the code when no signature is present
     * @param missingMessage its message
     * @param invalidCode the code when the access key is not the one configured
     * @param invalidMessage its message
     */
    record AuthErrors(String missingCode, String missingMessage, String invalidCode, String invalidMessage) {

        /** What the JSON services (SageMaker, its runtime, Application Auto Scaling, CloudWatch over JSON) answer. */
        static final AuthErrors JSON = new AuthErrors("MissingAuthenticationTokenException", "Missing Authentication Token",
                "UnrecognizedClientException", "The security token included in the request is invalid.");
    }
}
