package dev.ballast.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.ballast.Ballast;
import dev.ballast.InvocationStream;
import dev.ballast.error.TransportException;
import dev.ballast.outcome.Outcome;
import dev.ballast.testkit.ContainerBehavior;
import dev.ballast.testkit.ContainerRequest;
import dev.ballast.testkit.ContainerResponse;
import dev.ballast.testkit.ContainerSpec;
import dev.ballast.testkit.ContainerStream;
import dev.ballast.testkit.FakeSageMaker;
import dev.ballast.testkit.FakeTimings;

/**
 * {@code ballast.invokeStream} on the fake, in process: the notebook's component streams its chat
 * answer token by token on the simulated clock, as text equal to the unstreamed answer; the
 * endpoint of model variants streams too; errors before and in the middle of a stream come as the
 * call's {@link TransportException}, never quoting a secret.
 */
class StreamedAnswerScenarioTest {

    private static final String CHAT_STREAM = NotebookSpecs.CHAT.substring(0, NotebookSpecs.CHAT.length() - 1)
            + ",\"stream\":true}";

    private final FakeSageMaker fake = FakeSageMaker.builder().timings(FakeTimings.builder()
            .timeToFirstToken(Duration.ofMillis(300)).timePerToken(Duration.ofMillis(25)).build()).build();
    private final Ballast ballast = fake.engine();

    @Test
    @DisplayName("the notebook's component streams its chat answer: the tokens join to the unstreamed answer's text, and reading took the generation's simulated time")
    void notebookComponentStreams() {
        assertThat(ballast.apply(NotebookSpecs.llama()).await()).isInstanceOf(Outcome.Succeeded.class);
        String unstreamed = content(ballast.invoke(NotebookSpecs.llama(), "llm", NotebookSpecs.CHAT).body());

        InvocationStream stream = ballast.invokeStream(NotebookSpecs.llama(), "llm", CHAT_STREAM);
        Instant opened = fake.clock().now();
        List<String> tokens = new ArrayList<>();
        stream.tokens().subscribe(collect(tokens));

        assertThat(String.join("", tokens)).isEqualTo(unstreamed).startsWith("There are 3 R's in STRAWBERRY.");
        assertThat(tokens).hasSizeGreaterThan(10);
        assertThat(stream.invokedVariant()).contains("AllTraffic");
        assertThat(stream.contentType()).contains("text/event-stream");
        // the first token after 300 ms, each further one (and the end-of-sequence chunk) 25 ms later
        assertThat(Duration.between(opened, fake.clock().now()))
                .isEqualTo(Duration.ofMillis(300).plus(Duration.ofMillis(25).multipliedBy(tokens.size())));
    }

    @Test
    @DisplayName("text() and body() read a whole stream; a stream is read once")
    void blockingReads() {
        ballast.apply(NotebookSpecs.llama()).await();

        assertThat(ballast.invokeStream(NotebookSpecs.llama(), "llm", CHAT_STREAM).text())
                .startsWith("There are 3 R's in STRAWBERRY.");
        InvocationStream raw = ballast.invokeStream(NotebookSpecs.llama(), "llm", CHAT_STREAM);
        assertThat(raw.body()).startsWith("data:{\"object\":\"chat.completion.chunk\"").endsWith("data:[DONE]\n\n");
        assertThatThrownBy(raw::text).isInstanceOf(IllegalStateException.class).hasMessageContaining("already been read");
    }

    @Test
    @DisplayName("an endpoint of model variants streams from the variant asked for, whatever the weights")
    void variantStreams() {
        var spec = ABTestSpecs.abTest();
        fake.givenContainer(c -> true, new Story("from a variant"));
        ballast.apply(spec).await();

        InvocationStream stream = ballast.invokeStream(spec, ABTestSpecs.V2, "{\"inputs\":\"hi\",\"stream\":true}");

        assertThat(stream.invokedVariant()).contains(ABTestSpecs.V2);
        assertThat(stream.text()).isEqualTo("from a variant");
        assertThat(ballast.invokeStream(spec, "{\"inputs\":\"hi\",\"stream\":true}").text()).isEqualTo("from a variant");
    }

