package dev.ballast.testkit.junit;

import static dev.ballast.testkit.assertions.FakeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.Ballast;
import dev.ballast.engine.BallastEngine;
import dev.ballast.outcome.Outcome;
import dev.ballast.testkit.FakeSageMaker;
import dev.ballast.testkit.VirtualClock;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

@BallastTest
class BallastTestAnnotationTest {

    private static FakeSageMaker shared;
    private static FakeSageMaker fromBeforeAll;

    private FakeSageMaker fake;
    private VirtualClock clock;
    private Ballast ballast;

    @BeforeAll
    static void captureClassWorld(FakeSageMaker classWorld) {
        fromBeforeAll = classWorld;
    }

    @RepeatedTest(2)
    @DisplayName("each test gets a fresh world")
    void eachTestGetsAFreshWorld() {
        assertThat(fake).isNotNull();
        assertThat(clock).isSameAs(fake.clock());
        // a shared world would reject the second creation of the same model
        fake.sageMakerClient().createModel(b -> b.modelName("m").primaryContainer(c -> c.image("img")));
        clock.advance(Duration.ofMinutes(1));
        assertThat(fake.sageMakerClient().listModels(b -> { }).models()).hasSize(1);
    }

    @Test
    @DisplayName("static fields share one world per class, and parameters match fields")
    void staticFieldsShareOneWorldPerClassAndParametersMatchFields(FakeSageMaker parameter, VirtualClock clockParameter) {
        assertThat(shared).isNotNull().isSameAs(fromBeforeAll).isNotSameAs(fake);
        assertThat(parameter).isSameAs(fake);
        assertThat(clockParameter).isSameAs(fake.clock());
    }

    @Test
    @DisplayName("a Ballast field and parameter, are one engine, bound to the injected world")
    void aBallastFieldAndParameterAreOneEngineBoundToTheInjectedWorld(Ballast parameter, BallastEngine concrete) {
        assertThat(ballast).isNotNull().isSameAs(parameter).isSameAs(concrete);

        Outcome outcome = ballast.apply(BallastExtensionInstanceFieldTest.tiny("injected")).await();

        assertThat(outcome).isSucceeded();
        assertThat(fake.sageMakerClient().describeEndpoint(b -> b.endpointName("injected")).endpointStatusAsString())
                .isEqualTo("InService");
        assertThat(clock.now()).as("the engine waited on the world's clock").isAfter(java.time.Instant.parse("2026-01-01T00:05:00Z"));
    }
}
