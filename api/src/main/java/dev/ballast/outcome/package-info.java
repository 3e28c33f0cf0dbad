/** How a deployment ended: succeeded, rolled back, not applied, failed or timed out. */
package dev.ballast.outcome;
