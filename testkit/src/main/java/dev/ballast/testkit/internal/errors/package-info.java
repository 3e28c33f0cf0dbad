/**
 * The services' errors as the AWS SDK surfaces them (SageMaker, SageMaker Runtime, CloudWatch,
 * Application Auto Scaling), the check of every request against its API model, and the wording of
 * the rules the models cannot carry.
 */
package dev.ballast.testkit.internal.errors;
