package dev.ballast.testkit.internal;

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
    @DisplayName("values come newest first within the window asked for")
    void window() {
        MetricStore store = new MetricStore();
        store.put(ERRORS, T0, 1);
        store.put(ERRORS, T0.plusSeconds(60), 2);
        store.put(ERRORS, T0.plusSeconds(120), 3);

        assertThat(store.values(ERRORS, T0.plusSeconds(30), T0.plusSeconds(120))).containsExactly(3.0, 2.0);
        assertThat(store.lastSequence(ERRORS)).isEqualTo(3);
    }

    @Test
    @DisplayName("points older than any alarm can evaluate (a day) are dropped, so a long run does not grow without bound")
    void retention() {
        MetricStore store = new MetricStore();
        store.put(ERRORS, T0, 1);
        store.put(ERRORS, T0.plus(Duration.ofHours(20)), 2);
        store.put(ERRORS, T0.plus(MetricStore.RETENTION).plusSeconds(1), 3);

        assertThat(store.values(ERRORS, T0.minusSeconds(1), T0.plus(Duration.ofDays(3)))).containsExactly(3.0, 2.0);
    }
}
