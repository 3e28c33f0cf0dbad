/**
 * Instances and what runs on them: a variant's fleet of instances, the copies placed on them
 * (inference-component copies and model copies alike), what a copy reserves and runs, and the
 * resolution of rolling batch sizes.
 */
package dev.ballast.testkit.internal.placement;
