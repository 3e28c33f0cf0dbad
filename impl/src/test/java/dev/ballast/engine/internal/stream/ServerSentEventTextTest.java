package dev.ballast.engine.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ServerSentEventTextTest {

    private static final String CHAT = "data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
            + "\"delta\":{\"role\":\"assistant\",\"content\":\"Ké\"},\"finish_reason\":null}]}\n\n"
            + "data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
            + "\"delta\":{\"content\":\"ys 🔑\"},\"finish_reason\":null}]}\r\n\r\n"
            + ": a comment\n"
            + "data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
            + "data: [DONE]\n\n";

    @Test
    @DisplayName("the text is the same however the stream is cut: at every byte, inside lines and inside UTF-8 characters")
    void everyCut() {
        byte[] all = CHAT.getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= all.length; cut++) {
            ServerSentEventText sse = new ServerSentEventText();
            List<String> texts = new ArrayList<>(sse.accept(java.util.Arrays.copyOfRange(all, 0, cut)));
            texts.addAll(sse.accept(java.util.Arrays.copyOfRange(all, cut, all.length)));
            texts.addAll(sse.finish());
            assertThat(String.join("", texts)).as("cut at byte %d", cut).isEqualTo("Kéys 🔑");
            assertThat(sse.done()).isTrue();
        }
    }

    @Test
    @DisplayName("one byte at a time gives each chunk's text once, in order")
    void byteByByte() {
        ServerSentEventText sse = new ServerSentEventText();
        List<String> texts = new ArrayList<>();
        for (byte b : CHAT.getBytes(StandardCharsets.UTF_8)) {
            texts.addAll(sse.accept(new byte[] {b}));
        }
        assertThat(texts).containsExactly("Ké", "ys 🔑");
    }

    @Test
    @DisplayName("TGI's generate_stream: token texts without the special ones; data: without a space")
    void generateStream() {
        String tgi = "data:{\"index\":1,\"token\":{\"id\":1,\"text\":\"Hello\",\"logprob\":-0.1,\"special\":false},"
                + "\"generated_text\":null,\"details\":null}\n\n"
                + "data:{\"index\":2,\"token\":{\"id\":2,\"text\":\"</s>\",\"logprob\":0,\"special\":true},"
                + "\"generated_text\":\"Hello\",\"details\":null}\n\n";
        ServerSentEventText sse = new ServerSentEventText();
        assertThat(sse.accept(tgi.getBytes(StandardCharsets.UTF_8))).containsExactly("Hello");
    }

    @Test
    @DisplayName("completions' choices[0].text; an event the stream ends in without its blank line still counts")
    void completionsAndUnterminated() {
        ServerSentEventText sse = new ServerSentEventText();
        assertThat(sse.accept("data: {\"choices\":[{\"text\":\"a\"}]}\n\ndata: {\"choices\":[{\"text\":\"b\"}]}"
                .getBytes(StandardCharsets.UTF_8))).containsExactly("a");
        assertThat(sse.finish()).containsExactly("b");
    }

    @Test
    @DisplayName("nothing after [DONE] counts")
    void afterDone() {
        ServerSentEventText sse = new ServerSentEventText();
        assertThat(sse.accept("data: [DONE]\n\ndata: {\"choices\":[{\"text\":\"late\"}]}\n\n".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThat(sse.finish()).isEmpty();
    }

    @Test
    @DisplayName("data that is not JSON fails without quoting it (it is the model's output)")
    void notJson() {
        ServerSentEventText sse = new ServerSentEventText();
        assertThatThrownBy(() -> sse.accept("data: secret words\n\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("neither JSON nor [DONE]")
                .hasMessageNotContaining("secret");
    }
}
