package dev.ballast.internal.timeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ballast.event.DeploymentEvent;
import dev.ballast.outcome.Outcome;

/**
 * What a timeline picture shows, read from a deployment's events alone (so a real rollout and one
 * on the fake read the same): a lane per endpoint, variant and component with its counts, bands,
 * statuses and weights; a strip per alarm; ticks for steps, checks and anything else; rollbacks
 * and the outcome.
 *
 * <p>Which copies are old and which new is followed from the way the count moves during an update,
 * as the samples' progress printer does: copies added while updating are new, copies removed are
 * old. Once a rollback is triggered SageMaker's Describe calls do not tell them apart, so the
 * count is shown unsplit. The surge is what runs above the steady count: the count when the
 * deployment started (or, for a resource it creates, the count it ends with).
 */
final class TimelineModel {

    enum LaneKind {
        ENDPOINT, VARIANT, COMPONENT
    }

    /** A count at a time: current, desired, and the old/new split when known. */
    record Count(Instant at, int current, int desired, int oldCount, int newCount, boolean split) {
    }

    /** A span with a label: a batch, a bake or another variant stage. */
    record Band(Instant start, Instant end, String label, String type) {
    }

    /** A value held from start to end: a status, an alarm state, a traffic share. */
    record Segment(Instant start, Instant end, String value) {
    }

    /** A moment: a step, a check, a note, an event of a kind the picture has no lane for. */
    record Tick(Instant at, String label, String detail, String type) {
    }

    record Rollback(Instant at, String resource, String cause) {
    }

    static final class Lane {
        final String key;
        final LaneKind kind;
        final List<Count> counts = new ArrayList<>();
        final List<Band> bands = new ArrayList<>();
        final List<Segment> statuses = new ArrayList<>();
        final List<Segment> weights = new ArrayList<>();
        boolean copies;
        int steady = -1;
        // following state
        int current = -1;
        int desired;
        int oldCount;
        int newCount;
        /** Whether a blue/green deployment reports this lane's new fleet apart ({@code (new)} instances). */
        boolean blueGreen;
        int green;
        int greenDesired;
        boolean updating;
        boolean rollingBack;
        boolean rolledBack;
        Band openBatch;
        final Map<String, Band> openStages = new LinkedHashMap<>();
        Segment openStatus;
        Segment openWeight;

        Lane(String key, LaneKind kind) {
            this.key = key;
            this.kind = kind;
        }

        boolean hasCounts() {
            return !counts.isEmpty();
        }

        int maxCount() {
            int max = Math.max(1, steady);
            for (Count c : counts) {
                max = Math.max(max, Math.max(c.current(), c.desired()));
            }
            return max;
        }
    }

    final Map<String, Lane> lanes = new LinkedHashMap<>();
    final Map<String, List<Segment>> alarms = new LinkedHashMap<>();
    final List<Tick> ticks = new ArrayList<>();
    final List<Rollback> rollbacks = new ArrayList<>();
    Outcome outcome;
    Instant outcomeAt;
    Instant start;
    Instant end;

    private final Map<String, Segment> openAlarms = new LinkedHashMap<>();

    static TimelineModel read(List<? extends DeploymentEvent> events, List<TimelineRenderer.Note> notes) {
        TimelineModel m = new TimelineModel();
        List<Object> all = new ArrayList<>(events);
        all.addAll(notes);
        all.sort((a, b) -> at(a).compareTo(at(b))); // stable: events keep their order at equal times
        for (Object o : all) {
            Instant at = at(o);
            m.start = m.start == null || at.isBefore(m.start) ? at : m.start;
            m.end = m.end == null || at.isAfter(m.end) ? at : m.end;
            if (o instanceof TimelineRenderer.Note n) {
                m.ticks.add(new Tick(at, n.text(), n.text(), "note"));
            } else {
                m.accept((DeploymentEvent) o);
            }
        }
        if (m.start == null) {
            m.start = Instant.EPOCH;
            m.end = Instant.EPOCH;
        }
        m.closeAll();
        return m;
    }

    private static Instant at(Object o) {
        return o instanceof TimelineRenderer.Note n ? n.at() : ((DeploymentEvent) o).at();
    }

