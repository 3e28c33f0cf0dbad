package dev.ballast.testkit.assertions;

import dev.ballast.outcome.Outcome;
import dev.ballast.plan.Plan;
import dev.ballast.testkit.FakeSageMaker;
import dev.ballast.testkit.Timeline;
import org.assertj.core.annotation.CheckReturnValue;

/**
 * Entry point of the AssertJ-style assertions on a fake world, its timeline, and the outcomes and
 * plans of the engine. Needs AssertJ on the test classpath (an optional dependency of the testkit).
 *
 * <pre>{@code
 * import static dev.ballast.testkit.assertions.FakeAssertions.assertThat;
 *
 * assertThat(ballast.apply(deepSeek).await()).isRolledBack().byAlarm("rolling-demo-llm-invocation4xxerrors");
 * assertThat(fake).inferenceComponent("llm").isInService();
 * assertThat(ballast.plan(spec)).isEmpty();
 * }</pre>
 *
 * These methods overload AssertJ's {@code Assertions.assertThat}: both can be imported statically
 * in one test, and Java picks these for a world, a timeline, an outcome or a plan.
 */
public final class FakeAssertions {

    private FakeAssertions() {
    }

    /**
     * Assertions on a world's endpoints and inference components.
     *
     * <pre>{@code assertThat(fake).inferenceComponent("llm").isInService().hasCopies(2, 2);}</pre>
     *
     * @param fake the world
     * @return assertions on its endpoints and inference components
     */
    @CheckReturnValue
    public static FakeSageMakerAssert assertThat(FakeSageMaker fake) {
        return new FakeSageMakerAssert(fake);
    }

    /**
     * Assertions on a world's history of state changes.
     *
     * <pre>{@code assertThat(fake.timeline()).hasEvent("llm", TimelineEvent.Kind.ROLLBACK_STARTED).doesNotMention(token);}</pre>
     *
     * @param timeline a world's timeline
     * @return assertions on its events
     */
    @CheckReturnValue
    public static TimelineAssert assertThat(Timeline timeline) {
        return new TimelineAssert(timeline);
    }

    /**
     * Assertions on how a deployment ended.
     *
     * <pre>{@code assertThat(ballast.apply(spec).await()).isSucceeded();}</pre>
     *
     * @param outcome the outcome, for example of {@code ballast.apply(spec).await()}
     * @return assertions on its kind, alarm, reason and duration
     */
    @CheckReturnValue
    public static OutcomeAssert assertThat(Outcome outcome) {
        return new OutcomeAssert(outcome);
    }

    /**
     * Assertions on a plan.
     *
     * <pre>{@code assertThat(ballast.plan(spec)).hasCalls("UpdateInferenceComponent").doesNotMention(token);}</pre>
     *
     * @param plan the plan, for example of {@code ballast.plan(spec)} or {@code Planner.create(spec)}
     * @return assertions on its calls, requests and waits
     */
    @CheckReturnValue
    public static PlanAssert assertThat(Plan plan) {
        return new PlanAssert(plan);
    }
}
