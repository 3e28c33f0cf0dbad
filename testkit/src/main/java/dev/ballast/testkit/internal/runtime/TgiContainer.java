package dev.ballast.testkit.internal.runtime;

import dev.ballast.testkit.ContainerBehavior;
import dev.ballast.testkit.ContainerRequest;
import dev.ballast.testkit.ContainerResponse;
import dev.ballast.testkit.ContainerSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The default container: plays Hugging Face Text Generation Inference as the reference notebook
 * uses it. With {@code MESSAGES_API_ENABLED=true} a Messages API payload ({@code {"messages":[...]}})
 * gets a chat completion; a model id containing {@code DeepSeek-R1} shows its thinking in
 * {@code <think>} tags first. Without the flag such a payload fails deserialisation (422), which
 * the runtime reports as a {@code ModelError}. A plain {@code {"inputs": ...}} payload gets a
 * generate answer.
 */
public final class TgiContainer implements ContainerBehavior {

    private static final Pattern MESSAGES = Pattern.compile("\"messages\"\\s*:\\s*\\[");
    private static final Pattern INPUTS = Pattern.compile("\"inputs\"\\s*:");
    private static final Duration LATENCY = Duration.ofMillis(850);

    @Override
    public ContainerResponse respond(ContainerRequest request, ContainerSpec spec) {
        String body = request.bodyAsString();
        String model = spec.env("HF_MODEL_ID") == null ? spec.componentName() : spec.env("HF_MODEL_ID");
        boolean messages = MESSAGES.matcher(body).find();
        if (messages && spec.envFlag("MESSAGES_API_ENABLED")) {
            return json(chatCompletion(model, answer(model)));
        }
        if (INPUTS.matcher(body).find()) {
            return json("[{\"generated_text\":\"" + escape(answer(model)) + "\"}]");
        }
        return ContainerResponse.error(422, "Failed to deserialize the JSON body into the target type: "
                + "missing field `inputs` at line 1 column " + body.length());
    }

    private static String answer(String model) {
        String text = "There are 3 R's in STRAWBERRY. (simulated answer from " + model + ")";
        if (model.contains("DeepSeek-R1")) {
            return "<think>\nLet me spell it out: S-T-R-A-W-B-E-R-R-Y. The letter R appears at positions 3, 8 and 9."
                    + "\n</think>\n\n" + text;
        }
        return text;
    }

    private static String chatCompletion(String model, String content) {
        return "{\"object\":\"chat.completion\",\"id\":\"\",\"created\":0,\"model\":\"" + escape(model)
                + "\",\"system_fingerprint\":\"2.2.0-sha-simulated\",\"choices\":[{\"index\":0,\"message\":"
                + "{\"role\":\"assistant\",\"content\":\"" + escape(content) + "\"},\"logprobs\":null,"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":24,\"completion_tokens\":32,"
                + "\"total_tokens\":56}}";
    }

    private static ContainerResponse json(String body) {
        return new ContainerResponse(200, body.getBytes(StandardCharsets.UTF_8), "application/json", LATENCY);
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
