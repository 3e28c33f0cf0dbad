package dev.ballast.testkit.junit;

import static dev.ballast.RollingUpdate.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.ballast.Alarm;
import dev.ballast.Ballast;
import dev.ballast.Component;
import dev.ballast.Endpoint;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.testkit.FakeSageMaker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** A failed test that used a fake gets the fake's timeline as a page, named in its failure. */
class BallastExtensionTimelineTest {

    static final String TOKEN = "hf_timeline_secret_never_shown";

    static ComponentEndpointSpec spec() {
        return Endpoint.on("ml.g5.2xlarge").scale(1, 4)
                .executionRole("arn:aws:iam::123456789012:role/SageMakerExecutionRole")
                .component(Component.named("llm").image("123456789012.dkr.ecr.us-east-1.amazonaws.com/llm:1")
                        .secretEnv("HF_TOKEN", TOKEN).accelerators(1).memoryMb(1024).copies(2))
                .rollingUpdate(batch(1).wait(Duration.ofSeconds(120))
                        .rollbackOn(Alarm.invocation4xxErrors().above(5).per(Duration.ofMinutes(5))))
                .named("timeline-demo");
    }

    /** Run by the launcher below, never by Surefire itself (nested). */
    @BallastTest
    static class FailsAfterADeployment {
        FakeSageMaker fake;
        Ballast ballast;

        @Test
        void createsThenFails() {
            ballast.apply(spec()).await();
            assertThat(fake.timeline().events()).as("a failure after a deployment").isEmpty();
        }

        @Test
        void passes() {
            ballast.apply(spec()).await();
        }
    }

    /** Fails without using any fake: nothing to draw. */
    static class FailsWithoutAFake {
        @Test
        void fails() {
            assertThat(1).isEqualTo(2);
        }
    }

    private static List<Throwable> failuresOf(Class<?> testClass) {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(), listener);
        return listener.getSummary().getFailures().stream().map(TestExecutionSummary.Failure::getException).toList();
    }

    @Test
    @DisplayName("a failed test that used a fake names target/ballast-timelines/<class>/<test>.html in its failure, and the page draws its world")
    void failedTestGetsItsPage() throws Exception {
        Path page = Path.of("target", "ballast-timelines", "BallastExtensionTimelineTest$FailsAfterADeployment", "createsThenFails.html")
                .toAbsolutePath().normalize();
        Files.deleteIfExists(page);

        List<Throwable> failures = failuresOf(FailsAfterADeployment.class);

        assertThat(failures).singleElement().satisfies(failure -> {
            assertThat(failure).isInstanceOf(AssertionError.class).hasMessageContaining("a failure after a deployment");
            assertThat(Arrays.stream(failure.getSuppressed()).map(Throwable::getMessage)).containsExactly("timeline of the fake: " + page);
        });
        String html = Files.readString(page, StandardCharsets.UTF_8);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg", "FailsAfterADeployment.createsThenFails failed",
                "component llm", "endpoint/timeline-demo").doesNotContain(TOKEN);
        assertThat(Path.of("target", "ballast-timelines", "BallastExtensionTimelineTest$FailsAfterADeployment", "passes.html")).doesNotExist();
    }

    @Test
    @DisplayName("a failed test without a fake gets no page and its failure stays as it was")
    void noFakeNoPage() {
        assertThat(failuresOf(FailsWithoutAFake.class)).singleElement()
                .satisfies(failure -> assertThat(failure.getSuppressed()).isEmpty());
    }
}
