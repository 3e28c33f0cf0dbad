package dev.ballast.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.ballast.samples.rolling.RollingUpdateNotebook;

class RollingUpdateNotebookTest {

    @Test
    @DisplayName("the main job prints the create plan and both updates in order, and never the token")
    void printsThePlans() throws Exception {
        String token = "hf_" + UUID.randomUUID();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Method run = RollingUpdateNotebook.class.getDeclaredMethod("run", PrintStream.class, String.class);
        run.setAccessible(true);
        run.invoke(null, new PrintStream(buffer, true, StandardCharsets.UTF_8), token);
        String out = buffer.toString(StandardCharsets.UTF_8);

        assertThat(out).containsSubsequence(
                "SageMaker.CreateEndpointConfig", "SageMaker.CreateEndpoint", "CloudWatch.PutMetricAlarm",
                "wait until endpoint/rolling-demo is InService", "SageMaker.CreateInferenceComponent",
                "2. First update", "SageMaker.UpdateInferenceComponent",
                "\"HF_MODEL_ID\": \"deepseek-ai/DeepSeek-R1-Distill-Llama-8B\"", "\"WaitIntervalInSeconds\": 120",
                "3. Second update", "\"MESSAGES_API_ENABLED\": \"true\"");
        assertThat(out).contains("\"HF_TOKEN\": \"****\"").doesNotContain(token);
    }
}
