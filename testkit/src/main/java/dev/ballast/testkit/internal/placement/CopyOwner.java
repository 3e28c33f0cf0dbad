package dev.ballast.testkit.internal.placement;

/** Receives the asynchronous outcomes of its copies (always from scheduled tasks). */
public interface CopyOwner {

    /** The copy passed its health check and serves traffic. */
    void copyRunning(Copy copy);

    /** The copy failed (health check); it is already detached. */
    void copyFailed(Copy copy, String reason);

    /** A removed serving copy finished stopping. */
    void copyGone(Copy copy);

    /** The copy could not be placed within the placement timeout. */
    void copyPlacementTimedOut(Copy copy);
}
