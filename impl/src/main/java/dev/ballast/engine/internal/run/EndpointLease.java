package dev.ballast.engine.internal.run;

import dev.ballast.engine.internal.call.ResilientCaller;
import dev.ballast.error.TransportException;
import dev.ballast.spi.Scheduler;
import dev.ballast.spi.TimeSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sagemaker.model.AddTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.AddTagsResponse;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.ListTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListTagsResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * One writer per endpoint, across processes and machines: a lease kept where SageMaker keeps
 * state. SageMaker has no compare-and-set on tags, but a create under a fixed name fails when the
 * name exists; so the lease is an endpoint configuration named after the endpoint
 * ({@code <endpoint>-lease-<hash>}), which no endpoint ever uses and which costs nothing. Its one
 * production variant is named after the holder (so one {@code DescribeEndpointConfig} tells who
 * holds it), and its tags say what the holder is doing, since when, and until when the lease holds
 * ({@code ballast:lease-expires}, renewed with {@code AddTags} while the deployment runs).
 *
 * <ul>
 *   <li>Taken before the first mutating call: two engines that take it in the same instant send
 *       the same create, and SageMaker lets exactly one through.</li>
 *   <li>Checked again before every mutating call (a fence): a holder that lost it (it expired
 *       and another engine took it over) stops before sending anything more.</li>
 *   <li>Taken over only after it expired (a process that died holding it); the taker deletes the
 *       expired one and creates its own. Two takers of the same expired lease are told apart the
 *       same way, by the create; one of them may delete the other's fresh lease only if both
 *       read the expired one within one round trip of each other, and the fence stops the loser
 *       before its next call.</li>
 *   <li>Released (deleted) when the deployment ends, however it ends.</li>
 * </ul>
 *
 * <p><b>Heartbeat leases.</b> A lease taken while the engine runs many deployments at once
 * (crowded) is of the heartbeat kind, and keeps that kind until it is released; one deployment
 * alone takes the kind above, with exactly its calls. A heartbeat lease is created as above plus a
 * tag {@code ballast:lease-heartbeat} naming the engine's {@link EngineHeartbeat}, and is never
 * renewed on its own: the engine renews its one heartbeat instead, so a thousand leases cost one
 * {@code AddTags} every third of the duration rather than a thousand. Why it is as safe:
 * <ul>
 *   <li>Another engine judges a heartbeat lease expired only when its own
 *       {@code ballast:lease-expires} passed <em>and</em> the heartbeat it names is missing or its
 *       {@code ballast:heartbeat-expires} passed. It reads the heartbeat only then, so a conflict
 *       with a lease in force costs what it always did; the conflict message says until when the
 *       holder is alive by its heartbeat.</li>
 *   <li>Its first create answered 200 means the name did not exist: the lease is ours, and its ARN
 *       is the create's answer, so it is not read back. A create after a takeover or a retry is
 *       read back, since two takers may both have created one.</li>
 *   <li>Its fences skip the read while nobody can have taken it: while its own expiry is more
 *       than a third away, or while the heartbeat has been alive without a gap since the lease
 *       was last known ours and the heartbeat's expiry that this engine wrote and saw land in time
 *       is more than a third away. Otherwise they read, as above. Its release deletes it without
 *       reading it first on the same condition.</li>
 *   <li>A taker of an expired heartbeat lease may delete the expired heartbeat too. An engine that
 *       was alive but late (its renewals queued behind its other calls) finds it gone at its next
 *       renewal and creates it again; its fences read until a write of it lands in time, and the
 *       lease taken over is found by the next of them, which stops its deployment.</li>
 * </ul>
 */
public final class EndpointLease {

    private static final Logger LOG = LoggerFactory.getLogger("dev.ballast.deployment");

    static final String TAG_HOLDER = "ballast:lease-holder";
    static final String TAG_OPERATION = "ballast:lease-operation";
    static final String TAG_SINCE = "ballast:lease-since";
    static final String TAG_EXPIRES = "ballast:lease-expires";
    static final String TAG_HEARTBEAT = "ballast:lease-heartbeat";

