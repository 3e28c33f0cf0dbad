package dev.ballast.testkit;

import static dev.ballast.testkit.assertions.FakeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.Ballast;
import dev.ballast.Component;
import dev.ballast.Endpoint;
import dev.ballast.event.DeploymentEvent;
import dev.ballast.outcome.Outcome;
import dev.ballast.spi.Transport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code fake.engine()}: an engine on the fake, on its clock, in one call. */
class FakeEngineTest {

    private final FakeSageMaker fake = FakeSageMaker.create();

    private static dev.ballast.spec.ComponentEndpointSpec tiny() {
        return Endpoint.on("ml.g5.2xlarge").scale(1, 2).executionRole(Fixtures.ROLE)
                .component(Component.named("llm").image(Fixtures.IMAGE).accelerators(1).memoryMb(1024).copies(1))
                .named("demo");
    }

    @Test
    @DisplayName("engine: deploys on the fake, in simulated time")
    void engineDeploysOnTheFakeInSimulatedTime() {
        Instant start = fake.clock().now();

        Outcome outcome = fake.engine().apply(tiny()).await();

        assertThat(outcome).isSucceeded();
        assertThat(Fixtures.endpoint(fake, "demo").endpointStatusAsString()).isEqualTo("InService");
        assertThat(Duration.between(start, fake.clock().now())).isGreaterThan(Duration.ofMinutes(5));
        assertThat(outcome.took()).isEqualTo(Duration.between(start, fake.clock().now()));
    }

    @Test
    @DisplayName("eachCall: builds another engine, another writer")
    void eachCallBuildsAnotherEngineAnotherWriter() {
        assertThat(fake.engine()).isNotSameAs(fake.engine());
    }

    @Test
    @DisplayName("engineWithSettings: keeps the fake and its clock")
    void engineWithSettingsKeepsTheFakeAndItsClock() {
        List<DeploymentEvent> events = new ArrayList<>();
        Ballast ballast = fake.engine(b -> b.listener(events::add));

        assertThat(ballast.apply(tiny()).await()).isSucceeded();

        assertThat(events).isNotEmpty();
        assertThat(events.get(events.size() - 1).at()).isEqualTo(fake.clock().now());
    }

    @Test
    @DisplayName("engineBuilder: lets a test put a transport between, keeping the clock")
    void engineBuilderLetsATestPutATransportBetweenKeepingTheClock() {
        AtomicInteger calls = new AtomicInteger();
        Transport counting = request -> {
            calls.incrementAndGet();
            return fake.execute(request);
        };

        Outcome outcome = fake.engineBuilder().transport(counting).build().apply(tiny()).await();

        assertThat(outcome).isSucceeded();
        assertThat(calls).as("every call went through the test's transport").hasPositiveValue();
        assertThat(fake.clock().now()).isAfter(Instant.parse("2026-01-01T00:05:00Z"));
    }
}
