/**
 * What the transports and the engine read off SDK requests and failures: the service, operation
 * and resource of a request ({@link dev.ballast.transport.internal.Requests}) and the translation
 * of SDK exceptions into Ballast's ({@link dev.ballast.transport.internal.SdkErrors}). Shared by
 * {@code dev.ballast.transport}, {@code dev.ballast.aws} and the engine, so it depends on none of
 * them; public only for them, the module does not export it.
 */
package dev.ballast.transport.internal;
