package dev.ballast.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.ballast.InstanceType;

class PriceTableTest {

    @Test
    @DisplayName("the carried table names its source and date, and prices only types Ballast knows")
    void carriedTable() {
        PriceTable table = PriceTable.defaults();

        assertThat(table.basis()).isEqualTo("us-east-1 on-demand");
        assertThat(table.source()).startsWith("source: https://aws.amazon.com/sagemaker/pricing/").contains("date: 2025-01-26");
        assertThat(table.usdPerHour()).hasSize(31);
        assertThat(table.usdPerHour().keySet()).allSatisfy(type -> assertThat(InstanceType.of(type).isKnown()).as(type).isTrue());
        // The samples' types: the notebook's GPU instance and the A/B test's CPU instance.
        assertThat(table.usdPerHour("ml.g5.2xlarge")).contains(new BigDecimal("1.515"));
        assertThat(table.usdPerHour("ml.m5.xlarge")).contains(new BigDecimal("0.23"));
        assertThat(table.usdPerHour("ml.t2.medium")).isEmpty();
    }

    @Test
    @DisplayName("a malformed table names its line; a table without source and date is refused")
    void malformed() {
        assertThatThrownBy(() -> PriceTable.parse(List.of("type,usd_per_hour", "ml.m5.xlarge,0.23")))
                .hasMessageContaining("line 1: must name the source and the date");
        assertThatThrownBy(() -> PriceTable.parse(List.of("# source: x; date: 2025-01-01", "type,usd_per_hour", "ml.m5.xlarge,cheap")))
                .hasMessageContaining("line 3: not a price: cheap");
        assertThatThrownBy(() -> PriceTable.parse(List.of("# source: x; date: 2025-01-01", "type,price")))
                .hasMessageContaining("line 2: the header must be type,usd_per_hour");
        assertThatThrownBy(() -> PriceTable.parse(List.of("# source: x; date: 2025-01-01", "type,usd_per_hour", "a,1", "a,2")))
                .hasMessageContaining("line 4: a negative price or a type listed twice: a");
    }

    @Test
    @DisplayName("a user's table: any basis, no negative price")
    void usersTable() {
        PriceTable ours = PriceTable.of("eu-west-1 on-demand", Map.of("ml.g5.2xlarge", new BigDecimal("1.7")));

        assertThat(ours.usdPerHour("ml.g5.2xlarge")).contains(new BigDecimal("1.7"));
        assertThat(ours.source()).isEqualTo("given");
        assertThatThrownBy(() -> PriceTable.of("x", Map.of("ml.g5.2xlarge", new BigDecimal("-1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be negative");
    }
}
