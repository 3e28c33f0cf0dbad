package dev.ballast.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.ballast.Ballast;
import dev.ballast.engine.BallastEngine;
import dev.ballast.outcome.Outcome;
import dev.ballast.plan.PriceTable;
import dev.ballast.plan.Surge;
import dev.ballast.testkit.FakeSageMaker;

/**
 * {@code ballast.plan(..)} of an update against what runs states its surge, priced with the
 * engine's table; what runs decides: a plan that changes nothing has none.
 */
class SurgeOnTheFakeTest {

    private final FakeSageMaker fake = FakeSageMaker.create();

    private Ballast ballast(PriceTable prices) {
        return BallastEngine.builder().transport(fake).clock(fake.clock(), fake.clock()).prices(prices).build();
    }

    @Test
    @DisplayName("the notebook's update, planned against the running endpoint: 1 extra ml.g5.2xlarge; none once nothing differs")
    void componentUpdate() {
        Ballast ballast = ballast(PriceTable.defaults());
        assertThat(ballast.apply(NotebookSpecs.llama()).await()).isInstanceOf(Outcome.Succeeded.class);

        // 2 instances run, each full with 1 copy of 1 GPU: the batch of 1 needs 1 more; 2 batches ×
        // (10 min + 2 min) = 24 min = 0.4 h; × $1.515 = $0.606.
        assertThat(ballast.plan(NotebookSpecs.deepSeek()).surge()).extracting(Surge::toString).containsExactly(
                "surge: at most 1 extra ml.g5.2xlarge for ~24 min (≈ 0.4 instance-hours, ≈ $0.61 at us-east-1 on-demand)");
        assertThat(ballast.plan(NotebookSpecs.llama()).surge()).isEmpty();
    }

    @Test
    @DisplayName("the A/B test's canary, priced with the user's table: the second fleet at the user's price")
    void variantUpdateAtTheUsersPrice() {
        Ballast ballast = ballast(PriceTable.of("eu-west-1 on-demand", Map.of("ml.m5.xlarge", new BigDecimal("0.30"))));
        assertThat(ballast.apply(ABTestSpecs.abTestOnTwo()).await()).isInstanceOf(Outcome.Succeeded.class);

        // 2 + 2 extra for 10 + 2 × 10 + 5 = 35 min; 4 × 35 / 60 = 2.3333 h; × $0.30 = $0.70.
        assertThat(ballast.plan(ABTestSpecs.retrain(ABTestSpecs.IMAGE + "2.4-cpu", ABTestSpecs.canary())).surge())
                .extracting(Surge::toString).containsExactly(
                        "surge: at most 4 extra ml.m5.xlarge for ~35 min (≈ 2.3 instance-hours, ≈ $0.7 at eu-west-1 on-demand)");
        assertThat(ballast.plan(ABTestSpecs.abTestOnTwo()).surge()).isEmpty();
    }
}
