package dev.ballast.internal.validation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.ballast.error.Violation;
import dev.ballast.spec.AlarmSpec;
import dev.ballast.spec.ComponentSpec;
import dev.ballast.spec.DataCaptureSpec;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.spec.ModelSpec;
import dev.ballast.spec.TrafficShiftSpec;
import dev.ballast.spec.VariantSpec;

/**
 * A rule for every null a spec built with its builder can hold: a null element of a list or set,
 * a null key or value of a map, a null attribute the other rules read (an alarm's namespace,
 * statistic, comparison or period; a blue/green bake). The generated builders take these without
 * a word; the validators report them before any other rule, each at its path, instead of failing
 * on them with a NullPointerException.
 */
final class Nulls {

    private final List<Violation> found = new ArrayList<>();

    private Nulls() {
    }

    /** @return the nulls of an endpoint that hosts inference components */
    static List<Violation> of(ComponentEndpointSpec spec) {
        Nulls n = new Nulls();
        n.map("tags", spec.tags());
        n.list("components", spec.components());
        for (ComponentSpec c : spec.components()) {
            if (c == null) {
                continue;
            }
            String path = "component[" + Rules.key(c.name()) + "]";
            n.map(path + ".env", c.environment());
            n.map(path + ".env", c.secretEnvironment());
            c.rollingUpdate().ifPresent(r -> n.alarms(path + ".rollingUpdate.rollbackAlarms", r.rollbackAlarms()));
            c.autoScaling().ifPresent(a -> n.autoScaling(path + ".autoScaling", a));
        }
        return n.found;
    }

    /** @return the nulls of an endpoint of model-based variants */
    static List<Violation> of(VariantEndpointSpec spec) {
        Nulls n = new Nulls();
        n.list("variants", spec.variants());
        for (VariantSpec v : spec.variants()) {
            if (v != null) {
                v.model().ifPresent(m -> n.model("variant[" + Rules.key(v.name()) + "].model", m));
                v.autoScaling().ifPresent(a -> n.autoScaling("variant[" + Rules.key(v.name()) + "].autoScaling", a));
            }
        }
        n.list("shadowVariants", spec.shadowVariants());
        for (VariantSpec v : spec.shadowVariants()) {
            if (v != null) {
                v.model().ifPresent(m -> n.model("shadow[" + Rules.key(v.name()) + "].model", m));
                v.autoScaling().ifPresent(a -> n.autoScaling("shadow[" + Rules.key(v.name()) + "].autoScaling", a));
            }
        }
        spec.dataCapture().ifPresent(c -> n.dataCapture(c));
        n.map("tags", spec.tags());
        n.list("excludedRetainedProperties", spec.excludedRetainedProperties());
        n.map("instanceLimit", spec.instanceLimits());
        spec.blueGreen().ifPresent(b -> {
            if (b.bake() == null) {
                n.add("update.blueGreen.bake");
            }
            n.alarms("update.rollbackAlarms", b.rollbackAlarms());
        });
        spec.rollingUpdate().ifPresent(r -> n.alarms("update.rollbackAlarms", r.rollbackAlarms()));
        return n.found;
    }

    /** @return the nulls of a traffic shift */
    static List<Violation> of(TrafficShiftSpec shift) {
        Nulls n = new Nulls();
        n.list("steps", shift.steps());
        n.alarms("checkAlarms", shift.alarmChecks());
        n.list("checkAlarmNamed", shift.existingAlarmChecks());
        n.alarms("checkMetric", shift.metricChecks());
        return n.found;
    }

    private void autoScaling(String path, dev.ballast.spec.AutoScalingSpec a) {
        a.customMetric().ifPresent(m -> {
            map(path + ".customMetric.dimensions", m.dimensions());
            if (m.statistic() == null) {
                add(path + ".customMetric.statistic");
            }
        });
        list(path + ".metricMath", a.metricMath());
        for (int i = 0; i < a.metricMath().size(); i++) {
            dev.ballast.spec.CustomMetricSpec.MathQuery q = a.metricMath().get(i);
            if (q != null && q.metric().isPresent()) {
                map(path + ".metricMath[" + i + "].metric.dimensions", q.metric().get().dimensions());
            }
        }
        list(path + ".stepScaling", a.stepPolicies());
        for (int i = 0; i < a.stepPolicies().size(); i++) {
            dev.ballast.spec.StepScalingSpec p = a.stepPolicies().get(i);
            if (p != null) {
                list(path + ".stepScaling[" + i + "].steps", p.steps());
                alarms(path + ".stepScaling[" + i + "].alarm", java.util.Collections.singletonList(p.alarm()));
            }
        }
    }

    private void model(String path, ModelSpec m) {
        map(path + ".env", m.environment());
        map(path + ".env", m.secretEnvironment());
        list(path + ".containers", m.containers());
        for (int i = 0; i < m.containers().size(); i++) {
            if (m.containers().get(i) != null) {
                map(path + ".containers[" + i + "].env", m.containers().get(i).environment());
                map(path + ".containers[" + i + "].env", m.containers().get(i).secretEnvironment());
            }
        }
    }

    private void dataCapture(DataCaptureSpec c) {
        list("dataCapture.modes", c.modes());
        list("dataCapture.csvContentTypes", c.csvContentTypes());
        list("dataCapture.jsonContentTypes", c.jsonContentTypes());
    }

    private void alarms(String path, List<AlarmSpec> alarms) {
        list(path, alarms);
        for (int i = 0; i < alarms.size(); i++) {
            AlarmSpec a = alarms.get(i);
            if (a == null) {
                continue;
            }
            String at = path + "[" + i + "]";
            if (a.namespace() == null) {
                add(at + ".namespace");
            }
            if (a.statistic() == null) {
                add(at + ".statistic");
            }
            if (a.comparison() == null) {
                add(at + ".comparison");
            }
            if (a.period() == null) {
                add(at + ".period");
            }
            map(at + ".dimensions", a.dimensions());
        }
    }

    private void list(String path, Collection<?> elements) {
        int i = 0;
        for (Object e : elements) {
            if (e == null) {
                found.add(Violation.of(path + "[" + i + "]", null, "must not be null", "remove the null element"));
            }
            i++;
        }
    }

    private void map(String path, Map<?, ?> entries) {
        entries.forEach((k, v) -> {
            if (k == null) {
                found.add(Violation.of(path, null, "has a null key", "remove the entry with the null key"));
            } else if (v == null) {
                found.add(Violation.of(path + "[" + Rules.key(String.valueOf(k)) + "]", null, "must not be null", "give a value, or remove the entry"));
            }
        });
    }

    private void add(String path) {
        found.add(Violation.of(path, null, "must not be null", "leave it unset for the default"));
    }
}
