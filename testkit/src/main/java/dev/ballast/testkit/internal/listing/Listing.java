package dev.ballast.testkit.internal.listing;

import dev.ballast.testkit.internal.errors.SageMakerErrors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the List operations of SageMaker share (ListModels, ListEndpointConfigs, ListEndpoints,
 * ListInferenceComponents): {@code NameContains}, {@code CreationTimeAfter} (at or after, "a
 * creation time greater than or equal to the specified time") and {@code CreationTimeBefore}
 * (strictly before), {@code SortBy} ({@code Name} or {@code CreationTime}, the default, plus the
 * operation's own keys), {@code SortOrder} ({@code Descending} by default) and
 * {@link Pages paging}. Items that tie on the sort key keep the order they were created in
 * (reversed with the rest when descending), so resources created at the same simulated instant
 * list as if the clock had ticked between them.
 *
 * @param <T> the resource
 */
public final class Listing<T> {

    private final List<T> items;
    private final Function<T, String> name;
    private final Function<T, Instant> creationTime;
    private final List<Predicate<T>> filters = new ArrayList<>();
    private final Map<String, Comparator<T>> sortKeys = new LinkedHashMap<>();

    private Listing(Collection<T> items, Function<T, String> name, Function<T, Instant> creationTime) {
        this.items = List.copyOf(items);
        this.name = name;
        this.creationTime = creationTime;
        sortKeys.put("Name", Comparator.comparing(name));
        sortKeys.put("CreationTime", Comparator.comparing(creationTime));
    }

    /**
     * @param items the resources in the order they were created
     * @param name a resource's name
     * @param creationTime a resource's creation time
     */
    public static <T> Listing<T> of(Collection<T> items, Function<T, String> name, Function<T, Instant> creationTime) {
        return new Listing<>(items, name, creationTime);
    }

    /** Keeps resources whose name contains {@code part} (no filter when null). */
    public Listing<T> nameContains(String part) {
        return where(part == null ? null : t -> name.apply(t).contains(part));
    }

    /** Keeps resources created at or after {@code after} and strictly before {@code before} (either may be null). */
    public Listing<T> createdBetween(Instant after, Instant before) {
        where(after == null ? null : t -> !creationTime.apply(t).isBefore(after));
        return where(before == null ? null : t -> creationTime.apply(t).isBefore(before));
    }

    /**
     * Keeps resources last modified strictly after {@code after} and strictly before {@code before}
     * (either may be null): {@code LastModifiedTimeAfter} and {@code LastModifiedTimeBefore} of
     * ListEndpoints and ListInferenceComponents ("modified after/before the specified timestamp").
     * AWS does not say whether the bounds are inclusive; both are taken as exclusive here.
     */
    public Listing<T> modifiedBetween(Function<T, Instant> lastModifiedTime, Instant after, Instant before) {
        where(after == null ? null : t -> lastModifiedTime.apply(t).isAfter(after));
        return where(before == null ? null : t -> lastModifiedTime.apply(t).isBefore(before));
    }

    /** Keeps resources that match {@code filter} (no filter when null). */
    public Listing<T> where(Predicate<T> filter) {
        if (filter != null) {
            filters.add(filter);
        }
        return this;
    }

    /** Adds a {@code SortBy} key of the operation's own ({@code Status}, say). */
    public Listing<T> sortKey(String key, Comparator<T> order) {
        sortKeys.put(key, order);
        return this;
    }

    /**
     * @param sortBy the {@code SortBy} value (null: {@code CreationTime})
     * @param sortOrder the {@code SortOrder} value (null: {@code Descending})
     * @param maxResults {@code MaxResults} (null: 10)
     * @param nextToken {@code NextToken}
     * @param summary the summary of one resource
     * @param errors for a bad page size or token
     * @return the page of summaries
     */
    public <S> Pages<S> page(String sortBy, String sortOrder, Integer maxResults, String nextToken, Function<T, S> summary,
            SageMakerErrors errors) {
        Comparator<T> byKey = sortKeys.getOrDefault(sortBy == null ? "CreationTime" : sortBy,
                sortKeys.get("CreationTime"));
        // Filter first: a fleet's lists filter thousands of resources down to those in one status.
        List<T> kept = items.stream().filter(t -> filters.stream().allMatch(f -> f.test(t))).toList();
        Map<T, Integer> created = new IdentityHashMap<>();
        kept.forEach(t -> created.put(t, created.size()));
        Comparator<T> order = byKey.thenComparing(Comparator.comparingInt(created::get));
        if (!"Ascending".equals(sortOrder)) {
            order = order.reversed();
        }
        List<S> all = kept.stream().sorted(order).map(summary).toList();
        return Pages.of(all, maxResults, nextToken, errors);
    }
}
