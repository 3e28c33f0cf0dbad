package dev.ballast.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.ballast.aws.WireClients.fixture;
import static dev.ballast.aws.WireClients.json;
import static dev.ballast.aws.WireClients.sameJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.CreateInferenceComponentResponse;
import software.amazon.awssdk.services.sagemaker.model.DeleteInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteInferenceComponentResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentResponse;
import software.amazon.awssdk.services.sagemaker.model.DesiredWeightAndCapacity;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointWeightsAndCapacitiesRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateInferenceComponentResponse;
import software.amazon.awssdk.services.sagemaker.model.UpdateInferenceComponentRuntimeConfigResponse;

import dev.ballast.engine.Planner;
import dev.ballast.plan.ApiCall;
import dev.ballast.plan.Plan;
import dev.ballast.spec.ComponentEndpointSpec;

/**
 * The SageMaker control plane over AWS JSON 1.1, through the real SDK client: each request the plan
 * holds goes out as {@code POST /} with {@code X-Amz-Target: SageMaker.<Op>} and exactly the JSON
 * the plan prints (unmasked), and each response is parsed into its typed form.
 */
class SageMakerWireTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String TOKEN = "hf_wire_token_7f3a";
    private final ComponentEndpointSpec spec = DemoSpec.spec(TOKEN);

    private void answer(String operation, String body) {
        wm.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("SageMaker." + operation))
                .withHeader("Content-Type", equalTo("application/x-amz-json-1.1"))
                .willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withHeader("x-amzn-RequestId", "req-" + operation)
                        .withBody(body)));
    }

    private String sentBody(String operation) {
        List<LoggedRequest> sent = wm.findAll(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("SageMaker." + operation)));
        assertThat(sent).as("requests sent for %s", operation).hasSize(1);
        return sent.get(0).getBodyAsString();
    }

    private SdkResponse send(SdkRequest request) {
        return WireClients.transport(wm.baseUrl()).execute(request);
    }

    @Test
    @DisplayName("the plan's CreateEndpointConfig is sent as exactly the JSON the plan prints, and the ARN comes back")
    void createEndpointConfig() {
        ApiCall call = DemoSpec.call(Planner.create(spec), "CreateEndpointConfig");
        answer("CreateEndpointConfig", "{\"EndpointConfigArn\":\"arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/demo-x\"}");

        CreateEndpointConfigResponse response = (CreateEndpointConfigResponse) send(call.request());

        String body = sentBody("CreateEndpointConfig");
        assertThat(sameJson(body, DemoSpec.unmaskedJson(call))).as("sent %s%nplanned %s", body, call.requestJsonCompact()).isTrue();
        assertThat(json(body).at("/ProductionVariants/0/ManagedInstanceScaling/MaxInstanceCount").asInt()).isEqualTo(4);
        assertThat(response.endpointConfigArn()).isEqualTo("arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/demo-x");
    }

    @Test
    @DisplayName("the plan's CreateEndpoint is sent as the plan prints it")
    void createEndpoint() {
        ApiCall call = DemoSpec.call(Planner.create(spec), "CreateEndpoint");
        answer("CreateEndpoint", "{\"EndpointArn\":\"arn:aws:sagemaker:us-east-1:123456789012:endpoint/demo\"}");

        CreateEndpointResponse response = (CreateEndpointResponse) send(call.request());

        String body = sentBody("CreateEndpoint");
        assertThat(sameJson(body, DemoSpec.unmaskedJson(call))).as("sent %s", body).isTrue();
        assertThat(json(body).get("EndpointName").asText()).isEqualTo("demo");
        assertThat(response.endpointArn()).endsWith(":endpoint/demo");
        assertThat(response.responseMetadata().requestId()).as("the request id of a success is kept too").isEqualTo("req-CreateEndpoint");
    }

    @Test
    @DisplayName("CreateInferenceComponent sends the secret the plan masks, and otherwise exactly what the plan prints")
    void createInferenceComponent() {
        ApiCall call = DemoSpec.call(Planner.create(spec), "CreateInferenceComponent");
        answer("CreateInferenceComponent", "{\"InferenceComponentArn\":\"arn:aws:sagemaker:us-east-1:123456789012:inference-component/llm\"}");

        CreateInferenceComponentResponse response = (CreateInferenceComponentResponse) send(call.request());

        String body = sentBody("CreateInferenceComponent");
        assertThat(sameJson(body, DemoSpec.unmaskedJson(call))).as("sent %s", body).isTrue();
        assertThat(json(body).at("/Specification/Container/Environment/HF_TOKEN").asText()).isEqualTo(TOKEN);
        assertThat(json(body).at("/Specification/ComputeResourceRequirements/NumberOfAcceleratorDevicesRequired").asDouble()).isEqualTo(1.0);
        assertThat(json(body).at("/RuntimeConfig/CopyCount").asInt()).isEqualTo(2);
        assertThat(call.requestJsonCompact()).doesNotContain(TOKEN).contains("\"HF_TOKEN\":\"****\"");
        assertThat(response.inferenceComponentArn()).endsWith(":inference-component/llm");
    }

    @Test
    @DisplayName("UpdateInferenceComponent carries the rolling update policy and the rollback alarm as planned")
    void updateInferenceComponent() {
        Plan plan = Planner.updateComponent(spec, DemoSpec.COMPONENT);
        ApiCall call = DemoSpec.call(plan, "UpdateInferenceComponent");
        answer("UpdateInferenceComponent", "{\"InferenceComponentArn\":\"arn:aws:sagemaker:us-east-1:123456789012:inference-component/llm\"}");

        UpdateInferenceComponentResponse response = (UpdateInferenceComponentResponse) send(call.request());

        String body = sentBody("UpdateInferenceComponent");
        assertThat(sameJson(body, DemoSpec.unmaskedJson(call))).as("sent %s", body).isTrue();
        assertThat(json(body).at("/DeploymentConfig/RollingUpdatePolicy/MaximumBatchSize/Type").asText()).isEqualTo("COPY_COUNT");
        assertThat(json(body).at("/DeploymentConfig/RollingUpdatePolicy/WaitIntervalInSeconds").asInt()).isEqualTo(120);
        assertThat(json(body).at("/DeploymentConfig/AutoRollbackConfiguration/Alarms/0/AlarmName").asText()).isEqualTo(DemoSpec.ALARM);
        assertThat(json(body).has("RuntimeConfig")).as("the copy count is left alone").isFalse();
        assertThat(response.inferenceComponentArn()).endsWith("/llm");
    }

    @Test
    @DisplayName("a copy-count change is sent as UpdateInferenceComponentRuntimeConfig with DesiredRuntimeConfig only")
    void updateInferenceComponentRuntimeConfig() {
        ApiCall call = DemoSpec.call(Planner.scaleComponent(spec, DemoSpec.COMPONENT), "UpdateInferenceComponentRuntimeConfig");
        answer("UpdateInferenceComponentRuntimeConfig", "{\"InferenceComponentArn\":\"arn:aws:sagemaker:us-east-1:123456789012:inference-component/llm\"}");

        SdkResponse response = send(call.request());

        assertThat(sameJson(sentBody("UpdateInferenceComponentRuntimeConfig"),
                "{\"InferenceComponentName\":\"llm\",\"DesiredRuntimeConfig\":{\"CopyCount\":2}}")).isTrue();
        assertThat(response).isInstanceOf(UpdateInferenceComponentRuntimeConfigResponse.class);
    }

    @Test
    @DisplayName("DescribeInferenceComponent parses status, copy counts, floats, epoch-second timestamps and the last deployment")
    void describeInferenceComponent() {
        answer("DescribeInferenceComponent", fixture("sagemaker/describe-inference-component.json"));

        DescribeInferenceComponentResponse r = (DescribeInferenceComponentResponse) send(
                DescribeInferenceComponentRequest.builder().inferenceComponentName("llm").build());

        assertThat(sameJson(sentBody("DescribeInferenceComponent"), "{\"InferenceComponentName\":\"llm\"}")).isTrue();
        assertThat(r.inferenceComponentStatus()).isEqualTo(InferenceComponentStatus.UPDATING);
        assertThat(r.runtimeConfig().desiredCopyCount()).isEqualTo(2);
        assertThat(r.runtimeConfig().currentCopyCount()).isEqualTo(1);
        assertThat(r.specification().computeResourceRequirements().numberOfAcceleratorDevicesRequired()).isEqualTo(1.0f);
        assertThat(r.creationTime()).isEqualTo(Instant.ofEpochMilli(1763312400123L));
        assertThat(r.lastModifiedTime()).isEqualTo(Instant.ofEpochMilli(1763312460987L));
        assertThat(r.endpointArn()).isEqualTo("arn:aws:sagemaker:us-east-1:123456789012:endpoint/demo");
        assertThat(r.lastDeploymentConfig().autoRollbackConfiguration().alarms().get(0).alarmName()).isEqualTo(DemoSpec.ALARM);
        assertThat(r.failureReason()).isNull();
    }

    @Test
    @DisplayName("DeleteInferenceComponent takes an empty answer as success")
    void deleteInferenceComponent() {
        answer("DeleteInferenceComponent", "");

        SdkResponse response = send(DeleteInferenceComponentRequest.builder().inferenceComponentName("llm").build());

        assertThat(sameJson(sentBody("DeleteInferenceComponent"), "{\"InferenceComponentName\":\"llm\"}")).isTrue();
        assertThat(response).isInstanceOf(DeleteInferenceComponentResponse.class);
        assertThat(response.sdkHttpResponse().statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("DescribeEndpoint parses the status, the variant's instance counts and weights, and timestamps")
    void describeEndpoint() {
        answer("DescribeEndpoint", fixture("sagemaker/describe-endpoint.json"));

        DescribeEndpointResponse r = (DescribeEndpointResponse) send(DescribeEndpointRequest.builder().endpointName("demo").build());

        assertThat(r.endpointStatus()).isEqualTo(EndpointStatus.UPDATING);
        assertThat(r.productionVariants()).singleElement().satisfies(v -> {
            assertThat(v.currentInstanceCount()).isEqualTo(1);
            assertThat(v.desiredInstanceCount()).isEqualTo(2);
            assertThat(v.desiredWeight()).isEqualTo(0.5f);
            assertThat(v.managedInstanceScaling().maxInstanceCount()).isEqualTo(4);
        });
        assertThat(r.creationTime()).isEqualTo(Instant.ofEpochMilli(1529870369986L));
        assertThat(r.lastModifiedTime()).isEqualTo(Instant.ofEpochMilli(1529870400500L));
    }

    @Test
    @DisplayName("UpdateEndpoint and UpdateEndpointWeightsAndCapacities go to their own targets with their wire shapes")
    void updateEndpointOperations() {
        answer("UpdateEndpoint", "{\"EndpointArn\":\"arn:aws:sagemaker:us-east-1:123456789012:endpoint/demo\"}");
        answer("UpdateEndpointWeightsAndCapacities", "{\"EndpointArn\":\"arn:aws:sagemaker:us-east-1:123456789012:endpoint/demo\"}");
        AwsTransport transport = WireClients.transport(wm.baseUrl());

        transport.execute(UpdateEndpointRequest.builder().endpointName("demo").endpointConfigName("demo-config-2").build());
        transport.execute(UpdateEndpointWeightsAndCapacitiesRequest.builder().endpointName("demo")
                .desiredWeightsAndCapacities(DesiredWeightAndCapacity.builder().variantName("AllTraffic").desiredInstanceCount(3).build())
                .build());

        assertThat(sameJson(sentBody("UpdateEndpoint"), "{\"EndpointName\":\"demo\",\"EndpointConfigName\":\"demo-config-2\"}")).isTrue();
        assertThat(sameJson(sentBody("UpdateEndpointWeightsAndCapacities"),
                "{\"EndpointName\":\"demo\",\"DesiredWeightsAndCapacities\":[{\"VariantName\":\"AllTraffic\",\"DesiredInstanceCount\":3}]}"))
                .isTrue();
    }
}
