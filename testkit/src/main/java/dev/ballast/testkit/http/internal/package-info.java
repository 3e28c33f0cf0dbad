/**
 * Internals of the HTTP server: the wire protocols (AWS JSON 1.0/1.1, REST-JSON for the runtime,
 * awsQuery) over SDK model objects, walked generically through their {@code sdkFields()}. Not an
 * API: anything here may change without notice.
 */
package dev.ballast.testkit.http.internal;
