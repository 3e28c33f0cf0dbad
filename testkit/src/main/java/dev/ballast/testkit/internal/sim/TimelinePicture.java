package dev.ballast.testkit.internal.sim;

import dev.ballast.DeploymentTimeline;
import dev.ballast.event.DeploymentEvent;
import dev.ballast.testkit.TimelineEvent;
import dev.ballast.testkit.TimelineEvent.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fake's timeline read as deployment events, so that it is drawn by the same
 * {@link DeploymentTimeline} as a deployment on AWS: statuses, copy and instance counts, alarm
 * states, batches, bakes, rollbacks and variant stages become the events the engine reports;
 * what has no such event (a model created, a traffic shift, a finished rollback) becomes a note.
 */
public final class TimelinePicture {

    private static final Pattern BATCH = Pattern.compile("^batch (\\d+)/(\\d+)");
    private static final Pattern BAKE_SECONDS = Pattern.compile("(\\d+) s$");
    private static final Pattern VARIANT = Pattern.compile("^variant (\\S+) \\(([^)]*)\\)");

    private TimelinePicture() {
    }

    /**
     * @param events the world's events, oldest first
     * @return their picture
     */
    public static DeploymentTimeline of(List<TimelineEvent> events) {
        return of("the fake's timeline (" + events.size() + " changes in the simulated world)", events);
    }

    /**
     * @param title what the picture shows
     * @param events the world's events, oldest first
     * @return their picture
     */
    public static DeploymentTimeline of(String title, List<TimelineEvent> events) {
        List<DeploymentEvent> out = new ArrayList<>();
        DeploymentTimeline.Builder builder = DeploymentTimeline.builder().title(title);
        Map<String, Integer> current = new HashMap<>();
        Map<String, Integer> desired = new HashMap<>();
        Map<String, Instant> bakeEnds = new HashMap<>();
        for (TimelineEvent e : events) {
            String resource = resource(e);
            closeBake(out, bakeEnds, resource, e.at(), e.kind());
            switch (e.kind()) {
                case STATUS -> out.add(new DeploymentEvent.StatusChanged(e.at(), resource, e.from(), e.to()));
                case CREATED -> {
                    if (e.resourceType() == TimelineEvent.ResourceType.ALARM) {
                        out.add(new DeploymentEvent.AlarmStateChanged(e.at(), e.resourceName(), null, e.to(), ""));
                    } else if (isLane(e) && e.to() != null) {
                        out.add(new DeploymentEvent.StatusChanged(e.at(), resource, null, e.to()));
                    } else {
                        builder.note(e.at(), "created " + resource);
                    }
                }
                case DELETED -> {
                    if (isLane(e)) {
                        out.add(new DeploymentEvent.StatusChanged(e.at(), resource, e.from(), "Gone"));
                    } else {
                        builder.note(e.at(), "deleted " + resource);
                    }
                }
                case COPY_COUNT, INSTANCE_COUNT -> {
                    int to = number(e.to());
                    current.put(resource, to);
                    out.add(count(e, resource, to, desired.getOrDefault(resource, to)));
                }
                case DESIRED_COPY_COUNT, DESIRED_INSTANCE_COUNT -> {
                    int to = number(e.to());
                    desired.put(resource, to);
                    out.add(count(e, resource, current.getOrDefault(resource, 0), to));
                }
                case ALARM_STATE -> out.add(new DeploymentEvent.AlarmStateChanged(e.at(), e.resourceName(), e.from(), e.to(), e.detail()));
                case BATCH_STARTED -> {
                    Matcher m = BATCH.matcher(e.detail());
                    if (m.find()) {
                        out.add(new DeploymentEvent.BatchStarted(e.at(), resource, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
                    } else {
                        builder.note(e.at(), resource + " " + e.detail());
                    }
                }
                case BAKE_STARTED -> {
                    out.add(new DeploymentEvent.StageChanged(e.at(), resource, "", "Baking"));
                    Matcher m = BAKE_SECONDS.matcher(e.detail());
                    bakeEnds.put(resource, m.find() ? e.at().plusSeconds(Long.parseLong(m.group(1))) : null);
                }
                case ROLLBACK_STARTED -> out.add(new DeploymentEvent.RollbackStarted(e.at(), resource, e.detail()));
                case VARIANT_STATUS -> {
                    Matcher m = VARIANT.matcher(e.detail());
                    String variant = m.find() ? resource + "/variant/" + m.group(1) + " (" + m.group(2) + ")" : resource;
                    out.add(new DeploymentEvent.StageChanged(e.at(), variant, e.from() == null ? "" : e.from(), e.to() == null ? "" : e.to()));
                }
                default -> builder.note(e.at(), resource + " " + e.kind().name().toLowerCase().replace('_', ' ')
                        + (e.detail().isEmpty() ? "" : ": " + e.detail()));
            }
        }
        bakeEnds.forEach((resource, end) -> {
            if (end != null) {
                out.add(new DeploymentEvent.StageChanged(end, resource, "Baking", ""));
            }
        });
        out.sort((a, b) -> a.at().compareTo(b.at()));
        return builder.events(out).build();
    }

    /** Ends a bake at its length, or at the next batch, rollback or status of its resource. */
    private static void closeBake(List<DeploymentEvent> out, Map<String, Instant> bakeEnds, String resource, Instant at, Kind kind) {
        if (!bakeEnds.containsKey(resource)) {
            return;
        }
        Instant end = bakeEnds.get(resource);
        boolean ends = kind == Kind.BATCH_STARTED || kind == Kind.ROLLBACK_STARTED || kind == Kind.STATUS
                || kind == Kind.DEPLOYMENT_SUCCEEDED || kind == Kind.BAKE_STARTED;
        if (end != null && !end.isAfter(at)) {
            out.add(new DeploymentEvent.StageChanged(end, resource, "Baking", ""));
            bakeEnds.remove(resource);
        } else if (ends) {
            out.add(new DeploymentEvent.StageChanged(at, resource, "Baking", ""));
            bakeEnds.remove(resource);
        }
    }

    private static DeploymentEvent count(TimelineEvent e, String resource, int current, int desired) {
        return e.kind() == Kind.COPY_COUNT || e.kind() == Kind.DESIRED_COPY_COUNT
                ? new DeploymentEvent.CopiesChanged(e.at(), resource, current, desired)
                : new DeploymentEvent.InstancesChanged(e.at(), resource, current, desired);
    }

    private static boolean isLane(TimelineEvent e) {
        return e.resourceType() == TimelineEvent.ResourceType.ENDPOINT || e.resourceType() == TimelineEvent.ResourceType.INFERENCE_COMPONENT;
    }

    /** @return the resource as the engine's events name it: {@code endpoint/x}, {@code endpoint/x/variant/v} for a variant's counts */
    private static String resource(TimelineEvent e) {
        String name = e.resourceName();
        return switch (e.resourceType()) {
            case ENDPOINT -> {
                boolean variantCount = (e.kind() == Kind.INSTANCE_COUNT || e.kind() == Kind.DESIRED_INSTANCE_COUNT)
                        && e.detail().startsWith("variant ");
                yield "endpoint/" + name + (variantCount ? "/variant/" + e.detail().substring("variant ".length()) : "");
            }
            case INFERENCE_COMPONENT -> "inference-component/" + name;
            case MODEL -> "model/" + name;
            case ENDPOINT_CONFIG -> "endpoint-config/" + name;
            case ALARM -> "alarm/" + name;
        };
    }

    private static int number(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
