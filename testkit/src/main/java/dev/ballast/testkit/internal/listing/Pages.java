package dev.ballast.testkit.internal.listing;

import dev.ballast.testkit.internal.errors.SageMakerErrors;
import java.util.List;

/** Offset-token paging shared by the List operations (MaxResults default 10, range 1..100). */
public record Pages<T>(List<T> items, String nextToken) {

    public static <T> Pages<T> of(List<T> all, Integer maxResults, String nextToken, SageMakerErrors errors) {
        // the range 1..100 was checked against the API model before the request got here
        return slice(all, maxResults == null ? 10 : maxResults, nextToken, errors);
    }

    /**
     * One page of at most {@code max} items from where {@code nextToken} points (the start when
     * null), for operations whose page size has other bounds (ListTags: at least 50).
     */
    public static <T> Pages<T> slice(List<T> all, int max, String nextToken, SageMakerErrors errors) {
        int from;
        try {
            from = nextToken == null ? 0 : Integer.parseInt(nextToken);
        } catch (NumberFormatException e) {
            throw errors.validation("Invalid pagination token " + nextToken + ".");
        }
        int start = Math.min(Math.max(from, 0), all.size());
        int end = (int) Math.min(all.size(), (long) start + max);
        return new Pages<>(List.copyOf(all.subList(start, end)), end < all.size() ? Integer.toString(end) : null);
    }
}
