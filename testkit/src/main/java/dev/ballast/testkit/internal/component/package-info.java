/**
 * Inference components: their operations, what each is doing (creation, scaling, rollout,
 * deletion), the checks and resolution of their specifications and update policies.
 */
package dev.ballast.testkit.internal.component;
