package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.testkit.TimelineEvent.Kind;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;

class InvocationTest {

    private static final String CHAT = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private final FakeSageMaker fake = FakeSageMaker.create();

    private void deploy(Map<String, String> env, int copies) {
        Fixtures.icEndpoint(fake, "ep", "ml.g5.12xlarge", 1, 1, 4);
        Fixtures.createComponent(fake, "ic", "ep", Fixtures.spec(1, 1024, env), copies);
        Fixtures.awaitComponent(fake, "ic", InferenceComponentStatus.IN_SERVICE);
    }

    private InvokeEndpointResponse invoke(String body) {
        return fake.runtimeClient().invokeEndpoint(b -> b.endpointName("ep").inferenceComponentName("ic")
                .contentType("application/json").body(SdkBytes.fromUtf8String(body)));
    }

    @Test
    @DisplayName("defaultContainer: answers the messages api with a chat completion")
    void defaultContainerAnswersTheMessagesApiWithAChatCompletion() {
        deploy(Map.of("HF_MODEL_ID", "meta-llama/Llama-3.1-8B-Instruct", "MESSAGES_API_ENABLED", "true"), 1);
        InvokeEndpointResponse response = invoke(CHAT);
        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(response.invokedProductionVariant()).isEqualTo("AllTraffic");
        assertThat(response.body().asUtf8String()).startsWith("{\"object\":\"chat.completion\"")
                .contains("\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"There are 3 R's")
                .doesNotContain("<think>");
    }

    @Test
    @DisplayName("reasoningModels: show their thinking")
    void reasoningModelsShowTheirThinking() {
        deploy(Map.of("HF_MODEL_ID", "deepseek-ai/DeepSeek-R1-Distill-Llama-8B", "MESSAGES_API_ENABLED", "true"), 1);
        assertThat(invoke(CHAT).body().asUtf8String()).contains("\"content\":\"<think>\\n").contains("</think>");
    }

    @Test
    @DisplayName("without the messages api, a chat payload is a model error with the original status")
    void withoutTheMessagesApiAChatPayloadIsAModelErrorWithTheOriginalStatus() {
        deploy(Map.of("HF_MODEL_ID", "deepseek-ai/DeepSeek-R1-Distill-Llama-8B"), 1);
        assertThatThrownBy(() -> invoke(CHAT)).isInstanceOfSatisfying(ModelErrorException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(424);
            assertThat(e.originalStatusCode()).isEqualTo(422);
            assertThat(e.originalMessage()).startsWith("Failed to deserialize the JSON body");
            assertThat(e.logStreamArn()).isEqualTo(
                    "arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/Endpoints/ep");
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ModelError");
            assertThat(e.getMessage()).startsWith("Received client error (422) from primary with message \"Failed to"
                    + " deserialize").contains("\". See https://us-east-1.console.aws.amazon.com/cloudwatch/home"
                    + "?region=us-east-1#logEventViewer:group=/aws/sagemaker/Endpoints/ep in account 123456789012 for"
                    + " more information.");
        });
    }

    @Test
    @DisplayName("registeredBehaviours: see the environment, and server errors are reported as such")
    void registeredBehavioursSeeTheEnvironmentAndServerErrorsAreReportedAsSuch() {
        fake.givenContainerFor("ic", (request, spec) -> spec.env("MODE").equals("ok")
                ? ContainerResponse.ok("{\"echo\":\"" + request.bodyAsString().length() + "\"}")
                : ContainerResponse.error(500, "boom"));
        deploy(Map.of("MODE", "ok"), 1);
        assertThat(invoke("12345").body().asUtf8String()).isEqualTo("{\"echo\":\"5\"}");

        fake.sageMakerClient().updateInferenceComponent(b -> b.inferenceComponentName("ic")
                .specification(Fixtures.spec(1, 1024, Map.of("MODE", "fail"))));
        Fixtures.awaitComponent(fake, "ic", InferenceComponentStatus.IN_SERVICE);
        assertThatThrownBy(() -> invoke("x")).isInstanceOf(ModelErrorException.class)
                .hasMessageStartingWith("Received server error (500) from primary with message \"boom\".");
    }

    @Test
    @DisplayName("duringAnUpdate: old and new copies both serve, in proportion")
    void duringAnUpdateOldAndNewCopiesBothServeInProportion() {
        fake.givenContainerWithEnv("VERSION", "1", ContainerBehavior.always(ContainerResponse.ok("v1")));
        fake.givenContainerWithEnv("VERSION", "2", ContainerBehavior.always(ContainerResponse.ok("v2")));
        deploy(Map.of("VERSION", "1"), 2);
        fake.sageMakerClient().updateInferenceComponent(b -> b.inferenceComponentName("ic")
                .specification(Fixtures.spec(1, 1024, Map.of("VERSION", "2")))
                .deploymentConfig(d -> d.rollingUpdatePolicy(p -> p.maximumBatchSize(s -> s.type("COPY_COUNT").value(1))
                        .waitIntervalInSeconds(600))));
        fake.clock().advanceUntil(() -> !fake.timeline().eventsOf(Kind.BAKE_STARTED).isEmpty(), Duration.ofHours(1));

        Map<String, Integer> answers = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            answers.merge(invoke(CHAT).body().asUtf8String(), 1, Integer::sum);
        }
        // three serving copies: two old, one new
        assertThat(answers.get("v1")).isBetween(160, 240);
        assertThat(answers.get("v2")).isBetween(60, 140);
    }

    @Test
    @DisplayName("secretEnvironmentValues: never reach the timeline or to string")
    void secretEnvironmentValuesNeverReachTheTimelineOrToString() {
        String secret = "hf_TOP_SECRET_value_123";
        Map<String, String> env = new HashMap<>(Map.of("HF_MODEL_ID", "m", "MESSAGES_API_ENABLED", "true"));
        env.put("HF_TOKEN", secret);
        fake.givenContainer(spec -> {
            assertThat(spec.toString()).doesNotContain(secret).contains("HF_TOKEN");
            return false;
        }, (request, spec) -> ContainerResponse.ok("{}"));
        deploy(env, 2);
        invoke(CHAT);
        fake.sageMakerClient().updateInferenceComponent(b -> b.inferenceComponentName("ic")
                .specification(Fixtures.spec(1, 1024, env)));
        Fixtures.awaitComponent(fake, "ic", InferenceComponentStatus.IN_SERVICE);

        assertThat(fake.timeline().render()).doesNotContain(secret);
        assertThat(fake.timeline().toString()).doesNotContain(secret);
        assertThat(fake.toString()).doesNotContain(secret);
        assertThat(new ContainerSpec("ic", "img", env).toString()).doesNotContain(secret);
        // the API itself echoes the environment, as SageMaker does
        assertThat(Fixtures.component(fake, "ic").specification().container().environment()).containsEntry("HF_TOKEN", secret);
    }
}
