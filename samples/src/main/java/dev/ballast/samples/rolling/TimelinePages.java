package dev.ballast.samples.rolling;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.ballast.Deployment;
import dev.ballast.DeploymentTimeline;

/**
 * The samples' timeline pages: one HTML page per deployment, in
 * {@code target/ballast-timelines/<story>/}, announced after the outcome lines as
 * {@code timeline: <path>}, one line each.
 */
public final class TimelinePages {

    private final Path directory;
    private final List<Path> written = new ArrayList<>();
    private final List<DeploymentTimeline> timelines = new ArrayList<>();

    /** @param story the story's directory name under {@code target/ballast-timelines} */
    public TimelinePages(String story) {
        this.directory = Path.of("target", "ballast-timelines", story).toAbsolutePath().normalize();
    }

    /**
     * Writes the page of a deployment (after it ended).
     *
     * @param file the page's file name, for example {@code 2-first-update.html}
     * @param title what the page shows
     * @param deployment the deployment
     */
    public void write(String file, String title, Deployment deployment) {
        DeploymentTimeline timeline = DeploymentTimeline.of(title, deployment.events());
        timelines.add(timeline);
        written.add(timeline.writeHtml(directory.resolve(file)));
    }

    /** @return the timelines written so far, in order */
    public List<DeploymentTimeline> timelines() {
        return List.copyOf(timelines);
    }

    /** Prints {@code timeline: <path>} for each page written, in order. */
    public void print(PrintStream out) {
        written.forEach(page -> out.println("timeline: " + page));
    }
}
