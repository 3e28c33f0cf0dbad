package dev.ballast.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;

import dev.ballast.transport.internal.SdkErrors;
import dev.ballast.error.TransportException;

/** SageMaker Runtime over REST-JSON: the invocation path, the component header, and the model's errors. */
class RuntimeWireTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final InvokeEndpointRequest INVOKE = InvokeEndpointRequest.builder()
            .endpointName("demo").inferenceComponentName("llm").contentType("application/json").accept("application/json")
            .body(SdkBytes.fromUtf8String("{\"inputs\":\"Hello\"}")).build();

    @Test
    @DisplayName("InvokeEndpoint posts the body to /endpoints/<name>/invocations with the component header and keeps the invoked variant")
    void invoke() {
        wm.stubFor(post(urlEqualTo("/endpoints/demo/invocations"))
                .withHeader("X-Amzn-SageMaker-Inference-Component", equalTo("llm"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"inputs\":\"Hello\"}"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withHeader("x-Amzn-Invoked-Production-Variant", "AllTraffic")
                        .withBody("[{\"generated_text\":\"Hi!\"}]")));

        InvokeEndpointResponse response = (InvokeEndpointResponse) WireClients.transport(wm.baseUrl()).execute(INVOKE);

        assertThat(response.body().asUtf8String()).isEqualTo("[{\"generated_text\":\"Hi!\"}]");
        assertThat(response.invokedProductionVariant()).isEqualTo("AllTraffic");
        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(wm.findAll(postRequestedFor(urlEqualTo("/endpoints/demo/invocations")))).hasSize(1);
    }

    @Test
    @DisplayName("a 424 ModelError is the SDK's ModelErrorException, and a TransportException with code ModelError and status 424")
    void modelError() {
        wm.stubFor(post(urlEqualTo("/endpoints/demo/invocations")).willReturn(aResponse().withStatus(424)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-RequestId", "rid-424")
                .withHeader("x-amzn-ErrorType", "ModelError:http://internal.amazon.com/coral/com.amazon.sagemaker/")
                .withBody("{\"ErrorCode\":\"CLIENT_ERROR_FROM_MODEL\",\"OriginalStatusCode\":400,"
                        + "\"OriginalMessage\":\"{\\\"error\\\":\\\"bad input\\\"}\","
                        + "\"LogStreamArn\":\"arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/Endpoints/demo\","
                        + "\"Message\":\"Received client error (400) from primary with message \\\"bad input\\\". See the logs.\"}")));

        Throwable thrown = catchThrowable(() -> WireClients.transport(wm.baseUrl()).execute(INVOKE));

        assertThat(thrown).isInstanceOf(ModelErrorException.class);
        assertThat(((ModelErrorException) thrown).originalStatusCode()).isEqualTo(400);
        TransportException e = SdkErrors.translate(INVOKE, thrown);
        assertThat(e.service()).isEqualTo("SageMakerRuntime");
        assertThat(e.operation()).isEqualTo("InvokeEndpoint");
        assertThat(e.resource()).isEqualTo("inference-component/llm");
        assertThat(e.errorCode()).isEqualTo("ModelError");
        assertThat(e.statusCode()).isEqualTo(424);
        assertThat(e.requestId()).contains("rid-424");
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("Received client error (400) from primary").doesNotContain("Hello");
    }

    @Test
    @DisplayName("Runtime's 'Endpoint ... not found.' ValidationError counts as not found")
    void endpointNotFound() {
        wm.stubFor(post(urlEqualTo("/endpoints/demo/invocations")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withHeader("x-amzn-RequestId", "rid-rt-404")
                .withHeader("x-amzn-ErrorType", "ValidationError:http://internal.amazon.com/coral/com.amazon.coral.validate/")
                .withBody("{\"message\":\"Endpoint demo of account 123456789012 not found.\"}")));

        Throwable thrown = catchThrowable(() -> WireClients.transport(wm.baseUrl()).execute(INVOKE));

        assertThat(SdkErrors.isNotFound(thrown)).isTrue();
        assertThat(SdkErrors.translate(INVOKE, thrown).errorCode()).isEqualTo("ValidationError");
    }
}
