package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.spi.Scheduler;
import dev.ballast.spi.TimeSource;
import dev.ballast.spi.Transport;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentResponse;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;

/** How an engine uses the fake: a Transport for calls, the clock as TimeSource and Scheduler for waits. */
class SchedulerContractTest {

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final Transport transport = fake;
    private final Scheduler scheduler = fake.clock();
    private final TimeSource time = fake.clock();

    /** Polls DescribeInferenceComponent every 30 s through the scheduler until the status is reached. */
    private CompletableFuture<Instant> waitFor(String name, InferenceComponentStatus wanted) {
        CompletableFuture<Instant> done = new CompletableFuture<>();
        Runnable[] poll = new Runnable[1];
        poll[0] = () -> {
            DescribeInferenceComponentResponse d = (DescribeInferenceComponentResponse) transport.execute(
                    DescribeInferenceComponentRequest.builder().inferenceComponentName(name).build());
            if (d.inferenceComponentStatus() == wanted) {
                done.complete(time.now());
            } else if (d.inferenceComponentStatus() == InferenceComponentStatus.FAILED) {
                done.completeExceptionally(new IllegalStateException(d.failureReason()));
            } else {
                scheduler.schedule(Duration.ofSeconds(30), poll[0]);
            }
        };
        scheduler.schedule(Duration.ZERO, poll[0]);
        return done;
    }

    @Test
    @DisplayName("await drives simulated time through the engines polling")
    void awaitDrivesSimulatedTimeThroughTheEnginesPolling() {
        Fixtures.icEndpoint(fake, "ep", "ml.g5.2xlarge", 1, 1, 2);
        Instant start = time.now();
        Fixtures.createComponent(fake, "ic", "ep", Fixtures.llm("m"), 1);

        Instant reached = scheduler.await(waitFor("ic", InferenceComponentStatus.IN_SERVICE));

        // copies serve after 3.5 min (download + start); the 30 s poll sees it at that very tick
        assertThat(Duration.between(start, reached)).isEqualTo(fake.timings().copyStartup());
        assertThat(time.now()).isEqualTo(reached);
    }

    @Test
    @DisplayName("await surfaces the failure of a wait")
    void awaitSurfacesTheFailureOfAWait() {
        Fixtures.icEndpoint(fake, "ep", "ml.g5.2xlarge", 1, 1, 2);
        fake.givenContainerFor("ic", ContainerBehavior.neverHealthy());
        Fixtures.createComponent(fake, "ic", "ep", Fixtures.llm("m"), 1);
        assertThatThrownBy(() -> scheduler.await(waitFor("ic", InferenceComponentStatus.IN_SERVICE)))
                .isExactlyInstanceOf(IllegalStateException.class).hasMessageContaining("ping health check");
    }
}
