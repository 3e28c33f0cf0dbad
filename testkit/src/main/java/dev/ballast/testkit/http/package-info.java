/**
 * The fake served over HTTP with the real AWS wire protocols: {@link dev.ballast.testkit.http.FakeServer}
 * for tests in the JVM, {@link dev.ballast.testkit.http.FakeServerMain} for the standalone
 * {@code ballast-testkit-<version>-server.jar}, and {@link dev.ballast.testkit.http.Faults} for
 * fault injection per operation.
 */
package dev.ballast.testkit.http;
