/**
 * Plans: the ordered requests (and waits) a spec turns into, printable as the JSON the AWS APIs
 * receive with secret values masked.
 */
package dev.ballast.plan;
