package dev.ballast.testkit.internal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The committed constraint tables are exactly what the generator makes from the API models in
 * {@code shared/reference}: a model update that is not regenerated, or a hand edit of a table,
 * fails here.
 */
class ConstraintTableTest {

    /** {@code shared/} lies beside the repository's clone, on developers' machines and in CI. */
    static final Path REFERENCE = Path.of(System.getProperty("user.dir")).resolve("../../shared/reference").normalize();

    @Test
    @DisplayName("committed tables are generated from the api models")
    void committedTablesAreGeneratedFromTheApiModels() throws IOException {
        assumeTrue(Files.isDirectory(REFERENCE), "the API models are not at " + REFERENCE + "; nothing to compare");
        Map<String, String> generated = ConstraintTableGenerator.generate(REFERENCE);
        if (Boolean.getBoolean("ballast.regenerateConstraintTables")) {
            ConstraintTableGenerator.main(new String[] {REFERENCE.toString(),
                    "src/main/resources/dev/ballast/testkit/internal/model"});
            return;
        }
        for (Map.Entry<String, String> table : generated.entrySet()) {
            assertThat(committed(table.getKey()))
                    .as("%s differs from what the generator makes of the model; regenerate with "
                            + "mvn -B -pl testkit test -Dtest=ConstraintTableTest -Dballast.regenerateConstraintTables=true",
                            table.getKey())
                    .isEqualTo(table.getValue());
        }
    }

    private static String committed(String name) throws IOException {
        try (InputStream in = ApiModel.class.getResourceAsStream(name)) {
            assertThat(in).as("table %s on the class path", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
