package dev.ballast.testkit.internal.sim;

import dev.ballast.testkit.Timeline;
import dev.ballast.testkit.TimelineEvent.Kind;
import dev.ballast.testkit.TimelineEvent.ResourceType;
import dev.ballast.testkit.TimelineEvent;
import dev.ballast.testkit.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Appends timeline events stamped with the virtual clock; hands out snapshots. */
public final class TimelineRecorder implements Timeline {

    private static final Logger LOG = LoggerFactory.getLogger(TimelineRecorder.class);

    private final VirtualClock clock;
    private final List<TimelineEvent> events = new ArrayList<>();

    /** @param clock the clock that stamps events */
    public TimelineRecorder(VirtualClock clock) {
        this.clock = clock;
    }

    /**
     * Records one change. Callers pass names, statuses and counts only, never environment values.
     */
    public void record(ResourceType type, String name, Kind kind, Object from, Object to, String detail) {
        TimelineEvent event = new TimelineEvent(clock.now(), type, name, kind, from == null ? null : from.toString(),
                to == null ? null : to.toString(), detail);
        synchronized (events) {
            events.add(event);
        }
        // events hold names, statuses and counts only, so they are safe to log
        LOG.debug("{}", event.render());
    }

    @Override
    public List<TimelineEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    @Override
    public String toString() {
        return "Timeline[" + events().size() + " events]";
    }
}
