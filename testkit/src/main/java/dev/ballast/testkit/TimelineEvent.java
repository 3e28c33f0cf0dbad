package dev.ballast.testkit;

import java.time.Instant;
import java.util.Objects;

/**
 * One state change in the simulated world. Events never carry environment values or request
 * bodies, so a timeline can be printed or attached to a report safely.
 *
 * @param at the simulated instant of the change
 * @param resourceType what kind of resource changed
 * @param resourceName the resource's name as the user spelled it
 * @param kind what changed
 * @param from the previous value ({@code null} when there was none)
 * @param to the new value ({@code null} when the resource is gone)
 * @param detail free text that explains the change (batch numbers, reasons), may be empty
 */
public record TimelineEvent(Instant at, ResourceType resourceType, String resourceName, Kind kind, String from,
        String to, String detail) {

    /** Validates the mandatory members. */
    public TimelineEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(resourceName, "resourceName");
        Objects.requireNonNull(kind, "kind");
        detail = detail == null ? "" : detail;
    }

    /** The kinds of resource that appear in a timeline. */
    public enum ResourceType {
        /** A SageMaker model. */
        MODEL,
        /** A SageMaker endpoint configuration. */
        ENDPOINT_CONFIG,
        /** A SageMaker endpoint. */
        ENDPOINT,
        /** A SageMaker inference component. */
        INFERENCE_COMPONENT,
        /** A CloudWatch metric alarm. */
        ALARM
    }

    /** What changed. */
    public enum Kind {
        /** The resource was created ({@code to} is its first status, if it has one). */
        CREATED,
        /** The resource is gone. */
        DELETED,
        /** Endpoint or inference-component status. */
        STATUS,
        /** An inference component's current copy count ({@code from}/{@code to} are numbers). */
        COPY_COUNT,
        /** An inference component's desired copy count. */
        DESIRED_COPY_COUNT,
        /** An endpoint variant's current instance count. */
        INSTANCE_COUNT,
        /** An endpoint variant's desired instance count. */
        DESIRED_INSTANCE_COUNT,
        /** A metric alarm's state. */
        ALARM_STATE,
        /** A rolling-update batch started ({@code detail} says which). */
        BATCH_STARTED,
        /** A baking period started. */
        BAKE_STARTED,
        /** A rollback started ({@code detail} gives the reason). */
        ROLLBACK_STARTED,
        /** A rollback batch started. */
        ROLLBACK_BATCH_STARTED,
        /** A rollback finished. */
        ROLLBACK_FINISHED,
        /** A deployment (rolling update, spec replacement, scaling) finished successfully. */
        DEPLOYMENT_SUCCEEDED,
        /** The specification an inference component serves changed. */
        SPECIFICATION,
        /** An endpoint deployment moved traffic ({@code detail} names the new config and its share). */
        TRAFFIC_SHIFTED,
        /**
         * An endpoint variant's deployment stage ({@code VariantStatus}: {@code Creating},
         * {@code ActivatingTraffic}, {@code Baking}, {@code Deleting}, {@code Updating}; {@code to} is
         * {@code null} when the stage is over); {@code detail} names the variant, whether it belongs to
         * the serving or the pending config, and the stage's status message.
         */
        VARIANT_STATUS
    }

    /** @return a one-line rendering: {@code 12:03:00Z ENDPOINT ep STATUS Creating -> InService (...)} */
    public String render() {
        StringBuilder line = new StringBuilder().append(at).append(' ').append(resourceType).append(' ')
                .append(resourceName).append(' ').append(kind);
        if (from != null || to != null) {
            line.append(' ').append(from).append(" -> ").append(to);
        }
        if (!detail.isEmpty()) {
            line.append(" (").append(detail).append(')');
        }
        return line.toString();
    }
}
