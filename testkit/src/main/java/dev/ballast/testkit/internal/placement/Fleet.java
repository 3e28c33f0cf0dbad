package dev.ballast.testkit.internal.placement;

import dev.ballast.InstanceShape;
import dev.ballast.InstanceType;
import dev.ballast.error.SpecValidationException;
import dev.ballast.testkit.ContainerBehavior;
import dev.ballast.testkit.internal.sim.Sim;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The instances of one endpoint variant and the placement of copies on them. SageMaker does not document its
 * placement algorithm; the fake's rule: copies go to the instance with the most free accelerators; when none
 * has room and managed instance scaling is enabled, an instance is launched (up to the maximum, if the scripted
 * capacity allows); instances that hosted copies are released after being idle, down to the minimum
 * (<a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariantManagedInstanceScaling.html">
 * managed instance scaling</a>).
 *
 * <p>A serverless variant ({@code ServerlessConfig}) has no instances: its copies start at once,
 * without placement, and its instance counts stay zero.
 */
public final class Fleet {

    private final Sim sim;
    private final String variantName;
    private final String instanceType;
    private final InstanceShape shape;
    private final boolean serverless;
    // Mutable only through reconfigure(..): UpdateEndpoint on an endpoint that hosts components.
    private boolean scalingEnabled;
    private int minInstances;
    private int maxInstances;
    private final List<Instance> instances = new ArrayList<>();
    private final List<Copy> pending = new ArrayList<>();
    /** Copies of a serverless variant: they run on no instance. */
    private final List<Copy> floating = new ArrayList<>();
    private final Runnable onChange;
    private int baseInstances;

    public Fleet(Sim sim, String variantName, String instanceType, boolean scalingEnabled, int minInstances,
            int maxInstances, Runnable onChange) {
        this.sim = sim;
        this.variantName = variantName;
        this.instanceType = instanceType;
        // CreateEndpointConfig lets only serverless variants omit the instance type
        this.serverless = instanceType == null;
        this.shape = serverless ? sim.options().unknownShape() : shapeOf(instanceType, sim.options().unknownShape());
        this.scalingEnabled = scalingEnabled;
        this.minInstances = minInstances;
        this.maxInstances = maxInstances;
        this.onChange = onChange;
    }

    /**
     * The hardware of an instance type from the api's table ({@link InstanceType#shape()}, which
     * has every type this release knows), else the world's shape for unknown types.
     */
    private static InstanceShape shapeOf(String instanceType, InstanceShape unknown) {
        try {
            return InstanceType.of(instanceType).shape().orElse(unknown);
        } catch (SpecValidationException malformed) {
            // not of the form ml.<family>.<size>: the fake does not check the enum, SageMaker would refuse it
            return unknown;
        }
    }

    /** @return the variant's name as configured */
    public String variantName() {
        return variantName;
    }

    /** @return the instance type, or null for a serverless variant */
    public String instanceType() {
        return instanceType;
    }

    /** @return the hardware of one instance */
    public InstanceShape shape() {
        return shape;
    }

    /** @return whether the variant is serverless (no instances) */
    public boolean serverless() {
        return serverless;
    }

    /** @return whether managed instance scaling is enabled: the count then belongs to the scaling */
    public boolean scalingEnabled() {
        return scalingEnabled;
    }

    /** @return every instance the variant has, launching, running or terminating */
    public int instanceCount() {
        return instances.size();
    }

    /** Launches the variant's initial instances (retried whenever capacity may have returned). */
    public void launchBase(int count) {
        baseInstances = serverless ? 0 : count;
        topUpBase();
    }

    /**
     * Sets the variant's instance count (UpdateEndpointWeightsAndCapacities): launches what is
     * missing; releases surplus instances as soon as they are empty.
     */
    public void resize(int count) {
        baseInstances = serverless ? 0 : count;
        topUpBase();
        releaseSurplus();
    }

    /**
     * UpdateEndpoint on an endpoint that hosts inference components, to a configuration with the
     * same variant and instance type: the new scaling bounds and initial count apply to the
     * running instances in place (instances still take their launch and termination times).
     */
    public void reconfigure(boolean scaling, int min, int max, int initial) {
        this.scalingEnabled = scaling;
        this.minInstances = min;
        this.maxInstances = max;
        resize(initial);
        placePending();
    }

