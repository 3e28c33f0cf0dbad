package dev.ballast.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.Ballast;
import dev.ballast.Container;
import dev.ballast.Endpoint;
import dev.ballast.InvocationStream;
import dev.ballast.Model;
import dev.ballast.Variant;
import dev.ballast.aws.AwsTransport;
import dev.ballast.engine.BallastEngine;
import dev.ballast.outcome.Outcome;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.testkit.ContainerResponse;
import dev.ballast.testkit.FakeSageMaker;
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
 * A streamed invocation of one container of a multi-container model invoked directly
 * ({@link Ballast#invokeContainerStream}): {@code InvokeEndpointWithResponseStream} with
 * {@code TargetContainerHostname}, in process and through {@link AwsTransport} over HTTP.
 */
class StreamedContainerOverHttpTest {

    private static final String IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1";

    // every container answers with its STEP appended to the body
    private final FakeSageMaker fake = FakeSageMaker.create().givenContainer(spec -> spec.env("STEP") != null,
            (request, spec) -> ContainerResponse.ok(request.bodyAsString() + ">" + spec.env("STEP")));
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

    private static VariantEndpointSpec direct() {
        return Endpoint.serving(Variant.named("AllTraffic").on("ml.m5.xlarge").model(Model.named("translators-v1")
                .containers(Container.named("english").image(IMAGE).env("STEP", "en"),
                        Container.named("french").image(IMAGE).env("STEP", "fr"))
                .executionRole("arn:aws:iam::123456789012:role/SageMakerRole"))).named("translators");
    }

    private Ballast overHttp() {
        server = FakeServer.builder(fake).build().start();
        SageMakerRuntimeAsyncClient async = SageMakerRuntimeAsyncClient.builder().endpointOverride(server.uri())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        var sageMaker = SdkClients.sageMaker(server);
        var runtime = SdkClients.runtime(server);
        opened.add(async);
        opened.add(sageMaker);
        opened.add(runtime);
        return BallastEngine.builder().transport(AwsTransport.builder().sageMaker(sageMaker).runtime(runtime).runtimeAsync(async)
                .build()).build();
    }

    @Test
    @DisplayName("each container streams its own answer, in process and over HTTP; an unknown hostname is refused before any call")
    void eachContainerStreamsItsOwnAnswer() {
        assertThat(fake.engine().apply(direct()).await()).isInstanceOf(Outcome.Succeeded.class);
        try (InvocationStream stream = fake.engine().invokeContainerStream(direct(), "french", "bonjour")) {
            assertThat(stream.body()).isEqualTo("bonjour>fr");
            assertThat(stream.invokedVariant()).contains("AllTraffic");
        }

        Ballast ballast = overHttp();
        try (InvocationStream stream = ballast.invokeContainerStream(direct(), "english", "hello")) {
            assertThat(stream.body()).isEqualTo("hello>en");
        }
        try (InvocationStream stream = ballast.invokeContainerStream(direct(), "french", "salut")) {
            assertThat(stream.body()).isEqualTo("salut>fr");
        }
        assertThatThrownBy(() -> ballast.invokeContainerStream(direct(), "german", "hallo"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Endpoint 'translators' has no container 'german' invoked directly; it has [english, french]");
    }
}
