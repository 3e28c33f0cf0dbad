/**
 * Tags of every SageMaker resource by ARN, and AddTags / ListTags / DeleteTags.
 */
package dev.ballast.testkit.internal.tags;
