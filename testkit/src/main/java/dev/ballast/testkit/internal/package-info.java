/**
 * The simulation behind {@code FakeSageMaker}: resources, placement, rolling updates, CloudWatch
 * alarms, invocation routing and error factories. Not API: may change without notice.
 */
package dev.ballast.testkit.internal;
