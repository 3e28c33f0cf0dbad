package dev.ballast.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.samples.shadow.ShadowTestStory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The third sample: a slow candidate stays a shadow, its fix is promoted by the same guard. */
class ShadowTestStoryTest {

    private static int code;
    private static String out;

    @BeforeAll
    static void runTheStory() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        code = ShadowTestStory.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        out = bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("it ends with one outcome line per step: created, not promoted (slower), shadow replaced, promoted, cleaned up")
    void endsWithOneLinePerStep() {
        List<String> lines = out.lines().toList();
        List<String> last = lines.subList(lines.size() - 5, lines.size());

        assertThat(code).as(out).isZero();
        assertThat(last.get(0)).startsWith("create the shadow test of churn-v2:").contains("SUCCEEDED after");
        assertThat(last.get(1)).startsWith("promote churn-v2:").contains("NOT_APPLIED after",
                "shadow ModelLatency p99 <= production's + 10% FAILED: shadow churn-v2-shadow p99 300000 us, production AllTraffic p99 100000 us: +200.0%");
        assertThat(last.get(2)).startsWith("shadow test of churn-v2-1:").contains("SUCCEEDED after");
        assertThat(last.get(3)).startsWith("promote churn-v2-1:").contains("SUCCEEDED after",
                "shadow churn-v2-1-shadow into production variant AllTraffic promoted", "-5.0% (at most +10%)");
        assertThat(last.get(4)).startsWith("clean up:").contains("SUCCEEDED after");
    }

    @Test
    @DisplayName("the story shows the copied half of the traffic and every check with what it saw")
    void readsAsAStory() {
        assertThat(out).containsSubsequence("1. Create churn", "AllTraffic answered 600, churn-v2-shadow got 300 copies",
                "2. Promote churn-v2", "check shadow ModelLatency p99 <= production's + 10% FAILED",
                "3. Its fix", "4. Promote churn-v2-1", "check shadow error rate <= 1% passed", "5. Clean up");
    }
}
