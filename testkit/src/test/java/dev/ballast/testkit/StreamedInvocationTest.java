package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.spi.StreamedResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.DataCaptureConfig;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemakerruntime.model.InternalStreamFailureException;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelStreamErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.PayloadPart;

/**
 * {@code InvokeEndpointWithResponseStream} in process ({@link FakeSageMaker#executeStream}): TGI's
 * server-sent events, pacing on the virtual clock, failures in the middle, metrics and capture.
 */
class StreamedInvocationTest {

    static final String CHAT = "{\"messages\":[{\"role\":\"user\",\"content\":\"How many R's in strawberry?\"}]";
    static final String CHAT_STREAM = CHAT + ",\"stream\":true}";
    private static final String SECRET = "hf_SECRET_token_streaming";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeSageMaker fake = FakeSageMaker.builder().timings(FakeTimings.builder()
            .timeToFirstToken(Duration.ofMillis(400)).timePerToken(Duration.ofMillis(20)).build()).build();

    static void componentEndpoint(FakeSageMaker world, Map<String, String> env) {
        Fixtures.icEndpoint(world, "ep", "ml.g5.12xlarge", 1, 1, 4);
        Fixtures.createComponent(world, "ic", "ep", Fixtures.spec(1, 1024, env), 1);
        Fixtures.awaitComponent(world, "ic", InferenceComponentStatus.IN_SERVICE);
    }

    static Map<String, String> llama(boolean messagesApi) {
        return messagesApi
                ? Map.of("HF_MODEL_ID", "meta-llama/Llama-3.1-8B-Instruct", "MESSAGES_API_ENABLED", "true",
                        "HF_TOKEN", SECRET)
                : Map.of("HF_MODEL_ID", "meta-llama/Llama-3.1-8B-Instruct", "HF_TOKEN", SECRET);
    }

    static InvokeEndpointWithResponseStreamRequest toComponent(String body) {
        return InvokeEndpointWithResponseStreamRequest.builder().endpointName("ep").inferenceComponentName("ic")
                .contentType("application/json").body(SdkBytes.fromUtf8String(body)).build();
    }

    /** The chunks' delta contents, in order, from the server-sent events of a chat stream. */
    static String chatText(List<String> parts) throws Exception {
        StringBuilder text = new StringBuilder();
        for (String part : parts) {
            if (!part.equals("data:[DONE]\n\n")) {
                text.append(JSON.readTree(part.substring("data:".length())).at("/choices/0/delta/content").asText());
            }
        }
        return text.toString();
    }

    private String unstreamedChatContent() throws Exception {
        String body = fake.runtimeClient().invokeEndpoint(b -> b.endpointName("ep").inferenceComponentName("ic")
                .contentType("application/json").body(SdkBytes.fromUtf8String(CHAT + "}"))).body().asUtf8String();
        return JSON.readTree(body).at("/choices/0/message/content").asText();
    }

