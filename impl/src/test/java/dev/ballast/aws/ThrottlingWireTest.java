package dev.ballast.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentResponse;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;

import dev.ballast.transport.internal.SdkErrors;
import dev.ballast.error.ThrottledException;
import dev.ballast.error.TransportException;

/**
 * Throttling is retried by the SDK client's own retry strategy, which the user configures; the
 * transport adds no retry of its own on top.
 */
class ThrottlingWireTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final DescribeInferenceComponentRequest DESCRIBE =
            DescribeInferenceComponentRequest.builder().inferenceComponentName("llm").build();

    private static ResponseDefinitionBuilder throttled(String requestId) {
        return aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader("x-amzn-RequestId", requestId)
                .withBody("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}");
    }

    private static void step(String state, String next, ResponseDefinitionBuilder answer) {
        wm.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("SageMaker.DescribeInferenceComponent"))
                .inScenario("throttled twice").whenScenarioStateIs(state).willSetStateTo(next).willReturn(answer));
    }

    @Test
    @DisplayName("two throttles then success: the client's standard retry strategy succeeds on the third request")
    void throttlingIsRetriedByTheClient() {
        step(STARTED, "once", throttled("rid-t1"));
        step("once", "twice", throttled("rid-t2"));
        step("twice", "done", aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"InferenceComponentName\":\"llm\",\"InferenceComponentStatus\":\"InService\"}"));

        DescribeInferenceComponentResponse response = (DescribeInferenceComponentResponse)
                WireClients.transport(wm.baseUrl(), WireClients.standardFastRetries()).execute(DESCRIBE);

        assertThat(response.inferenceComponentStatus()).isEqualTo(InferenceComponentStatus.IN_SERVICE);
        assertThat(wm.findAll(postRequestedFor(urlEqualTo("/")))).hasSize(3);
    }

    @Test
    @DisplayName("with a client that does not retry, one throttle is a ThrottledException after exactly one request")
    void noRetryOfItsOwn() {
        step(STARTED, "once", throttled("rid-t1"));

        Throwable thrown = catchThrowable(() -> WireClients.transport(wm.baseUrl(), AwsRetryStrategy.doNotRetry()).execute(DESCRIBE));

        TransportException e = SdkErrors.translate(DESCRIBE, thrown);
        assertThat(e).isInstanceOf(ThrottledException.class);
        assertThat(e.errorCode()).isEqualTo("ThrottlingException");
        assertThat(e.requestId()).contains("rid-t1");
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("Rate exceeded", "retrying may help");
        assertThat(wm.findAll(postRequestedFor(urlEqualTo("/")))).hasSize(1);
    }

    @Test
    @DisplayName("when the client's retries are used up, the last throttle's request id is the one kept")
    void retriesExhausted() {
        step(STARTED, "1", throttled("rid-a"));
        step("1", "2", throttled("rid-b"));
        step("2", "3", throttled("rid-c"));

        Throwable thrown = catchThrowable(() -> WireClients.transport(wm.baseUrl(), WireClients.standardFastRetries()).execute(DESCRIBE));

        TransportException e = SdkErrors.translate(DESCRIBE, thrown);
        assertThat(e).isInstanceOf(ThrottledException.class);
        assertThat(e.requestId()).contains("rid-c");
        assertThat(wm.findAll(postRequestedFor(urlEqualTo("/")))).as("the standard strategy makes 3 attempts").hasSize(3);
    }
}
