/** Deployment events: what Ballast saw happen while it watched a deployment. */
package dev.ballast.event;
