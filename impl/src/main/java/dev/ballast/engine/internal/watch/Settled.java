package dev.ballast.engine.internal.watch;

import java.util.Optional;

/**
 * How a wait ended: the resource left its in-progress state (or disappeared), or the wait timed out.
 *
 * @param status the final status, {@code Gone} if the resource no longer exists
 * @param failureReason the service's {@code FailureReason}, if any
 * @param alarm the rollback alarm that went into {@code ALARM} during the wait, or was in
 *     {@code ALARM} while the resource was being updated, if any
 * @param alarmReason that alarm's state reason
 * @param timedOut whether the wait gave up
 * @param lastObserved the last state seen, in words
 */
public record Settled(String status, Optional<String> failureReason, Optional<String> alarm, String alarmReason,
                      boolean timedOut, String lastObserved) {
}
