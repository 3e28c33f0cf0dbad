/**
 * Streamed invocations: the open event stream as Ballast's {@code InvocationStream}, and the
 * reading of server-sent-event chunks into generated text.
 */
package dev.ballast.engine.internal.stream;
