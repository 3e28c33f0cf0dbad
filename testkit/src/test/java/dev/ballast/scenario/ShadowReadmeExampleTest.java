package dev.ballast.scenario;

import static dev.ballast.testkit.assertions.FakeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.Ballast;
import dev.ballast.Endpoint;
import dev.ballast.Model;
import dev.ballast.ShadowPromotion;
import dev.ballast.Variant;
import dev.ballast.outcome.Outcome;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.testkit.FakeSageMaker;
import dev.ballast.testkit.junit.BallastTest;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The README's shadow example, as written there: {@link #readmeSnippetIsThisTest()} checks that every line
 * of the README's {@code shadow-example} is a line of this file.
 */
@BallastTest
class ShadowReadmeExampleTest {

    FakeSageMaker fake;
    Ballast ballast;

    private final Model v1 = Model.named("churn-v1").image(NotebookSpecs.IMAGE).executionRole(NotebookSpecs.ROLE);
    private final Model v2 = Model.named("churn-v2").image(NotebookSpecs.IMAGE).executionRole(NotebookSpecs.ROLE);

    @Test
    @DisplayName("a shadow gets half of the requests, passes its guard and is promoted into the production variant")
    void shadowPromoted() {
        VariantEndpointSpec churn = Endpoint.serving(Variant.named("AllTraffic").model(v1).on("ml.m5.xlarge"))
                .shadow(Variant.named("churn-v2-shadow").model(v2).on("ml.m5.xlarge").weight(0.5)) // half copied
                .named("churn");
        assertThat(ballast.apply(churn).await()).isSucceeded();
        for (int i = 0; i < 100; i++) {
            ballast.invoke(churn, "{\"inputs\":\"customer " + i + "\"}");     // answered by AllTraffic only
        }
        ShadowPromotion guard = ShadowPromotion.of(churn).over(Duration.ofMinutes(30))
                .minimumInvocations(50)                // the shadow saw its 50 copies
                .latencyWithin(10)                     // its ModelLatency p99 at most 10% above production's
                .errorRateAtMost(0.01);                // at most 1% of its requests failed
        Outcome promoted = ballast.promoteShadow(guard).await();
        assertThat(promoted).isSucceeded();            // AllTraffic now serves churn-v2; no shadow is left

        // what the README's comments say
        assertThat(((Outcome.Succeeded) promoted).detail()).contains("shadow churn-v2-shadow saw 50, production AllTraffic 100");
        var endpoint = fake.sageMakerClient().describeEndpoint(b -> b.endpointName("churn"));
        assertThat(endpoint.shadowProductionVariants()).isEmpty();
        assertThat(fake.sageMakerClient().describeEndpointConfig(b -> b.endpointConfigName(endpoint.endpointConfigName()))
                .productionVariants()).singleElement().satisfies(v -> {
                    assertThat(v.variantName()).isEqualTo("AllTraffic");
                    assertThat(v.modelName()).isEqualTo("churn-v2");
                });
    }

    @Test
    @DisplayName("the README's shadow snippet is this test")
    void readmeSnippetIsThisTest() throws IOException {
        ReadmeSnippets.assertExampleIsIn("shadow-example", ShadowReadmeExampleTest.class);
    }
}
