package dev.ballast.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.samples.abtest.ABTestStory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The second sample, as the README runs it: its story and its closing outcome lines. */
class ABTestStoryTest {

    private static int code;
    private static String out;

    @BeforeAll
    static void runTheStory() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Method run = ABTestStory.class.getDeclaredMethod("run", PrintStream.class);
        run.setAccessible(true);
        code = (int) run.invoke(null, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        out = bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("it ends with one outcome line per step: created, rolled back by the alarm, shifted, cleaned up (both specs)")
    void endsWithOneLinePerStep() {
        List<String> lines = out.lines().toList();
        List<String> last = lines.subList(lines.size() - 10, lines.size() - 5);

        assertThat(code).isZero();
        assertThat(last.get(0)).startsWith("create the A/B test:").contains("SUCCEEDED after");
        assertThat(last.get(1)).startsWith("canary blue/green of my-model-v2-1:")
                .contains("ROLLED_BACK after", "alarm my-model-endpoint-model-v2-variant-invocation5xxerrors went into ALARM");
        assertThat(last.get(2)).startsWith("shift all traffic to my-model-v2:")
                .contains("SUCCEEDED after", "model-v2-variant serves 100% of endpoint/my-model-endpoint");
        assertThat(last.get(3)).startsWith("clean up the A/B test:").contains("SUCCEEDED after", "deleted model/my-model-v1", "deleted model/my-model-v2");
        assertThat(last.get(4)).startsWith("clean up the rolled-back retrain:").contains("SUCCEEDED after", "deleted model/my-model-v2-1");
    }

    @Test
    @DisplayName("before the canary starts, its plan states the surge: a second fleet of 4 × ml.m5.xlarge, in instance-hours and dollars")
    void statesTheSurgeOfTheCanary() {
        // Blue/green: both variants' green fleets, 2 + 2 = 4 extra ml.m5.xlarge, from the launch
        // allowance (10 min) through the canary's bake and the final bake (2 × 10 min) and the
        // termination wait (5 min): 35 min. 4 × 35 / 60 = 2.33 instance-hours; × $0.23 = $0.537.
        assertThat(out).containsSubsequence("2. Canary blue/green",
                "  plan: surge: at most 4 extra ml.m5.xlarge for ~35 min (≈ 2.3 instance-hours, ≈ $0.54 at us-east-1 on-demand)",
                "(new) stage Creating");
    }

    @Test
    @DisplayName("after the outcome lines, one 'timeline: <path>' line per step; the canary's page shows its rollback, the shift's its weights and checks")
    void timelinePages() throws Exception {
        List<String> lines = out.lines().toList();
        Path dir = Path.of("target", "ballast-timelines", "ab-test").toAbsolutePath().normalize();

        assertThat(lines.subList(lines.size() - 5, lines.size())).containsExactly("timeline: " + dir.resolve("1-create.html"),
                "timeline: " + dir.resolve("2-canary-blue-green.html"), "timeline: " + dir.resolve("3-shift-traffic.html"),
                "timeline: " + dir.resolve("4-clean-up.html"), "timeline: " + dir.resolve("5-clean-up-retrain.html"));
        assertThat(Files.readString(dir.resolve("2-canary-blue-green.html"), StandardCharsets.UTF_8)).contains("id=\"rollback-0\"",
                "variant model-v2-variant", "(new) Baking", "ROLLED_BACK after 11m21s",
                "model-v2-variant (new) instances 2/2", "class=\"surge\"");
        assertThat(Files.readString(dir.resolve("3-shift-traffic.html"), StandardCharsets.UTF_8)).contains("class=\"weight\"", ">25%<",
                ">50%<", ">100%<", "class=\"check-pass\"", "SUCCEEDED after 15m00s");
    }

    @Test
    @DisplayName("the story shows the A/B split, the canary's stages and rollback, and every checked step of the shift")
    void readsAsAStory() {
        assertThat(out).containsSubsequence(
                "1. Create my-model-endpoint", "Creating → InService", "30 minutes of requests:", "captured",
                "2. Canary blue/green", "(new) stage Creating", "(new) stage Baking", "OK → ALARM", "rollback triggered", "= ROLLED_BACK",
                "3. Guarded shift", "traffic model-v1-variant 75.0%, model-v2-variant 25.0%", "✓ check alarm",
                "traffic model-v1-variant 50.0%, model-v2-variant 50.0%",
                "traffic model-v1-variant 0.0%, model-v2-variant 100.0%", "= SUCCEEDED",
                "4. Clean up", "DeleteEndpoint");
    }
}
