package dev.ballast.testkit.assertions;

import dev.ballast.testkit.Timeline;
import dev.ballast.testkit.TimelineEvent;
import dev.ballast.testkit.TimelineEvent.Kind;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a {@link Timeline}; failures print the relevant events. */
public final class TimelineAssert extends AbstractAssert<TimelineAssert, Timeline> {

    TimelineAssert(Timeline actual) {
        super(actual, TimelineAssert.class);
    }

    /** Verifies that the resource has at least one event of the kind. */
    public TimelineAssert hasEvent(String resourceName, Kind kind) {
        isNotNull();
        if (actual.eventsFor(resourceName).stream().noneMatch(e -> e.kind() == kind)) {
            failWithMessage("Expecting the timeline to contain a %s event for '%s' but found:%n%s", kind, resourceName,
                    render(actual.eventsFor(resourceName)));
        }
        return this;
    }

    /** Verifies that the timeline has no event of the kind. */
    public TimelineAssert hasNoEvent(Kind kind) {
        isNotNull();
        List<TimelineEvent> found = actual.eventsOf(kind);
        if (!found.isEmpty()) {
            failWithMessage("Expecting the timeline to contain no %s event but found:%n%s", kind, render(found));
        }
        return this;
    }

    /** Verifies the exact sequence of statuses the resource went through. */
    public TimelineAssert hasStatusSequence(String resourceName, String... statuses) {
        isNotNull();
        List<String> found = actual.valuesOf(resourceName, Kind.STATUS);
        if (!found.equals(Arrays.asList(statuses))) {
            failWithMessage("Expecting '%s' to go through statuses %s but found %s", resourceName,
                    Arrays.asList(statuses), found);
        }
        return this;
    }

    /** Verifies that no event mentions the text (for secrets). Never prints the text itself. */
    public TimelineAssert doesNotMention(String text) {
        isNotNull();
        String rendered = actual.render();
        if (rendered.contains(text)) {
            long count = actual.events().stream().filter(e -> e.render().contains(text)).count();
            failWithMessage("Expecting the timeline not to mention the given text but %d event(s) do", count);
        }
        return this;
    }

    private static String render(List<TimelineEvent> events) {
        if (events.isEmpty()) {
            return "  (no events)";
        }
        StringBuilder out = new StringBuilder();
        for (TimelineEvent e : events) {
            out.append("  ").append(e.render()).append(System.lineSeparator());
        }
        return out.toString();
    }
}
