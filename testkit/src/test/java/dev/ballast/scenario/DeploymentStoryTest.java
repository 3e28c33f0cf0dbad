package dev.ballast.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.ballast.engine.BallastEngine;
import dev.ballast.testkit.FakeSageMaker;
import dev.ballast.testkit.Traffic;

/**
 * The event stream of the notebook run reads as a story a person can follow; this pins its
 * wording. To accept a deliberate change, run with {@code -Dballast.updateGolden=true} and review
 * the diff of {@code notebook-story.txt}.
 */
class DeploymentStoryTest {

    private static final String GOLDEN = "scenario/notebook-story.txt";

    /** A simulated offset as the story prints it, as the outcomes print theirs: {@code 45s}, {@code 5m20s}, {@code 1h02m}. */
    static String readable(Duration d) {
        long s = d.getSeconds();
        return s < 60 ? s + "s"
                : s < 3600 ? (s / 60) + "m" + String.format("%02ds", s % 60)
                : (s / 3600) + "h" + String.format("%02dm", (s % 3600) / 60);
    }

    static List<String> story() {
        FakeSageMaker fake = FakeSageMaker.create();
        Instant start = fake.clock().now();
        List<String> lines = new ArrayList<>();
        BallastEngine ballast = fake.engine(b -> b
                .listener(e -> lines.add(String.format("%8s  %s", "+" + readable(Duration.between(start, e.at())), e.describe()))));
        lines.add("# create");
        ballast.apply(NotebookSpecs.llama()).await();
        Traffic traffic = fake.traffic().toComponent(NotebookSpecs.ENDPOINT, "llm").body(NotebookSpecs.CHAT).start();
        lines.add("# first update: DeepSeek without the Messages API");
        ballast.apply(NotebookSpecs.deepSeekWithoutMessagesApi()).await();
        fake.clock().advance(Duration.ofMinutes(10));
        lines.add("# second update: DeepSeek with the Messages API");
        ballast.apply(NotebookSpecs.deepSeek()).await();
        traffic.stop();
        return lines;
    }

    @Test
    @DisplayName("the notebook's event stream reads as the pinned story")
    void pinnedStory() throws IOException {
        List<String> story = story();
        if (Boolean.getBoolean("ballast.updateGolden")) {
            Files.write(Path.of("src/test/resources", GOLDEN), story, StandardCharsets.UTF_8);
        }
        try (InputStream in = DeploymentStoryTest.class.getResourceAsStream("/" + GOLDEN)) {
            assertThat(in).as("golden file %s exists", GOLDEN).isNotNull();
            List<String> golden = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            assertThat(story).containsExactlyElementsOf(golden);
        }
    }

    @Test
    @DisplayName("the story tells the rollback: its alarm, the rollback, the old specification, in that order")
    void storyOfTheRollback() {
        String story = String.join("\n", story());

        assertThat(story).containsSubsequence(
                "# first update", "SageMaker.UpdateInferenceComponent", "inference-component/llm batch 1/2 started",
                "alarm rolling-demo-llm-invocation4xxerrors OK -> ALARM",
                "inference-component/llm rollback triggered: alarm rolling-demo-llm-invocation4xxerrors went into ALARM",
                "inference-component/llm copies 3/2",
                "ROLLED_BACK after", "component llm is InService with its previous specification",
                "# second update", "batch 1/2 started", "copies 3/2", "batch 2/2 started", "SUCCEEDED after");
    }
}
