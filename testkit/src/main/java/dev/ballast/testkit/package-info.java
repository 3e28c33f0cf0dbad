/**
 * The Ballast testkit: {@link dev.ballast.testkit.FakeSageMaker}, an in-memory fake of SageMaker
 * real-time hosting on a {@link dev.ballast.testkit.VirtualClock}, with container behaviours and a
 * read-only {@link dev.ballast.testkit.Timeline}.
 */
package dev.ballast.testkit;
