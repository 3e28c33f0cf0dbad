package dev.ballast.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;

import dev.ballast.engine.internal.call.ResilientCaller;
import dev.ballast.spi.Transport;
import dev.ballast.testkit.VirtualClock;

/**
 * The order in which the engine's calls wait for its rate (issue 17): a call made in answer to
 * another keeps that call's place, ahead of work begun later; the engine's upkeep goes ahead of
 * everything queued; a caller alone is never held back beyond the rate.
 */
class CallOrderTest {

    private static final double RATE = 5;

    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<String> sent = new ArrayList<>();
    private final List<Instant> sentAt = new ArrayList<>();
    private final Transport transport = new Transport() {
        @Override
        public SdkResponse execute(SdkRequest request) {
            sent.add(((DescribeEndpointRequest) request).endpointName());
            sentAt.add(clock.now());
            return DescribeEndpointResponse.builder().build();
        }
    };

    private ResilientCaller caller(int burst) {
        return new ResilientCaller(transport, clock, clock,
                new ResilientCaller.Budget(3, Duration.ofSeconds(1), Duration.ofSeconds(20), RATE, burst, 1));
    }

    private static CompletableFuture<DescribeEndpointResponse> call(ResilientCaller calls, String label) {
        return calls.call(DescribeEndpointRequest.builder().endpointName(label).build(), DescribeEndpointResponse.class);
    }

    @Test
    @DisplayName("a caller alone sends its calls one after another at the rate, the burst at once")
    void aCallerAloneGoesAtTheRate() {
        ResilientCaller calls = caller(2);
        CompletableFuture<?> chain = CompletableFuture.completedFuture(null);
        for (int i = 0; i < 6; i++) {
            String label = "c" + i;
            chain = chain.thenCompose(x -> call(calls, label));
        }
        clock.await(chain);

        assertThat(sent).containsExactly("c0", "c1", "c2", "c3", "c4", "c5");
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(sentAt).containsExactly(start, start, start.plusMillis(200), start.plusMillis(400),
                start.plusMillis(600), start.plusMillis(800));
    }

    @Test
    @DisplayName("a call made in answer to another goes ahead of the calls begun after that one")
    void aChainKeepsItsPlace() {
        ResilientCaller calls = caller(1);
        call(calls, "first"); // takes the burst: everything below waits for the rate
        CompletableFuture<?> a = call(calls, "a1").thenCompose(x -> call(calls, "a2")).thenCompose(x -> call(calls, "a3"));
        CompletableFuture<?> b = call(calls, "b1").thenCompose(x -> call(calls, "b2"));
        CompletableFuture<?> c = call(calls, "c1");
        clock.await(CompletableFuture.allOf(a, b, c));

        // First come, first served would send a1 b1 c1 a2 b2 a3: each step of a and b waiting for the others' once more.
        assertThat(sent).containsExactly("first", "a1", "a2", "a3", "b1", "b2", "c1");
        assertThat(sentAt.get(sentAt.size() - 1)).isEqualTo(Instant.parse("2026-01-01T00:00:01.200Z"));
    }

    @Test
    @DisplayName("the calls one answer makes keep their order among themselves, each followed by what it sets off")
    void fannedOutCallsGoDepthFirst() {
        ResilientCaller calls = caller(1);
        call(calls, "first");
        CompletableFuture<?> all = call(calls, "root").thenCompose(x -> CompletableFuture.allOf(
                call(calls, "x1").thenCompose(y -> call(calls, "x2")),
                call(calls, "y1").thenCompose(y -> call(calls, "y2"))));
        CompletableFuture<?> later = call(calls, "later");
        clock.await(CompletableFuture.allOf(all, later));

        assertThat(sent).containsExactly("first", "root", "x1", "x2", "y1", "y2", "later");
    }

    @Test
    @DisplayName("a chain of a hundred calls (pages upon pages) stays ahead of work begun after it, however deep")
    void aLongChainKeepsItsPlace() {
        ResilientCaller calls = caller(1);
        call(calls, "first");
        CompletableFuture<?> chain = call(calls, "page0");
        for (int i = 1; i < 100; i++) {
            String label = "page" + i;
            chain = chain.thenCompose(x -> call(calls, label));
        }
        CompletableFuture<?> later = call(calls, "later");
        clock.await(CompletableFuture.allOf(chain, later));

        assertThat(sent).hasSize(102).endsWith("page98", "page99", "later");
    }

