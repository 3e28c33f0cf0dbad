package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class VirtualClockTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final VirtualClock clock = new VirtualClock(T0);

    @Test
    @DisplayName("advance: runs due tasks in time order at their instant")
    void advanceRunsDueTasksInTimeOrderAtTheirInstant() {
        List<String> ran = new ArrayList<>();
        clock.schedule(Duration.ofSeconds(20), () -> ran.add("b@" + clock.now()));
        clock.schedule(Duration.ofSeconds(10), () -> ran.add("a@" + clock.now()));
        clock.schedule(Duration.ofSeconds(40), () -> ran.add("late"));

        clock.advance(Duration.ofSeconds(30));

        assertThat(ran).containsExactly("a@" + T0.plusSeconds(10), "b@" + T0.plusSeconds(20));
        assertThat(clock.now()).isEqualTo(T0.plusSeconds(30));
        assertThat(clock.pendingTasks()).isEqualTo(1);
    }

    @Test
    @DisplayName("tasks due at the same instant, run in scheduling order")
    void tasksDueAtTheSameInstantRunInSchedulingOrder() {
        List<Integer> ran = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            clock.schedule(Duration.ofMinutes(1), () -> ran.add(n));
        }
        clock.advance(Duration.ofMinutes(1));
        assertThat(ran).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    @DisplayName("cancelledTask: never runs")
    void cancelledTaskNeverRuns() {
        List<String> ran = new ArrayList<>();
        clock.schedule(Duration.ofSeconds(5), () -> ran.add("x")).cancel();
        clock.advance(Duration.ofMinutes(1));
        assertThat(ran).isEmpty();
    }

    @Test
    @DisplayName("await: moves time to the task that completes the stage")
    void awaitMovesTimeToTheTaskThatCompletesTheStage() {
        CompletableFuture<String> done = new CompletableFuture<>();
        clock.schedule(Duration.ofMinutes(2), () -> clock.schedule(Duration.ofMinutes(3), () -> done.complete("ok")));

        assertThat(clock.await(done)).isEqualTo("ok");
        assertThat(clock.now()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    }

    @Test
    @DisplayName("await: with nothing scheduled, fails instead of hanging")
    void awaitWithNothingScheduledFailsInsteadOfHanging() {
        assertThatThrownBy(() -> clock.await(new CompletableFuture<>())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no task is scheduled");
    }

    @Test
    @DisplayName("await: rethrows an unchecked failure unwrapped")
    void awaitRethrowsAnUncheckedFailureUnwrapped() {
        CompletableFuture<String> failing = new CompletableFuture<>();
        clock.schedule(Duration.ofSeconds(1), () -> failing.completeExceptionally(new IllegalArgumentException("bad")));
        assertThatThrownBy(() -> clock.await(failing)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad");
    }

    @Test
    @DisplayName("await: gives up after the horizon when only periodic tasks run")
    void awaitGivesUpAfterTheHorizonWhenOnlyPeriodicTasksRun() {
        VirtualClock shortHorizon = new VirtualClock(T0, Duration.ofHours(1));
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> shortHorizon.schedule(Duration.ofMinutes(1), tick[0]);
        shortHorizon.schedule(Duration.ofMinutes(1), tick[0]);

        assertThatThrownBy(() -> shortHorizon.await(new CompletableFuture<>()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("did not complete within PT1H");
    }

    @Test
    @DisplayName("advanceUntil: stops at the first instant the condition holds")
    void advanceUntilStopsAtTheFirstInstantTheConditionHolds() {
        boolean[] flag = new boolean[1];
        clock.schedule(Duration.ofMinutes(7), () -> flag[0] = true);
        clock.schedule(Duration.ofMinutes(9), () -> { });

        assertThat(clock.advanceUntil(() -> flag[0], Duration.ofHours(1))).isTrue();
        assertThat(clock.now()).isEqualTo(T0.plus(Duration.ofMinutes(7)));
        assertThat(clock.advanceUntil(() -> false, Duration.ofMinutes(5))).isFalse();
        assertThat(clock.now()).isEqualTo(T0.plus(Duration.ofMinutes(12)));
    }

    @Test
    @DisplayName("negativeDelays: are rejected")
    void negativeDelaysAreRejected() {
        assertThatThrownBy(() -> clock.schedule(Duration.ofSeconds(-1), () -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
