package dev.ballast.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Pins the printed plan of the seed, so a change in what users read (order, reasons, JSON layout,
 * masking) is a deliberate change of this golden file.
 */
class PlanGoldenTest {

    private static String golden(String file) throws IOException {
        try (InputStream in = PlanGoldenTest.class.getResourceAsStream("/golden/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
        }
    }

    @Test
    @DisplayName("the seed's plan prints as pinned")
    void printedCreatePlan() throws IOException {
        assertThat(Planner.create(NotebookSpecs.llama("hf_notebook_token")).toString()).isEqualTo(golden("notebook-create-plan.txt"));
    }

    @Test
    @DisplayName("the seed's second update prints as pinned")
    void printedUpdatePlan() throws IOException {
        assertThat(Planner.updateComponent(NotebookSpecs.deepSeek(), NotebookSpecs.COMPONENT).toString())
                .isEqualTo(golden("notebook-update-plan.txt"));
    }
}