    /** @return the lane of an endpoint, variant or component resource; {@code null} for any other resource */
    private Lane lane(String resource) {
        String key = resource.replaceFirst(" \\([^)]*\\)$", "");
        LaneKind kind;
        if (key.startsWith("inference-component/")) {
            kind = LaneKind.COMPONENT;
        } else if (key.startsWith("endpoint/") && key.contains("/variant/")) {
            kind = LaneKind.VARIANT;
        } else if (key.startsWith("endpoint/")) {
            kind = LaneKind.ENDPOINT;
        } else {
            return null;
        }
        return lanes.computeIfAbsent(key, k -> new Lane(k, kind));
    }

    private void accept(DeploymentEvent e) {
        Instant at = e.at();
        if (e instanceof DeploymentEvent.CopiesChanged c && lane(c.resource()) != null) {
            Lane l = lane(c.resource());
            l.copies = true;
            count(l, at, c.current(), c.desired());
        } else if (e instanceof DeploymentEvent.InstancesChanged i && lane(i.resource()) != null && i.resource().endsWith(" (new)")) {
            Lane l = lane(i.resource());
            l.blueGreen = true;
            l.green = i.current();
            l.greenDesired = i.desired();
            fleets(l, at);
        } else if (e instanceof DeploymentEvent.InstancesChanged i && lane(i.resource()) != null) {
            count(lane(i.resource()), at, i.current(), i.desired());
        } else if (e instanceof DeploymentEvent.BatchStarted b && lane(b.resource()) != null) {
            Lane l = lane(b.resource());
            startUpdate(l);
            closeBatch(l, at);
            l.openBatch = new Band(at, null, "batch " + b.batch() + "/" + b.batches(), "batch");
        } else if (e instanceof DeploymentEvent.StatusChanged s && lane(s.resource()) != null) {
            Lane l = lane(s.resource());
            if ("Updating".equals(s.to())) {
                startUpdate(l);
            } else if (l.updating && !"Updating".equals(s.to())) {
                endUpdate(l, at);
            }
            closeStatus(l, at);
            l.openStatus = new Segment(at, null, s.to() == null ? "" : s.to());
        } else if (e instanceof DeploymentEvent.StageChanged s && lane(s.resource()) != null) {
            Lane l = lane(s.resource());
            String role = s.resource().endsWith(")") ? s.resource().substring(s.resource().lastIndexOf(" (") + 1) + " " : "";
            Band open = l.openStages.remove(role);
            if (open != null) {
                l.bands.add(new Band(open.start(), at, open.label(), open.type()));
            }
            if (!s.to().isEmpty()) {
                l.openStages.put(role, new Band(at, null, role + s.to(), "Baking".equals(s.to()) ? "bake" : "stage"));
            }
        } else if (e instanceof DeploymentEvent.RollbackStarted r) {
            rollbacks.add(new Rollback(at, r.resource(), r.cause()));
            Lane l = lane(r.resource());
            if (l != null) {
                closeBatch(l, at);
                l.rollingBack = true;
                l.rolledBack = true;
            }
        } else if (e instanceof DeploymentEvent.AlarmStateChanged a) {
            Segment open = openAlarms.remove(a.alarm());
            List<Segment> strip = alarms.computeIfAbsent(a.alarm(), k -> new ArrayList<>());
            if (open != null) {
                strip.add(new Segment(open.start(), at, open.value()));
            }
            openAlarms.put(a.alarm(), new Segment(at, null, a.to() == null ? "" : a.to()));
        } else if (e instanceof DeploymentEvent.WeightsChanged w) {
            double total = w.weights().values().stream().mapToDouble(Double::doubleValue).sum();
            String endpoint = w.endpoint();
            for (Map.Entry<String, Double> entry : w.weights().entrySet()) {
                Lane l = lane(endpoint + "/variant/" + entry.getKey());
                if (l == null) {
                    continue;
                }
                String share = total <= 0 ? "0%" : Math.round(100 * entry.getValue() / total) + "%";
                if (l.openWeight != null && l.openWeight.value().equals(share)) {
                    continue;
                }
                closeWeight(l, at);
                l.openWeight = new Segment(at, null, share);
            }
        } else if (e instanceof DeploymentEvent.CheckEvaluated c) {
            ticks.add(new Tick(at, c.passed() ? "check ok" : "check FAILED", e.describe(), c.passed() ? "pass" : "fail"));
        } else if (e instanceof DeploymentEvent.StepStarted s) {
            ticks.add(new Tick(at, shortStep(s.what()), e.describe(), "step"));
        } else if (e instanceof DeploymentEvent.Finished f) {
            outcome = f.outcome();
            outcomeAt = at;
            for (Lane l : lanes.values()) {
                closeBatch(l, at);
                if (l.updating) {
                    endUpdate(l, at);
                }
            }
        } else {
            // an event of a kind this picture has no lane for (a status of a model, a new kind): a labelled tick
            ticks.add(new Tick(at, e.describe(), e.describe(), "other"));
        }
    }

