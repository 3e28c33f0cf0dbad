/**
 * Internals of the AWS transport: the dispatch table from request types to client methods. Public
 * only so that {@link dev.ballast.aws.AwsTransport} can use it; the module does not export it.
 */
package dev.ballast.aws.internal;
