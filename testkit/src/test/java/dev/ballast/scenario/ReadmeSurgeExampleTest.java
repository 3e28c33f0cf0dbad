package dev.ballast.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.ballast.Ballast;
import dev.ballast.engine.BallastEngine;
import dev.ballast.plan.Plan;
import dev.ballast.plan.PriceTable;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.testkit.FakeSageMaker;

/** The README's surge example ({@code surge-example}), run on the fake with the notebook's specs. */
class ReadmeSurgeExampleTest {

    @Test
    @DisplayName("the README's surge example: the update's surge at the carried prices, then at the user's")
    void surgeExample() throws IOException {
        FakeSageMaker fake = FakeSageMaker.create();
        Ballast ballast = BallastEngine.builder().transport(fake).clock(fake.clock(), fake.clock()).build();
        ComponentEndpointSpec spec = NotebookSpecs.llama();
        ComponentEndpointSpec deepSeekSpec = NotebookSpecs.deepSeek();
        ballast.apply(spec).await();

        Plan update = ballast.plan(deepSeekSpec);
        System.out.println(update.surge().get(0));
        BigDecimal hours = update.surge().get(0).instanceHours();

        Map<String, BigDecimal> ours = new HashMap<>(PriceTable.defaults().usdPerHour());
        ours.put("ml.g5.2xlarge", new BigDecimal("1.10"));
        Ballast atOurPrices = BallastEngine.builder().transport(fake).clock(fake.clock(), fake.clock())
            .prices(PriceTable.of("our contract", ours)).build();
        System.out.println(atOurPrices.plan(deepSeekSpec).surge().get(0));

        // The two lines the README shows: 1 extra instance for 2 batches × (10 min + 120 s);
        // 0.4 h × $1.515 = $0.606, and × $1.10 = $0.44.
        assertThat(update.surge().get(0)).hasToString(
                "surge: at most 1 extra ml.g5.2xlarge for ~24 min (≈ 0.4 instance-hours, ≈ $0.61 at us-east-1 on-demand)");
        assertThat(hours).isEqualByComparingTo("0.4");
        assertThat(atOurPrices.plan(deepSeekSpec).surge().get(0)).hasToString(
                "surge: at most 1 extra ml.g5.2xlarge for ~24 min (≈ 0.4 instance-hours, ≈ $0.44 at our contract)");
        ReadmeSnippets.assertExampleIsIn("surge-example", ReadmeSurgeExampleTest.class);
    }
}
