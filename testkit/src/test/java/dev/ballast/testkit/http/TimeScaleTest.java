package dev.ballast.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.testkit.FakeSageMaker;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

@DisplayName("The server's time scale")
class TimeScaleTest {

    @Test
    @DisplayName("with a time scale, simulated time runs that many times faster than the wall clock")
    void scaled() throws InterruptedException {
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

    private static void awaitAndCheck(FakeSageMaker fake, Instant start, long wallStart) throws InterruptedException {
        long deadline = wallStart + Duration.ofSeconds(30).toNanos();
        while (Duration.between(start, fake.clock().now()).compareTo(Duration.ofMinutes(30)) < 0
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
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
    void manualAndStopped() throws InterruptedException {
        try (FakeSageMaker fake = FakeSageMaker.create()) {
            Instant start = fake.clock().now();
            try (FakeServer manual = FakeServer.builder(fake).build().start();
                    SageMakerClient sm = SdkClients.sageMaker(manual)) {
                sm.listEndpoints(b -> { });
            }
            assertThat(fake.clock().now()).isEqualTo(start);

            FakeServer.builder(fake).timeScale(1000).build().start().close();
            Instant afterClose = fake.clock().now();
            // bounded wait on the (stopped) clock driver: at 1000x, 50 ms would be 50 simulated seconds
            Thread.sleep(50);
            assertThat(fake.clock().now()).isEqualTo(afterClose);
            assertThatThrownBy(() -> FakeServer.builder(fake).timeScale(-1))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
