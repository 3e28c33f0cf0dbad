package dev.ballast.engine.internal.stream;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * Reads the generated text out of a server-sent-event stream given in arbitrary pieces. The pieces
 * are the parts of an event stream, which SageMaker cuts wherever the container's writes fell: a
 * line, and a UTF-8 character, may span two of them. So bytes are gathered up to each line feed
 * and only whole lines are decoded; an event is its {@code data:} lines up to the blank line that
 * ends it.
 *
 * <p>One instance per stream, fed from one thread at a time (the stream's signals are serial).
 */
final class ServerSentEventText {

    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private boolean done;

    /**
     * @param bytes the next piece of the stream
     * @return the texts of the events the piece completes, in order (empty texts left out)
     * @throws IllegalArgumentException if an event's data is neither JSON nor {@code [DONE]}
     */
    List<String> accept(byte[] bytes) {
        List<String> texts = new ArrayList<>(2);
        for (byte b : bytes) {
            if (done) {
                break;
            }
            if (b == '\n') {
                onLine(decodeLine(), texts);
            } else {
                line.write(b);
            }
        }
        return texts;
    }

    /**
     * @return the text of an event the stream ended in without its closing blank line, if any
     * @throws IllegalArgumentException if that event's data is neither JSON nor {@code [DONE]}
     */
    List<String> finish() {
        List<String> texts = new ArrayList<>(1);
        if (!done && line.size() > 0) {
            onLine(decodeLine(), texts);
        }
        if (!done) {
            dispatch(texts);
        }
        return texts;
    }

    /** @return whether {@code data: [DONE]} was read; nothing after it counts */
    boolean done() {
        return done;
    }

    private String decodeLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** One line of the SSE format: data lines gather, a blank line ends the event, the rest is ignored. */
    private void onLine(String text, List<String> texts) {
        if (text.isEmpty()) {
            dispatch(texts);
        } else if (text.startsWith("data:")) {
            String value = text.substring(5);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if (hasData) {
                data.append('\n');
            }
            data.append(value);
            hasData = true;
        }
        // "event:", "id:", "retry:" and ":" comments carry no generated text
    }

    private void dispatch(List<String> texts) {
        if (!hasData) {
            return;
        }
        String payload = data.toString();
        data.setLength(0);
        hasData = false;
        if ("[DONE]".equals(payload.trim())) {
            done = true;
            return;
        }
        chunkText(payload).filter(t -> !t.isEmpty()).ifPresent(texts::add);
    }

    /**
     * @param json one chunk
     * @return its generated text: an OpenAI-style chat chunk's {@code choices[0].delta.content}, a
     *     completion chunk's {@code choices[0].text}, or a TGI {@code generate_stream} token's
     *     {@code token.text} unless the token is special; empty for a chunk without text
     */
    static Optional<String> chunkText(String json) {
        JsonNode chunk;
        try {
            chunk = JsonNode.parser().parse(json);
        } catch (RuntimeException e) {
            // never quote the data: it is the model's output
            throw new IllegalArgumentException("a server-sent event's data is neither JSON nor [DONE] ("
                    + json.length() + " characters)", e);
        }
        if (!chunk.isObject()) {
            return Optional.empty();
        }
        Optional<JsonNode> choices = chunk.field("choices").filter(JsonNode::isArray);
        if (choices.isPresent()) {
            List<JsonNode> list = choices.get().asArray();
            if (list.isEmpty() || !list.get(0).isObject()) {
                return Optional.empty();
            }
            JsonNode choice = list.get(0);
            Optional<String> delta = choice.field("delta").flatMap(d -> d.field("content")).flatMap(ServerSentEventText::string);
            return delta.isPresent() ? delta : choice.field("text").flatMap(ServerSentEventText::string);
        }
        Optional<JsonNode> token = chunk.field("token").filter(JsonNode::isObject);
        if (token.isPresent()) {
            boolean special = token.get().field("special").filter(JsonNode::isBoolean).map(JsonNode::asBoolean).orElse(false);
            return special ? Optional.empty() : token.get().field("text").flatMap(ServerSentEventText::string);
        }
        return Optional.empty();
    }

    private static Optional<String> string(JsonNode node) {
        return node.isString() ? Optional.of(node.asString()) : Optional.empty();
    }
}
