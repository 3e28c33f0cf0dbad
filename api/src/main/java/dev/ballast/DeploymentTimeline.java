package dev.ballast;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.ballast.event.DeploymentEvent;
import dev.ballast.internal.timeline.TimelineRenderer;

/**
 * A deployment as a picture: its events drawn on one time axis, written as a self-contained HTML
 * page with inline SVG (nothing fetched from anywhere, it opens offline in any browser) or as the
 * SVG alone. Made from events only, so a rollout on AWS and one on the fake read the same.
 *
 * <pre>{@code
 * Deployment deployment = ballast.apply(spec);
 * deployment.await();
 * Path page = deployment.timeline().writeHtml(Path.of("target/rollout.html"));
 * }</pre>
 *
 * <p>For each endpoint, variant and component, a lane: copies (old and new, stacked) or instances
 * over time, the surge above the steady count shaded, batches, bakes and variant stages as bands,
 * statuses and each variant's traffic share as strips. For each alarm, its state as a coloured
 * strip. Steps, traffic-shift checks and other events as ticks; each rollback as a red line
 * labelled with its cause; the outcome at the top and at the end. The page then lists every event.
 *
 * <p>Old and new copies are told apart from the way the count moves (copies added while updating
 * are new, copies removed are old) until a rollback is triggered; after that SageMaker's Describe
 * calls do not tell them apart, and the count is shown in grey. The steady count is the count when
 * the deployment started, or what a resource it creates ends with. Events carry no secret, and all
 * text is escaped, so the page shows none. An immutable value; safe to share between threads.
 */
public final class DeploymentTimeline {

    private final String title;
    private final List<DeploymentEvent> events;
    private final List<TimelineRenderer.Note> notes;

    private DeploymentTimeline(String title, List<DeploymentEvent> events, List<TimelineRenderer.Note> notes) {
        this.title = title;
        this.events = List.copyOf(events);
        this.notes = List.copyOf(notes);
    }

    /**
     * The picture of these events.
     *
     * <pre>{@code DeploymentTimeline.of("endpoint rolling-demo", deployment.events()).toSvg();}</pre>
     *
     * @param title what it shows, at the top of the picture
     * @param events a deployment's events, in order
     * @return the timeline
     */
    public static DeploymentTimeline of(String title, List<? extends DeploymentEvent> events) {
        return builder().title(title).events(events).build();
    }

    /**
     * A builder, for notes beside the events.
     *
     * <pre>{@code DeploymentTimeline.builder().title("my rollout").events(events).note(at, "load test started").build();}</pre>
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the title at the top of the picture */
    public String title() {
        return title;
    }

    /** @return the events it draws, in order */
    public List<DeploymentEvent> events() {
        return events;
    }

    /**
     * The picture as a standalone SVG document.
     *
     * @return SVG markup, well-formed XML
     */
    public String toSvg() {
        return TimelineRenderer.render(title, events, notes).svg();
    }

    /**
     * The page: the picture, then every event in a table.
     *
     * @return a self-contained HTML document (inline SVG and style, no script, nothing fetched)
     */
    public String toHtml() {
        return TimelineRenderer.html(title, TimelineRenderer.render(title, events, notes), events, notes);
    }

    /**
     * Writes {@link #toHtml()} to a file (UTF-8), creating its parent directories.
     *
     * <pre>{@code Path page = deployment.timeline().writeHtml(Path.of("target/rollout.html"));}</pre>
     *
     * @param file where to write, replaced if it exists
     * @return the file
     * @throws UncheckedIOException if it cannot be written
     */
    public Path writeHtml(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, toHtml(), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the timeline to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "DeploymentTimeline[" + title + ", " + events.size() + " events" + (notes.isEmpty() ? "" : ", " + notes.size() + " notes") + "]";
    }

    /** Builds a {@link DeploymentTimeline}. */
    public static final class Builder {
        private String title = "deployment";
        private final List<DeploymentEvent> events = new ArrayList<>();
        private final List<TimelineRenderer.Note> notes = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param title what the picture shows (default {@code deployment})
         * @return this builder
         */
        public Builder title(String title) {
            this.title = Objects.requireNonNull(title, "title");
            return this;
        }

        /**
         * Adds events, in order.
         *
         * @param more a deployment's events
         * @return this builder
         */
        public Builder events(List<? extends DeploymentEvent> more) {
            for (DeploymentEvent e : Objects.requireNonNull(more, "events")) {
                events.add(Objects.requireNonNull(e, "event"));
            }
            return this;
        }

        /**
         * Adds a moment that is no deployment event, drawn as a labelled tick and listed in the
         * page's table. The text is shown as written: never put a secret in it.
         *
         * @param at when
         * @param text what happened
         * @return this builder
         */
        public Builder note(Instant at, String text) {
            notes.add(new TimelineRenderer.Note(Objects.requireNonNull(at, "at"), Objects.requireNonNull(text, "text")));
            return this;
        }

        /** @return the timeline */
        public DeploymentTimeline build() {
            return new DeploymentTimeline(title, events, notes);
        }
    }
}
