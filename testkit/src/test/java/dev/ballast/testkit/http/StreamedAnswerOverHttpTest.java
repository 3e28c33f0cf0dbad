package dev.ballast.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.Ballast;
import dev.ballast.Component;
import dev.ballast.Endpoint;
import dev.ballast.InvocationStream;
import dev.ballast.aws.AwsTransport;
import dev.ballast.engine.BallastEngine;
import dev.ballast.error.TransportException;
import dev.ballast.outcome.Outcome;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.testkit.ContainerBehavior;
import dev.ballast.testkit.ContainerRequest;
import dev.ballast.testkit.ContainerResponse;
import dev.ballast.testkit.ContainerSpec;
import dev.ballast.testkit.ContainerStream;
import dev.ballast.testkit.FakeSageMaker;
import dev.ballast.testkit.FakeTimings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * {@code ballast.invokeStream} over HTTP, as a service runs it against AWS: Ballast's engine on
 * {@link AwsTransport} with the SDK's {@link SageMakerRuntimeAsyncClient} (its default Netty HTTP
 * client), against the fake's HTTP front, which frames the answer as AWS event-stream messages.
 */
class StreamedAnswerOverHttpTest {

    private static final String SECRET = "hf_http_stream_secret_77";
    private static final String CHAT = "{\"messages\":[{\"role\":\"user\",\"content\":\"How many R are in STRAWBERRY?\"}],"
            + "\"stream\":true}";

    private final FakeSageMaker fake = FakeSageMaker.builder().timings(FakeTimings.builder()
            .timeToFirstToken(Duration.ofMillis(200)).timePerToken(Duration.ofMillis(30)).build()).build();
    private final List<SdkAutoCloseable> opened = new ArrayList<>();
    private FakeServer server;

    @AfterEach
    void stop() {
        opened.forEach(SdkAutoCloseable::close);
        if (server != null) {
            server.close();
        }
        fake.close();
    }

    private static ComponentEndpointSpec spec() {
        return Endpoint.on("ml.g5.12xlarge").scale(1, 2).executionRole("arn:aws:iam::123456789012:role/SageMakerExecutionRole")
                .component(Component.named("llm").image("763104351884.dkr.ecr.us-east-1.amazonaws.com/tgi:2.2.0")
                        .env("HF_MODEL_ID", "meta-llama/Llama-3.1-8B-Instruct").env("MESSAGES_API_ENABLED", "true")
                        .secretEnv("HF_TOKEN", SECRET).accelerators(1).memoryMb(1024).copies(1))
                .component(Component.named("broken").image("763104351884.dkr.ecr.us-east-1.amazonaws.com/tgi:2.2.0")
                        .accelerators(1).memoryMb(1024).copies(1))
                .named("stream-demo");
    }

    /** Deploys in process (fast), then serves the world and builds an engine on AWS clients over HTTP. */
    private Ballast overHttp() {
        fake.givenContainerFor("broken", new ContainerBehavior() {
            @Override
            public ContainerResponse respond(ContainerRequest request, ContainerSpec spec) {
                return ContainerResponse.ok("{}");
            }

            @Override
            public ContainerStream stream(ContainerRequest request, ContainerSpec spec) {
                return ContainerStream.of("text/event-stream", List.of(
                                ContainerStream.Part.of("data:{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"So far\"}}]}\n\n",
                                        Duration.ofMillis(10))))
                        .thenModelStreamError("StreamBroken", "The model server closed the stream.", Duration.ofMillis(10));
            }
        });
        assertThat(fake.engine().apply(spec()).await()).isInstanceOf(Outcome.Succeeded.class);
        server = FakeServer.builder(fake).build().start();
        SageMakerRuntimeAsyncClient async = SageMakerRuntimeAsyncClient.builder().endpointOverride(server.uri())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        opened.add(async);
        var sageMaker = SdkClients.sageMaker(server);
        var runtime = SdkClients.runtime(server);
        opened.add(sageMaker);
        opened.add(runtime);
        AwsTransport streaming = AwsTransport.builder().sageMaker(sageMaker).runtime(runtime).runtimeAsync(async).build();
        return BallastEngine.builder().transport(streaming).build();
    }

    @Test
    @DisplayName("the TGI container's chat streams over HTTP to Ballast: the tokens join to the unstreamed answer, from the variant that served")
    void tokensOverHttp() {
        Ballast ballast = overHttp();
        String unstreamed = ballast.invoke(spec(), "llm", CHAT.replace(",\"stream\":true", "")).body();

        InvocationStream stream = ballast.invokeStream(spec(), "llm", CHAT);

        assertThat(stream.invokedVariant()).contains("AllTraffic");
        assertThat(stream.contentType()).contains("text/event-stream");
        String text = stream.text();
        assertThat(text).startsWith("There are 3 R's in STRAWBERRY.");
        assertThat(unstreamed).contains("\"content\":\"" + text + "\"");
    }

    @Test
    @DisplayName("a ModelStreamError framed mid-stream reaches Ballast as a TransportException with that code, without a secret")
    void midStreamErrorOverHttp() {
        Ballast ballast = overHttp();

        assertThatThrownBy(() -> ballast.invokeStream(spec(), "broken", CHAT).text())
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("ModelStreamError");
                    assertThat(e.operation()).isEqualTo("InvokeEndpointWithResponseStream");
                    assertThat(e.getMessage()).doesNotContain(SECRET);
                });
    }

    @Test
    @DisplayName("a component that is not on the endpoint is the service's ValidationError, before any part")
    void unknownComponentOverHttp() {
        Ballast ballast = overHttp();
        ComponentEndpointSpec other = Endpoint.on("ml.g5.12xlarge").scale(1, 2)
                .executionRole("arn:aws:iam::123456789012:role/SageMakerExecutionRole")
                .component(Component.named("ghost").image("img").accelerators(1).memoryMb(1024).copies(1))
                .named("stream-demo");

        assertThatThrownBy(() -> ballast.invokeStream(other, "ghost", CHAT))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.errorCode()).isEqualTo("ValidationError"));
    }
}