    public boolean baseReady() {
        return running() >= baseInstances;
    }

    public int running() {
        return (int) instances.stream().filter(i -> i.state == Instance.State.RUNNING).count();
    }

    /** Current count as DescribeEndpoint shows it: serving plus draining instances. */
    public int currentInstanceCount() {
        return (int) instances.stream().filter(i -> i.state != Instance.State.LAUNCHING).count();
    }

    /** Desired count as DescribeEndpoint shows it: serving plus launching instances. */
    public int desiredInstanceCount() {
        return (int) instances.stream().filter(i -> i.state != Instance.State.TERMINATING).count();
    }

    public boolean scaling() {
        return instances.stream().anyMatch(i -> i.state != Instance.State.RUNNING);
    }

    /** Queues a copy for placement and places what fits. */
    public void addCopy(Copy copy) {
        if (serverless) {
            floating.add(copy);
            start(copy);
            return;
        }
        copy.state = Copy.State.PENDING;
        pending.add(copy);
        copy.timer = sim.schedule(sim.timings().placementTimeout(), () -> {
            if (copy.state == Copy.State.PENDING) {
                copy.timer = null;
                copy.owner.copyPlacementTimedOut(copy);
            }
        });
        placePending();
    }

    /**
     * Removes a copy. A copy that does not serve yet disappears at once (state {@code GONE}, no
     * callback); a serving copy drains for {@link dev.ballast.testkit.FakeTimings#copyShutdown()}
     * and then reports {@link CopyOwner#copyGone(Copy)}.
     */
    public void removeCopy(Copy copy) {
        switch (copy.state) {
            case PENDING -> {
                copy.cancelTimer();
                pending.remove(copy);
                copy.state = Copy.State.GONE;
            }
            case WAITING_FOR_INSTANCE, STARTING -> {
                copy.cancelTimer();
                copy.state = Copy.State.GONE;
                floating.remove(copy);
                detach(copy);
            }
            case RUNNING -> {
                copy.state = Copy.State.STOPPING;
                copy.timer = sim.schedule(sim.timings().copyShutdown(), () -> {
                    copy.timer = null;
                    copy.state = Copy.State.GONE;
                    floating.remove(copy);
                    detach(copy);
                    copy.owner.copyGone(copy);
                });
            }
            default -> {
                // already stopping or gone: nothing to do
            }
        }
    }

    /** Tries again to place queued copies and launch missing initial instances. */
    public void placePending() {
        topUpBase();
        for (Copy copy : List.copyOf(pending)) {
            Instance target = findRoom(copy.revision.requirement());
            if (target == null && scalingEnabled && desiredInstanceCount() < maxInstances) {
                target = launch(true);
            }
            if (target != null) {
                assign(copy, target);
            }
        }
    }

    /** Terminates everything at once (endpoint deletion or failure). */
    public void terminateAll() {
        for (Copy copy : List.copyOf(pending)) {
            copy.cancelTimer();
            copy.state = Copy.State.GONE;
        }
        pending.clear();
        for (Copy copy : floating) {
            copy.cancelTimer();
            copy.state = Copy.State.GONE;
        }
        floating.clear();
        for (Instance instance : instances) {
            instance.cancelRelease();
            for (Copy copy : instance.copies) {
                copy.cancelTimer();
                copy.state = Copy.State.GONE;
            }
            sim.capacity().release(instanceType);
        }
        instances.clear();
        baseInstances = 0;
    }

    private void topUpBase() {
        while (desiredInstanceCount() < baseInstances && launch(false) != null) {
            // launched one more initial instance
        }
    }

    private Instance findRoom(Requirement need) {
        int reserved = sim.options().reservedHostMemoryMiB();
        return instances.stream().filter(i -> i.state != Instance.State.TERMINATING && i.fits(need, reserved))
                .min(Comparator.comparing((Instance i) -> i.state != Instance.State.RUNNING)
                        .thenComparing(Comparator.comparingInt(Instance::freeAccelerators).reversed()))
                .orElse(null);
    }

