package dev.ballast.testkit.assertions;

import static dev.ballast.RollingUpdate.batch;
import static dev.ballast.testkit.assertions.FakeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.Alarm;
import dev.ballast.Component;
import dev.ballast.Endpoint;
import dev.ballast.engine.Planner;
import dev.ballast.plan.Plan;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PlanAssertTest {

    private static final String TOKEN = "hf_plan_assert_secret_7c2e";

    private final Plan create = Planner.create(Endpoint.on("ml.g5.2xlarge").scale(1, 4)
            .executionRole("arn:aws:iam::123456789012:role/SageMakerExecutionRole")
            .component(Component.named("llm").image("763104351884.dkr.ecr.us-east-1.amazonaws.com/tgi:2.4.0")
                    .env("HF_MODEL_ID", "meta-llama/Llama-3.1-8B-Instruct").secretEnv("HF_TOKEN", TOKEN)
                    .accelerators(1).memoryMb(1024).copies(2))
            .rollingUpdate(batch(1).wait(Duration.ofSeconds(120))
                    .rollbackOn(Alarm.invocation4xxErrors().above(5).per(Duration.ofMinutes(5))))
            .named("rolling-demo"));
    private final Plan empty = new Plan("endpoint 'rolling-demo'", List.of());

    @Test
    @DisplayName("aCreatePlan: passes its checks")
    void aCreatePlanPassesItsChecks() {
        assertThat(create).isNotEmpty()
                .hasCalls("CreateEndpointConfig", "CreateEndpoint", "PutMetricAlarm", "CreateInferenceComponent")
                .containsCall("CloudWatch.PutMetricAlarm").doesNotContainCall("UpdateEndpoint")
                .containsRequest("CreateInferenceComponent", "\"InferenceComponentName\":\"llm\"", "\"HF_TOKEN\":\"****\"")
                .containsCallBecause("CreateEndpoint", "")
                .containsWaitFor("endpoint/rolling-demo", "InService")
                .doesNotMention(TOKEN);
        assertThat(empty).isEmpty();
    }

    @Test
    @DisplayName("hasCalls: is exact and ordered, and fails with the steps outlined")
    void hasCallsIsExactAndOrderedAndFailsWithTheStepsOutlined() {
        assertThatThrownBy(() -> assertThat(create).hasCalls("CreateEndpoint", "CreateEndpointConfig", "PutMetricAlarm",
                "CreateInferenceComponent"))
                .hasMessageContaining("Expecting the calls of endpoint 'rolling-demo' to be")
                .hasMessageContaining("[CreateEndpointConfig, CreateEndpoint, PutMetricAlarm, CreateInferenceComponent]")
                .hasMessageContaining("1. SageMaker.CreateEndpointConfig")
                .hasMessageContaining("wait until endpoint/rolling-demo is InService")
                .hasMessageNotContaining(TOKEN);
        assertThatThrownBy(() -> assertThat(create).hasCalls("CreateEndpointConfig")).hasMessageContaining("to be");
        assertThatThrownBy(() -> assertThat(create).hasCalls("SageMaker.PutMetricAlarm", "x", "y", "z"))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    @DisplayName("emptiness: is checked")
    void emptinessIsChecked() {
        assertThatThrownBy(() -> assertThat(create).isEmpty())
                .hasMessageContaining("Expecting endpoint 'rolling-demo' to have nothing to do but it has 6 step(s)");
        assertThatThrownBy(() -> assertThat(empty).isNotEmpty()).hasMessageContaining("to have something to do");
        assertThatThrownBy(() -> assertThat(empty).containsCall("CreateEndpoint")).hasMessageContaining("(no steps)");
    }

    @Test
    @DisplayName("requests reasons and waits, are checked")
    void requestsReasonsAndWaitsAreChecked() {
        assertThatThrownBy(() -> assertThat(create).containsRequest("CreateInferenceComponent", "\"CopyCount\":3"))
                .hasMessageContaining("Expecting a CreateInferenceComponent request of endpoint 'rolling-demo' containing")
                .hasMessageContaining("\"CopyCount\":2").hasMessageNotContaining(TOKEN);
        assertThatThrownBy(() -> assertThat(create).containsRequest("UpdateEndpoint", "x"))
                .hasMessageContaining("to have a UpdateEndpoint call");
        assertThatThrownBy(() -> assertThat(create).doesNotContainCall("CreateEndpoint"))
                .hasMessageContaining("to have no CreateEndpoint call");
        assertThatThrownBy(() -> assertThat(create).containsCallBecause("CreateEndpoint", "no such reason"))
                .hasMessageContaining("because of");
        assertThatThrownBy(() -> assertThat(create).containsWaitFor("endpoint/rolling-demo", "Deleted"))
                .hasMessageContaining("to wait until endpoint/rolling-demo is Deleted");
    }

    @Test
    @DisplayName("doesNotMention: never prints the text")
    void doesNotMentionNeverPrintsTheText() {
        String visible = "rolling-demo-llm-invocation4xxerrors";
        assertThatThrownBy(() -> assertThat(create).doesNotMention(visible))
                .hasMessageContaining("not to mention the given text").hasMessageContaining("toString()")
                .hasMessageNotContaining(visible);
    }
}
