package dev.ballast.testkit.http;

import dev.ballast.testkit.FakeSageMaker;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The standalone server: {@code java -jar ballast-testkit-<version>-server.jar --port 0 --time-scale 100}.
 *
 * <p>Flags: {@code --port <n>} (default 0, any free port), {@code --time-scale <x>} (default 100;
 * 0 freezes simulated time), {@code --region <r>} (default us-east-1), {@code --account-id <12 digits>},
 * {@code --access-key-id <id>} (accept only this key), {@code --threads <n>} (idle workers kept),
 * {@code --max-connections <n>} (256), {@code --header-timeout <seconds>} (10),
 * {@code --body-idle-timeout <seconds>} (10), and repeatable
 * {@code --fault <Op>=throttle:<n> | <Op>=fail:<status>:<n> | <Op>=delay:<millis>:<n> | <Op>=drop:<n>}.
 * Prints {@code Ballast fake listening on http://127.0.0.1:<port>} and serves until stopped.
 */
public final class FakeServerMain {

    private FakeServerMain() {
    }

    /**
     * Starts the server and blocks until the JVM is asked to stop (SIGTERM, ctrl-c).
     *
     * @param args the flags above
     * @throws InterruptedException if interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            usage(System.out, "Serves a simulated SageMaker, CloudWatch and Application Auto Scaling on 127.0.0.1.");
            return;
        }
        FakeSageMaker fake;
        FakeServer server;
        try {
            Options options = Options.parse(args);
            // Every value is checked here, before anything starts, so a bad one is a usage error.
            FakeSageMaker.Builder fakeBuilder = FakeSageMaker.builder().region(options.region);
            if (options.accountId != null) {
                fakeBuilder.accountId(options.accountId);
            }
            fake = fakeBuilder.build();
            FakeServer.Builder serverBuilder = FakeServer.builder(fake).port(options.port)
                    .timeScale(options.timeScale).threads(options.threads).maxConnections(options.maxConnections)
                    .requestHeaderTimeout(options.headerTimeout).requestBodyIdleTimeout(options.bodyIdleTimeout);
            if (options.accessKeyId != null) {
                serverBuilder.requireAccessKeyId(options.accessKeyId);
            }
            server = serverBuilder.build();
            options.faults.forEach(server.faults()::add);
        } catch (IllegalArgumentException e) {
            usage(System.err, e.getMessage());
            System.exit(2);
            return;
        }
        server.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            fake.close();
            stopped.countDown();
        }, "ballast-fake-shutdown"));
        System.out.println("Ballast fake listening on " + server.uri());
        System.out.flush();
        stopped.await();
    }

    private static void usage(PrintStream out, String problem) {
        out.println(problem);
        out.println("usage: java -jar ballast-testkit-server.jar [--port 0] [--time-scale 100] [--region us-east-1]"
                + " [--account-id 123456789012] [--access-key-id ID] [--threads 4] [--max-connections 256]"
                + " [--header-timeout 10] [--body-idle-timeout 10] [--fault Op=throttle:N]...");
    }

    /** The parsed command line. */
    static final class Options {
        int port;
        double timeScale = 100;
        String region = "us-east-1";
        String accountId;
        String accessKeyId;
        int threads = 4;
        int maxConnections = 256;
        Duration headerTimeout = Duration.ofSeconds(10);
        Duration bodyIdleTimeout = Duration.ofSeconds(10);
        final List<String> faults = new ArrayList<>();

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + flag);
                }
                String value = args[++i];
                try {
                    switch (flag) {
                        case "--port" -> options.port = Integer.parseInt(value);
                        case "--time-scale" -> options.timeScale = Double.parseDouble(value);
                        case "--region" -> options.region = value;
                        case "--account-id" -> options.accountId = value;
                        case "--access-key-id" -> options.accessKeyId = value;
                        case "--threads" -> options.threads = Integer.parseInt(value);
                        case "--max-connections" -> options.maxConnections = Integer.parseInt(value);
                        case "--header-timeout" -> options.headerTimeout = seconds(value);
                        case "--body-idle-timeout" -> options.bodyIdleTimeout = seconds(value);
                        case "--fault" -> {
                            new Faults().add(value);
                            options.faults.add(value);
                        }
                        default -> throw new IllegalArgumentException("unknown flag " + flag);
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a number after " + flag + ": " + value, e);
                }
            }
            return options;
        }

        private static Duration seconds(String value) {
            double seconds = Double.parseDouble(value);
            if (!(seconds > 0) || seconds > 86_400) {
                throw new IllegalArgumentException("a timeout must be more than 0 and at most 86400 seconds: " + value);
            }
            return Duration.ofNanos((long) (seconds * 1e9));
        }
    }
}