    @Test
    @DisplayName("a chat request with \"stream\": true is streamed as TGI's chat.completion.chunk events, the text equal to the unstreamed answer's")
    void chatStreamsAsTgiChunks() throws Exception {
        componentEndpoint(fake, llama(true));

        StreamedResponse stream = fake.executeStream(toComponent(CHAT_STREAM)).join();
        Reader reader = Reader.readAll(stream);

        InvokeEndpointWithResponseStreamResponse response = (InvokeEndpointWithResponseStreamResponse) stream.response();
        assertThat(response.contentType()).isEqualTo("text/event-stream");
        assertThat(response.invokedProductionVariant()).isEqualTo("AllTraffic");
        assertThat(reader.completed).isTrue();
        List<String> parts = reader.texts();
        assertThat(parts.size()).isGreaterThan(10);
        assertThat(parts).allSatisfy(part -> assertThat(part).startsWith("data:").endsWith("\n\n"));
        assertThat(parts.get(0)).startsWith("data:{\"object\":\"chat.completion.chunk\",\"id\":\"\",\"created\":0,"
                + "\"model\":\"meta-llama/Llama-3.1-8B-Instruct\",\"system_fingerprint\":")
                .contains("\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"There\"},"
                        + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}");
        JsonNode last = JSON.readTree(parts.get(parts.size() - 2).substring("data:".length()));
        assertThat(last.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(last.at("/choices/0/delta/content").asText()).isEmpty();
        assertThat(parts.get(parts.size() - 1)).isEqualTo("data:[DONE]\n\n");
        assertThat(chatText(parts)).isEqualTo(unstreamedChatContent())
                .startsWith("There are 3 R's in STRAWBERRY.");
        // words and punctuation are tokens of their own, spaces go with the word after them
        assertThat(parts.subList(0, 6).stream().map(p -> {
            try {
                return JSON.readTree(p.substring(5)).at("/choices/0/delta/content").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).containsExactly("There", " are", " 3", " R", "'", "s");
    }

    @Test
    @DisplayName("reading the stream moves the clock by time to first token plus one token time per further token, part by part on demand")
    void pacingFollowsTheGenerationSpeedOnDemand() {
        componentEndpoint(fake, llama(true));
        StreamedResponse stream = fake.executeStream(toComponent(CHAT_STREAM)).join();
        Instant opened = fake.clock().now();
        Reader reader = new Reader(0);
        stream.events().subscribe(reader);
        assertThat(fake.clock().now()).as("nothing asked, nothing generated").isEqualTo(opened);

        reader.subscription.request(1);
        assertThat(fake.clock().now()).isEqualTo(opened.plusMillis(400));
        reader.subscription.request(1);
        assertThat(fake.clock().now()).isEqualTo(opened.plusMillis(420));
        reader.subscription.request(Long.MAX_VALUE);

        // n text tokens, then the end-of-sequence chunk (one more token), then [DONE] at once
        int textTokens = reader.parts.size() - 2;
        assertThat(reader.completed).isTrue();
        assertThat(Duration.between(opened, fake.clock().now()))
                .isEqualTo(Duration.ofMillis(400).plus(Duration.ofMillis(20).multipliedBy(textTokens)));
    }

    @Test
    @DisplayName("a generation speed of zero streams every token without moving the clock")
    void zeroSpeedTakesNoTime() throws Exception {
        FakeSageMaker instant = FakeSageMaker.builder().timings(FakeTimings.builder().timeToFirstToken(Duration.ZERO)
                .timePerToken(Duration.ZERO).build()).build();
        componentEndpoint(instant, llama(true));
        Instant before = instant.clock().now();

        Reader reader = Reader.readAll(instant.executeStream(toComponent(CHAT_STREAM)).join());

        assertThat(instant.clock().now()).isEqualTo(before);
        assertThat(reader.completed).isTrue();
        assertThat(chatText(reader.texts())).startsWith("There are 3 R's in STRAWBERRY.");
    }

    @Test
    @DisplayName("{\"inputs\":..., \"stream\": true} on a variant streams TGI's generate_stream tokens, generated_text on the last")
    void generateStreamOnAVariant() throws Exception {
        fake.sageMakerClient().createModel(b -> b.modelName("tgi").executionRoleArn(Fixtures.ROLE).primaryContainer(
                ContainerDefinition.builder().image(Fixtures.IMAGE)
                        .environment(Map.of("HF_MODEL_ID", "mistralai/Mistral-7B-Instruct-v0.3")).build()));
        fake.sageMakerClient().createEndpointConfig(b -> b.endpointConfigName("cfg").productionVariants(
                ProductionVariant.builder().variantName("Blue").modelName("tgi").instanceType("ml.g5.2xlarge")
                        .initialInstanceCount(1).build()));
        fake.sageMakerClient().createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg"));
        Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE);
        String unstreamed = JSON.readTree(fake.runtimeClient().invokeEndpoint(b -> b.endpointName("ep")
                .body(SdkBytes.fromUtf8String("{\"inputs\":\"How many R's?\"}"))).body().asUtf8String())
                .at("/0/generated_text").asText();

        StreamedResponse stream = fake.executeStream(InvokeEndpointWithResponseStreamRequest.builder()
                .endpointName("ep").targetVariant("Blue")
                .body(SdkBytes.fromUtf8String("{\"inputs\":\"How many R's?\",\"stream\":true}")).build()).join();
        List<String> parts = Reader.readAll(stream).texts();

        assertThat(((InvokeEndpointWithResponseStreamResponse) stream.response()).invokedProductionVariant())
                .isEqualTo("Blue");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            assertThat(parts.get(i)).startsWith("data:{\"index\":" + (i + 1) + ",\"token\":{\"id\":");
            JsonNode event = JSON.readTree(parts.get(i).substring("data:".length()));
            boolean last = i == parts.size() - 1;
            assertThat(event.at("/token/special").asBoolean()).isEqualTo(last);
            if (last) {
                assertThat(event.at("/token/text").asText()).isEqualTo("</s>");
                assertThat(event.get("generated_text").asText()).isEqualTo(unstreamed);
            } else {
                assertThat(event.get("generated_text").isNull()).isTrue();
                text.append(event.at("/token/text").asText());
            }
            assertThat(event.get("details").isNull()).isTrue();
        }
        assertThat(text.toString()).isEqualTo(unstreamed);
    }

    @Test
    @DisplayName("without \"stream\": true the whole JSON answer is one part")
    void withoutStreamTheWholeAnswerIsOnePart() {
        componentEndpoint(fake, llama(true));
        String unstreamed = fake.runtimeClient().invokeEndpoint(b -> b.endpointName("ep").inferenceComponentName("ic")
                .contentType("application/json").body(SdkBytes.fromUtf8String(CHAT + "}"))).body().asUtf8String();

        StreamedResponse stream = fake.executeStream(toComponent(CHAT + "}")).join();

        assertThat(((InvokeEndpointWithResponseStreamResponse) stream.response()).contentType())
                .isEqualTo("application/json");
        assertThat(Reader.readAll(stream).texts()).containsExactly(unstreamed);
    }

    @Test
    @DisplayName("without MESSAGES_API_ENABLED a streamed chat request fails before the stream exactly as the unstreamed one")
    void withoutMessagesApiTheStreamIsAModelError() {
        componentEndpoint(fake, llama(false));
        ModelErrorException unstreamed = (ModelErrorException) org.assertj.core.api.Assertions.catchThrowable(() ->
                fake.runtimeClient().invokeEndpoint(b -> b.endpointName("ep").inferenceComponentName("ic")
                        .contentType("application/json").body(SdkBytes.fromUtf8String(CHAT_STREAM))));

        assertThatThrownBy(() -> fake.executeStream(toComponent(CHAT_STREAM)).join())
                .isInstanceOf(CompletionException.class).cause()
                .isInstanceOfSatisfying(ModelErrorException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(424);
                    assertThat(e.originalStatusCode()).isEqualTo(422);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ModelError");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(unstreamed.awsErrorDetails().errorMessage());
                    assertThat(e.getMessage()).doesNotContain(SECRET);
                });
    }

    @Test
    @DisplayName("a test's own behaviour ends a stream with a ModelStreamError after its parts, at its time")
    void modelStreamErrorInTheMiddle() {
        fake.givenContainerFor("ic", streaming(ContainerStream.of("text/plain", List.of(
                        ContainerStream.Part.of("Hello", Duration.ofMillis(100)),
                        ContainerStream.Part.of(" world", Duration.ofMillis(50))))
                .thenModelStreamError("ModelInvocationTimeExceeded", "The model did not finish in time.",
                        Duration.ofSeconds(2))));
        componentEndpoint(fake, Map.of("HF_TOKEN", SECRET));
        Instant opened = fake.clock().now();

        Reader reader = Reader.readAll(fake.executeStream(toComponent("{}")).join());

        assertThat(reader.texts()).containsExactly("Hello", " world");
        assertThat(reader.error).isInstanceOfSatisfying(ModelStreamErrorException.class, e -> {
            assertThat(e.errorCode()).isEqualTo("ModelInvocationTimeExceeded");
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ModelStreamError");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The model did not finish in time.");
            assertThat(e.requestId()).isNotBlank();
        });
        assertThat(reader.completed).isFalse();
        assertThat(fake.clock().now()).isEqualTo(opened.plusMillis(2150));
    }

