package dev.ballast.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ballast.plan.ApiCall;
import dev.ballast.plan.AwaitState;
import dev.ballast.plan.Plan;
import dev.ballast.plan.PlanStep;

/**
 * The first seed's requests, written in the DSL, compile to what the notebook sends, field by
 * field (golden files under {@code golden/notebook}).
 */
class NotebookGoldenTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "hf_notebook_token";

    /** JSON numbers compare by value: the notebook's 5.0 and 1 are Ballast's 5 and 1.0. */
    private static final Comparator<JsonNode> NUMERIC = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private static JsonNode golden(String file) throws IOException {
        try (InputStream in = NotebookGoldenTest.class.getResourceAsStream("/golden/notebook/" + file)) {
            return JSON.readTree(in);
        }
    }

    /** What goes on the wire: the request without masking, so the secret is compared too. */
    private static JsonNode sent(ApiCall call) throws IOException {
        ApiCall unmasked = new ApiCall(call.service(), call.operation(), call.resource(), call.reason(), call.request(), Set.of());
        return JSON.readTree(unmasked.requestJsonCompact());
    }

    private static void assertSameRequest(ApiCall call, String goldenFile) throws IOException {
        JsonNode expected = golden(goldenFile);
        JsonNode actual = sent(call);
        assertThat(actual.equals(NUMERIC, expected))
                .as("%s compiles to the notebook's request%nexpected: %s%nactual:   %s", call.target(), expected, actual)
                .isTrue();
    }

    @Test
    @DisplayName("the new deployment compiles to the notebook's config, endpoint, alarm and component, in order")
    void createDeployment() throws IOException {
        Plan plan = Planner.create(NotebookSpecs.llama(TOKEN));
        List<ApiCall> calls = plan.calls();

        assertThat(calls).extracting(ApiCall::target).containsExactly(
                "SageMaker.CreateEndpointConfig", "SageMaker.CreateEndpoint", "CloudWatch.PutMetricAlarm",
                "SageMaker.CreateInferenceComponent");

        String configName = NotebookSpecs.llama(TOKEN).endpointConfigName();
        assertThat(configName).matches("rolling-demo-endpoint-[0-9a-f]{8}");
        JsonNode config = sent(calls.get(0));
        assertThat(config.get("EndpointConfigName").asText()).isEqualTo(configName);
        JsonNode expectedConfig = golden("create-endpoint-config.json");
        ((ObjectNode) config).remove("EndpointConfigName");
        ((ObjectNode) expectedConfig).remove("EndpointConfigName");
        assertThat(config.equals(NUMERIC, expectedConfig)).as("config %s vs %s", config, expectedConfig).isTrue();

        JsonNode endpoint = sent(calls.get(1));
        assertThat(endpoint.get("EndpointName").asText()).isEqualTo("rolling-demo-endpoint");
        assertThat(endpoint.get("EndpointConfigName").asText()).isEqualTo(configName);
        assertThat(endpoint.size()).isEqualTo(golden("create-endpoint.json").size());

        assertSameRequest(calls.get(2), "put-metric-alarm.json");
        assertSameRequest(calls.get(3), "create-inference-component.json");
    }

    @Test
    @DisplayName("components are created only after a wait for the endpoint to be in service")
    void waitsForTheEndpointBeforeTheComponent() {
        List<PlanStep> steps = Planner.create(NotebookSpecs.llama(TOKEN)).steps();

        assertThat(steps.get(3)).isEqualTo(new AwaitState("endpoint/rolling-demo-endpoint", "InService",
                "components can only be placed on an endpoint in service"));
        assertThat(steps.get(4)).isInstanceOf(ApiCall.class);
        assertThat(steps.get(5)).isInstanceOfSatisfying(AwaitState.class, a ->
                assertThat(a.resource()).isEqualTo("inference-component/llama-3-1-8b-rolling-demo"));
    }

    @Test
    @DisplayName("the first update (DeepSeek without the Messages API) compiles to the notebook's UpdateInferenceComponent")
    void firstUpdate() throws IOException {
        Plan plan = Planner.updateComponent(NotebookSpecs.deepSeekWithoutMessagesApi(), NotebookSpecs.COMPONENT);

        assertThat(plan.calls()).extracting(ApiCall::target)
                .containsExactly("CloudWatch.PutMetricAlarm", "SageMaker.UpdateInferenceComponent");
        assertSameRequest(plan.calls().get(0), "put-metric-alarm.json");
        assertSameRequest(plan.calls().get(1), "update-inference-component-1.json");
    }

    @Test
    @DisplayName("the second update (DeepSeek with the Messages API) compiles to the notebook's UpdateInferenceComponent")
    void secondUpdate() throws IOException {
        Plan plan = Planner.updateComponent(NotebookSpecs.deepSeek(), NotebookSpecs.COMPONENT);

        assertSameRequest(plan.calls().get(1), "update-inference-component-2.json");
    }

    @Test
    @DisplayName("the plan as printed shows HF_TOKEN masked while the request itself carries the token")
    void printedPlanMasksTheToken() throws IOException {
        ApiCall create = Planner.create(NotebookSpecs.llama(TOKEN)).calls().get(3);

        assertThat(create.requestJson()).contains("\"HF_TOKEN\": \"****\"").doesNotContain(TOKEN);
        assertThat(create.redactedPaths()).containsExactly("Specification.Container.Environment.HF_TOKEN");
        assertThat(sent(create).at("/Specification/Container/Environment/HF_TOKEN").asText()).isEqualTo(TOKEN);
    }
}