    private final ResilientCaller calls;
    private final Scheduler scheduler;
    private final TimeSource time;
    private final Duration duration;
    private final String holder;
    private final String holderDescription;
    private final String endpointName;
    private final String configName;
    private final String role;
    private final String instanceType;
    private final String operation;
    private volatile String arn;
    private volatile Scheduler.Cancellable renewal;
    private volatile boolean held;
    /** The expiry this engine last wrote and saw land before the one before it ran out. */
    private volatile Instant expires;
    /** Whether the engine runs many deployments at once (their calls share its rate): renewals come later then. */
    private final java.util.function.BooleanSupplier crowded;
    /** The engine's heartbeat, which a lease taken while the engine is crowded relies on; null when there is none. */
    private final EngineHeartbeat heartbeat;
    /** Whether this lease is of the heartbeat kind: decided when it is taken, kept until it is released. */
    private volatile boolean beating;
    /** Whether this lease counts among the heartbeat's leases now. */
    private final java.util.concurrent.atomic.AtomicBoolean joined = new java.util.concurrent.atomic.AtomicBoolean();
    /** A heartbeat lease: the latest moment up to which it is known to have been ours (its own expiry, or a read). */
    private volatile Instant oursUntil;
    /** The ARN our latest create answered. */
    private volatile String createdArn;

    /**
     * @param calls where calls go
     * @param scheduler where renewals wait
     * @param time the engine's time
     * @param duration how long a lease holds without renewal
     * @param holder this engine's token: a valid variant name, unique per engine
     * @param holderDescription who this engine is, for the other engines' conflict messages
     * @param endpointName the endpoint the lease guards
     * @param role an execution role SageMaker accepts (an endpoint configuration of inference
     *     components must name one)
     * @param instanceType an instance type of the spec (the lease's variant is never deployed)
     * @param operation what the holder is doing, e.g. {@code apply}
     */
    public EndpointLease(ResilientCaller calls, Scheduler scheduler, TimeSource time, Duration duration, String holder,
            String holderDescription, String endpointName, String role, String instanceType, String operation) {
        this(calls, scheduler, time, duration, holder, holderDescription, endpointName, role, instanceType, operation, () -> false,
                null);
    }

    /**
     * As the constructor above, for an engine that may run many deployments at once.
     *
     * @param crowded whether the engine runs many deployments at once now: a lease taken then is of
     *     the heartbeat kind (when there is a heartbeat); a lease of the other kind renewed while it
     *     is crowded is renewed when a third of it is left rather than every third of it (see
     *     {@link #scheduleRenewal})
     * @param heartbeat the engine's heartbeat, or null to renew every lease on its own
     */
    public EndpointLease(ResilientCaller calls, Scheduler scheduler, TimeSource time, Duration duration, String holder,
            String holderDescription, String endpointName, String role, String instanceType, String operation,
            java.util.function.BooleanSupplier crowded, EngineHeartbeat heartbeat) {
        this.crowded = crowded;
        this.heartbeat = heartbeat;
        this.calls = calls;
        this.scheduler = scheduler;
        this.time = time;
        this.duration = duration;
        this.holder = holder;
        this.holderDescription = holderDescription;
        this.endpointName = endpointName;
        this.configName = name(endpointName);
        this.role = role;
        this.instanceType = instanceType;
        this.operation = operation;
    }