    @Test
    @DisplayName("without MESSAGES_API_ENABLED a streamed chat fails before the stream opens, as ModelError 424, like the unstreamed call")
    void refusedBeforeOpening() {
        ballast.apply(NotebookSpecs.deepSeekWithoutMessagesApi()).await();

        assertThatThrownBy(() -> ballast.invokeStream(NotebookSpecs.deepSeekWithoutMessagesApi(), "llm", CHAT_STREAM))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("ModelError");
                    assertThat(e.statusCode()).isEqualTo(424);
                    assertThat(e.operation()).isEqualTo("InvokeEndpointWithResponseStream");
                });
        assertThatThrownBy(() -> ballast.invoke(NotebookSpecs.deepSeekWithoutMessagesApi(), "llm", NotebookSpecs.CHAT))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.errorCode()).isEqualTo("ModelError"));
    }

    @Test
    @DisplayName("a ModelStreamError mid-stream reaches the reader after the text before it; no secret in the failure or the timeline")
    void midStreamFailure() {
        fake.givenContainerFor("llm", new Story("half an answer").breaking());
        ballast.apply(NotebookSpecs.llama()).await();
        InvocationStream stream = ballast.invokeStream(NotebookSpecs.llama(), "llm", CHAT_STREAM);
        List<String> tokens = new ArrayList<>();
        List<Throwable> failure = new ArrayList<>();
        stream.tokens().subscribe(collect(tokens, failure));

        assertThat(String.join("", tokens)).isEqualTo("half an answer");
        assertThat(failure).singleElement().isInstanceOfSatisfying(TransportException.class, e -> {
            assertThat(e.errorCode()).isEqualTo("ModelStreamError");
            assertThat(e.getMessage()).doesNotContain(NotebookSpecs.TOKEN);
        });
        assertThatThrownBy(() -> ballast.invokeStream(NotebookSpecs.llama(), "llm", CHAT_STREAM).text())
                .isInstanceOf(TransportException.class);
        assertThat(fake.timeline().toString()).doesNotContain(NotebookSpecs.TOKEN);
    }

    @Test
    @DisplayName("a component the spec does not have is refused before any call")
    void unknownTarget() {
        assertThatThrownBy(() -> ballast.invokeStream(NotebookSpecs.llama(), "nope", CHAT_STREAM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
    }

    static String content(String chatCompletion) {
        int start = chatCompletion.indexOf("\"content\":\"") + "\"content\":\"".length();
        return chatCompletion.substring(start, chatCompletion.indexOf("\"}", start)).replace("\\n", "\n");
    }

    private static Flow.Subscriber<String> collect(List<String> tokens) {
        return collect(tokens, new ArrayList<>());
    }

    private static Flow.Subscriber<String> collect(List<String> tokens, List<Throwable> failure) {
        return new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(String item) {
                tokens.add(item);
            }

            @Override
            public void onError(Throwable throwable) {
                failure.add(throwable);
            }

            @Override
            public void onComplete() {
            }
        };
    }

    /** Streams its words as OpenAI-style chunks; optionally breaks after them with a ModelStreamError. */
    private record Story(String text, boolean breaks) implements ContainerBehavior {
        Story(String text) {
            this(text, false);
        }

        Story breaking() {
            return new Story(text, true);
        }

        @Override
        public ContainerResponse respond(ContainerRequest request, ContainerSpec spec) {
            return ContainerResponse.ok("{\"generated_text\":\"" + text + "\"}");
        }

        @Override
        public ContainerStream stream(ContainerRequest request, ContainerSpec spec) {
            List<ContainerStream.Part> parts = new ArrayList<>();
            String[] words = text.split("(?= )");
            for (String word : words) {
                parts.add(ContainerStream.Part.of("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + word
                        + "\"}}]}\n\n", Duration.ofMillis(10)));
            }
            ContainerStream stream = ContainerStream.of("text/event-stream", parts);
            return breaks ? stream.thenModelStreamError("StreamBroken", "The model server closed the stream.", Duration.ofMillis(5))
                    : stream;
        }
    }
}
