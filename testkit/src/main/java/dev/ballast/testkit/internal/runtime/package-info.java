/**
 * SageMaker Runtime: InvokeEndpoint routed to a serving copy, the default container that answers,
 * the metrics each invocation emits, and data capture.
 */
package dev.ballast.testkit.internal.runtime;
