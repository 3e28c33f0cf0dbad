package dev.ballast.error;

import java.util.Objects;

/**
 * The resource is busy or in the wrong state for the call: {@code ResourceInUse},
 * {@code ConflictException}, SageMaker's {@code Cannot update in-progress endpoint} (an endpoint
 * that is being created, updated or deleted refuses updates, weight changes and deletion) and its
 * refusal of a component update or deletion while the component is {@code Creating},
 * {@code Updating} or {@code Deleting}. Nothing was changed.
 *
 * <p>{@link #resource()} names the resource, {@link #activity()} what it is doing, and the message
 * ends with what to do: wait until the resource settles, or follow the change in flight with
 * {@code Ballast.attach(spec)}, then try again. Not retried: the change in flight may take minutes,
 * and it may be someone else's.
 */
public final class ResourceConflictException extends TransportException {

    private static final long serialVersionUID = 1L;

    /** The {@link #activity()} when the service did not say which change is in progress. */
    public static final String IN_PROGRESS = "in progress";

    private final String activity;

    /**
     * A conflict whose service did not say what the resource is doing ({@link #IN_PROGRESS}).
     *
     * @see TransportException#TransportException(TransportException.Failure, Throwable)
     */
    public ResourceConflictException(Failure failure, Throwable cause) {
        this(failure, IN_PROGRESS, cause);
    }

    /**
     * @param failure what went wrong, as the transport saw it
     * @param activity what the resource is doing, as the service said: {@code Creating},
     *     {@code Updating}, {@code Deleting}, or {@link #IN_PROGRESS} if it did not say which
     * @param cause the SDK exception
     */
    public ResourceConflictException(Failure failure, String activity, Throwable cause) {
        super(failure, advice(failure.resource(), Objects.requireNonNull(activity, "activity")), cause);
        this.activity = activity;
    }

    /**
     * @return what the resource is doing: {@code Creating}, {@code Updating}, {@code Deleting}, or
     *     {@link #IN_PROGRESS} when the service did not say which change is in progress
     */
    public String activity() {
        return activity;
    }

    private static String advice(String resource, String activity) {
        String what = resource.isEmpty() ? "the resource" : resource;
        if (activity.equals("Deleting")) {
            return what + " is being deleted: wait until it is gone, then try again";
        }
        String state = activity.equals(IN_PROGRESS) ? "has a change in progress (it is being created, updated or deleted)"
                : "is " + activity;
        return what + " " + state + ": wait until it settles, or follow the change in flight with Ballast.attach(spec),"
                + " then try again";
    }
}
