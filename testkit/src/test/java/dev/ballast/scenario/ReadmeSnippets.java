package dev.ballast.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Keeps a README example and the test that runs it the same: every code line between the README's
 * {@code <!-- name:start -->} and {@code <!-- name:end -->} markers must be a line of the test's
 * source (whitespace aside; a trailing comment may differ, the README explaining to a reader and
 * the test to a maintainer).
 */
final class ReadmeSnippets {

    private ReadmeSnippets() {
    }

    /**
     * @param name the markers' name, e.g. {@code adapters-example}
     * @param testClass the test whose source must hold every line of the example
     */
    static void assertExampleIsIn(String name, Class<?> testClass) throws IOException {
        Path readme = Path.of("..", "README.md");
        Assumptions.assumeTrue(Files.exists(readme), "README.md is beside the module");
        String text = Files.readString(readme);
        String source = normalised(Files.readString(Path.of("src", "test", "java",
                testClass.getName().replace('.', '/') + ".java")));
        int start = text.indexOf("<!-- " + name + ":start -->");
        int end = text.indexOf("<!-- " + name + ":end -->");
        assertThat(start).as("README has the %s markers", name).isNotNegative().isLessThan(end);
        for (String line : text.substring(start, end).lines().toList()) {
            String code = line.replaceAll("\\s+//\\s.*$", "").strip();
            if (code.isEmpty() || code.startsWith("```") || code.startsWith("<!--")) {
                continue;
            }
            assertThat(source.contains(normalised(code))).as("README line of %s is a line of %s: %s", name,
                    testClass.getSimpleName(), code).isTrue();
        }
    }

    private static String normalised(String text) {
        return text.replaceAll("\\s+", " ");
    }
}
