package dev.ballast.testkit.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Datapoints of the simulated metrics, with a sequence number per metric so alarms know what is new. */
final class MetricStore {

    record Datapoint(Instant at, double value) {
    }

    private static final class Series {
        final List<Datapoint> points = new ArrayList<>();
        long lastSequence;
    }

    private final Map<MetricKey, Series> series = new HashMap<>();
    private long sequence;

    synchronized void put(MetricKey key, Instant at, double value) {
        Series s = series.computeIfAbsent(key, k -> new Series());
        s.points.add(new Datapoint(at, value));
        s.lastSequence = ++sequence;
    }

    /** @return values with {@code from <= at <= to}, newest first */
    synchronized List<Double> values(MetricKey key, Instant from, Instant to) {
        Series s = series.get(key);
        List<Double> result = new ArrayList<>();
        if (s == null) {
            return result;
        }
        for (int i = s.points.size() - 1; i >= 0; i--) {
            Datapoint p = s.points.get(i);
            if (p.at().isBefore(from)) {
                break;
            }
            if (!p.at().isAfter(to)) {
                result.add(p.value());
            }
        }
        return result;
    }

    /** @return the sequence number of the newest datapoint of the metric, 0 if none */
    synchronized long lastSequence(MetricKey key) {
        Series s = series.get(key);
        return s == null ? 0 : s.lastSequence;
    }

    /** @return the global sequence number of the newest datapoint */
    synchronized long sequence() {
        return sequence;
    }
}
