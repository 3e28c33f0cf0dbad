/**
 * Internals of the AWS transport: the dispatch table from request types to client methods, the
 * table of what each call is for retries ({@link dev.ballast.aws.internal.CallKinds}), the
 * facts Ballast reads off a request (service, operation, resource), and the translation of SDK
 * failures into Ballast's exceptions. Public only so that other parts of {@code ballast-impl}
 * (the engine, the transport decorators) can use them; not an API for users.
 */
package dev.ballast.aws.internal;
