package dev.ballast.scenario;

import static dev.ballast.testkit.assertions.FakeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.ballast.Ballast;
import dev.ballast.engine.Planner;
import dev.ballast.outcome.Outcome;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.testkit.FakeSageMaker;
import dev.ballast.testkit.Traffic;
import dev.ballast.testkit.junit.BallastTest;

/**
 * The README's testkit examples, as written there (a test that fails when the README stops being
 * true): {@link #readmeSnippetsAreTheseTests()} checks that every line of the README's snippets is
 * a line of this file.
 */
@BallastTest
class ReadmeExampleTest {

    FakeSageMaker fake;                                  // a fresh world per test, injected by type
    Ballast ballast;                                     // an engine bound to that world, on its clock

    private final ComponentEndpointSpec llama = NotebookSpecs.llama();
    private final ComponentEndpointSpec deepSeek = NotebookSpecs.deepSeek();
    private final ComponentEndpointSpec deepSeekWithoutMessagesApi = NotebookSpecs.deepSeekWithoutMessagesApi();
    private final String chatRequest = NotebookSpecs.CHAT;
    private final String token = NotebookSpecs.TOKEN;

    @Test
    @DisplayName("bad update rolls back")
    void badUpdateRollsBack() {
        assertThat(ballast.apply(llama).await()).isSucceeded();

        // Force the rollback alarm into ALARM (the test's lever); SageMaker rolls the update back
        // at its first bake. (Invoking a version that fails the requests does the same the real way.)
        fake.cloudWatchClient().setAlarmState(b -> b.alarmName("rolling-demo-llm-invocation4xxerrors")
                .stateValue("ALARM").stateReason("test"));
        Outcome outcome = ballast.apply(deepSeek).await();

        assertThat(outcome).isRolledBack().byAlarm("rolling-demo-llm-invocation4xxerrors");
        assertThat(fake).inferenceComponent("llm").isInService()
                .hasEnvironmentEntry("HF_MODEL_ID", "meta-llama/Llama-3.1-8B-Instruct");
    }

    @Test
    @DisplayName("traffic feeds the alarm, without the extension")
    void trafficFeedsTheAlarmWithoutTheExtension() {
        // The README's second snippet stands alone: its own world and engine (these locals hide the injected fields).
        FakeSageMaker fake = FakeSageMaker.create();
        Ballast ballast = fake.engine();
        assertThat(ballast.apply(llama).await()).isSucceeded();

        Traffic traffic = fake.traffic().toComponent("rolling-demo", "llm")       // a chat request every 10 s
                .every(Duration.ofSeconds(10)).body(chatRequest).start();
        Outcome outcome = ballast.apply(deepSeekWithoutMessagesApi).await();       // its copies answer it with 422
        traffic.stop();

        assertThat(outcome).isRolledBack().byAlarm("rolling-demo-llm-invocation4xxerrors");
        assertThat(traffic.failedByContainerWith(422)).isPositive();              // what fed the alarm
        assertThat(traffic.answered()).isPositive();                               // the old copies kept answering
        assertThat(ballast.plan(llama)).isEmpty();                                 // what runs is llama again
        assertThat(Planner.create(llama)).hasCalls("CreateEndpointConfig", "CreateEndpoint", "PutMetricAlarm",
                "CreateInferenceComponent").doesNotMention(token);
    }

    @Test
    @DisplayName("readme snippets are these tests")
    void readmeSnippetsAreTheseTests() throws IOException {
        Path readme = Path.of("..", "README.md");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(readme), "README.md is beside the module");
        String text = Files.readString(readme);
        String source = normalised(Files.readString(Path.of("src", "test", "java", "dev", "ballast", "scenario",
                "ReadmeExampleTest.java")));
        for (String snippet : List.of("testkit-example", "testkit-traffic-example")) {
            int start = text.indexOf("<!-- " + snippet + ":start -->");
            int end = text.indexOf("<!-- " + snippet + ":end -->");
            assertThat(start).as("README has the %s markers", snippet).isNotNegative().isLessThan(end);
            for (String line : text.substring(start, end).lines().toList()) {
                // a trailing comment may differ (the README explains to a reader, the test to a maintainer)
                String code = line.replaceAll("\\s+//\\s.*$", "").strip();
                // the fences and markers, the class around the first snippet, and its elided specs are not code to run
                if (code.isEmpty() || code.startsWith("```") || code.startsWith("<!--") || code.startsWith("class ")
                        || code.contains("= ...;")) {
                    continue;
                }
                assertThat(source.contains(normalised(code))).as("README line of %s is a line of this test: %s", snippet, code)
                        .isTrue();
            }
        }
    }

    private static String normalised(String text) {
        return text.replaceAll("\\s+", " ");
    }

    @Test
    @DisplayName("plain sdk code runs on the fake")
    void plainSdkCodeRunsOnTheFake() {
        String role = NotebookSpecs.ROLE;
        software.amazon.awssdk.services.sagemaker.SageMakerClient sageMaker = fake.sageMakerClient();

        sageMaker.createEndpointConfig(b -> b.endpointConfigName("cfg").executionRoleArn(role)
                .productionVariants(v -> v.variantName("AllTraffic").instanceType("ml.g5.2xlarge").initialInstanceCount(1)));
        sageMaker.createEndpoint(b -> b.endpointName("demo").endpointConfigName("cfg"));
        assertThat(sageMaker.describeEndpoint(b -> b.endpointName("demo")).endpointStatus())
                .isEqualTo(software.amazon.awssdk.services.sagemaker.model.EndpointStatus.CREATING);
        fake.clock().advance(java.time.Duration.ofMinutes(10));
        assertThat(sageMaker.describeEndpoint(b -> b.endpointName("demo")).endpointStatus())
                .isEqualTo(software.amazon.awssdk.services.sagemaker.model.EndpointStatus.IN_SERVICE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sageMaker.describeEndpoint(b -> b.endpointName("nope")))
                .isInstanceOfSatisfying(software.amazon.awssdk.services.sagemaker.model.SageMakerException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).startsWith("Could not find endpoint \"arn:aws:sagemaker:")
                            .endsWith(":endpoint/nope\".");
                });
    }
}