    @Test
    @DisplayName("upkeep goes ahead of all queued work, and what its answer sets off is new work, queued in turn")
    void upkeepGoesFirst() {
        ResilientCaller calls = caller(1);
        call(calls, "first");
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            all.add(call(calls, "work" + i));
        }
        all.add(calls.ahead(() -> call(calls, "renewal")).thenCompose(x -> call(calls, "after-renewal")));
        clock.await(CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)));

        assertThat(sent).containsExactly("first", "renewal", "work0", "work1", "work2", "after-renewal");
    }

    @Test
    @DisplayName("what a call's answer starts as new work (a fleet's next deployment after one ended) queues behind the work already queued")
    void newWorkFromAnAnswerQueuesBehind() {
        ResilientCaller calls = caller(1);
        call(calls, "first");
        List<CompletableFuture<?>> all = new ArrayList<>();
        all.add(call(calls, "a1").thenCompose(x -> {
            CompletableFuture<?> next = new CompletableFuture<>();
            ResilientCaller.asNewWork(() -> call(calls, "started-after-a").whenComplete((r, f) -> next.complete(null)));
            return call(calls, "a2").thenCompose(y -> next);
        }));
        all.add(call(calls, "b1"));
        clock.await(CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)));

        assertThat(sent).containsExactly("first", "a1", "a2", "b1", "started-after-a");
    }

    @Test
    @DisplayName("a wall clock that steps back holds no queued call for the length of the step")
    void aClockSteppingBackHoldsNothing() {
        Duration[] behind = {Duration.ZERO};
        dev.ballast.spi.TimeSource stepping = () -> clock.now().minus(behind[0]);
        ResilientCaller calls = new ResilientCaller(transport, clock, stepping,
                new ResilientCaller.Budget(3, Duration.ofSeconds(1), Duration.ofSeconds(20), RATE, 1, 1));
        Instant start = clock.now();
        clock.await(call(calls, "first"));
        behind[0] = Duration.ofHours(1); // NTP steps the clock an hour back

        clock.await(CompletableFuture.allOf(call(calls, "a"), call(calls, "b"), call(calls, "c")));

        assertThat(sent).containsExactly("first", "a", "b", "c");
        assertThat(Duration.between(start, clock.now())).isLessThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    @DisplayName("on the wall clock, chains made from eight threads at once all go through, each in its order")
    void manyThreadsOnTheWallClock() throws Exception {
        dev.ballast.engine.internal.SystemScheduler engineThread = new dev.ballast.engine.internal.SystemScheduler();
        List<String> wallSent = java.util.Collections.synchronizedList(new ArrayList<>());
        Transport counting = request -> {
            wallSent.add(((DescribeEndpointRequest) request).endpointName());
            return DescribeEndpointResponse.builder().build();
        };
        ResilientCaller calls = new ResilientCaller(counting, engineThread, dev.ballast.spi.TimeSource.system(),
                new ResilientCaller.Budget(3, Duration.ofMillis(10), Duration.ofMillis(100), 2000, 5, 1));
        java.util.concurrent.ExecutorService users = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<CompletableFuture<?>>> started = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String thread = "t" + t;
                started.add(users.submit(() -> {
                    CompletableFuture<?> chain = call(calls, thread + "-0");
                    for (int i = 1; i < 50; i++) {
                        String label = thread + "-" + i;
                        chain = chain.thenCompose(x -> call(calls, label));
                    }
                    return chain;
                }));
            }
            for (java.util.concurrent.Future<CompletableFuture<?>> f : started) {
                f.get(30, java.util.concurrent.TimeUnit.SECONDS).get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            users.shutdownNow();
        }

        assertThat(wallSent).hasSize(400);
        for (int t = 0; t < 8; t++) {
            String prefix = "t" + t + "-";
            assertThat(wallSent.stream().filter(s -> s.startsWith(prefix)).toList())
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 50).mapToObj(i -> prefix + i).toList());
        }
    }

    @Test
    @DisplayName("however calls are ordered, the rate is never exceeded")
    void theRateHolds() {
        ResilientCaller calls = caller(3);
        List<CompletableFuture<?>> chains = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            CompletableFuture<?> chain = call(calls, "w" + i + "-0");
            for (int step = 1; step < 5; step++) {
                String label = "w" + i + "-" + step;
                chain = chain.thenCompose(x -> call(calls, label));
            }
            chains.add(chain);
            if (i % 7 == 0) {
                chains.add(calls.ahead(() -> call(calls, "upkeep" + chains.size())));
            }
        }
        clock.await(CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new)));

        assertThat(sent).hasSize(206);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < sentAt.size(); i++) {
            // the burst of 3 at once, then one call per fifth of a second
            Duration earliest = Duration.ofMillis((long) (Math.max(0, i - 2) * 1000 / RATE));
            assertThat(Duration.between(start, sentAt.get(i))).as("call %d (%s)", i, sent.get(i)).isGreaterThanOrEqualTo(earliest);
        }
        assertThat(sentAt.get(sentAt.size() - 1)).isEqualTo(start.plus(Duration.ofMillis(203 * 200)));
    }
}
