/** AssertJ-style assertions on fake worlds and timelines ({@code FakeAssertions.assertThat}). */
package dev.ballast.testkit.assertions;
