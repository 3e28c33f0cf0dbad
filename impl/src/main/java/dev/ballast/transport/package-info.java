/**
 * Decorators that wrap a {@link dev.ballast.spi.Transport} to add one concern each, without
 * subclassing: {@link dev.ballast.transport.LoggingTransport} (one redacted line per call) and
 * {@link dev.ballast.transport.RecordingTransport} (a record of every call, optionally a dry run
 * that sends no mutating call).
 *
 * <h2>The fixed order</h2>
 * The engine stacks decorators in one documented order, outermost first:
 * <ol>
 *   <li><b>logging</b> ({@code LoggingTransport}): sees each call once, as the engine made it,
 *       with its total latency and final outcome, including the retries below it;</li>
 *   <li><b>dry-run / recording</b> ({@code RecordingTransport}): records the engine's calls; in a
 *       dry run it answers mutating calls itself, so that nothing below (retry, rate limit, AWS)
 *       sees them;</li>
 *   <li><b>retry</b>: retries only conditions the SDK client does not (for example a
 *       {@code Could not find} right after a create), never what the client's own retry strategy
 *       already retries, so nothing is retried twice;</li>
 *   <li><b>rate limit</b>: each attempt, retries included, takes a permit;</li>
 *   <li><b>the transport</b>: {@link dev.ballast.aws.AwsTransport}, or the testkit's fake.</li>
 * </ol>
 * Users do not choose this order; it is what makes logs, records and retries mean the same thing
 * in every engine.
 */
package dev.ballast.transport;
