package dev.ballast.testkit.junit;

import static dev.ballast.testkit.assertions.FakeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.Ballast;
import dev.ballast.Component;
import dev.ballast.Endpoint;
import dev.ballast.event.DeploymentEvent;
import dev.ballast.outcome.Outcome;
import dev.ballast.testkit.FakeSageMaker;
import dev.ballast.testkit.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The form {@link BallastExtension}'s Javadoc shows: registered on an instance field, so JUnit
 * builds one extension per test instance. Every test of the class must run, each on its own world,
 * with an engine bound to that world.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BallastExtensionInstanceFieldTest {

    private static final List<FakeSageMaker> SEEN = new ArrayList<>();
    static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerExecutionRole";
    static final String IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.4.0-tgi2.2.0-gpu-py311-cu124-ubuntu22.04";

    private final List<DeploymentEvent> events = new ArrayList<>();

    @RegisterExtension
    final BallastExtension extension = BallastExtension.builder()
            .configure(fake -> fake.givenInstanceQuota("ml.g5.2xlarge", 3))
            .engine(engine -> engine.listener(events::add))
            .build();

    private FakeSageMaker fake;
    private VirtualClock clock;
    private Ballast ballast;

    @Test
    @DisplayName("the first test gets a world")
    @Order(1)
    void theFirstTestGetsAWorld(FakeSageMaker parameter, Ballast engineParameter) {
        assertThat(fake).isNotNull().isSameAs(parameter);
        assertThat(clock).isSameAs(fake.clock());
        assertThat(ballast).as("one engine per world").isNotNull().isSameAs(engineParameter);
        fake.sageMakerClient().createModel(b -> b.modelName("m").primaryContainer(c -> c.image("img")));
        SEEN.add(fake);
    }

    @Test
    @DisplayName("the second test gets a fresh world, not the first one")
    @Order(2)
    void theSecondTestGetsAFreshWorldNotTheFirstOne() {
        assertThat(fake).isNotNull();
        assertThat(SEEN).doesNotContain(fake);
        assertThat(fake.sageMakerClient().listModels(b -> { }).models()).as("the first test's model").isEmpty();
        SEEN.add(fake);
    }

    @Test
    @DisplayName("theInjectedEngine: deploys on the injected world, on its clock, with the registered settings")
    @Order(3)
    void theInjectedEngineDeploysOnTheInjectedWorldOnItsClockWithTheRegisteredSettings() {
        assertThat(SEEN).hasSize(2).doesNotContain(fake);
        var start = clock.now();

        Outcome outcome = ballast.apply(tiny("demo")).await();

        assertThat(outcome).isSucceeded();
        assertThat(fake.sageMakerClient().describeEndpoint(b -> b.endpointName("demo")).endpointStatusAsString())
                .isEqualTo("InService");
        assertThat(Duration.between(start, clock.now())).as("simulated minutes passed on the world's clock")
                .isGreaterThan(Duration.ofMinutes(5));
        assertThat(events).as("the listener given to .engine(..)").isNotEmpty();
    }

    /** A one-copy endpoint, the smallest the engine deploys. */
    static dev.ballast.spec.ComponentEndpointSpec tiny(String name) {
        return Endpoint.on("ml.g5.2xlarge").scale(1, 2).executionRole(ROLE)
                .component(Component.named("llm").image(IMAGE).accelerators(1).memoryMb(1024).copies(1))
                .named(name);
    }
}
