/**
 * What every room shares and nothing else: the world lock, the virtual clock, the settings and
 * timings, the timeline, seeded ids, ARNs, resources by name, the scripted instance capacity and
 * the registered container behaviours. Depends on no other room.
 */
package dev.ballast.testkit.internal.sim;
