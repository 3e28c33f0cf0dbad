package dev.ballast.testkit.internal.component;

import dev.ballast.testkit.TimelineEvent.Kind;
import dev.ballast.testkit.TimelineEvent.ResourceType;
import dev.ballast.testkit.internal.endpoint.LiveEndpoint;
import dev.ballast.testkit.internal.placement.Copy;
import dev.ballast.testkit.internal.placement.CopyOwner;
import dev.ballast.testkit.internal.placement.Fleet;
import dev.ballast.testkit.internal.placement.Revision;
import dev.ballast.testkit.internal.sim.Sim;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentDeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;

/**
 * An inference component: its serving revision, its copies and the operation in flight
 * (creation, scaling, rolling update, deletion). Copy outcomes are forwarded to the operation.
 */
public final class InferenceComponent implements CopyOwner {

    final Sim sim;
    final String name;
    final String arn;
    final LiveEndpoint endpoint;
    final Fleet fleet;
    /** The base component of an adapter (it has no copies and runs on the base's); null for any other component. */
    final InferenceComponent base;
    final Instant creationTime;
    final List<Copy> copies = new ArrayList<>();
    Revision revision;
    int desiredCopyCount;
    InferenceComponentStatus status;
    String failureReason;
    InferenceComponentDeploymentConfig lastDeploymentConfig;
    Instant lastModifiedTime;
    ComponentOperation operation;
    private int lastCurrent;

    InferenceComponent(Sim sim, String name, LiveEndpoint endpoint, Fleet fleet, Revision revision, int copyCount) {
        this(sim, name, endpoint, fleet, null, revision, copyCount,
                "endpoint " + endpoint.name() + ", " + copyCount + " copies");
    }

    /** An adapter component: no copies of its own; it serves on the copies of {@code base}. */
    InferenceComponent(Sim sim, String name, InferenceComponent base, Revision revision) {
        this(sim, name, base.endpoint, base.fleet, base, revision, 0,
                "endpoint " + base.endpoint.name() + ", adapter of " + base.name);
    }

    private InferenceComponent(Sim sim, String name, LiveEndpoint endpoint, Fleet fleet, InferenceComponent base,
            Revision revision, int copyCount, String detail) {
        this.sim = sim;
        this.name = name;
        this.arn = sim.arns().inferenceComponent(name);
        this.endpoint = endpoint;
        this.fleet = fleet;
        this.base = base;
        this.revision = revision;
        this.desiredCopyCount = copyCount;
        this.creationTime = sim.now();
        this.lastModifiedTime = creationTime;
        this.status = InferenceComponentStatus.CREATING;
        sim.timeline().record(ResourceType.INFERENCE_COMPONENT, name, Kind.CREATED, null, status, detail);
    }

    /** @return whether this is an adapter component ({@code Specification.BaseInferenceComponentName}) */
    public boolean isAdapter() {
        return base != null;
    }

    /** @return the base component of an adapter, or null */
    public InferenceComponent base() {
        return base;
    }

    /** @return the component's name as created */
    public String name() {
        return name;
    }

    /** @return the component's status */
    public InferenceComponentStatus status() {
        return status;
    }

    /** @return the endpoint that hosts it */
    public LiveEndpoint endpoint() {
        return endpoint;
    }

    /** @return the variant's fleet its copies are placed on */
    public Fleet fleet() {
        return fleet;
    }

    /** @return the copy count it is asked to run */
    public int desiredCopyCount() {
        return desiredCopyCount;
    }

    /** @return an adapter's {@code ArtifactUrl} as it serves now (the old one while an update loads a new one), else null */
    public String artifactUrl() {
        var spec = revision.specification();
        return spec == null || spec.container() == null ? null : spec.container().artifactUrl();
    }

    /** Scales to {@code copies} copies of the serving revision (Application Auto Scaling). */
    public void scaleTo(int copies) {
        begin(new ScaleOperation(this, copies), InferenceComponentStatus.UPDATING);
    }

