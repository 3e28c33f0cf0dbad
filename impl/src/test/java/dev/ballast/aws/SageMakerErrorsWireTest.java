package dev.ballast.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.ResourceLimitExceededException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateInferenceComponentRequest;

import dev.ballast.transport.internal.SdkErrors;
import dev.ballast.error.AccessDeniedException;
import dev.ballast.error.CapacityException;
import dev.ballast.error.ResourceConflictException;
import dev.ballast.error.TransportException;

/**
 * SageMaker's error bodies, as the real SDK client parses them: the transport throws them as the
 * SDK does, and {@link SdkErrors} turns them into the right Ballast exception with the error code,
 * the service's message, the HTTP status and the request id.
 */
class SageMakerErrorsWireTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String ENDPOINT_ARN = "arn:aws:sagemaker:us-east-1:123456789012:endpoint/demo";

    private void fail(String operation, int status, String code, String message, String requestId) {
        wm.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("SageMaker." + operation))
                .willReturn(aResponse().withStatus(status)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withHeader("x-amzn-RequestId", requestId)
                        .withBody("{\"__type\":\"" + code + "\",\"message\":\"" + message.replace("\"", "\\\"") + "\"}")));
    }

    /** Sends through a client that does not retry, and returns what the transport threw. */
    private Throwable thrownBy(SdkRequest request) {
        Throwable thrown = catchThrowable(() -> WireClients.transport(wm.baseUrl()).execute(request));
        assertThat(thrown).as("the call fails").isNotNull();
        return thrown;
    }

    @Test
    @DisplayName("'Could not find endpoint' is a ValidationException with its request id, and counts as not found")
    void notFound() {
        fail("DescribeEndpoint", 400, "ValidationException", "Could not find endpoint \"" + ENDPOINT_ARN + "\".", "rid-404-1");
        DescribeEndpointRequest request = DescribeEndpointRequest.builder().endpointName("demo").build();

        Throwable thrown = thrownBy(request);

        assertThat(thrown).as("the transport throws what the SDK throws").isExactlyInstanceOf(SageMakerException.class);
        TransportException e = SdkErrors.translate(request, thrown);
        assertThat(e).isExactlyInstanceOf(TransportException.class).hasCause(thrown);
        assertThat(e.service()).isEqualTo("SageMaker");
        assertThat(e.operation()).isEqualTo("DescribeEndpoint");
        assertThat(e.resource()).isEqualTo("endpoint/demo");
        assertThat(e.errorCode()).isEqualTo("ValidationException");
        assertThat(e.requestId()).contains("rid-404-1");
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo("SageMaker.DescribeEndpoint on endpoint/demo failed: ValidationException: "
                + "Could not find endpoint \"" + ENDPOINT_ARN + "\". (HTTP 400) [request id rid-404-1]");
        assertThat(SdkErrors.isNotFound(thrown)).isTrue();
        assertThat(SdkErrors.isNotFound(e)).as("also once translated").isTrue();
    }

    @Test
    @DisplayName("'Cannot update in-progress endpoint' becomes a ResourceConflictException, not a not-found")
    void updateInProgress() {
        fail("UpdateEndpoint", 400, "ValidationException", "Cannot update in-progress endpoint \"" + ENDPOINT_ARN + "\".", "rid-busy");
        UpdateEndpointRequest request = UpdateEndpointRequest.builder().endpointName("demo").endpointConfigName("c2").build();

        Throwable thrown = thrownBy(request);

        TransportException e = SdkErrors.translate(request, thrown);
        assertThat(e).isInstanceOf(ResourceConflictException.class);
        assertThat(e.errorCode()).isEqualTo("ValidationException");
        assertThat(e.requestId()).contains("rid-busy");
        assertThat(SdkErrors.isNotFound(thrown)).isFalse();
    }

    @Test
    @DisplayName("ResourceLimitExceeded is the SDK's ResourceLimitExceededException and a CapacityException, not retryable")
    void resourceLimitExceeded() {
        String quota = "The account-level service limit 'ml.g5.2xlarge for endpoint usage' is 2 Instances, with current "
                + "utilization of 2 Instances and a request delta of 1 Instances.";
        fail("CreateEndpoint", 400, "ResourceLimitExceeded", quota, "rid-quota");
        CreateEndpointRequest request = CreateEndpointRequest.builder().endpointName("demo").endpointConfigName("c1").build();

        Throwable thrown = thrownBy(request);

        assertThat(thrown).isInstanceOf(ResourceLimitExceededException.class);
        TransportException e = SdkErrors.translate(request, thrown);
        assertThat(e).isInstanceOf(CapacityException.class);
        assertThat(e.errorCode()).isEqualTo("ResourceLimitExceeded");
        assertThat(e.getMessage()).contains(quota, "rid-quota");
        assertThat(e.retryable()).isFalse();
    }

    @Test
    @DisplayName("AccessDeniedException becomes Ballast's AccessDeniedException")
    void accessDenied() {
        fail("UpdateInferenceComponent", 400, "AccessDeniedException",
                "User: arn:aws:iam::123456789012:user/dev is not authorized to perform: sagemaker:UpdateInferenceComponent", "rid-iam");
        UpdateInferenceComponentRequest request = UpdateInferenceComponentRequest.builder().inferenceComponentName("llm").build();

        TransportException e = SdkErrors.translate(request, thrownBy(request));

        assertThat(e).isInstanceOf(AccessDeniedException.class);
        assertThat(e.resource()).isEqualTo("inference-component/llm");
        assertThat(e.requestId()).contains("rid-iam");
    }

    @Test
    @DisplayName("a 500 InternalFailure is a plain TransportException marked retryable")
    void internalFailure() {
        fail("DescribeEndpoint", 500, "InternalFailure", "An internal error occurred.", "rid-500");
        DescribeEndpointRequest request = DescribeEndpointRequest.builder().endpointName("demo").build();

        TransportException e = SdkErrors.translate(request, thrownBy(request));

        assertThat(e).isExactlyInstanceOf(TransportException.class);
        assertThat(e.statusCode()).isEqualTo(500);
        assertThat(e.retryable()).isTrue();
        assertThat(wm.findAll(postRequestedFor(urlEqualTo("/")))).as("a client without retries sent it once").hasSize(1);
    }

    @Test
    @DisplayName("a connection reset has no status and no request id, and is retryable")
    void connectionReset() {
        wm.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        DescribeEndpointRequest request = DescribeEndpointRequest.builder().endpointName("demo").build();

        Throwable thrown = thrownBy(request);

        assertThat(thrown).isInstanceOf(SdkClientException.class);
        TransportException e = SdkErrors.translate(request, thrown);
        assertThat(e.errorCode()).isEmpty();
        assertThat(e.statusCode()).isZero();
        assertThat(e.requestId()).isEmpty();
        assertThat(e.retryable()).isTrue();
        assertThat(SdkErrors.isNotFound(thrown)).isFalse();
    }
}
