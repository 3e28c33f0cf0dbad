package dev.ballast.testkit.internal.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MetricStoreTest {

    private static final MetricKey ERRORS = new MetricKey("AWS/SageMaker", "Invocation4XXErrors", Map.of("InferenceComponentName", "llm"));
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    @DisplayName("samples come oldest first within the window asked for")
    void window() {
        MetricStore store = new MetricStore();
        store.put(ERRORS, T0, 1);
        store.put(ERRORS, T0.plusSeconds(60), 2);
        store.put(ERRORS, T0.plusSeconds(120), 3);

        assertThat(store.samples(ERRORS, T0.plusSeconds(30), T0.plusSeconds(120))).extracting(MetricStore.Sample::sum)
                .containsExactly(2.0, 3.0);
        assertThat(store.lastSequence(ERRORS)).isEqualTo(3);
    }

    @Test
    @DisplayName("points older than any alarm can evaluate (a day) are dropped, so a long run does not grow without bound")
    void retention() {
        MetricStore store = new MetricStore();
        store.put(ERRORS, T0, 1);
        store.put(ERRORS, T0.plus(Duration.ofHours(20)), 2);
        store.put(ERRORS, T0.plus(MetricStore.RETENTION).plusSeconds(1), 3);

        assertThat(store.samples(ERRORS, T0.minusSeconds(1), T0.plus(Duration.ofDays(3))))
                .extracting(MetricStore.Sample::sum).containsExactly(2.0, 3.0);
    }

    @Test
    @DisplayName("published metrics keep two weeks and more, take datapoints out of order, and remember when they were published")
    void published() {
        MetricStore store = new MetricStore();
        MetricKey custom = new MetricKey("Shop", "Orders", Map.of());
        Instant now = T0.plus(Duration.ofDays(20));
        store.put(custom, MetricStore.Sample.single(now.minus(Duration.ofDays(14)), "Count", 1), now);
        store.put(custom, MetricStore.Sample.single(now.plusSeconds(60), "Count", 3), now);
        store.put(custom, MetricStore.Sample.single(now, "Count", 2), now.plusSeconds(5));

        assertThat(store.samples(custom, now.minus(Duration.ofDays(15)), now.plus(Duration.ofHours(2))))
                .extracting(MetricStore.Sample::sum).containsExactly(1.0, 2.0, 3.0);
        assertThat(store.publishedSince(now)).containsEntry(custom, now.plusSeconds(5));
        assertThat(store.publishedSince(now.plusSeconds(6))).isEmpty();
    }
}
