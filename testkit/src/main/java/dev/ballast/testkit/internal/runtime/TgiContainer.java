package dev.ballast.testkit.internal.runtime;

import dev.ballast.testkit.ContainerBehavior;
import dev.ballast.testkit.ContainerRequest;
import dev.ballast.testkit.ContainerResponse;
import dev.ballast.testkit.ContainerSpec;
import dev.ballast.testkit.ContainerStream;
import dev.ballast.testkit.FakeTimings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The default container: plays Hugging Face Text Generation Inference as the reference notebook
 * uses it. With {@code MESSAGES_API_ENABLED=true} a Messages API payload ({@code {"messages":[...]}})
 * gets a chat completion; a model id containing {@code DeepSeek-R1} shows its thinking in
 * {@code <think>} tags first. Without the flag such a payload fails deserialisation (422), which
 * the runtime reports as a {@code ModelError}. A plain {@code {"inputs": ...}} payload gets a
 * generate answer.
 *
 * <h2>Streaming</h2>
 * A payload with {@code "stream": true} is answered as TGI streams, as server-sent events
 * ({@code text/event-stream}), one event per part, written as TGI's HTTP framework (axum) writes
 * them: {@code data:} with no space before the JSON, then a blank line (axum's {@code Event}
 * puts a space only before a value that itself starts with one). Shapes from TGI's router
 * ({@code router/src/lib.rs}, {@code chat.rs}, {@code server.rs}):
 * <ul>
 *   <li>chat ({@code chat_completions}): per token
 *       {@code {"object":"chat.completion.chunk","id":"","created":0,"model":...,"system_fingerprint":...,
 *       "choices":[{"index":0,"delta":{"role":"assistant","content":"<token>"},"logprobs":null,
 *       "finish_reason":null}],"usage":null}}; the end-of-sequence token (a special token) gives a
 *       last chunk with empty content and {@code "finish_reason":"stop"}; then {@code data:[DONE]}.
 *       The usage chunk TGI adds for {@code stream_options.include_usage} is not played.</li>
 *   <li>generate ({@code generate_stream}): per token
 *       {@code {"index":<n from 1>,"token":{"id":..,"text":"<token>","logprob":..,"special":false},
 *       "generated_text":null,"details":null}}; the last event is the end-of-sequence token
 *       ({@code "special":true}, text {@code </s>}) with {@code generated_text} the whole text.</li>
 * </ul>
 * The concatenated text of the tokens that are not special equals the unstreamed answer's text.
 * The text is split into plausible tokens (a word with the spaces before it, each punctuation
 * mark, each run of line breaks). The first token comes after {@link FakeTimings#timeToFirstToken()},
 * every further one (the end-of-sequence token included) after {@link FakeTimings#timePerToken()};
 * {@code [DONE]} follows the last chunk at once. {@code created} is 0 (as in the unstreamed answer),
 * so answers do not depend on the clock. Without {@code "stream": true} the whole JSON answer
 * is one part.
 */
public final class TgiContainer implements ContainerBehavior {

    private static final Pattern MESSAGES = Pattern.compile("\"messages\"\\s*:\\s*\\[");
    private static final Pattern INPUTS = Pattern.compile("\"inputs\"\\s*:");
    private static final Pattern STREAM = Pattern.compile("\"stream\"\\s*:\\s*true\\b");
    /** Line breaks, a word with the blanks before it, a punctuation mark with its blanks, trailing blanks, or any other character. */
    private static final Pattern TOKEN = Pattern.compile(
            "\\R+|[ \\t]*[\\p{L}\\p{N}]+|[ \\t]*[^\\s\\p{L}\\p{N}]|[ \\t]+|(?s).");
    private static final Duration LATENCY = Duration.ofMillis(850);
    private static final String FINGERPRINT = "2.2.0-sha-simulated";
    private static final int EOS_ID = 2;

    private final FakeTimings timings;

    /** @param timings where the generation speed of streamed answers comes from */
    public TgiContainer(FakeTimings timings) {
        this.timings = timings;
    }

    @Override
    public ContainerResponse respond(ContainerRequest request, ContainerSpec spec) {
        String body = request.bodyAsString();
        String model = model(spec);
        if (chat(body, spec)) {
            String text = answer(model);
            return json(chatCompletion(model, text, tokens(text).size() + 1));
        }
        if (INPUTS.matcher(body).find()) {
            return json("[{\"generated_text\":\"" + escape(answer(model)) + "\"}]");
        }
        return ContainerResponse.error(422, "Failed to deserialize the JSON body into the target type: "
                + "missing field `inputs` at line 1 column " + body.length());
    }

    @Override
    public ContainerStream stream(ContainerRequest request, ContainerSpec spec) {
        String body = request.bodyAsString();
        boolean chat = chat(body, spec);
        if (!STREAM.matcher(body).find() || (!chat && !INPUTS.matcher(body).find())) {
            return ContainerStream.whole(respond(request, spec));
        }
        String model = model(spec);
        String text = answer(model);
        List<String> tokens = tokens(text);
        List<ContainerStream.Part> parts = new ArrayList<>(tokens.size() + 2);
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            String event = chat ? chatChunk(model, "\"" + escape(token) + "\"", "null")
                    : "{\"index\":" + (i + 1) + ",\"token\":" + token(tokenId(token), token, false)
                            + ",\"generated_text\":null,\"details\":null}";
            parts.add(sse(event, i == 0 ? timings.timeToFirstToken() : timings.timePerToken()));
        }
        Duration eosAfter = tokens.isEmpty() ? timings.timeToFirstToken() : timings.timePerToken();
        if (chat) {
            // the end-of-sequence token is special: TGI sends empty content with the finish reason
            parts.add(sse(chatChunk(model, "\"\"", "\"stop\""), eosAfter));
            parts.add(sse("[DONE]", Duration.ZERO));
        } else {
            parts.add(sse("{\"index\":" + (tokens.size() + 1) + ",\"token\":" + token(EOS_ID, "</s>", true)
                    + ",\"generated_text\":\"" + escape(text) + "\",\"details\":null}", eosAfter));
        }
        return ContainerStream.of("text/event-stream", parts);
    }

    private static boolean chat(String body, ContainerSpec spec) {
        return MESSAGES.matcher(body).find() && spec.envFlag("MESSAGES_API_ENABLED");
    }

    private static String model(ContainerSpec spec) {
        return spec.env("HF_MODEL_ID") == null ? spec.componentName() : spec.env("HF_MODEL_ID");
    }

    /** @return the text split as a tokenizer might: concatenated, the tokens are the text */
    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            tokens.add(m.group());
        }
        return tokens;
    }

    private static ContainerStream.Part sse(String data, Duration after) {
        return ContainerStream.Part.of("data:" + data + "\n\n", after);
    }

    private static String chatChunk(String model, String content, String finishReason) {
        return "{\"object\":\"chat.completion.chunk\",\"id\":\"\",\"created\":0,\"model\":\"" + escape(model)
                + "\",\"system_fingerprint\":\"" + FINGERPRINT + "\",\"choices\":[{\"index\":0,\"delta\":"
                + "{\"role\":\"assistant\",\"content\":" + content + "},\"logprobs\":null,\"finish_reason\":"
                + finishReason + "}],\"usage\":null}";
    }

    private static String token(int id, String text, boolean special) {
        // a plausible log-probability, fixed per token so that answers are repeatable
        double logprob = -((text.hashCode() & 0x3ff) / 1024.0);
        return "{\"id\":" + id + ",\"text\":\"" + escape(text) + "\",\"logprob\":" + logprob + ",\"special\":"
                + special + "}";
    }

    private static int tokenId(String token) {
        return 1000 + (token.hashCode() & 0x7fff);
    }

    private static String answer(String model) {
        String text = "There are 3 R's in STRAWBERRY. (simulated answer from " + model + ")";
        if (model.contains("DeepSeek-R1")) {
            return "<think>\nLet me spell it out: S-T-R-A-W-B-E-R-R-Y. The letter R appears at positions 3, 8 and 9."
                    + "\n</think>\n\n" + text;
        }
        return text;
    }

    private static String chatCompletion(String model, String content, int completionTokens) {
        return "{\"object\":\"chat.completion\",\"id\":\"\",\"created\":0,\"model\":\"" + escape(model)
                + "\",\"system_fingerprint\":\"" + FINGERPRINT + "\",\"choices\":[{\"index\":0,\"message\":"
                + "{\"role\":\"assistant\",\"content\":\"" + escape(content) + "\"},\"logprobs\":null,"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":24,\"completion_tokens\":"
                + completionTokens + ",\"total_tokens\":" + (24 + completionTokens) + "}}";
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
