package dev.ballast.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.ballast.samples.rolling.RollingUpdateNotebook;

class RollingUpdateNotebookTest {

    private record Run(int code, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private static Run run(List<String> args, Map<String, String> env) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Method run = RollingUpdateNotebook.class.getDeclaredMethod("run", PrintStream.class, PrintStream.class, List.class, Map.class);
        run.setAccessible(true);
        int code = (int) run.invoke(null, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args, env);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("on the fake, the notebook's story ends with one line per update: ROLLED_BACK, then SUCCEEDED")
    void storyOnTheFake() throws Exception {
        Run run = run(List.of(), Map.of());
        List<String> lines = run.lines();

        assertThat(run.code()).isZero();
        // the outcome lines, then one timeline line per deployment
        assertThat(lines.get(lines.size() - 6)).startsWith("first update: ROLLED_BACK after ")
                .contains("alarm rolling-demo-llm-invocation4xxerrors went into ALARM", "failed");
        assertThat(lines.get(lines.size() - 5)).startsWith("second update: SUCCEEDED after ")
                .contains("by DeepSeek, thinking aloud", ", 0 failed");
        assertThat(lines.stream().filter(l -> l.startsWith("first update:") || l.startsWith("second update:"))).hasSize(2);
    }

    @Test
    @DisplayName("after the outcome lines, one 'timeline: <path>' line per deployment; the pages show the first update's rollback and the second's two batches")
    void timelinePages() throws Exception {
        List<String> lines = run(List.of(), Map.of()).lines();

        List<String> last = lines.subList(lines.size() - 4, lines.size());
        Path dir = Path.of("target", "ballast-timelines", "rolling-update-notebook").toAbsolutePath().normalize();
        assertThat(last).containsExactly("timeline: " + dir.resolve("1-create.html"), "timeline: " + dir.resolve("2-first-update.html"),
                "timeline: " + dir.resolve("3-second-update.html"), "timeline: " + dir.resolve("4-cleanup.html"));
        String first = Files.readString(dir.resolve("2-first-update.html"), StandardCharsets.UTF_8);
        assertThat(first).contains("id=\"rollback-0\"", "rollback: alarm rolling-demo-llm-invocation4xxerrors went into ALARM",
                "batch 1/2", "class=\"alarm-ALARM\"", "class=\"surge\"", "ROLLED_BACK after 27m47s");
        String second = Files.readString(dir.resolve("3-second-update.html"), StandardCharsets.UTF_8);
        assertThat(second).contains("batch 1/2", "batch 2/2", "SUCCEEDED after 19m17s").doesNotContain("id=\"rollback-0\"");
        for (String page : last) {
            assertThat(Files.readString(Path.of(page.substring("timeline: ".length())), StandardCharsets.UTF_8))
                    .doesNotContain("hf_demo_token_not_a_real_one");
        }
    }

    @Test
    @DisplayName("the progress shows batches, old and new copies, instances, alarm states and the simulated clock")
    void progressReadsAsAStory() throws Exception {
        String out = run(List.of(), Map.of()).out();

        assertThat(out).containsSubsequence(
                "1. Create endpoint rolling-demo", "[00:06:06]     endpoint/rolling-demo Creating → InService",
                "2. Invoke it", "llm answers: \"There are 3 R's in STRAWBERRY.",
                "3. First update", "batch 1/2: adding new copies beside the old ones", "copies 3/2 (2 old + 1 new)",
                "alarm rolling-demo-llm-invocation4xxerrors OK → ALARM", "rollback triggered", "copies 3/2 (rolling back)",
                "copies 2/2 (rolling back)", "= ROLLED_BACK",
                "4. Second update", "batch 2/2", "copies 2/2 (0 old + 2 new)", "= SUCCEEDED", "<think>",
                "5. Clean up", "deleted endpoint/rolling-demo");
        assertThat(out).contains("instances 2/3 (adding instances)");
    }

    @Test
    @DisplayName("before each update starts, its plan states the surge: 1 extra ml.g5.2xlarge for two batches, in instance-hours and dollars")
    void statesTheSurgeOfEachUpdate() throws Exception {
        String out = run(List.of(), Map.of()).out();

        // 2 copies of 1 GPU on 2 × ml.g5.2xlarge (1 GPU each) leave no room for the batch of 1 new
        // copy: 1 extra instance (the endpoint may grow to 4). 2 batches × (10 min launch allowance
        // + 2 min wait) = 24 min; 1 × 24 / 60 = 0.4 instance-hours; × $1.515 = $0.606.
        String surge = "  plan: surge: at most 1 extra ml.g5.2xlarge for ~24 min (≈ 0.4 instance-hours, ≈ $0.61 at us-east-1 on-demand)";
        assertThat(out).containsSubsequence("3. First update", surge, "batch 1/2", "4. Second update", surge, "batch 1/2");
    }

    @Test
    @DisplayName("no secret value appears in the output: the token shows nowhere")
    void noSecretInOutput() throws Exception {
        Run run = run(List.of(), Map.of());

        assertThat(run.out() + run.err()).doesNotContain("hf_demo_token_not_a_real_one");
    }

    @Test
    @DisplayName("--aws without its environment fails before any call, naming every missing variable")
    void awsNeedsItsEnvironment() throws Exception {
        Run run = run(List.of("--aws"), Map.of("AWS_REGION", "us-east-1"));

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: --aws needs BALLAST_ROLE_ARN, HF_TOKEN in the environment")
                .contains("AWS credentials come from the default chain");
        assertThat(run.out()).isEmpty();
    }

    @Test
    @DisplayName("an unknown argument is a usage error")
    void usage() throws Exception {
        Run run = run(List.of("--gcp"), Map.of());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("usage: RollingUpdateNotebook [--aws]", "--gcp");
    }
}
