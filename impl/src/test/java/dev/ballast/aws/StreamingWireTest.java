package dev.ballast.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

import dev.ballast.Ballast;
import dev.ballast.InvocationStream;
import dev.ballast.engine.BallastEngine;
import dev.ballast.error.TransportException;

/**
 * A streamed invocation through {@link AwsTransport}: the SDK's asynchronous runtime client reads
 * the event-stream framing, and Ballast hands the parts over, reads the text of server-sent-event
 * chunks across part boundaries, and reports a mid-stream error with its code.
 */
class StreamingWireTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String PATH = "/endpoints/demo/invocations-response-stream";
    private static final String CHAT = "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"stream\":true}";

    private AwsTransport transport;

    @AfterEach
    void close() {
        if (transport != null) {
            transport.close();
        }
    }

    private Ballast engine() {
        transport = WireClients.streamingTransport(wm.baseUrl());
        return BallastEngine.builder().transport(transport).build();
    }

    @Test
    @DisplayName("invokeStream posts to invocations-response-stream with the component header; parts split mid-line and mid-character still give the text")
    void tokensAcrossParts() {
        String sse = chunk("Straw") + chunk("berry ") + chunk("has 3 R’s.") + "data: [DONE]\n\n";
        byte[] all = sse.getBytes(StandardCharsets.UTF_8);
        // cut inside the multi-byte apostrophe and inside a "data:" line
        int apostrophe = sse.indexOf('’');
        int cutInCharacter = sse.substring(0, apostrophe).getBytes(StandardCharsets.UTF_8).length + 1;
        List<byte[]> parts = List.of(slice(all, 0, 17), slice(all, 17, cutInCharacter), slice(all, cutInCharacter, all.length));
        stub(200, frames(parts, null));

        InvocationStream stream = engine().invokeStream(DemoSpec.spec("hf_secret"), DemoSpec.COMPONENT, CHAT);

        assertThat(stream.invokedVariant()).contains("AllTraffic");
        assertThat(stream.text()).isEqualTo("Strawberry has 3 R’s.");
        assertThat(wm.findAll(postRequestedFor(urlEqualTo(PATH))
                .withHeader("X-Amzn-SageMaker-Inference-Component", equalTo(DemoSpec.COMPONENT)))).hasSize(1);
    }

    @Test
    @DisplayName("the parts arrive as the bytes the model streamed, in order")
    void partsAsBytes() {
        stub(200, frames(List.of(utf8("data: {\"token\":"), utf8("{\"text\":\"a\"}}\n\n")), null));

        assertThat(engine().invokeStream(DemoSpec.spec("hf_secret"), DemoSpec.COMPONENT, CHAT).body())
                .isEqualTo("data: {\"token\":{\"text\":\"a\"}}\n\n");
    }

    @Test
    @DisplayName("a ModelStreamError in the middle of the stream comes after the text before it, as a TransportException with its code")
    void midStreamError() {
        stub(200, frames(List.of(utf8(chunk("partial"))), "ModelStreamError"));
        InvocationStream stream = engine().invokeStream(DemoSpec.spec("hf_secret"), DemoSpec.COMPONENT, CHAT);
        List<String> seen = new ArrayList<>();
        List<Throwable> failed = new ArrayList<>();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        stream.tokens().subscribe(new java.util.concurrent.Flow.Subscriber<>() {
            @Override
            public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(String item) {
                seen.add(item);
            }

            @Override
            public void onError(Throwable t) {
                failed.add(t);
                done.countDown();
            }

            @Override
            public void onComplete() {
                done.countDown();
            }
        });
        awaitQuietly(done);

        assertThat(seen).containsExactly("partial");
        assertThat(failed).singleElement().isInstanceOfSatisfying(TransportException.class, e -> {
            assertThat(e.errorCode()).isEqualTo("ModelStreamError");
            assertThat(e.operation()).isEqualTo("InvokeEndpointWithResponseStream");
        });
    }

    @Test
    @DisplayName("a ModelError before the stream opens is thrown by invokeStream itself")
    void modelErrorBeforeOpening() {
        wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(424)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", "ModelError:http://internal.amazon.com/coral/com.amazon.sagemaker/")
                .withBody("{\"OriginalStatusCode\":422,\"OriginalMessage\":\"missing field `inputs`\","
                        + "\"Message\":\"Received client error (422) from primary with message \\\"missing field\\\".\"}")));

        assertThatThrownBy(() -> engine().invokeStream(DemoSpec.spec("hf_secret"), DemoSpec.COMPONENT, CHAT))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("ModelError");
                    assertThat(e.statusCode()).isEqualTo(424);
                });
    }

    @Test
    @DisplayName("a transport without an asynchronous runtime client says which builder method gives one")
    void noAsyncClient() {
        AwsTransport syncOnly = AwsTransport.builder().build();

        assertThatThrownBy(() -> syncOnly.executeStream(software.amazon.awssdk.services.sagemakerruntime.model
                .InvokeEndpointWithResponseStreamRequest.builder().endpointName("e").build()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("AwsTransport.builder().runtimeAsync(..)");
    }

    private static void awaitQuietly(java.util.concurrent.CountDownLatch latch) {
        try {
            // the SDK's own threads deliver the parts; this waits for a local server's answer, not for time to pass
            if (!latch.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new AssertionError("the stream did not end");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void stub(int status, byte[] body) {
        wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/vnd.amazon.eventstream")
                .withHeader("x-Amzn-Invoked-Production-Variant", "AllTraffic")
                .withHeader("X-Amzn-SageMaker-Content-Type", "text/event-stream")
                .withBody(body)));
    }

    private static String chunk(String content) {
        return "data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
                + "\"content\":\"" + content + "\"},\"finish_reason\":null}]}\n\n";
    }

    /** @return each part framed as a PayloadPart event, then, if given, an exception event of that type */
    private static byte[] frames(List<byte[]> parts, String exceptionType) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            Map<String, HeaderValue> headers = new LinkedHashMap<>();
            headers.put(":message-type", HeaderValue.fromString("event"));
            headers.put(":event-type", HeaderValue.fromString("PayloadPart"));
            headers.put(":content-type", HeaderValue.fromString("application/octet-stream"));
            new Message(headers, part).encode(out);
        }
        if (exceptionType != null) {
            Map<String, HeaderValue> headers = new LinkedHashMap<>();
            headers.put(":message-type", HeaderValue.fromString("exception"));
            headers.put(":exception-type", HeaderValue.fromString(exceptionType));
            headers.put(":content-type", HeaderValue.fromString("application/json"));
            new Message(headers, utf8("{\"Message\":\"The model stopped.\",\"ErrorCode\":\"ModelStreamError\"}")).encode(out);
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] slice(byte[] all, int from, int to) {
        return java.util.Arrays.copyOfRange(all, from, to);
    }
}