    /**
     * @param endpointName an endpoint's name
     * @return the name of its lease: at most 63 characters, distinct from every configuration
     *     version Ballast names ({@code <endpoint>-<8 hex>})
     */
    public static String name(String endpointName) {
        String prefix = endpointName.length() > 40 ? endpointName.substring(0, 40) : endpointName;
        while (prefix.endsWith("-")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        return prefix + "-lease-" + sha256(endpointName).substring(0, 8);
    }

    /** @return the lease's configuration name */
    public String configName() {
        return configName;
    }

    /**
     * Takes the lease, or fails with a {@link LeaseConflict} naming its holder and what it does.
     *
     * @return completes once the lease is held and verified
     */
    public CompletableFuture<Void> acquire() {
        beating = heartbeat != null && crowded.getAsBoolean();
        return acquire(1);
    }

    /** How many times a create is tried when the service answers neither yes nor no (a 5xx, a lost answer). */
    private static final int ATTEMPTS = LeaseConfigs.ATTEMPTS;

    private CompletableFuture<Void> acquire(int attempt) {
        // A heartbeat lease whose first create went through is ours: the name did not exist. Every
        // other path reads it back, since two takers of an expired lease may both have created one.
        return create().thenCompose(created -> created ? (beating && attempt == 1 ? taken(createdArn) : verified())
                : holderOf().thenCompose(other -> {
                    if (other.isEmpty()) {
                        // our create did not take, or the holder released it in between: try again
                        return attempt < ATTEMPTS ? acquire(attempt + 1) : conflict(Optional.empty());
                    }
                    if (other.get().holder().equals(holder)) {
                        return verified(); // ours: a create that took effect although its answer was an error
                    }
                    if (other.get().expired(time.now())) {
                        LOG.warn("endpoint {}: the lease of {} ({}) expired at {}{}; taking it over", endpointName,
                                other.get().description(), other.get().operation(), other.get().expires(),
                                other.get().heartbeat().isPresent() ? " and so did its engine's heartbeat" : "");
                        return attempt < ATTEMPTS ? delete().thenCompose(x -> deleteDeadHeartbeat(other.get()))
                                .thenCompose(x -> acquire(attempt + 1)) : conflict(other);
                    }
                    return conflict(other);
                }));
    }

    /**
     * Deletes the lease a process that died left behind, once it expired, so that an apply with
     * nothing to change leaves nothing behind either. A live holder's lease is left alone.
     *
     * @return completes when checked (never exceptionally: a lease that stays expires again)
     */
    public CompletableFuture<Void> clearIfExpired() {
        return holderOf().thenCompose(other -> other.isPresent() && !other.get().holder().equals(holder)
                        && other.get().expired(time.now()) ? delete().thenCompose(x -> deleteDeadHeartbeat(other.get()))
                        : CompletableFuture.<Void>completedFuture(null))
                .exceptionally(failure -> {
                    LOG.warn("endpoint {}: could not remove the expired lease {} ({})", endpointName, configName,
                            LeaseConfigs.unwrap(failure).getMessage());
                    return null;
                });
    }

    /**
     * The fence before a mutating call: fails with a {@link LeaseConflict} when this engine no
     * longer holds the lease.
     *
     * @return completes when the lease is still ours
     */
    public CompletableFuture<Void> check() {
        Instant landed = lateExpiry;
        Instant sent = time.now();
        return describe().thenCompose(config -> {
            if (config.isPresent() && holder.equals(variant(config.get()))) {
                Instant known = oursUntil;
                if (beating && (known == null || sent.isAfter(known))) {
                    oursUntil = sent; // ours when the read was answered, so at least when it was sent
                }
                if (landed != null) {
                    // A takeover deletes and creates the lease anew, under the taker's variant: ours
                    // still being there means the late renewal's expiry is the one in force.
                    expires = landed;
                    lateExpiry = null;
                }
                return CompletableFuture.completedFuture(null);
            }
            held = false;
            leaveHeartbeat();
            return holderOf().thenCompose(other -> conflict(other.filter(h -> !h.holder().equals(holder))));
        });
    }

    /**
     * The fence of an engine that runs many deployments at once, whose calls per second they
     * share: as {@link #check()}, but without a read while the expiry this engine last wrote (and
     * saw in force: a create, or a renewal that landed before the expiry before it) is more than a
     * third of the duration away. Another engine takes a lease over only once it expired, so until
     * then it is still this engine's unless clocks differ by more than that third; a renewal that
     * is late (queued behind other calls) makes the fence read again.
     *
     * @return completes when the lease is still ours
     */
    public CompletableFuture<Void> checkUnlessRecent() {
        Instant until = expires;
        if (held && until != null && time.now().isBefore(until.minus(duration.dividedBy(3)))) {
            return CompletableFuture.completedFuture(null);
        }
        return check();
    }

    /**
     * The fence before a mutating call, of whichever kind this lease is: a heartbeat lease reads
     * only when its heartbeat does not vouch for it ({@link #checkUnlessBeating()}); another, while
     * the engine {@code shares} looks, only when not confirmed recently ({@link #checkUnlessRecent()});
     * otherwise always ({@link #check()}).
     *
     * @param shared whether the engine shares its looks now (many deployments wait at once)
     * @return completes when the lease is still ours
     */
    public CompletableFuture<Void> fence(boolean shared) {
        return beating ? checkUnlessBeating() : shared ? checkUnlessRecent() : check();
    }

    /**
     * The fence of a heartbeat lease: no read while the lease cannot have been taken over, that is
     * while its own expiry is more than a third of the duration away (as {@link #checkUnlessRecent()}),
     * or while the engine's heartbeat has been alive without a gap since the lease was last known
     * ours and the heartbeat's expiry that this engine wrote and saw land in time is more than a
     * third away ({@link EngineHeartbeat}); otherwise a read, as {@link #check()}.
     *
     * @return completes when the lease is still ours
     */
    public CompletableFuture<Void> checkUnlessBeating() {
        return held && vouched() ? CompletableFuture.completedFuture(null) : check();
    }

    /** @return whether no other engine can have taken this heartbeat lease over by now */
    private boolean vouched() {
        Instant until = expires;
        Instant now = time.now();
        return beating && (until != null && now.isBefore(until.minus(duration.dividedBy(3))) || heartbeat.vouchesSince(oursUntil));
    }

    /**
     * Stops renewing and deletes the lease if it is still ours. Never fails: a lease that cannot be
     * deleted expires on its own.
     *
     * @return completes when released
     */
    public CompletableFuture<Void> release() {
        Scheduler.Cancellable r = renewal;
        if (r != null) {
            r.cancel();
        }
        if (!held) {
            return CompletableFuture.completedFuture(null);
        }
        // a heartbeat lease nobody can have taken over is deleted without reading it first
        CompletableFuture<Void> deleted = vouched() ? delete()
                : describe().thenCompose(config -> config.isPresent() && holder.equals(variant(config.get()))
                        ? delete() : CompletableFuture.<Void>completedFuture(null));
        held = false;
        return deleted.exceptionally(failure -> {
                    LOG.warn("endpoint {}: could not release the lease {} ({}); it expires on its own", endpointName,
                            configName, LeaseConfigs.unwrap(failure).getMessage());
                    return null;
                }).thenCompose(x -> leaveHeartbeat()); // the lease first: it must not outlive its heartbeat
    }

    /** This lease no longer counts among the heartbeat's (at most once). */
    private CompletableFuture<Void> leaveHeartbeat() {
        return joined.compareAndSet(true, false) ? heartbeat.leave() : CompletableFuture.completedFuture(null);
    }

    private CompletableFuture<Void> verified() {
        return describe().thenCompose(config -> {
            if (config.isEmpty() || !holder.equals(variant(config.get()))) {
                return holderOf().thenCompose(this::conflict);
            }
            return taken(config.get().endpointConfigArn());
        });
    }

    /** The lease is ours: it is renewed on its own, or, of the heartbeat kind, by the engine's heartbeat. */
    private CompletableFuture<Void> taken(String ours) {
        arn = ours;
        held = true;
        expires = written;
        if (beating) {
            oursUntil = written;
            if (joined.compareAndSet(false, true)) {
                heartbeat.join(role, instanceType);
            }
        } else {
            scheduleRenewal();
        }
        LOG.debug("endpoint {}: lease {} taken", endpointName, configName);
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Renews the lease every third of its duration; while the engine is crowded, only when a
     * third of it is left (every two thirds), which halves what a thousand leases cost in calls
     * per second. That third is the time the renewal has to get through the engine's shared rate
     * before the lease runs out; a renewal that lands later does not count as a confirmation (the
     * fence reads the lease again), since another engine may have taken it over in between.
     */
    private void scheduleRenewal() {
        Duration third = duration.dividedBy(3);
        renewal = scheduler.schedule(crowded.getAsBoolean() ? third.multipliedBy(2) : third, () -> {
            if (!held) {
                return;
            }
            Instant before = expires;
            Instant next = time.now().plus(duration);
            calls.ahead(() -> calls.call(AddTagsRequest.builder().resourceArn(arn)
                    .tags(LeaseConfigs.tag(TAG_EXPIRES, next.toString())).build(), AddTagsResponse.class)).whenComplete((r, failure) -> {
                        if (failure == null && (before == null || time.now().isBefore(before))) {
                            expires = next;
                        } else if (failure == null) {
                            lateExpiry = next; // in force once a read shows the lease still ours (see check())
                        }
                        if (failure != null) {
                            LOG.warn("endpoint {}: could not renew the lease ({}); the fence before the next call"
                                    + " will tell", endpointName, LeaseConfigs.unwrap(failure).getMessage());
                        }
                        if (held) {
                            scheduleRenewal();
                        }
                    });
        });
    }

    /** The expiry of a renewal that landed after the one before it ran out, until a read shows it in force. */
    private volatile Instant lateExpiry;
    /** The expiry our latest create wrote. */
    private volatile Instant written;

    /** @return whether our create went through; false when the name exists */
    private CompletableFuture<Boolean> create() {
        Instant now = time.now();
        written = now.plus(duration);
        CreateEndpointConfigRequest request = CreateEndpointConfigRequest.builder().endpointConfigName(configName)
                .executionRoleArn(role)
                .productionVariants(ProductionVariant.builder().variantName(holder).instanceType(instanceType)
                        .initialInstanceCount(1).build())
                .tags(beating ? List.of(LeaseConfigs.tag(TAG_HOLDER, holderDescription), LeaseConfigs.tag(TAG_OPERATION, operation),
                        LeaseConfigs.tag(TAG_SINCE, now.toString()), LeaseConfigs.tag(TAG_EXPIRES, now.plus(duration).toString()),
                        LeaseConfigs.tag(TAG_HEARTBEAT, heartbeat.configName()))
                        : List.of(LeaseConfigs.tag(TAG_HOLDER, holderDescription), LeaseConfigs.tag(TAG_OPERATION, operation),
                        LeaseConfigs.tag(TAG_SINCE, now.toString()), LeaseConfigs.tag(TAG_EXPIRES, now.plus(duration).toString())))
                .build();
        return calls.call(request, CreateEndpointConfigResponse.class).thenApply(r -> {
                    createdArn = r.endpointConfigArn();
                    return true;
                })
                .exceptionallyCompose(failure -> {
                    Throwable cause = LeaseConfigs.unwrap(failure);
                    if (cause instanceof TransportException t && t.serviceMessage().startsWith("Cannot create already existing")) {
                        return CompletableFuture.completedFuture(false);
                    }
                    if (cause instanceof TransportException t && t.retryable()) {
                        return CompletableFuture.completedFuture(false); // lost or failed: the read tells whose it is
                    }
                    return CompletableFuture.failedFuture(cause);
                });
    }

    /** Deletes the lease; a delete is safe to repeat (see {@link LeaseConfigs#delete}). */
    private CompletableFuture<Void> delete() {
        return LeaseConfigs.delete(calls, configName);
    }

    private CompletableFuture<Optional<DescribeEndpointConfigResponse>> describe() {
        return describe(configName);
    }

    private CompletableFuture<Optional<DescribeEndpointConfigResponse>> describe(String name) {
        return calls.call(DescribeEndpointConfigRequest.builder().endpointConfigName(name).build(),
                DescribeEndpointConfigResponse.class).thenApply(Optional::of)
                .exceptionallyCompose(failure -> LeaseConfigs.isGone(LeaseConfigs.unwrap(failure))
                        ? CompletableFuture.completedFuture(Optional.empty()) : CompletableFuture.failedFuture(LeaseConfigs.unwrap(failure)));
    }

    /**
     * @return who holds the lease now, if anyone; of a lease whose own expiry passed and that names
     *     a heartbeat, with what the heartbeat says (read only then, so a conflict with a lease in
     *     force costs what it always did)
     */
    private CompletableFuture<Optional<Holder>> holderOf() {
        return describe().thenCompose(config -> {
            if (config.isEmpty()) {
                return CompletableFuture.completedFuture(Optional.<Holder>empty());
            }
            return tags(config.get().endpointConfigArn()).thenCompose(t -> {
                Holder found = new Holder(variant(config.get()), t.getOrDefault(TAG_HOLDER, "an unknown engine"),
                        t.getOrDefault(TAG_OPERATION, "an unknown operation"), instant(t.get(TAG_SINCE)),
                        instant(t.get(TAG_EXPIRES)), Optional.ofNullable(t.get(TAG_HEARTBEAT)), Optional.empty());
                if (found.heartbeat().isEmpty() || !found.ownExpired(time.now())) {
                    return CompletableFuture.completedFuture(Optional.of(found));
                }
                return describe(found.heartbeat().get()).thenCompose(beat -> beat.isEmpty()
                        ? CompletableFuture.completedFuture(Optional.of(found.beating(Optional.of(Optional.empty()))))
                        : tags(beat.get().endpointConfigArn()).thenApply(h -> Optional.of(found.beating(
                                Optional.of(instant(h.get(EngineHeartbeat.TAG_EXPIRES)))))));
            });
        });
    }

    private CompletableFuture<Map<String, String>> tags(String resourceArn) {
        return calls.call(ListTagsRequest.builder().resourceArn(resourceArn).maxResults(50).build(), ListTagsResponse.class)
                .thenApply(tags -> tags.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b)));
    }

