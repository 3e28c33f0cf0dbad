package dev.ballast.scenario;

import static dev.ballast.testkit.assertions.FakeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.AutoScaling;
import dev.ballast.Ballast;
import dev.ballast.Component;
import dev.ballast.Endpoint;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.testkit.FakeSageMaker;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemakerruntime.model.ValidationErrorException;

/** The README's scale-to-zero example, run as written (its lines are checked against this file). */
class ReadmeScaleToZeroExampleTest {

    private final String role = "arn:aws:iam::123456789012:role/SageMakerRole";
    private final String image = "763104351884.dkr.ecr.us-east-1.amazonaws.com/tgi:2.2.0";

    @Test
    @DisplayName("the README's scale-to-zero example: idle to zero, a failed request, a cold start, an answer")
    void scaleToZeroExample() {
        ComponentEndpointSpec spec = Endpoint.on("ml.g5.2xlarge").scale(0, 2).executionRole(role)
                .component(Component.named("llm").image(image).accelerators(1).memoryMb(1024).copies(1)
                        .autoScaling(AutoScaling.between(0, 4).invocationsPerCopy(1)))
                .named("zero-demo");

        FakeSageMaker fake = FakeSageMaker.create();
        Ballast ballast = fake.engine();
        assertThat(ballast.apply(spec).await()).isSucceeded();
        fake.clock().advance(Duration.ofMinutes(40));
        assertThatThrownBy(() -> fake.runtimeClient().invokeEndpoint(b -> b.endpointName("zero-demo")
                .inferenceComponentName("llm").body(SdkBytes.fromUtf8String("{\"inputs\":\"hi\"}"))))
                .isInstanceOf(ValidationErrorException.class)
                .hasMessageStartingWith("Inference Component has no capacity to process this request.");
        fake.clock().advance(Duration.ofMinutes(10));
        assertThat(fake.runtimeClient().invokeEndpoint(b -> b.endpointName("zero-demo")
                .inferenceComponentName("llm").body(SdkBytes.fromUtf8String("{\"inputs\":\"hi\"}"))).body().asUtf8String()).isNotEmpty();
    }

    @Test
    @DisplayName("the README's scale-to-zero example is this test")
    void readmeSnippetIsThisTest() throws IOException {
        ReadmeSnippets.assertExampleIsIn("scale-to-zero-example", ReadmeScaleToZeroExampleTest.class);
    }
}