    /** {@code SageMaker.UpdateInferenceComponent inference-component/llm} reads {@code UpdateInferenceComponent}. */
    private static String shortStep(String what) {
        if (what.startsWith("wait until")) {
            return "wait";
        }
        String first = what.split(" ", 2)[0];
        return first.substring(first.indexOf('.') + 1);
    }

    private void startUpdate(Lane l) {
        if (!l.updating) {
            l.updating = true;
            l.rollingBack = false;
            l.rolledBack = false;
            l.oldCount = Math.max(0, l.current);
            l.newCount = 0;
        }
    }

    private void endUpdate(Lane l, Instant at) {
        l.updating = false;
        closeBatch(l, at);
        if (l.rolledBack) {
            // the previous specification runs again: every copy is an old one
            l.oldCount = Math.max(0, l.current);
            l.newCount = 0;
        }
        l.rollingBack = false;
        if (l.current >= 0) {
            l.counts.add(new Count(at, l.current, l.desired, l.oldCount, l.newCount, true));
        }
    }

    private void count(Lane l, Instant at, int current, int desired) {
        if (l.counts.isEmpty()) {
            // what ran when the deployment started; none yet (a resource it creates): decided at the end
            l.steady = current > 0 ? current : -1;
        }
        if (l.blueGreen) {
            l.current = current;
            l.desired = desired;
            fleets(l, at);
            return;
        }
        if (l.current < 0) {
            // the first count seen: during an update, the copies that run are the old ones
            l.oldCount = current;
            l.newCount = 0;
        } else if (l.updating && !l.rollingBack) {
            int delta = current - l.current;
            if (delta > 0) {
                l.newCount += delta;
            } else if (delta < 0) {
                int fromOld = Math.min(l.oldCount, -delta);
                l.oldCount -= fromOld;
                l.newCount = Math.max(0, l.newCount - (-delta - fromOld));
            }
        } else if (!l.updating) {
            l.oldCount = current;
            l.newCount = 0;
        }
        l.current = current;
        l.desired = desired;
        l.counts.add(new Count(at, current, desired, l.oldCount, l.newCount, !l.rollingBack));
    }

    /**
     * A blue/green deployment's two fleets, stacked: the variant's own count (the old fleet until the
     * new one replaces it) and the new fleet, reported apart while the deployment runs.
     */
    private static void fleets(Lane l, Instant at) {
        int old = Math.max(0, l.current);
        if (l.counts.isEmpty()) {
            l.steady = old > 0 ? old : -1;
        }
        l.oldCount = old;
        l.newCount = l.green;
        l.counts.add(new Count(at, old + l.green, Math.max(0, l.desired) + l.greenDesired, old, l.green, true));
    }

    private static void closeBatch(Lane l, Instant at) {
        if (l.openBatch != null) {
            l.bands.add(new Band(l.openBatch.start(), at, l.openBatch.label(), l.openBatch.type()));
            l.openBatch = null;
        }
    }

    private static void closeStatus(Lane l, Instant at) {
        if (l.openStatus != null) {
            l.statuses.add(new Segment(l.openStatus.start(), at, l.openStatus.value()));
            l.openStatus = null;
        }
    }

    private static void closeWeight(Lane l, Instant at) {
        if (l.openWeight != null) {
            l.weights.add(new Segment(l.openWeight.start(), at, l.openWeight.value()));
            l.openWeight = null;
        }
    }

    private void closeAll() {
        for (Lane l : lanes.values()) {
            closeBatch(l, end);
            closeStatus(l, end);
            closeWeight(l, end);
            for (Band open : l.openStages.values()) {
                l.bands.add(new Band(open.start(), end, open.label(), open.type()));
            }
            l.openStages.clear();
            if (l.steady < 0) {
                // created by this deployment: what it ends with is its steady count
                l.steady = l.counts.isEmpty() ? 0 : l.counts.get(l.counts.size() - 1).desired();
            }
        }
        openAlarms.forEach((alarm, open) -> alarms.get(alarm).add(new Segment(open.start(), end, open.value())));
        openAlarms.clear();
    }
}
