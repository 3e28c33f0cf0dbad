/**
 * Application Auto Scaling for SageMaker: scalable targets, scaling policies and target tracking
 * acting on its CloudWatch alarms.
 */
package dev.ballast.testkit.internal.autoscaling;
