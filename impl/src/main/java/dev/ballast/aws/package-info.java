/**
 * The transport to real AWS: {@link dev.ballast.aws.AwsTransport} sends Ballast's requests through
 * the SageMaker, SageMaker Runtime, CloudWatch and Application Auto Scaling clients of the AWS SDK
 * for Java v2 that the user configured (region, credentials, HTTP client, retry strategy).
 */
package dev.ballast.aws;
