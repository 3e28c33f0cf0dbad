package dev.ballast.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.Ballast;
import dev.ballast.engine.BallastEngine;
import dev.ballast.testkit.FakeSageMaker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Registered on a static field: one world per class for static fields and {@code @BeforeAll}
 * parameters, and still a fresh world per test for instance fields and test parameters.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BallastExtensionStaticFieldTest {

    @RegisterExtension
    static final BallastExtension EXTENSION = BallastExtension.builder().region("eu-west-1").build();

    private static final List<FakeSageMaker> PER_TEST = new ArrayList<>();

    private static FakeSageMaker shared;
    private static BallastEngine sharedEngine;
    private static FakeSageMaker fromBeforeAll;
    private static Ballast engineFromBeforeAll;

    private FakeSageMaker fake;
    private Ballast ballast;

    @BeforeAll
    static void captureClassWorld(FakeSageMaker classWorld, Ballast classEngine) {
        fromBeforeAll = classWorld;
        engineFromBeforeAll = classEngine;
    }

    @Test
    @DisplayName("static fields and before all share the class world, and its engine")
    @Order(1)
    void staticFieldsAndBeforeAllShareTheClassWorldAndItsEngine() {
        assertThat(shared).isNotNull().isSameAs(fromBeforeAll).isNotSameAs(fake);
        assertThat(shared.region()).isEqualTo("eu-west-1");
        assertThat(sharedEngine).isNotNull().isSameAs(engineFromBeforeAll).isNotSameAs(ballast);
        PER_TEST.add(fake);
    }

    @Test
    @DisplayName("instance fields get a fresh world per test")
    @Order(2)
    void instanceFieldsGetAFreshWorldPerTest() {
        assertThat(fake).isNotNull().isNotSameAs(shared);
        assertThat(PER_TEST).hasSize(1).doesNotContain(fake);
        assertThat(fake.region()).isEqualTo("eu-west-1");
        PER_TEST.add(fake);
    }

    @Test
    @DisplayName("the class world outlives each test")
    @Order(3)
    void theClassWorldOutlivesEachTest(FakeSageMaker parameter) {
        assertThat(parameter).isSameAs(fake).isNotSameAs(shared);
        assertThat(PER_TEST).hasSize(2).doesNotContain(fake);
        // each test sees the same class world: a model created by one is there for the next
        if (shared.sageMakerClient().listModels(b -> { }).models().isEmpty()) {
            shared.sageMakerClient().createModel(b -> b.modelName("shared").primaryContainer(c -> c.image("img")));
        }
        assertThat(shared.sageMakerClient().listModels(b -> { }).models()).hasSize(1);
    }
}