    @Test
    @DisplayName("a stream can end with an InternalStreamFailure, even before its first part")
    void internalStreamFailure() {
        fake.givenContainerFor("ic", streaming(ContainerStream.of("text/plain", List.of())
                .thenInternalStreamFailure("The stream processing failed.", Duration.ofMillis(10))));
        componentEndpoint(fake, Map.of());

        Reader reader = Reader.readAll(fake.executeStream(toComponent("{}")).join());

        assertThat(reader.parts).isEmpty();
        assertThat(reader.error).isInstanceOfSatisfying(InternalStreamFailureException.class, e ->
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalStreamFailure"));
    }

    @Test
    @DisplayName("a behaviour that does not stream answers its whole response as one part taking its latency")
    void nonStreamingBehaviourIsOnePart() {
        fake.givenContainerFor("ic", ContainerBehavior.always(ContainerResponse.ok("{\"a\":1}")
                .withLatency(Duration.ofMillis(70))));
        componentEndpoint(fake, Map.of());
        Instant opened = fake.clock().now();

        Reader reader = Reader.readAll(fake.executeStream(toComponent("{}")).join());

        assertThat(reader.texts()).containsExactly("{\"a\":1}");
        assertThat(fake.clock().now()).isEqualTo(opened.plusMillis(70));
    }

    @Test
    @DisplayName("a streamed call counts once in Invocations with the whole stream as ModelLatency; a mid-stream failure is a 5XX error")
    void metricsAsSageMakerCountsThem() {
        int[] calls = {0};
        fake.givenContainerFor("ic", new ContainerBehavior() {
            @Override
            public ContainerResponse respond(ContainerRequest request, ContainerSpec spec) {
                return ContainerResponse.ok("{}");
            }

            @Override
            public ContainerStream stream(ContainerRequest request, ContainerSpec spec) {
                ContainerStream parts = ContainerStream.of("text/plain", List.of(
                        ContainerStream.Part.of("a", Duration.ofMillis(300)),
                        ContainerStream.Part.of("b", Duration.ofMillis(200))));
                return ++calls[0] == 2 ? parts.thenModelStreamError("StreamBroken", "broken", Duration.ofMillis(100))
                        : parts;
            }
        });
        componentEndpoint(fake, Map.of());
        Instant minute = fake.clock().now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        fake.clock().advance(Duration.between(fake.clock().now(), minute));

        Reader.readAll(fake.executeStream(toComponent("{}")).join());
        Reader.readAll(fake.executeStream(toComponent("{}")).join());

        assertThat(stat("Invocations", Statistic.SUM, minute, "InferenceComponentName", "ic")).isEqualTo(2.0);
        assertThat(stat("Invocations", Statistic.SUM, minute, "EndpointName", "ep", "VariantName", "AllTraffic"))
                .isEqualTo(2.0);
        assertThat(stat("Invocation5XXErrors", Statistic.SUM, minute, "InferenceComponentName", "ic")).isEqualTo(1.0);
        assertThat(stat("Invocation4XXErrors", Statistic.SUM, minute, "InferenceComponentName", "ic")).isEqualTo(0.0);
        // 500 ms for the stream that ended, 600 ms for the one that broke; in microseconds
        assertThat(stat("ModelLatency", Statistic.MINIMUM, minute, "InferenceComponentName", "ic"))
                .isEqualTo(500_000.0);
        assertThat(stat("ModelLatency", Statistic.MAXIMUM, minute, "InferenceComponentName", "ic"))
                .isEqualTo(600_000.0);
        assertThat(stat("InvocationsPerCopy", Statistic.SUM, minute, "InferenceComponentName", "ic")).isEqualTo(2.0);
    }

    @Test
    @DisplayName("the metrics of a stream are recorded when the container's answer ends on the clock, read or not")
    void metricsWhenTheAnswerEnds() {
        componentEndpoint(fake, llama(true));
        Instant minute = fake.clock().now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        fake.clock().advance(Duration.between(fake.clock().now(), minute));

        fake.executeStream(toComponent(CHAT_STREAM)).join(); // never read
        assertThat(stat("Invocations", Statistic.SAMPLE_COUNT, minute, "InferenceComponentName", "ic")).isNull();
        fake.clock().advance(Duration.ofSeconds(30));

        assertThat(stat("Invocations", Statistic.SUM, minute, "InferenceComponentName", "ic")).isEqualTo(1.0);
    }

    @Test
    @DisplayName("data capture records a stream that ended, its parts one after the other, and never one that failed")
    void captureOfStreams() {
        int[] calls = {0};
        fake.givenContainerFor("tgi", new ContainerBehavior() {
            @Override
            public ContainerResponse respond(ContainerRequest request, ContainerSpec spec) {
                return ContainerResponse.ok("{}");
            }

            @Override
            public ContainerStream stream(ContainerRequest request, ContainerSpec spec) {
                ContainerStream parts = ContainerStream.of("text/plain", List.of(
                        ContainerStream.Part.of("Hello", Duration.ofMillis(30)),
                        ContainerStream.Part.of(" there", Duration.ofMillis(30))));
                return ++calls[0] == 1 ? parts : parts.thenInternalStreamFailure("failed", Duration.ZERO);
            }
        });
        endpointWithCapture(fake);

        Reader.readAll(fake.executeStream(toVariant("{\"prompt\":1}")).join());
        Reader failed = Reader.readAll(fake.executeStream(toVariant("{\"prompt\":2}")).join());

        assertThat(failed.error).isInstanceOf(InternalStreamFailureException.class);
        List<CapturedInvocation> captured = fake.capturedData("ep");
        assertThat(captured).hasSize(1);
        assertThat(captured.get(0).input().bodyAsString()).isEqualTo("{\"prompt\":1}");
        assertThat(captured.get(0).input().contentType()).isEqualTo("application/json");
        assertThat(captured.get(0).output().bodyAsString()).isEqualTo("Hello there");
        assertThat(captured.get(0).output().contentType()).isEqualTo("text/plain");
        assertThat(captured.get(0).toString()).doesNotContain("Hello");
    }

    @Test
    @DisplayName("data capture of the default container's chat stream holds its server-sent events")
    void captureOfTgiStream() {
        endpointWithCapture(fake);

        List<String> parts = Reader.readAll(fake.executeStream(toVariant(CHAT_STREAM)).join()).texts();

        assertThat(fake.capturedData("ep")).singleElement().satisfies(c -> {
            assertThat(c.output().bodyAsString()).isEqualTo(String.join("", parts)).endsWith("data:[DONE]\n\n");
            assertThat(c.output().contentType()).isEqualTo("text/event-stream");
        });
    }

    @Test
    @DisplayName("captureStreamedInvocations(false): streamed calls are not captured, unstreamed ones are")
    void captureOfStreamsCanBeTurnedOff() {
        FakeSageMaker world = FakeSageMaker.builder().captureStreamedInvocations(false).build();
        endpointWithCapture(world);

        Reader.readAll(world.executeStream(toVariant(CHAT_STREAM)).join());
        world.runtimeClient().invokeEndpoint(b -> b.endpointName("ep").body(SdkBytes.fromUtf8String(CHAT + "}")));

        assertThat(world.capturedData("ep")).hasSize(1);
        assertThat(world.capturedData("ep").get(0).output().bodyAsString()).startsWith("{\"object\":\"chat.completion\"");
    }

    @Test
    @DisplayName("the environment's secrets never reach the errors, the stream's toString or the timeline")
    void secretsStayOut() {
        componentEndpoint(fake, llama(false));
        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() ->
                fake.executeStream(toComponent(CHAT_STREAM)).join());
        fake.givenContainerFor("ic", streaming(ContainerStream.of("text/plain",
                List.of(ContainerStream.Part.of(SECRET, Duration.ZERO)))));

        assertThat(refused.getCause().toString()).doesNotContain(SECRET);
        assertThat(ContainerStream.of("text/plain", List.of(ContainerStream.Part.of(SECRET, Duration.ZERO))).toString())
                .doesNotContain(SECRET);
        assertThat(fake.timeline().events()).allSatisfy(e -> assertThat(e.toString()).doesNotContain(SECRET));
    }

