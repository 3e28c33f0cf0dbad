/**
 * What the SageMaker List operations share: name and creation-time filters, sort keys, and offset
 * page tokens.
 */
package dev.ballast.testkit.internal.listing;
