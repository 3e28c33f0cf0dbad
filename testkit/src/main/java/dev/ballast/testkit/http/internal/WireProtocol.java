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
