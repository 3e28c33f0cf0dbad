package dev.ballast.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.testkit.FakeSageMaker;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

@DisplayName("The server's time scale")
class TimeScaleTest {

    @Test
    @DisplayName("with a time scale, simulated time runs that many times faster than the wall clock")
    void scaled() throws Exception {
        try (FakeSageMaker fake = FakeSageMaker.create()) {
            // taken before the server starts its driver, so the driver cannot have counted more wall time than this
            Instant start = fake.clock().now();
            long wallStart = System.nanoTime();
            FakeServer server = FakeServer.builder(fake).timeScale(3600).build().start();
            try {
                assertThat(server.timeScale()).isEqualTo(3600.0);
                awaitAndCheck(fake, start, wallStart);
            } finally {
                server.close();
            }
        }
    }

    /** Completes when the driven virtual clock reaches {@code at}: a task scheduled there runs then. */
    private static CompletableFuture<Void> reached(FakeSageMaker fake, Instant at) {
        CompletableFuture<Void> reached = new CompletableFuture<>();
        fake.clock().schedule(Duration.between(fake.clock().now(), at), () -> reached.complete(null));
        return reached;
    }

    private static void awaitAndCheck(FakeSageMaker fake, Instant start, long wallStart) throws Exception {
        // Half an hour of simulated time at 3600x is half a second of wall time; allow 30 s on a busy machine.
        reached(fake, start.plus(Duration.ofMinutes(30))).get(30, TimeUnit.SECONDS);
        Duration wall = Duration.ofNanos(System.nanoTime() - wallStart);
        Duration simulated = Duration.between(start, fake.clock().now());

        assertThat(simulated).isGreaterThanOrEqualTo(Duration.ofMinutes(30));
        // never ahead of the scale: simulated time is at most 3600 times the wall time that passed
        assertThat(simulated).isLessThanOrEqualTo(Duration.ofNanos(Duration.ofNanos(System.nanoTime() - wallStart)
                .toNanos() * 3600));
        assertThat(wall).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    @DisplayName("without a time scale the clock stays where the test leaves it, and closing stops a scaled clock")
    void manualAndStopped() {
        try (FakeSageMaker fake = FakeSageMaker.create()) {
            Instant start = fake.clock().now();
            try (FakeServer manual = FakeServer.builder(fake).build().start();
                    SageMakerClient sm = SdkClients.sageMaker(manual)) {
                sm.listEndpoints(b -> { });
            }
            assertThat(fake.clock().now()).isEqualTo(start);

            FakeServer.builder(fake).timeScale(1000).build().start().close();
            Instant afterClose = fake.clock().now();
            // A running driver at 1000x would reach the next simulated millisecond within microseconds.
            assertThatThrownBy(() -> reached(fake, afterClose.plusMillis(1)).get(50, TimeUnit.MILLISECONDS))
                    .isInstanceOf(TimeoutException.class);
            assertThat(fake.clock().now()).isEqualTo(afterClose);
            assertThatThrownBy(() -> FakeServer.builder(fake).timeScale(-1))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
