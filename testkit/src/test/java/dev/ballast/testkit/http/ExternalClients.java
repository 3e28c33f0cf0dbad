package dev.ballast.testkit.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs boto3 and the AWS CLI as child processes against a {@link FakeServer}, isolated from any local AWS setup. */
final class ExternalClients {

    private ExternalClients() {
    }

    /** The output of a finished process. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    /** @return why the command is unusable here, or {@code null} when it runs */
    static String unavailable(String... command) {
        try {
            Result result = run(List.of(command), 60);
            return result.exitCode() == 0 ? null : "exit " + result.exitCode() + ": " + result.stderr().strip();
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    /**
     * Runs one of the test resources' boto3 scripts ({@code /http/<script>}) against the server, with
     * the server's address and the given arguments; skips the calling test, saying why, where boto3 is
     * missing.
     */
    static Result boto3Script(String script, java.net.URI server, String... args) throws IOException {
        String missing = unavailable("python3", "-c", "import boto3");
        org.junit.jupiter.api.Assumptions.assumeTrue(missing == null, "boto3 is not installed: " + missing);
        java.net.URL resource = java.util.Objects.requireNonNull(ExternalClients.class.getResource("/http/" + script),
                script + " on the test classpath");
        List<String> command = new java.util.ArrayList<>();
        command.add("python3");
        try {
            command.add(java.nio.file.Path.of(resource.toURI()).toString());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        command.add(server.toString());
        command.addAll(List.of(args));
        return run(command, 180);
    }

    static Result run(List<String> command, long timeoutSeconds) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_CONFIG_FILE", "/nonexistent/ballast-aws-config");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/ballast-aws-credentials");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.remove("AWS_PROFILE");
        env.remove("AWS_SESSION_TOKEN");
        Process process = builder.start();
        try {
            // bounded wait on the child process, which talks to the server of this JVM
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("timed out after " + timeoutSeconds + " s: " + command);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted: " + command, e);
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
