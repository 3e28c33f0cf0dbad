package dev.ballast.samples.rolling;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import dev.ballast.event.DeploymentEvent;
import dev.ballast.spi.DeploymentListener;

/**
 * Prints a deployment the way a person wants to read it: the simulated (or real) clock since the
 * start, each step, statuses, batches, copies old and new, instances and alarm states.
 *
 * <p>SageMaker's Describe calls give a component's current and desired copy counts only; which
 * copies are old and which new is followed here from the way the count moves during an update:
 * copies added by a batch are new, copies removed after its bake are old. Once a rollback is
 * triggered SageMaker may still finish a batch it started or already restore old copies, which
 * Describe does not tell apart, so from then on the counts are shown without the split.
 */
public final class ProgressPrinter implements DeploymentListener {

    private final PrintStream out;
    private final Instant start;
    private final Map<String, Copies> copies = new HashMap<>();

    private static final class Copies {
        int current = -1;
        int oldCopies;
        int newCopies;
        boolean updating;
        boolean rollingBack;
    }

    /**
     * @param out where to print
     * @param start the time the clock column counts from
     */
    public ProgressPrinter(PrintStream out, Instant start) {
        this.out = out;
        this.start = start;
    }

    /** A new update of the component starts: every copy it has now is an old one. */
    void updateStarting(String resource, int copiesNow) {
        Copies c = copies.computeIfAbsent(resource, r -> new Copies());
        c.current = copiesNow;
        c.oldCopies = copiesNow;
        c.newCopies = 0;
        c.updating = true;
        c.rollingBack = false;
    }

    /** Prints one line stamped with the time since the start. */
    public void line(Instant at, String text) {
        out.println("[" + clock(at) + "] " + text);
    }

    String clock(Instant at) {
        long s = Math.max(0, Duration.between(start, at).getSeconds());
        return String.format("%02d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
    }

    @Override
    public void onEvent(DeploymentEvent event) {
        String text = describe(event);
        if (text != null) {
            line(event.at(), text);
        }
    }

    private String describe(DeploymentEvent event) {
        if (event instanceof DeploymentEvent.StepStarted s) {
            return s.what().startsWith("wait until") ? "  … " + s.what() : "  → " + s.what();
        }
        if (event instanceof DeploymentEvent.StatusChanged s) {
            return "    " + s.resource() + " " + (s.from() == null ? "is " + s.to() : s.from() + " → " + s.to());
        }
        if (event instanceof DeploymentEvent.InstancesChanged i) {
            String trend = i.desired() > i.current() ? " (adding instances)" : i.desired() < i.current() ? " (releasing instances)" : "";
            return "    " + i.resource() + " instances " + i.current() + "/" + i.desired() + trend;
        }
        if (event instanceof DeploymentEvent.BatchStarted b) {
            return "    " + b.resource() + " batch " + b.batch() + "/" + b.batches() + ": adding new copies beside the old ones";
        }
        if (event instanceof DeploymentEvent.CopiesChanged c) {
            return "    " + c.resource() + " copies " + c.current() + "/" + c.desired() + split(c);
        }
        if (event instanceof DeploymentEvent.AlarmStateChanged a) {
            return "    alarm " + a.alarm() + " " + (a.from() == null ? "is " + a.to() : a.from() + " → " + a.to());
        }
        if (event instanceof DeploymentEvent.RollbackStarted r) {
            Copies c = copies.get(r.resource());
            if (c != null) {
                c.rollingBack = true;
            }
            return "    ⟲ " + r.resource() + " rollback triggered: " + r.cause();
        }
        if (event instanceof DeploymentEvent.StageChanged s) {
            return "    " + s.resource() + " " + (s.to().isEmpty() ? s.from() + " done" : "stage " + s.to());
        }
        if (event instanceof DeploymentEvent.WeightsChanged w) {
            return "    " + w.describe();
        }
        if (event instanceof DeploymentEvent.CheckEvaluated c) {
            return "    " + (c.passed() ? "✓ " : "✗ ") + c.describe();
        }
        if (event instanceof DeploymentEvent.Finished f) {
            copies.values().forEach(c -> c.updating = false);
            return "  = " + f.outcome().summary();
        }
        return event.describe();
    }

    private String split(DeploymentEvent.CopiesChanged event) {
        Copies c = copies.get(event.resource());
        if (c == null || !c.updating) {
            return "";
        }
        if (c.rollingBack) {
            return " (rolling back)";
        }
        if (c.current >= 0) {
            int delta = event.current() - c.current;
            if (delta > 0) {
                c.newCopies += delta;
            } else if (delta < 0) {
                c.oldCopies = Math.max(0, c.oldCopies + delta);
            }
        }
        c.current = event.current();
        return " (" + c.oldCopies + " old + " + c.newCopies + " new)";
    }
}
