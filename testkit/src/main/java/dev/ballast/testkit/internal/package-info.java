/**
 * The simulation behind {@code FakeSageMaker}, in rooms by concern. Not API: may change without
 * notice.
 *
 * <ul>
 *   <li>{@code world}: the composition root and the door requests come in through (SDK facades,
 *       router); the only room that knows the others.</li>
 *   <li>{@code endpoint}, {@code component}, {@code tags}, {@code cloudwatch}, {@code autoscaling},
 *       {@code runtime}: one room per resource or service, each with its {@code *Handler} of the
 *       operations it serves.</li>
 *   <li>{@code placement}: instances and the copies placed on them.</li>
 *   <li>{@code listing}, {@code errors}, {@code model}: what the handlers share: paging, the
 *       services' errors, the API models requests are checked against.</li>
 *   <li>{@code sim}: what every room needs (lock, clock, timeline, ids, ARNs, capacity).</li>
 * </ul>
 * Rooms depend downwards only, without cycles: {@code world} on all of them; {@code autoscaling}
 * and {@code runtime} on {@code component}, {@code endpoint} and {@code cloudwatch};
 * {@code component} on {@code endpoint}; {@code endpoint} on {@code placement}, {@code tags} and
 * {@code listing}; every room on {@code errors} and {@code sim}. Rooms share no fields: state is
 * read and changed through small public methods, and a room reaches one it must not depend on
 * through a function the world hands it (an endpoint asks how many components it hosts that way).
 */
package dev.ballast.testkit.internal;
