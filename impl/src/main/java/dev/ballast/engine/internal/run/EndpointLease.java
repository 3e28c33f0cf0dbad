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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
 */
public final class EndpointLease {

    private static final Logger LOG = LoggerFactory.getLogger("dev.ballast.deployment");

    static final String TAG_HOLDER = "ballast:lease-holder";
    static final String TAG_OPERATION = "ballast:lease-operation";
    static final String TAG_SINCE = "ballast:lease-since";
    static final String TAG_EXPIRES = "ballast:lease-expires";

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
        this(calls, scheduler, time, duration, holder, holderDescription, endpointName, role, instanceType, operation, () -> false);
    }

    /**
     * As the constructor above, for an engine that may run many deployments at once.
     *
     * @param crowded whether the engine runs many deployments at once now: a renewal is then sent
     *     when a third of the lease is left rather than every third of it (see {@link #scheduleRenewal})
     */
    public EndpointLease(ResilientCaller calls, Scheduler scheduler, TimeSource time, Duration duration, String holder,
            String holderDescription, String endpointName, String role, String instanceType, String operation,
            java.util.function.BooleanSupplier crowded) {
        this.crowded = crowded;
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
        return acquire(1);
    }

    /** How many times a create is tried when the service answers neither yes nor no (a 5xx, a lost answer). */
    private static final int ATTEMPTS = 5;

    private CompletableFuture<Void> acquire(int attempt) {
        return create().thenCompose(created -> created ? verified()
                : holderOf().thenCompose(other -> {
                    if (other.isEmpty()) {
                        // our create did not take, or the holder released it in between: try again
                        return attempt < ATTEMPTS ? acquire(attempt + 1) : conflict(Optional.empty());
                    }
                    if (other.get().holder().equals(holder)) {
                        return verified(); // ours: a create that took effect although its answer was an error
                    }
                    if (other.get().expired(time.now())) {
                        LOG.warn("endpoint {}: the lease of {} ({}) expired at {}; taking it over", endpointName,
                                other.get().description(), other.get().operation(), other.get().expires());
                        return attempt < ATTEMPTS ? delete(1).thenCompose(x -> acquire(attempt + 1))
                                : conflict(other);
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
                        && other.get().expired(time.now()) ? delete(1) : CompletableFuture.<Void>completedFuture(null))
                .exceptionally(failure -> {
                    LOG.warn("endpoint {}: could not remove the expired lease {} ({})", endpointName, configName,
                            unwrap(failure).getMessage());
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
        return describe().thenCompose(config -> {
            if (config.isPresent() && holder.equals(variant(config.get()))) {
                if (landed != null) {
                    // A takeover deletes and creates the lease anew, under the taker's variant: ours
                    // still being there means the late renewal's expiry is the one in force.
                    expires = landed;
                    lateExpiry = null;
                }
                return CompletableFuture.completedFuture(null);
            }
            held = false;
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
        held = false;
        return describe().thenCompose(config -> config.isPresent() && holder.equals(variant(config.get()))
                ? delete(1) : CompletableFuture.<Void>completedFuture(null))
                .exceptionally(failure -> {
                    LOG.warn("endpoint {}: could not release the lease {} ({}); it expires on its own", endpointName,
                            configName, unwrap(failure).getMessage());
                    return null;
                });
    }

    private CompletableFuture<Void> verified() {
        return describe().thenCompose(config -> {
            if (config.isEmpty() || !holder.equals(variant(config.get()))) {
                return holderOf().thenCompose(this::conflict);
            }
            arn = config.get().endpointConfigArn();
            held = true;
            expires = written;
            scheduleRenewal();
            LOG.debug("endpoint {}: lease {} taken", endpointName, configName);
            return CompletableFuture.completedFuture(null);
        });
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
            calls.call(AddTagsRequest.builder().resourceArn(arn).tags(tag(TAG_EXPIRES, next.toString()))
                    .build(), AddTagsResponse.class).whenComplete((r, failure) -> {
                        if (failure == null && (before == null || time.now().isBefore(before))) {
                            expires = next;
                        } else if (failure == null) {
                            lateExpiry = next; // in force once a read shows the lease still ours (see check())
                        }
                        if (failure != null) {
                            LOG.warn("endpoint {}: could not renew the lease ({}); the fence before the next call"
                                    + " will tell", endpointName, unwrap(failure).getMessage());
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
                .tags(tag(TAG_HOLDER, holderDescription), tag(TAG_OPERATION, operation), tag(TAG_SINCE, now.toString()),
                        tag(TAG_EXPIRES, now.plus(duration).toString()))
                .build();
        return calls.call(request, CreateEndpointConfigResponse.class).thenApply(r -> true)
                .exceptionallyCompose(failure -> {
                    Throwable cause = unwrap(failure);
                    if (cause instanceof TransportException t && t.serviceMessage().startsWith("Cannot create already existing")) {
                        return CompletableFuture.completedFuture(false);
                    }
                    if (cause instanceof TransportException t && t.retryable()) {
                        return CompletableFuture.completedFuture(false); // lost or failed: the read tells whose it is
                    }
                    return CompletableFuture.failedFuture(cause);
                });
    }

    /** Deletes the lease; a delete is safe to repeat, so a 5xx or a lost answer is tried again (a few times). */
    private CompletableFuture<Void> delete(int attempt) {
        return calls.call(DeleteEndpointConfigRequest.builder().endpointConfigName(configName).build(),
                DeleteEndpointConfigResponse.class).thenApply(r -> (Void) null)
                .exceptionallyCompose(failure -> {
                    Throwable cause = unwrap(failure);
                    if (cause instanceof TransportException t && t.serviceMessage().startsWith("Could not find endpoint configuration")) {
                        return CompletableFuture.completedFuture(null);
                    }
                    if (cause instanceof TransportException t && t.retryable() && attempt < ATTEMPTS) {
                        return delete(attempt + 1);
                    }
                    return CompletableFuture.failedFuture(cause);
                });
    }

    private CompletableFuture<Optional<DescribeEndpointConfigResponse>> describe() {
        return calls.call(DescribeEndpointConfigRequest.builder().endpointConfigName(configName).build(),
                DescribeEndpointConfigResponse.class).thenApply(Optional::of)
                .exceptionallyCompose(failure -> unwrap(failure) instanceof TransportException t
                        && t.serviceMessage().startsWith("Could not find endpoint configuration")
                        ? CompletableFuture.completedFuture(Optional.empty()) : CompletableFuture.failedFuture(unwrap(failure)));
    }

    /** @return who holds the lease now, if anyone */
    private CompletableFuture<Optional<Holder>> holderOf() {
        return describe().thenCompose(config -> {
            if (config.isEmpty()) {
                return CompletableFuture.completedFuture(Optional.<Holder>empty());
            }
            return calls.call(ListTagsRequest.builder().resourceArn(config.get().endpointConfigArn()).maxResults(50).build(),
                    ListTagsResponse.class).thenApply(tags -> {
                        Map<String, String> t = tags.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
                        return Optional.of(new Holder(variant(config.get()), t.getOrDefault(TAG_HOLDER, "an unknown engine"),
                                t.getOrDefault(TAG_OPERATION, "an unknown operation"), instant(t.get(TAG_SINCE)),
                                instant(t.get(TAG_EXPIRES))));
                    });
        });
    }

    private <T> CompletableFuture<T> conflict(Optional<Holder> other) {
        String who = other.map(h -> h.description() + " (" + h.operation() + " since " + h.since().map(Instant::toString)
                .orElse("an unknown time") + ", lease until " + h.expires().map(Instant::toString).orElse("an unknown time")
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

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Who holds a lease, as its configuration and tags say. */
    private record Holder(String holder, String description, String operation, Optional<Instant> since,
            Optional<Instant> expires) {

        boolean expired(Instant now) {
            return expires.map(now::isAfter).orElse(false);
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
