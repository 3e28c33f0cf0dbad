package dev.ballast.testkit.assertions;

import dev.ballast.testkit.FakeSageMaker;
import dev.ballast.testkit.Timeline;
import org.assertj.core.annotation.CheckReturnValue;

/**
 * Entry point of the AssertJ-style assertions on a fake world and its timeline. Needs AssertJ on
 * the test classpath (an optional dependency of the testkit).
 */
public final class FakeAssertions {

    private FakeAssertions() {
    }

    /**
     * @param fake the world
     * @return assertions on its endpoints and inference components
     */
    @CheckReturnValue
    public static FakeSageMakerAssert assertThat(FakeSageMaker fake) {
        return new FakeSageMakerAssert(fake);
    }

    /**
     * @param timeline a world's timeline
     * @return assertions on its events
     */
    @CheckReturnValue
    public static TimelineAssert assertThat(Timeline timeline) {
        return new TimelineAssert(timeline);
    }
}
