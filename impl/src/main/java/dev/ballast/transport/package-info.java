/**
 * Decorators that wrap a {@link dev.ballast.spi.Transport} to add one concern each, without
 * subclassing: {@link dev.ballast.transport.LoggingTransport} (one redacted line per call) and
 * {@link dev.ballast.transport.RecordingTransport} (a record of every call, optionally a dry run
 * that sends no mutating call).
 *
 * <h2>The fixed order</h2>
 * {@code BallastEngine} stacks these concerns in one documented order, outermost first:
 * <ol>
 *   <li><b>retry</b>, on the engine's scheduler: Resilience4j's asynchronous retry with seeded
 *       jitter, only for what is safe (reads, and calls AWS refused before acting: throttling);
 *       a create that may have taken effect is checked with a describe, never resent blindly;</li>
 *   <li><b>rate limit</b>: each attempt, retries included, takes a permit of a token bucket on the
 *       engine's time source;</li>
 *   <li><b>logging</b> ({@code LoggingTransport}): one redacted line per attempt, so a throttled
 *       attempt and its retry both show, each with its own request id;</li>
 *   <li><b>your decorators</b>, for example {@code RecordingTransport} (a record of every attempt,
 *       or a dry run), given as the engine's transport;</li>
 *   <li><b>the transport</b>: {@link dev.ballast.aws.AwsTransport}, or the testkit's fake.</li>
 * </ol>
 * Retry and rate limit wait on the engine's scheduler (the testkit's virtual clock in tests), so
 * they sit above the synchronous one-method SPI rather than inside it; everything below them is a
 * plain {@link dev.ballast.spi.Transport} wrapper. Users do not choose this order; for a preview
 * of what apply would send, use {@code Ballast.plan(spec)}.
 */
package dev.ballast.transport;