    @Test
    @DisplayName("the events have one subscriber only; a second is told so")
    void oneSubscriberOnly() {
        componentEndpoint(fake, llama(true));
        StreamedResponse stream = fake.executeStream(toComponent(CHAT_STREAM)).join();
        Reader first = Reader.readAll(stream);
        Reader second = Reader.readAll(stream);

        assertThat(first.completed).isTrue();
        assertThat(second.error).isInstanceOf(IllegalStateException.class).hasMessageContaining("one subscriber");
    }

    @Test
    @DisplayName("the operation is served, and execute(..) of it points at the streaming entry points")
    void servedAndNotThroughExecute() {
        assertThat(fake.servedOperations("sagemaker-runtime")).contains("InvokeEndpoint",
                "InvokeEndpointWithResponseStream");
        assertThatThrownBy(() -> fake.execute(toComponent("{}"))).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("executeStream");
        assertThatThrownBy(() -> fake.executeStream(software.amazon.awssdk.services.sagemakerruntime.model
                .InvokeEndpointRequest.builder().endpointName("ep").body(SdkBytes.fromUtf8String("{}")).build()))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("InvokeEndpoint");
    }

    private static InvokeEndpointWithResponseStreamRequest toVariant(String body) {
        return InvokeEndpointWithResponseStreamRequest.builder().endpointName("ep").contentType("application/json")
                .body(SdkBytes.fromUtf8String(body)).build();
    }

