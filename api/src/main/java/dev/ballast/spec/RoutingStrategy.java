package dev.ballast.spec;

/** How an endpoint that hosts inference components spreads requests over the copies. */
public enum RoutingStrategy {
    /** Send each request to the copy with the fewest requests in flight. */
    LEAST_OUTSTANDING_REQUESTS,
    /** Send each request to a copy chosen at random. */
    RANDOM
}
