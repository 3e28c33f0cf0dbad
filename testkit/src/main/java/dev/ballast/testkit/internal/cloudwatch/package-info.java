/**
 * CloudWatch: the metrics invocations emit and tests publish, metric alarms and their evaluation,
 * GetMetricStatistics, GetMetricData, ListMetrics and their page tokens.
 */
package dev.ballast.testkit.internal.cloudwatch;
