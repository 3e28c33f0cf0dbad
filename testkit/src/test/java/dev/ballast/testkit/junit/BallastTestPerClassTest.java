package dev.ballast.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.Ballast;
import dev.ballast.testkit.FakeSageMaker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.TestInstance;

/**
 * One test instance for the whole class: its fields still get each test's own world and engine
 * (the extension replaces what it injected itself instead of calling the field initialised).
 */
@BallastTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BallastTestPerClassTest {

    private final List<FakeSageMaker> seen = new ArrayList<>();
    private final List<Ballast> engines = new ArrayList<>();

    private FakeSageMaker fake;
    private Ballast ballast;

    @RepeatedTest(3)
    @DisplayName("each test gets a fresh world and engine")
    void eachTestGetsAFreshWorldAndEngine() {
        assertThat(seen).doesNotContain(fake);
        assertThat(engines).doesNotContain(ballast);
        assertThat(fake.sageMakerClient().listModels(b -> { }).models()).isEmpty();
        fake.sageMakerClient().createModel(b -> b.modelName("m").primaryContainer(c -> c.image("img")));
        seen.add(fake);
        engines.add(ballast);
    }
}
