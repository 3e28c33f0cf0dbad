package dev.ballast.testkit.http;

import java.time.Duration;

/**
 * One injected misbehaviour of the server for one call.
 *
 * @param kind what happens
 * @param status the HTTP status of a {@link Kind#FAIL}
 * @param delay the wall-clock delay of a {@link Kind#DELAY}
 */
record Fault(Kind kind, int status, Duration delay) {

    enum Kind {
        /** the service's throttling error, status 400, {@code Rate exceeded} */
        THROTTLE,
        /** a 5xx: {@code InternalFailure} (500) or {@code ServiceUnavailable} (503 and others) */
        FAIL,
        /** answer normally, but only after a wall-clock delay */
        DELAY,
        /** close the connection without answering */
        DROP
    }
}
