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

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import software.amazon.awssdk.services.applicationautoscaling.model.ObjectNotFoundException;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.PredefinedMetricSpecification;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.RegisterScalableTargetRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.RegisterScalableTargetResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingScalingPolicyConfiguration;

import dev.ballast.transport.internal.SdkErrors;
import dev.ballast.error.CapacityException;
import dev.ballast.error.TransportException;

/** Application Auto Scaling over AWS JSON 1.1 with {@code X-Amz-Target: AnyScaleFrontendService.<Op>}. */
class AutoScalingWireTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String TARGET = "AnyScaleFrontendService.";

    private static final PutScalingPolicyRequest POLICY = PutScalingPolicyRequest.builder()
            .policyName("llm-copies").serviceNamespace(ServiceNamespace.SAGEMAKER)
            .resourceId("inference-component/llm")
            .scalableDimension(ScalableDimension.SAGEMAKER_INFERENCE_COMPONENT_DESIRED_COPY_COUNT)
            .policyType(PolicyType.TARGET_TRACKING_SCALING)
            .targetTrackingScalingPolicyConfiguration(TargetTrackingScalingPolicyConfiguration.builder().targetValue(4.0)
                    .predefinedMetricSpecification(PredefinedMetricSpecification.builder()
                            .predefinedMetricType("SageMakerInferenceComponentInvocationsPerCopy").build())
                    .build())
            .build();

    private static void answer(String operation, int status, String body) {
        wm.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + operation))
                .withHeader("Content-Type", equalTo("application/x-amz-json-1.1"))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withHeader("x-amzn-RequestId", "rid-aas-" + status).withBody(body)));
    }

    @Test
    @DisplayName("RegisterScalableTarget sends the captured wire shape for an inference component's copy count")
    void registerScalableTarget() {
        answer("RegisterScalableTarget", 200, "{\"ScalableTargetARN\":\"arn:aws:application-autoscaling:us-east-1:123456789012:scalable-target/abc\"}");

        RegisterScalableTargetResponse response = (RegisterScalableTargetResponse) WireClients.transport(wm.baseUrl())
                .execute(RegisterScalableTargetRequest.builder().serviceNamespace(ServiceNamespace.SAGEMAKER)
                        .resourceId("inference-component/llm")
                        .scalableDimension(ScalableDimension.SAGEMAKER_INFERENCE_COMPONENT_DESIRED_COPY_COUNT)
                        .minCapacity(1).maxCapacity(4).build());

        String body = wm.findAll(postRequestedFor(urlEqualTo("/"))).get(0).getBodyAsString();
        assertThat(WireClients.sameJson(body, "{\"ServiceNamespace\":\"sagemaker\",\"ResourceId\":\"inference-component/llm\","
                + "\"ScalableDimension\":\"sagemaker:inference-component:DesiredCopyCount\",\"MinCapacity\":1,\"MaxCapacity\":4}"))
                .as("sent %s", body).isTrue();
        assertThat(response.scalableTargetARN()).endsWith("scalable-target/abc");
    }

    @Test
    @DisplayName("PutScalingPolicy without a registered target is ObjectNotFoundException: not found, on the scalable target")
    void objectNotFound() {
        answer("PutScalingPolicy", 400, "{\"__type\":\"ObjectNotFoundException\",\"Message\":\"No scalable target registered for "
                + "service namespace: sagemaker, resource ID: inference-component/llm, scalable dimension: "
                + "sagemaker:inference-component:DesiredCopyCount\"}");

        Throwable thrown = catchThrowable(() -> WireClients.transport(wm.baseUrl()).execute(POLICY));

        assertThat(thrown).isInstanceOf(ObjectNotFoundException.class);
        assertThat(SdkErrors.isNotFound(thrown)).isTrue();
        TransportException e = SdkErrors.translate(POLICY, thrown);
        assertThat(e.service()).isEqualTo("ApplicationAutoScaling");
        assertThat(e.resource()).isEqualTo("scalable-target/inference-component/llm");
        assertThat(e.errorCode()).isEqualTo("ObjectNotFoundException");
        assertThat(e.getMessage()).contains("No scalable target registered");
        assertThat(e.requestId()).contains("rid-aas-400");
    }

    @Test
    @DisplayName("LimitExceededException is a CapacityException")
    void limitExceeded() {
        answer("PutScalingPolicy", 400, "{\"__type\":\"LimitExceededException\",\"Message\":\"too many policies\"}");

        Throwable thrown = catchThrowable(() -> WireClients.transport(wm.baseUrl()).execute(POLICY));

        assertThat(SdkErrors.translate(POLICY, thrown)).isInstanceOf(CapacityException.class);
        assertThat(SdkErrors.isNotFound(thrown)).isFalse();
    }
}
