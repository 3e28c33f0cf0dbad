package dev.ballast.testkit;

import dev.ballast.DeploymentTimeline;
import dev.ballast.testkit.internal.sim.TimelinePicture;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The read-only history of a {@link FakeSageMaker} world: every state change with its simulated
 * time, in order. Secret values never appear in it (environment values are never recorded).
 *
 * <p>It also draws itself, as a deployment's {@link DeploymentTimeline} does (the same picture:
 * a lane per endpoint, variant and component, alarm strips, rollbacks):
 * <pre>{@code fake.timeline().writeHtml(Path.of("target/world.html"));}</pre>
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

    /**
     * The world so far as a picture, drawn like a deployment's: statuses, copies and instances,
     * batches, bakes, variant stages, alarm states and rollbacks; other changes as labelled ticks.
     *
     * @return the world's events as a {@link DeploymentTimeline}
     */
    default DeploymentTimeline picture() {
        return TimelinePicture.of(events());
    }

    /** @return {@link #picture()} as a standalone SVG document */
    default String toSvg() {
        return picture().toSvg();
    }

    /**
     * Writes {@link #picture()} as a self-contained HTML page (nothing fetched, opens offline).
     *
     * <pre>{@code Path page = fake.timeline().writeHtml(Path.of("target/world.html"));}</pre>
     *
     * @param file where to write, replaced if it exists; parent directories are created
     * @return the file
     */
    default Path writeHtml(Path file) {
        return picture().writeHtml(file);
    }
}
