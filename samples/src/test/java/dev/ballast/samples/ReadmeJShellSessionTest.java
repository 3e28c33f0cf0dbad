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

    static String session(String readme, String name) {
        String startMarker = "<!-- " + name + ":start -->";
        String endMarker = "<!-- " + name + ":end -->";
        int start = readme.indexOf(startMarker);
        int end = readme.indexOf(endMarker);
        assertThat(start).as("README has a JShell session between %s and %s", startMarker, endMarker).isNotNegative();
        String block = readme.substring(start + startMarker.length(), end);
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

    /** Runs JShell snippets as a person would type them, in one session; returns what they printed. */
    static String runInJShell(String... sources) {
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
            for (String source : sources) {
                List<String> snippets = snippets(jshell, source);
                assertThat(snippets).as("snippets in %s", source).isNotEmpty();
                for (String snippet : snippets) {
                    for (SnippetEvent event : jshell.eval(snippet)) {
                        assertThat(event.status()).as("snippet %s: %s", snippet,
                                jshell.diagnostics(event.snippet()).map(d -> d.getMessage(null)).toList())
                                .isIn(Snippet.Status.VALID, Snippet.Status.OVERWRITTEN);
                        assertThat(event.exception()).as("snippet %s threw", snippet).isNull();
                    }
                }
            }
        } finally {
            System.setOut(console);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("the README's JShell session builds the seed's spec and prints its plan, as written")
    void readmeSessionWorks() throws IOException {
        String printed = runInJShell(session(Files.readString(Path.of("..", "README.md")), "jshell-session"));

        assertThat(printed).contains("Plan for endpoint 'rolling-demo': 6 steps", "SageMaker.CreateInferenceComponent",
                "\"HF_TOKEN\": \"****\"", "scale.max").doesNotContain("hf_my_secret_token");
    }

    @Test
    @DisplayName("after the startup script, the README's session applies the spec on the fake and shows it happen")
    void readmeFakeSessionWorks() throws IOException {
        String startup = Files.readString(Path.of("src", "main", "jshell", "ballast.jsh"));
        String printed = runInJShell(startup, session(Files.readString(Path.of("..", "README.md")), "jshell-fake-session"));

        assertThat(printed).containsSubsequence("Ballast is ready",
                "Plan for endpoint 'rolling-demo': 6 steps", "endpoint/rolling-demo Creating -> InService",
                "endpoint/rolling-demo instances 1/2", "inference-component/llm Creating -> InService", "SUCCEEDED after 15m55s",
                "\"choices\"",
                // chat(..) prints the streamed tokens on a line of their own
                "\nThere are 3 R's in STRAWBERRY. (simulated answer from meta-llama/Llama-3.1-8B-Instruct)\n",
                "Plan for endpoint 'rolling-demo': nothing to do");
        assertThat(printed).doesNotContain("hf_my_secret_token");
        // open(deployment): no desktop here, so it prints the page it wrote
        String page = printed.lines().filter(l -> l.startsWith("timeline: ")).findFirst().orElseThrow().substring("timeline: ".length());
        assertThat(Files.readString(Path.of(page))).contains("<svg", "component llm", "SUCCEEDED after 15m55s").doesNotContain("hf_my_secret_token");
        Files.delete(Path.of(page));
    }

    @Test
    @DisplayName("the README's DSL-by-example block, with every option, builds a valid spec and plans it")
    void readmeDslExampleWorks() throws IOException {
        String printed = runInJShell(session(Files.readString(Path.of("..", "README.md")), "jshell-dsl"));

        assertThat(printed).contains("Endpoint{assistant on ml.g5.12xlarge", "variant main", "HF_TOKEN=****",
                "Component{embedder", "rollback batch 100%", "llm-slow", "in MyApp", "7 calls")
                .doesNotContain("hf_my_secret_token");
    }

    @Test
    @DisplayName("the README's model-variants block builds the A/B endpoint, plans it and describes a traffic shift")
    void readmeVariantsExampleWorks() throws IOException {
        String printed = runInJShell(session(Files.readString(Path.of("..", "README.md")), "jshell-variants"));

        assertThat(printed).contains("Endpoint{my-model-endpoint", "Variant{model-v1-variant, model my-model-v1 on ml.m5.xlarge x 2, weight 0.9",
                        "API_TOKEN=****", "BlueGreen{CANARY 1", "DataCapture{100% of [INPUT, OUTPUT]", "calls to create it",
                        "TrafficShift{my-model-endpoint to model-v2-variant: 25% -> 50% -> 100%, 300 s each")
                .doesNotContain("my_secret_api_token");
    }

    @Test
    @DisplayName("the README's validation example prints exactly the message the README shows")
    void readmeValidationExampleIsTrue() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String block = readme.substring(readme.indexOf("<!-- validation-example:start -->"), readme.indexOf("<!-- validation-example:end -->"));
        String code = block.substring(block.indexOf("```java\n") + 8, block.indexOf("```", block.indexOf("```java\n") + 8));
        String shown = block.substring(block.indexOf("```text\n") + 8, block.lastIndexOf("```")).strip();
        String setup = "import dev.ballast.*;\nimport java.time.Duration;\nimport static dev.ballast.RollingUpdate.batch;\n"
                + "String tgiImage = \"763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.4.0-tgi2.2.0-gpu-py311-cu124-ubuntu22.04\";\n";

        String printed = runInJShell(setup, code);

        assertThat(printed.strip()).isEqualTo(shown);
    }
}