    private static void endpointWithCapture(FakeSageMaker world) {
        world.sageMakerClient().createModel(b -> b.modelName("tgi").executionRoleArn(Fixtures.ROLE).primaryContainer(
                ContainerDefinition.builder().image(Fixtures.IMAGE).environment(Map.of("HF_MODEL_ID",
                        "meta-llama/Llama-3.1-8B-Instruct", "MESSAGES_API_ENABLED", "true")).build()));
        world.sageMakerClient().createEndpointConfig(b -> b.endpointConfigName("cfg")
                .dataCaptureConfig(DataCaptureConfig.builder().initialSamplingPercentage(100)
                        .destinationS3Uri("s3://capture/ep").captureOptions(o -> o.captureMode("InputAndOutput"))
                        .build())
                .productionVariants(ProductionVariant.builder().variantName("AllTraffic").modelName("tgi")
                        .instanceType("ml.g5.2xlarge").initialInstanceCount(1).build()));
        world.sageMakerClient().createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg"));
        Fixtures.awaitEndpoint(world, "ep", EndpointStatus.IN_SERVICE);
    }

    static ContainerBehavior streaming(ContainerStream stream) {
        return new ContainerBehavior() {
            @Override
            public ContainerResponse respond(ContainerRequest request, ContainerSpec spec) {
                return ContainerResponse.ok("{}");
            }

            @Override
            public ContainerStream stream(ContainerRequest request, ContainerSpec spec) {
                return stream;
            }
        };
    }

