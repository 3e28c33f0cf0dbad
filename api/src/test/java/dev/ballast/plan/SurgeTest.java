package dev.ballast.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SurgeTest {

    @Test
    @DisplayName("one line: extra instances, the duration in minutes, instance-hours and dollars to two significant digits")
    void printsInOneLine() {
        // 0.4 instance-hours × $1.515 = $0.606 → $0.61
        Surge surge = Surge.of("ml.g5.2xlarge", 1, Duration.ofMinutes(24), new BigDecimal("0.4000"), PriceTable.defaults());

        assertThat(surge).hasToString(
                "surge: at most 1 extra ml.g5.2xlarge for ~24 min (≈ 0.4 instance-hours, ≈ $0.61 at us-east-1 on-demand)");
        assertThat(surge.cost()).map(Surge.Cost::usd).contains(new BigDecimal("0.6060000"));
    }

    @Test
    @DisplayName("a type without a price prints its surge without dollars, and has no cost")
    void withoutPrice() {
        Surge surge = Surge.of("ml.t2.medium", 2, Duration.ofMinutes(30), BigDecimal.ONE, PriceTable.defaults());

        assertThat(surge.cost()).isEmpty();
        assertThat(surge).hasToString("surge: at most 2 extra ml.t2.medium for ~30 min (≈ 1 instance-hours)");
    }

    @Test
    @DisplayName("a plan priced with the user's table states the cost at the user's basis")
    void pricedByTheUser() {
        Surge surge = Surge.of("ml.p4d.24xlarge", 2, Duration.ofMinutes(150), new BigDecimal("5.0000"), PriceTable.defaults());
        Plan plan = new Plan("endpoint 'e'", List.of(new AwaitState("endpoint/e", "InService", "why")), List.of(surge));

        // defaults: 5 × $37.688 = $188.44 → $190; ours: 5 × $30 = $150
        assertThat(plan.toString()).contains(
                "surge: at most 2 extra ml.p4d.24xlarge for ~2 h 30 min (≈ 5 instance-hours, ≈ $190 at us-east-1 on-demand)");
        Plan ours = plan.priced(PriceTable.of("our contract", Map.of("ml.p4d.24xlarge", new BigDecimal("30"))));
        assertThat(ours.surge()).singleElement().extracting(Surge::cost)
                .isEqualTo(Optional.of(new Surge.Cost(new BigDecimal("150.0000"), "our contract")));
        assertThat(ours.toString()).contains("≈ $150 at our contract)");
    }

    @Test
    @DisplayName("the plan prints its surge under its title, before the steps; a plan without one prints none")
    void planPrintsItUnderItsTitle() {
        AwaitState step = new AwaitState("endpoint/e", "InService", "why");
        Surge surge = Surge.of("ml.m5.xlarge", 4, Duration.ofMinutes(35), new BigDecimal("2.3333"), PriceTable.defaults());

        assertThat(new Plan("endpoint 'e'", List.of(step), List.of(surge)).toString().lines().toList()).startsWith(
                "Plan for endpoint 'e': 1 step",
                "surge: at most 4 extra ml.m5.xlarge for ~35 min (≈ 2.3 instance-hours, ≈ $0.54 at us-east-1 on-demand)",
                "");
        assertThat(new Plan("endpoint 'e'", List.of(step)).toString()).doesNotContain("surge");
        assertThat(new Plan("endpoint 'e'", List.of(step)).surge()).isEmpty();
    }

    @Test
    @DisplayName("durations round up to whole minutes; from two hours on they read in hours and minutes")
    void durations() {
        assertThat(Surge.minutes(Duration.ofSeconds(61))).isEqualTo("2 min");
        assertThat(Surge.minutes(Duration.ofMinutes(119))).isEqualTo("119 min");
        assertThat(Surge.minutes(Duration.ofMinutes(120))).isEqualTo("2 h");
        assertThat(Surge.minutes(Duration.ofMinutes(605))).isEqualTo("10 h 5 min");
        assertThat(Surge.approximately(new BigDecimal("1234.5"))).isEqualTo("1200");
        assertThat(Surge.approximately(BigDecimal.ZERO)).isEqualTo("0");
    }

    @Test
    @DisplayName("a surge has at least one extra instance")
    void atLeastOneInstance() {
        assertThatThrownBy(() -> new Surge("ml.m5.xlarge", 0, Duration.ZERO, BigDecimal.ZERO, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one extra instance");
    }
}