    /**
     * A taker may delete the heartbeat of the engine whose lease it took over, once that expired
     * too: the engine is dead, or so late that none of its leases protects it. If it is alive
     * after all, its next renewal finds the heartbeat gone and creates it again, and its fences
     * read their leases until the heartbeat is confirmed (see {@link EngineHeartbeat}); the one
     * taken over is found by the next fence. Never fails: a heartbeat left behind stays expired.
     */
    private CompletableFuture<Void> deleteDeadHeartbeat(Holder dead) {
        if (dead.heartbeat().isEmpty() || dead.heartbeatExpires().isEmpty() || dead.heartbeatExpires().get().isEmpty()) {
            return CompletableFuture.completedFuture(null); // none, or gone already
        }
        String name = dead.heartbeat().get();
        return calls.call(DeleteEndpointConfigRequest.builder().endpointConfigName(name).build(), DeleteEndpointConfigResponse.class)
                .handle((r, failure) -> {
                    if (failure != null) {
                        LOG.warn("endpoint {}: could not delete the expired heartbeat {} ({}); it stays expired", endpointName,
                                name, LeaseConfigs.unwrap(failure).getMessage());
                    }
                    return (Void) null;
                });
    }

    private <T> CompletableFuture<T> conflict(Optional<Holder> other) {
        String who = other.map(h -> h.description() + " (" + h.operation() + " since " + h.since().map(Instant::toString)
                .orElse("an unknown time") + ", lease until " + h.expires().map(Instant::toString).orElse("an unknown time")
                + h.heartbeatExpires().flatMap(e -> e).map(e -> ", alive by its heartbeat until " + e).orElse("")
                + ")").orElse("another engine");
        return CompletableFuture.failedFuture(new LeaseConflict("Conflict: endpoint '" + endpointName
                + "' is being changed by " + who + "; nothing was sent. Wait for it to end, follow it with attach(spec), or,"
                + " if its process is gone, let the lease expire or break it by deleting the endpoint configuration '"
                + configName + "' (aws sagemaker delete-endpoint-config --endpoint-config-name " + configName + ")"));
    }

