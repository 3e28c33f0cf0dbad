/** How a deployment ended: succeeded, rolled back, failed or timed out. */
package dev.ballast.outcome;
