package dev.ballast.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

@DisplayName("The standalone server's command line")
class FakeServerMainTest {

    @Test
    @DisplayName("java FakeServerMain --port 0 --time-scale 100 prints where it listens, serves, and stops on SIGTERM")
    void standalone() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                FakeServerMain.class.getName(), "--port", "0", "--time-scale", "100",
                "--fault", "ListModels=throttle:1"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> readLine(out)).get(60, TimeUnit.SECONDS);
            assertThat(line).matches("Ballast fake listening on http://127\\.0\\.0\\.1:[0-9]+");
            int port = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1));

            try (SageMakerClient sm = SdkClients.sageMaker(URI.create("http://127.0.0.1:" + port))) {
                assertThat(sm.listEndpoints(b -> { }).endpoints()).isEmpty();
                assertThatThrownBy(() -> sm.listModels(b -> { })).isInstanceOfSatisfying(SageMakerException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException"));
            }
        } finally {
            process.destroy();
        }
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("exits on SIGTERM").isTrue();
    }

    @Test
    @DisplayName("bad flags are refused with the reason")
    void badFlags() {
        assertThatThrownBy(() -> FakeServerMain.Options.parse(new String[] {"--port"}))
                .hasMessage("missing value after --port");
        assertThatThrownBy(() -> FakeServerMain.Options.parse(new String[] {"--time-scale", "fast"}))
                .hasMessage("not a number after --time-scale: fast");
        assertThatThrownBy(() -> FakeServerMain.Options.parse(new String[] {"--fault", "X=melt:1"}))
                .hasMessageContaining("<Op>=throttle:<n>");
        assertThat(FakeServerMain.Options.parse(new String[] {"--port", "8080", "--time-scale", "50"}).timeScale)
                .isEqualTo(50.0);
    }

    @Test
    @DisplayName("a value out of range is a usage error (exit 2), and --help prints the usage")
    void outOfRangeValuesAndHelp() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process bad = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                FakeServerMain.class.getName(), "--time-scale", "-1")).start();
        String err = new String(bad.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bad.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(bad.exitValue()).isEqualTo(2);
        assertThat(err).contains("timeScale must be zero or positive: -1.0", "usage: java -jar ballast-testkit-server.jar")
                .doesNotContain("Exception");

        Process help = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                FakeServerMain.class.getName(), "--help")).start();
        String out = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(help.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(help.exitValue()).isZero();
        assertThat(out).contains("usage: java -jar ballast-testkit-server.jar");
    }

    @Test
    @DisplayName("--max-connections, --header-timeout and --body-idle-timeout set the server's bounds; a timeout must be positive")
    void boundsFlags() {
        FakeServerMain.Options options = FakeServerMain.Options.parse(new String[] {"--max-connections", "32",
                "--header-timeout", "2.5", "--body-idle-timeout", "30"});
        assertThat(options.maxConnections).isEqualTo(32);
        assertThat(options.headerTimeout).isEqualTo(java.time.Duration.ofMillis(2500));
        assertThat(options.bodyIdleTimeout).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(FakeServerMain.Options.parse(new String[0]).headerTimeout).isEqualTo(java.time.Duration.ofSeconds(10));
        assertThatThrownBy(() -> FakeServerMain.Options.parse(new String[] {"--header-timeout", "0"}))
                .hasMessage("a timeout must be more than 0 and at most 86400 seconds: 0");
        assertThatThrownBy(() -> FakeServerMain.Options.parse(new String[] {"--body-idle-timeout", "soon"}))
                .hasMessage("not a number after --body-idle-timeout: soon");
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
