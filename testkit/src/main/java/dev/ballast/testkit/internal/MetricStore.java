package dev.ballast.testkit.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Datapoints of the simulated metrics, with a sequence number per metric so alarms know what is new. */
final class MetricStore {

    record Datapoint(Instant at, double value) {
    }

    /**
     * How long datapoints are kept: CloudWatch evaluates at most one day (period x evaluation
     * periods), so older points can never count again; without this a long-running server under
     * load would grow without bound.
     */
    static final Duration RETENTION = Duration.ofDays(1).plusHours(1);

    private static final class Series {
        // oldest first; simulated time only moves forward, so new points go at the end
        final ArrayDeque<Datapoint> points = new ArrayDeque<>();
        long lastSequence;
    }

    private final Map<MetricKey, Series> series = new HashMap<>();
    private long sequence;

    synchronized void put(MetricKey key, Instant at, double value) {
        Series s = series.computeIfAbsent(key, k -> new Series());
        s.points.addLast(new Datapoint(at, value));
        s.lastSequence = ++sequence;
        Instant oldest = at.minus(RETENTION);
        while (!s.points.isEmpty() && s.points.peekFirst().at().isBefore(oldest)) {
            s.points.removeFirst();
        }
    }

    /** @return values with {@code from <= at <= to}, newest first */
    synchronized List<Double> values(MetricKey key, Instant from, Instant to) {
        Series s = series.get(key);
        List<Double> result = new ArrayList<>();
        if (s == null) {
            return result;
        }
        for (java.util.Iterator<Datapoint> newestFirst = s.points.descendingIterator(); newestFirst.hasNext();) {
            Datapoint p = newestFirst.next();
            if (p.at().isBefore(from)) {
                break;
            }
            if (!p.at().isAfter(to)) {
                result.add(p.value());
            }
        }
        return result;
    }

    /** @return datapoints with {@code from <= at < toExclusive}, oldest first */
    synchronized List<Datapoint> points(MetricKey key, Instant from, Instant toExclusive) {
        Series s = series.get(key);
        List<Datapoint> result = new ArrayList<>();
        if (s == null) {
            return result;
        }
        for (Datapoint p : s.points) {
            if (!p.at().isBefore(toExclusive)) {
                break;
            }
            if (!p.at().isBefore(from)) {
                result.add(p);
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
