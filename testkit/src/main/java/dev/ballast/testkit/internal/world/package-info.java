/**
 * The door of the fake: {@link dev.ballast.testkit.internal.world.World} wires every room of one
 * simulated account and region and runs each request under the world lock, after its API-model
 * check; the SDK client facades and the router that hands a request to the handler of its
 * operation. The only room that knows all the others.
 */
package dev.ballast.testkit.internal.world;
