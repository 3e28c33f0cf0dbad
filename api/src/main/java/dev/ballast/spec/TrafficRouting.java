package dev.ballast.spec;

/** How a blue/green endpoint update moves traffic to the new fleet ({@code TrafficRoutingConfig.Type}). */
public enum TrafficRouting {
    /** All traffic at once, then one bake. */
    ALL_AT_ONCE,
    /** A canary share first, a bake, then the rest and a final bake. */
    CANARY,
    /** Equal steps of 10-50 % of the capacity, a bake after each. */
    LINEAR
}
