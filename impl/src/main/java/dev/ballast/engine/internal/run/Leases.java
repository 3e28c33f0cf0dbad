package dev.ballast.engine.internal.run;

import dev.ballast.engine.internal.call.ResilientCaller;
import dev.ballast.spi.Scheduler;
import dev.ballast.spi.TimeSource;
import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * One engine's endpoint leases: its holder token, its description for other engines, and its
 * {@link EngineHeartbeat}, which every lease taken while the engine is crowded relies on instead
 * of renewing itself.
 */
public final class Leases {

    /** This engine's lease token: a valid variant name, unique per engine instance. */
    private final String holder = "ballast-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    private final ResilientCaller calls;
    private final Scheduler scheduler;
    private final TimeSource time;
    private final Duration duration;
    private final BooleanSupplier crowded;
    private final String description;
    private final EngineHeartbeat heartbeat;

    /**
     * @param calls where calls go
     * @param scheduler where renewals wait
     * @param time the engine's time
     * @param duration how long a lease (and the heartbeat) holds without renewal
     * @param crowded whether the engine runs many deployments at once now
     */
    public Leases(ResilientCaller calls, Scheduler scheduler, TimeSource time, Duration duration, BooleanSupplier crowded) {
        this.calls = calls;
        this.scheduler = scheduler;
        this.time = time;
        this.duration = duration;
        this.crowded = crowded;
        this.description = describeHolder(holder);
        this.heartbeat = new EngineHeartbeat(calls, scheduler, time, duration, holder, description);
    }

    /**
     * @param endpointName the endpoint the lease guards
     * @param role an execution role SageMaker accepts
     * @param instanceType an instance type of the spec
     * @param operation what the holder is doing, e.g. {@code apply}
     * @return the endpoint's lease, not yet taken
     */
    public EndpointLease lease(String endpointName, String role, String instanceType, String operation) {
        return new EndpointLease(calls, scheduler, time, duration, holder, description, endpointName, role, instanceType,
                operation, crowded, heartbeat);
    }

    /** Who this engine is, for another engine's conflict message: a tag value (letters, digits, {@code _.:/=+-@}, spaces). */
    private static String describeHolder(String holder) {
        String host = System.getenv().getOrDefault("HOSTNAME", "an unnamed host");
        String text = "Ballast engine " + holder + " on " + host + " pid " + ProcessHandle.current().pid();
        return text.replaceAll("[^\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]", "-");
    }
}
