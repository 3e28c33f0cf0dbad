package dev.ballast.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Runs the JShell session of the README, exactly as written, through the JDK's JShell API: every
 * snippet must compile and run, and the output must be what the README promises.
 */
class ReadmeJShellSessionTest {

    private static final String START = "<!-- jshell-session:start -->";
    private static final String END = "<!-- jshell-session:end -->";

    static String session(String readme) {
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        assertThat(start).as("README has a JShell session between %s and %s", START, END).isNotNegative();
        String block = readme.substring(start + START.length(), end);
        int open = block.indexOf("```");
        int bodyStart = block.indexOf('\n', open) + 1;
        return block.substring(bodyStart, block.lastIndexOf("```"));
    }

    static List<String> snippets(JShell jshell, String source) {
        List<String> snippets = new ArrayList<>();
        SourceCodeAnalysis analysis = jshell.sourceCodeAnalysis();
        String remaining = source;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                break;
            }
            assertThat(info.completeness().isComplete()).as("snippet is complete: %s", remaining).isTrue();
            snippets.add(info.source());
            remaining = info.remaining();
        }
        return snippets;
    }

    @Test
    @DisplayName("the README's JShell session builds the seed's spec and prints its plan, as written")
    void readmeSessionWorks() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String source = session(readme);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        PrintStream console = System.out;
        // The local execution engine runs snippets in this JVM, where they print to System.out.
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try (JShell jshell = JShell.builder().executionEngine("local")
                .out(new PrintStream(out, true, StandardCharsets.UTF_8))
                .err(new PrintStream(out, true, StandardCharsets.UTF_8)).build()) {
            for (String entry : classPath.split(java.io.File.pathSeparator)) {
                jshell.addToClasspath(entry);
            }
            List<String> snippets = snippets(jshell, source);
            assertThat(snippets).hasSizeGreaterThan(3);
            for (String snippet : snippets) {
                for (SnippetEvent event : jshell.eval(snippet)) {
                    assertThat(event.status()).as("snippet %s: %s", snippet,
                            jshell.diagnostics(event.snippet()).map(d -> d.getMessage(null)).toList())
                            .isIn(Snippet.Status.VALID, Snippet.Status.OVERWRITTEN);
                    assertThat(event.exception()).as("snippet %s threw", snippet).isNull();
                }
            }
        } finally {
            System.setOut(console);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("Plan for endpoint 'rolling-demo': 6 steps", "SageMaker.CreateInferenceComponent",
                "\"HF_TOKEN\": \"****\"", "scale.max").doesNotContain("hf_my_secret_token");
    }
}
