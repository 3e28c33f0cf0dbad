/**
 * The services' API models as the fake checks requests against them: the constraint tables
 * generated from botocore's models, and the validator that runs before any operation.
 */
package dev.ballast.testkit.internal.model;
