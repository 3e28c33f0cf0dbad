/**
 * AssertJ-style assertions on fake worlds, timelines, outcomes and plans
 * ({@code FakeAssertions.assertThat}).
 */
package dev.ballast.testkit.assertions;
