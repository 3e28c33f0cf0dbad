package dev.ballast.testkit;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The read-only history of a {@link FakeSageMaker} world: every state change with its simulated
 * time, in order. Secret values never appear in it (environment values are never recorded).
 */
public interface Timeline {

    /** @return a snapshot of all events so far, oldest first */
    List<TimelineEvent> events();

    /**
     * @param resourceName a resource name (case-insensitive, as SageMaker names are)
     * @return the events of that resource, oldest first
     */
    default List<TimelineEvent> eventsFor(String resourceName) {
        return events().stream().filter(e -> e.resourceName().equalsIgnoreCase(resourceName))
                .collect(Collectors.toUnmodifiableList());
    }

    /**
     * @param kind an event kind
     * @return the events of that kind, oldest first
     */
    default List<TimelineEvent> eventsOf(TimelineEvent.Kind kind) {
        return events().stream().filter(e -> e.kind() == kind).collect(Collectors.toUnmodifiableList());
    }

    /**
     * @param resourceName a resource name
     * @param kind an event kind
     * @return the successive {@code to} values of that resource's events of that kind
     */
    default List<String> valuesOf(String resourceName, TimelineEvent.Kind kind) {
        return eventsFor(resourceName).stream().filter(e -> e.kind() == kind).map(TimelineEvent::to)
                .collect(Collectors.toUnmodifiableList());
    }

    /** @return every event rendered on its own line */
    default String render() {
        return events().stream().map(TimelineEvent::render).collect(Collectors.joining("\n"));
    }
}
