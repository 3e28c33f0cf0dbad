package dev.ballast.scenario;

import static dev.ballast.testkit.assertions.FakeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.ballast.Ballast;
import dev.ballast.Component;
import dev.ballast.Endpoint;
import dev.ballast.Invocation;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.testkit.FakeSageMaker;
import dev.ballast.testkit.junit.BallastTest;

/**
 * The README's adapter example, as written there: {@link #readmeSnippetIsThisTest()} checks that
 * every line of the README's {@code adapters-example} is a line of this file.
 */
@BallastTest
class AdapterReadmeExampleTest {

    FakeSageMaker fake;
    Ballast ballast;

    private final String role = NotebookSpecs.ROLE;
    private final String tgiImage = NotebookSpecs.IMAGE;

    @Test
    @DisplayName("a LoRA adapter is applied after its base, answers by its name and is deleted first")
    void loraAdapter() {
        ComponentEndpointSpec lora = Endpoint.on("ml.g5.2xlarge").scale(1, 2).executionRole(role)
                .component(Component.named("llm").image(tgiImage)
                        .env("HF_MODEL_ID", "meta-llama/Llama-3.1-8B-Instruct")
                        .accelerators(1).memoryMb(1024).copies(1))
                .component(Component.named("support").adapterOf("llm")
                        .artifact("s3://my-bucket/adapters/support.tar.gz"))
                .named("lora-demo");

        assertThat(ballast.apply(lora).await()).isSucceeded();
        Invocation answer = ballast.invoke(lora, "support", "{\"inputs\":\"Where is my order?\"}");
        assertThat(answer.body()).isNotBlank();
        assertThat(ballast.delete(lora).await()).isSucceeded();

        // what the README's comments say: the base came first, the adapter went first
        assertThat(fake.timeline().events().stream().filter(e -> e.kind() == dev.ballast.testkit.TimelineEvent.Kind.CREATED)
                .map(dev.ballast.testkit.TimelineEvent::resourceName).toList()).containsSubsequence("llm", "support");
        assertThat(fake.timeline().events().stream().filter(e -> e.kind() == dev.ballast.testkit.TimelineEvent.Kind.DELETED)
                .map(dev.ballast.testkit.TimelineEvent::resourceName).toList()).containsSubsequence("support", "llm");
    }

    @Test
    @DisplayName("the README's adapter snippet is this test")
    void readmeSnippetIsThisTest() throws IOException {
        ReadmeSnippets.assertExampleIsIn("adapters-example", AdapterReadmeExampleTest.class);
    }
}