    private static String variant(DescribeEndpointConfigResponse config) {
        return config.productionVariants().isEmpty() ? "" : config.productionVariants().get(0).variantName();
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.ofNullable(text).map(Instant::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }


    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Who holds a lease, as its configuration and tags say.
     *
     * @param heartbeat the heartbeat the lease names (a heartbeat lease)
     * @param heartbeatExpires when it was read: its expiry, or empty when it is gone (or says none)
     */
    private record Holder(String holder, String description, String operation, Optional<Instant> since,
            Optional<Instant> expires, Optional<String> heartbeat, Optional<Optional<Instant>> heartbeatExpires) {

        boolean ownExpired(Instant now) {
            return expires.map(now::isAfter).orElse(false);
        }

        /** @return whether another engine may take the lease over: its own expiry passed, and its heartbeat's (if it names one) */
        boolean expired(Instant now) {
            return ownExpired(now) && (heartbeat.isEmpty()
                    || heartbeatExpires.map(e -> e.map(now::isAfter).orElse(true)).orElse(false));
        }

        Holder beating(Optional<Optional<Instant>> read) {
            return new Holder(holder, description, operation, since, expires, heartbeat, read);
        }
    }

    /** Another engine holds the endpoint's lease, or took it over from this one. */
    public static final class LeaseConflict extends RuntimeException {

        private static final long serialVersionUID = 1L;

        LeaseConflict(String message) {
            super(message, null, false, false);
        }
    }
}
