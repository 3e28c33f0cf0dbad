package dev.ballast.engine.internal.run;

import dev.ballast.engine.internal.call.ResilientCaller;
import dev.ballast.error.TransportException;
import dev.ballast.spi.Scheduler;
import dev.ballast.spi.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sagemaker.model.AddTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.AddTagsResponse;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;

/**
 * One engine's liveness, kept where SageMaker keeps state, so that a thousand leases of one engine
 * cost one renewal instead of a thousand. While an engine runs many deployments at once, its
 * leases ({@link EndpointLease}, the heartbeat kind) are not renewed one by one: each names this
 * heartbeat (tag {@code ballast:lease-heartbeat}), and another engine judges such a lease expired
 * only when its own {@code ballast:lease-expires} passed <em>and</em> the heartbeat it names is
 * missing or expired.
 *
 * <p>The heartbeat is an endpoint configuration named after the engine's holder token
 * ({@link #name}: {@code ballast-heartbeat-<holder>}; no endpoint uses it and it costs nothing),
 * tagged {@code ballast:heartbeat-expires}. It is created when the engine takes its first
 * heartbeat lease, renewed with one {@code AddTags} every third of the lease duration while any
 * is held, and deleted when the last one is released. Creates and deletes of it go one after the
 * other, so a lease taken just as the last one is released finds it again.
 *
 * <p>Why fences may skip their read: another engine takes a heartbeat lease over only once the
 * heartbeat is missing or expired. So while the heartbeat has been alive without a gap since a
 * moment at which a lease was known to be this engine's ({@link #aliveSince}), and the expiry this
 * engine wrote and saw land in time ({@link #confirmedUntil}) is more than a third of the duration
 * away, nobody can have taken the lease (unless clocks differ by more than that third). A renewal
 * that lands after the expiry before it ran out starts a new stretch ({@code aliveSince} moves to
 * its answer): another engine may have judged the heartbeat dead in between, so every lease's
 * fence reads its lease once more before it trusts the heartbeat again.
 *
 * <p>A heartbeat that has gone missing (a taker deleted it, judging this engine dead while its
 * renewals were late, or someone deleted it by hand): the renewal that finds it gone (AddTags
 * answers that the resource does not exist) creates it again, and until a write lands in time the
 * fences of its leases read their lease before every call, as they do without a heartbeat; a
 * lease another engine took over meanwhile is then found by the next fence, which stops its
 * deployment with a Conflict. As with a lease's own renewal, a taker that read the heartbeat dead
 * and deletes it within one round trip of a late renewal can leave a fence trusting it until the
 * next renewal finds it missing.
 */
public final class EngineHeartbeat {

    private static final Logger LOG = LoggerFactory.getLogger("dev.ballast.deployment");

    static final String TAG_EXPIRES = "ballast:heartbeat-expires";

    private final ResilientCaller calls;
    private final Scheduler scheduler;
    private final TimeSource time;
    private final Duration duration;
    private final String holder;
    private final String holderDescription;
    private final String name;

    /** Heartbeat leases held now; guarded by {@code this}. */
    private int leases;
    /** The heartbeat's writes (create, delete) in order; guarded by {@code this}. */
    private CompletableFuture<Void> writes = CompletableFuture.completedFuture(null);
    private Scheduler.Cancellable renewal;
    /** Which run of renewals is current: a renewal of a run that ended (all leases released) does nothing. */
    private int run;
    /** What a create needs (the first lease's role and instance type); guarded by {@code this}. */
    private String role;
    private String instanceType;
    private volatile String arn;
    /** The expiry this engine last wrote and saw land while the one before it held; null when unknown. */
    private volatile Instant confirmedUntil;
    /** Since when the heartbeat has been alive without a gap, as far as this engine saw. */
    private volatile Instant aliveSince;

    /**
     * @param calls where calls go
     * @param scheduler where renewals wait
     * @param time the engine's time
     * @param duration how long a lease holds without renewal; the heartbeat holds as long
     * @param holder this engine's token, a valid variant name
     * @param holderDescription who this engine is, for other engines' conflict messages
     */
    public EngineHeartbeat(ResilientCaller calls, Scheduler scheduler, TimeSource time, Duration duration, String holder,
            String holderDescription) {
        this.calls = calls;
        this.scheduler = scheduler;
        this.time = time;
        this.duration = duration;
        this.holder = holder;
        this.holderDescription = holderDescription;
        this.name = name(holder);
    }