    private Instance launch(boolean forCopies) {
        if (!sim.capacity().tryAcquire(instanceType)) {
            return null;
        }
        Instance instance = new Instance(sim.nextInstanceId(), shape, forCopies);
        instances.add(instance);
        sim.schedule(sim.timings().instanceLaunch(), () -> instanceReady(instance));
        onChange.run();
        return instance;
    }

    private void instanceReady(Instance instance) {
        if (instance.state != Instance.State.LAUNCHING || !instances.contains(instance)) {
            return;
        }
        instance.state = Instance.State.RUNNING;
        for (Copy copy : List.copyOf(instance.copies)) {
            if (copy.state == Copy.State.WAITING_FOR_INSTANCE) {
                start(copy);
            }
        }
        if (instance.copies.isEmpty()) {
            scheduleRelease(instance);
        }
        placePending();
        onChange.run();
    }

    private void assign(Copy copy, Instance target) {
        pending.remove(copy);
        copy.cancelTimer();
        copy.instance = target;
        target.copies.add(copy);
        target.everHosted = true;
        target.cancelRelease();
        if (target.state == Instance.State.RUNNING) {
            start(copy);
        } else {
            copy.state = Copy.State.WAITING_FOR_INSTANCE;
        }
    }

    private void start(Copy copy) {
        copy.state = Copy.State.STARTING;
        // one behaviour per container: every container of a pipeline or multi-container model runs on the copy
        copy.behaviors = copy.revision.containers().stream().map(c -> sim.containers().resolve(c)).toList();
        copy.behavior = copy.behaviors.get(0);
        if (copy.behaviors.stream().allMatch(ContainerBehavior::passesHealthCheck)) {
            copy.timer = sim.schedule(sim.timings().copyStartup(), () -> {
                copy.timer = null;
                copy.state = Copy.State.RUNNING;
                copy.owner.copyRunning(copy);
            });
        } else {
            Duration failAfter = sim.timings().modelDownload().plus(copy.revision.healthCheckTimeout());
            copy.timer = sim.schedule(failAfter, () -> {
                copy.timer = null;
                copy.state = Copy.State.FAILED;
                floating.remove(copy);
                detach(copy);
                copy.owner.copyFailed(copy, "health check");
            });
        }
    }

    private void detach(Copy copy) {
        Instance instance = copy.instance;
        if (instance == null) {
            return;
        }
        instance.copies.remove(copy);
        copy.instance = null;
        if (instance.copies.isEmpty()) {
            scheduleRelease(instance);
        }
        releaseSurplus();
        placePending();
    }

    /** Without managed scaling the count is what was asked for: empty instances above it go at once. */
    private void releaseSurplus() {
        if (scalingEnabled) {
            return;
        }
        for (Instance instance : List.copyOf(instances)) {
            if (desiredInstanceCount() <= baseInstances) {
                return;
            }
            if (instance.copies.isEmpty() && instance.state != Instance.State.TERMINATING) {
                terminate(instance);
            }
        }
    }

    private void scheduleRelease(Instance instance) {
        if (!scalingEnabled || instance.state != Instance.State.RUNNING
                || !(instance.everHosted || instance.launchedForCopies)) {
            return;
        }
        instance.cancelRelease();
        instance.releaseTimer = sim.schedule(sim.timings().idleInstanceRelease(), () -> release(instance));
    }

    private void release(Instance instance) {
        instance.releaseTimer = null;
        if (!instance.copies.isEmpty() || instance.state != Instance.State.RUNNING
                || desiredInstanceCount() <= minInstances) {
            return;
        }
        terminate(instance);
        // the initial count is a start, not a floor: managed scaling released the instance down to its
        // minimum (0 for scale to zero), and it must not be launched again until a copy needs it
        baseInstances = Math.min(baseInstances, desiredInstanceCount());
    }

    private void terminate(Instance instance) {
        instance.cancelRelease();
        instance.state = Instance.State.TERMINATING;
        onChange.run();
        sim.schedule(sim.timings().instanceTermination(), () -> {
            if (instances.remove(instance)) {
                sim.capacity().release(instanceType);
                onChange.run();
            }
        });
    }
}
