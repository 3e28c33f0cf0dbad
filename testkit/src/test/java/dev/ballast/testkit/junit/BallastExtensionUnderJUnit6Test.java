package dev.ballast.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.ballast.testkit.FakeSageMaker;
import dev.ballast.testkit.VirtualClock;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The extension, compiled against JUnit 5, run by JUnit 6: users on either get the same worlds.
 *
 * <p>The module builds and tests with JUnit 5, so JUnit 6 runs in a JVM of its own: its console
 * launcher (target/junit6/, put there by the maven-dependency-plugin) on this module's test class
 * path with every JUnit 5 jar taken out. The classes it runs are nested, so Surefire never runs them
 * itself.
 */
class BallastExtensionUnderJUnit6Test {

    /** The annotation: a fresh world per test in fields and parameters. */
    @BallastTest
    static class AnnotatedUnderJUnit6 {
        private FakeSageMaker fake;
        private VirtualClock clock;

        @RepeatedTest(2)
        @DisplayName("each test gets a fresh world")
        void eachTestGetsAFreshWorld() {
            assertNotNull(fake);
            assertSame(fake.clock(), clock);
            // a shared world would reject the second creation of the same model
            fake.sageMakerClient().createModel(b -> b.modelName("m").primaryContainer(c -> c.image("img")));
            clock.advance(Duration.ofMinutes(1));
            assertEquals(1, fake.sageMakerClient().listModels(b -> { }).models().size());
        }

        @Test
        @DisplayName("parameters are the fields world")
        void parametersAreTheFieldsWorld(FakeSageMaker parameter, VirtualClock clockParameter) {
            assertSame(fake, parameter);
            assertSame(fake.clock(), clockParameter);
        }

        @Test
        @DisplayName("the jupiter api here is j unit 6s")
        void theJupiterApiHereIsJUnit6s() {
            String version = Test.class.getPackage().getImplementationVersion();
            assertNotNull(version);
            assertEquals("6.", version.substring(0, 2), "Jupiter API version " + version);
        }
    }

    /** The builder, registered on a static field: its settings reach the world. */
    static class RegisteredUnderJUnit6 {
        @RegisterExtension
        static final BallastExtension BALLAST = BallastExtension.builder().region("eu-west-1").build();

        @Test
        @DisplayName("the builders settings apply")
        void theBuildersSettingsApply(FakeSageMaker fake) {
            assertEquals("eu-west-1", fake.region());
        }
    }

    @Test
    @DisplayName("JUnit 6.1's launcher runs @BallastTest and a registered BallastExtension, and every test passes")
    void runsUnderJUnit6() throws Exception {
        Path console = junit6Console();
        Process child = new ProcessBuilder(List.of(javaOfThisJvm(),
                // the child's log in a file of its own, out of the launcher's output read below
                "-Dorg.slf4j.simpleLogger.logFile=target/junit6-child.log",
                "-jar", console.toString(), "execute",
                "--disable-banner", "--disable-ansi-colors", "--details=tree",
                "--include-engine=junit-jupiter",
                "--class-path", classPathWithoutJUnit5(),
                "--select-class", AnnotatedUnderJUnit6.class.getName(),
                "--select-class", RegisteredUnderJUnit6.class.getName()))
                .redirectErrorStream(true).start();
        String output;
        try (InputStream out = child.getInputStream()) {
            output = CompletableFuture.supplyAsync(() -> readAll(out)).get(3, TimeUnit.MINUTES);
        } finally {
            child.destroy();
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the JUnit 6 launcher exits").isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output)
                .containsPattern("\\[\\s+5 tests found\\s+]")
                .containsPattern("\\[\\s+5 tests successful\\s+]")
                .containsPattern("\\[\\s+0 tests failed\\s+]");
    }

    private static Path junit6Console() throws IOException {
        try (Stream<Path> jars = Files.list(Path.of("target", "junit6"))) {
            List<Path> found = jars.filter(p -> p.getFileName().toString().startsWith("junit-platform-console-standalone-6."))
                    .toList();
            assertThat(found).as("JUnit 6's console launcher in target/junit6 (the maven-dependency-plugin's junit6 execution)")
                    .hasSize(1);
            return found.get(0);
        }
    }

    private static String javaOfThisJvm() {
        return ProcessHandle.current().info().command().orElseGet(
                () -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** This module's test class path (classes, test classes, dependencies) less JUnit 5 and its companions. */
    private static String classPathWithoutJUnit5() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> kept = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            boolean junit = name.startsWith("junit-jupiter") || name.startsWith("junit-platform")
                    || name.startsWith("opentest4j") || name.startsWith("apiguardian");
            (junit ? dropped : kept).add(entry);
        }
        assertThat(dropped).as("JUnit 5 jars taken off the class path").anyMatch(e -> e.contains("junit-jupiter-api-5."));
        return kept.stream().collect(Collectors.joining(File.pathSeparator));
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