    /**
     * @param holder an engine's token
     * @return the name of its heartbeat: at most 63 characters, never {@code <endpoint>-lease-<hash>}
     */
    public static String name(String holder) {
        String text = "ballast-heartbeat-" + holder;
        text = text.length() > 63 ? text.substring(0, 63) : text;
        while (text.endsWith("-")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    /** @return the heartbeat's endpoint configuration name */
    public String configName() {
        return name;
    }

    /** @return the lease duration, which the heartbeat shares */
    Duration duration() {
        return duration;
    }

    /**
     * A heartbeat lease is taken: starts the heartbeat if it is the first. Never fails and is not
     * waited for: the lease's own expiry covers it until the heartbeat is up, and its fences read
     * until then.
     *
     * @param role an execution role SageMaker accepts for the heartbeat's configuration
     * @param instanceType an instance type for its (never deployed) variant
     */
    synchronized void join(String role, String instanceType) {
        if (this.role == null) {
            this.role = role;
            this.instanceType = instanceType;
        }
        if (leases++ == 0) {
            writes = writes.thenCompose(x -> create()).exceptionally(failure -> null);
            scheduleRenewal();
        }
    }

    /**
     * A heartbeat lease was released: the last one stops the heartbeat and deletes it.
     *
     * @return completes when the heartbeat's delete (if any) ended; never exceptionally
     */
    synchronized CompletableFuture<Void> leave() {
        if (leases == 0 || --leases > 0) {
            return CompletableFuture.completedFuture(null);
        }
        if (renewal != null) {
            renewal.cancel();
            renewal = null;
        }
        run++; // a renewal already due but waiting for the lock must not start a second run
        writes = writes.thenCompose(x -> delete()).exceptionally(failure -> {
            LOG.warn("could not delete the engine's heartbeat {} ({}); it expires on its own", name, LeaseConfigs.unwrap(failure).getMessage());
            return null;
        });
        return writes;
    }

    /**
     * @param knownOurs a moment up to which a lease is known to have been this engine's (a read
     *     that showed it so, or the lease's own expiry, until which nobody takes it over)
     * @return whether, now, no other engine can have taken that lease over: the heartbeat has
     *     been alive without a gap since then, and its confirmed expiry is more than a third of the
     *     duration away
     */
    boolean vouchesSince(Instant knownOurs) {
        Instant since = aliveSince;
        Instant until = confirmedUntil;
        return knownOurs != null && since != null && until != null && !since.isAfter(knownOurs)
                && time.now().isBefore(until.minus(duration.dividedBy(3)));
    }

    /** Renews the heartbeat every third of the duration while a heartbeat lease is held. */
    private synchronized void scheduleRenewal() {
        int current = run;
        renewal = scheduler.schedule(duration.dividedBy(3), () -> {
            synchronized (this) {
                if (leases == 0 || run != current) {
                    return;
                }
                writes = writes.thenCompose(x -> calls.ahead(() -> arn == null ? create() : renew(arn))).exceptionally(failure -> null);
                scheduleRenewal();
            }
        });
    }

    private CompletableFuture<Void> renew(String current) {
        Instant before = confirmedUntil;
        Instant next = time.now().plus(duration);
        return calls.ahead(() -> calls.call(AddTagsRequest.builder().resourceArn(current)
                .tags(LeaseConfigs.tag(TAG_EXPIRES, next.toString())).build(), AddTagsResponse.class)).handle((r, failure) -> {
                    Instant now = time.now();
                    if (failure == null && before != null && now.isBefore(before)) {
                        confirmedUntil = next; // in time: the heartbeat has held without a gap
                    } else if (failure == null) {
                        // late (or after a gap): another engine may have judged it dead meanwhile,
                        // so the fences read their leases once before trusting it again
                        aliveSince = now;
                        confirmedUntil = next;
                    } else if (LeaseConfigs.unwrap(failure) instanceof TransportException t && t.serviceMessage().startsWith("Resource does not exist")) {
                        LOG.warn("the engine's heartbeat {} has gone; creating it again (the fences read their leases until"
                                + " it is confirmed)", name);
                        confirmedUntil = null;
                        aliveSince = null;
                        return calls.ahead(this::create);
                    } else {
                        LOG.warn("could not renew the engine's heartbeat {} ({}); the fences will read their leases"
                                + " once it is near its end", name, LeaseConfigs.unwrap(failure).getMessage());
                    }
                    return CompletableFuture.<Void>completedFuture(null);
                }).thenCompose(f -> f);
    }

    /** Creates the heartbeat (or, if it is there already, one of ours whose answer was lost, renews it). */
    private CompletableFuture<Void> create() {
        Instant now = time.now();
        Instant until = now.plus(duration);
        String r;
        String type;
        synchronized (this) {
            if (leases == 0) {
                return CompletableFuture.completedFuture(null);
            }
            r = role;
            type = instanceType;
        }
        CreateEndpointConfigRequest request = CreateEndpointConfigRequest.builder().endpointConfigName(name)
                .executionRoleArn(r)
                .productionVariants(ProductionVariant.builder().variantName(holder).instanceType(type)
                        .initialInstanceCount(1).build())
                .tags(LeaseConfigs.tag(EndpointLease.TAG_HOLDER, holderDescription), LeaseConfigs.tag(TAG_EXPIRES, until.toString()))
                .build();
        return calls.call(request, CreateEndpointConfigResponse.class).handle((created, failure) -> {
            if (failure == null) {
                arn = created.endpointConfigArn();
                aliveSince = time.now();
                confirmedUntil = until;
                return CompletableFuture.<Void>completedFuture(null);
            }
            if (LeaseConfigs.unwrap(failure) instanceof TransportException t && (t.retryable()
                    || t.serviceMessage().startsWith("Cannot create already existing"))) {
                // ours (the name carries this engine's token): a create whose answer was lost, or one not yet deleted
                return calls.ahead(() -> calls.call(DescribeEndpointConfigRequest.builder().endpointConfigName(name).build(),
                        DescribeEndpointConfigResponse.class)).thenCompose(config -> {
                            arn = config.endpointConfigArn();
                            return calls.ahead(() -> renew(arn));
                        });
            }
            LOG.warn("could not create the engine's heartbeat {} ({}); its leases are read before every call", name,
                    LeaseConfigs.unwrap(failure).getMessage());
            return CompletableFuture.<Void>completedFuture(null);
        }).thenCompose(f -> f);
    }

    private CompletableFuture<Void> delete() {
        // after any renewal before it (writes go in order): from here on nothing vouches for a lease
        arn = null;
        confirmedUntil = null;
        aliveSince = null;
        return LeaseConfigs.delete(calls, name);
    }

}