    private Double stat(String metric, Statistic statistic, Instant minute, String... dimensions) {
        List<software.amazon.awssdk.services.cloudwatch.model.Dimension> dims = new ArrayList<>();
        for (int i = 0; i < dimensions.length; i += 2) {
            dims.add(software.amazon.awssdk.services.cloudwatch.model.Dimension.builder().name(dimensions[i])
                    .value(dimensions[i + 1]).build());
        }
        var points = fake.cloudWatchClient().getMetricStatistics(b -> b.namespace("AWS/SageMaker").metricName(metric)
                .dimensions(dims).startTime(minute).endTime(minute.plusSeconds(60)).period(60)
                .statistics(statistic)).datapoints();
        if (points.isEmpty()) {
            return null;
        }
        return switch (statistic) {
            case SUM -> points.get(0).sum();
            case MINIMUM -> points.get(0).minimum();
            case MAXIMUM -> points.get(0).maximum();
            case SAMPLE_COUNT -> points.get(0).sampleCount();
            default -> points.get(0).average();
        };
    }

    /** A subscriber that records what it is given; requests {@code initial} at once. */
    static final class Reader implements Flow.Subscriber<SdkPojo> {
        final List<byte[]> parts = new ArrayList<>();
        private final long initial;
        Flow.Subscription subscription;
        boolean completed;
        Throwable error;

        Reader(long initial) {
            this.initial = initial;
        }

        static Reader readAll(StreamedResponse stream) {
            Reader reader = new Reader(Long.MAX_VALUE);
            stream.events().subscribe(reader);
            return reader;
        }

        List<String> texts() {
            return parts.stream().map(p -> new String(p, java.nio.charset.StandardCharsets.UTF_8)).toList();
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (initial > 0) {
                s.request(initial);
            }
        }

        @Override
        public void onNext(SdkPojo item) {
            parts.add(((PayloadPart) item).bytes().asByteArray());
        }

        @Override
        public void onError(Throwable throwable) {
            error = throwable;
        }

        @Override
        public void onComplete() {
            completed = true;
        }
    }
}