    /**
     * @return copies that serve traffic right now (old and new revisions alike); for an adapter, the
     *     base's serving copies once the adapter is loaded (it keeps serving while an update loads a new artifact)
     */
    public List<Copy> serving() {
        if (base != null) {
            boolean loaded = status == InferenceComponentStatus.IN_SERVICE || status == InferenceComponentStatus.UPDATING;
            return loaded ? base.serving() : List.of();
        }
        List<Copy> result = new ArrayList<>();
        for (Copy c : copies) {
            if (c.state() == Copy.State.RUNNING) {
                result.add(c);
            }
        }
        return result;
    }

    int currentCopyCount() {
        int n = 0;
        for (Copy c : copies) {
            if (c.state() == Copy.State.RUNNING) {
                n++;
            }
        }
        return n;
    }

    /** Starts an operation; the component is busy until the operation calls {@link #finish}. */
    void begin(ComponentOperation next, InferenceComponentStatus nextStatus) {
        operation = next;
        setStatus(nextStatus, null);
        lastModifiedTime = sim.now();
        next.start();
        refresh();
    }

    void finish(InferenceComponentStatus finalStatus, String detail) {
        operation = null;
        setStatus(finalStatus, detail);
        lastModifiedTime = sim.now();
    }

    Copy addCopy(Revision r) {
        Copy copy = new Copy(sim.nextCopyId(), this, r);
        copies.add(copy);
        fleet.addCopy(copy);
        return copy;
    }

    /** Removes a copy; returns whether it is already gone (it never served, so no callback follows). */
    boolean removeCopy(Copy copy) {
        fleet.removeCopy(copy);
        if (copy.state() == Copy.State.GONE) {
            copies.remove(copy);
            return true;
        }
        return false;
    }

    void setDesired(int desired) {
        if (desired != desiredCopyCount) {
            sim.timeline().record(ResourceType.INFERENCE_COMPONENT, name, Kind.DESIRED_COPY_COUNT, desiredCopyCount,
                    desired, "");
            desiredCopyCount = desired;
        }
    }

    void setStatus(InferenceComponentStatus next, String detail) {
        if (next != status) {
            sim.timeline().record(ResourceType.INFERENCE_COMPONENT, name, Kind.STATUS, status, next, detail);
            status = next;
        }
    }

    void record(Kind kind, String detail) {
        sim.timeline().record(ResourceType.INFERENCE_COMPONENT, name, kind, null, null, detail);
    }

    /** Records copy-count changes; called after every change. */
    void refresh() {
        int current = currentCopyCount();
        if (current != lastCurrent) {
            sim.timeline().record(ResourceType.INFERENCE_COMPONENT, name, Kind.COPY_COUNT, lastCurrent, current, "");
            lastCurrent = current;
        }
    }

    @Override
    public void copyRunning(Copy copy) {
        if (operation != null) {
            operation.copyRunning(copy);
        }
        refresh();
    }

    @Override
    public void copyFailed(Copy copy, String reason) {
        copies.remove(copy);
        if (operation != null) {
            operation.copyFailed(copy);
        }
        refresh();
    }

    @Override
    public void copyGone(Copy copy) {
        copies.remove(copy);
        if (operation != null) {
            operation.copyGone(copy);
        }
        refresh();
    }

    @Override
    public void copyPlacementTimedOut(Copy copy) {
        if (operation != null) {
            operation.placementTimedOut(copy);
        }
        refresh();
    }

    /** Alarm state change seen by a baking rolling update. */
    public void alarmChanged(String alarmName, boolean inAlarm) {
        if (operation != null) {
            operation.alarmChanged(alarmName, inAlarm);
        }
        refresh();
    }

    String healthFailureReason() {
        return "The container of inference component " + name
                + " did not pass the ping health check. Please check CloudWatch logs for this endpoint.";
    }

    String capacityFailureReason(int placed, int wanted) {
        return "Unable to place " + (wanted - placed) + " of " + wanted + " copies of inference component " + name
                + ": insufficient capacity for " + fleet.instanceType() + " on endpoint " + endpoint.name()
                + " (managed instance scaling is disabled, at its maximum, or instance capacity is unavailable).";
    }
}
