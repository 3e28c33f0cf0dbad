package dev.ballast;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.ballast.outcome.Outcome;

/**
 * Many deployments through one engine: {@link Ballast#applyAll}, {@link Ballast#attachAll} and
 * {@link Ballast#deleteAll} start one {@link Deployment} per spec, at most
 * {@link Policy#concurrency()} at a time, in the order given, and stop starting new ones once
 * {@link Policy#stopAfter()} of them ended other than {@code SUCCEEDED} (the fleet's own
 * guardrail; those running go on to their end).
 *
 * <pre>{@code
 * FleetDeployment fleet = ballast.applyAll(specs, FleetDeployment.Policy.defaults().concurrency(100).stopAfter(3));
 * FleetDeployment.Summary summary = fleet.await();
 * summary.counts();        // {SUCCEEDED=997, ROLLED_BACK=3}
 * summary.firstFailure();  // the first to end other than SUCCEEDED, with its outcome
 * summary.notStarted();    // the specs the guardrail kept from starting
 * }</pre>
 *
 * <p>The engine's calls per second are shared by all its deployments, and its deployments watch
 * through shared looks ({@code List*} calls, {@code DescribeAlarms} of many alarms): a fleet costs
 * calls in proportion to what changes. Every event reaches the engine's listeners with the name of
 * the deployment it belongs to ({@link dev.ballast.spi.DeploymentListener#onEvent(String,
 * dev.ballast.event.DeploymentEvent)}).
 */
public interface FleetDeployment {

    /** @return the deployments started so far, by endpoint name, in the order they started */
    Map<String, Deployment> deployments();

    /** Waits until every started deployment ended and no more will start; on the fake, simulated time moves meanwhile. */
    Summary await();

    /** @return a future of the summary; a copy, so completing it changes nothing about the fleet */
    CompletableFuture<Summary> future();

    /**
     * How a fleet runs.
     *
     * @param concurrency how many deployments run at once (at least 1)
     * @param stopAfter after how many deployments that ended other than {@code SUCCEEDED} no more
     *     start (at least 1; {@link Integer#MAX_VALUE} never stops)
     */
    record Policy(int concurrency, int stopAfter) {
        public Policy {
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
            }
            if (stopAfter < 1) {
                throw new IllegalArgumentException("stopAfter must be at least 1, not " + stopAfter);
            }
        }

        /**
         * @return 50 at once, never stopping. Each running deployment renews its endpoint's lease
         *     every few minutes, so thousands at once would spend the engine's rate on renewals.
         */
        public static Policy defaults() {
            return new Policy(50, Integer.MAX_VALUE);
        }

        /** @return this policy with another concurrency */
        public Policy concurrency(int n) {
            return new Policy(n, stopAfter);
        }

        /** @return this policy, stopping new starts once {@code n} deployments ended other than {@code SUCCEEDED} */
        public Policy stopAfter(int n) {
            return new Policy(concurrency, n);
        }
    }

    /**
     * How a fleet ended.
     *
     * @param outcomes each started deployment's outcome by endpoint name, in the order they ended
     * @param notStarted the endpoints the guardrail kept from starting, in the order given
     */
    record Summary(Map<String, Outcome> outcomes, List<String> notStarted) {
        public Summary {
            outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
            notStarted = List.copyOf(notStarted);
        }

        /** @return how many ended each way, by kind ({@code SUCCEEDED}, {@code ROLLED_BACK}, ...), in the order first seen */
        public Map<String, Integer> counts() {
            Map<String, Integer> counts = new LinkedHashMap<>();
            outcomes.values().forEach(o -> counts.merge(kind(o), 1, Integer::sum));
            return Collections.unmodifiableMap(counts);
        }

        /** @return the deployment that took longest, with its outcome */
        public Optional<Map.Entry<String, Outcome>> slowest() {
            return outcomes.entrySet().stream().max(Map.Entry.comparingByValue(
                    java.util.Comparator.comparing(Outcome::took))).map(e -> Map.entry(e.getKey(), e.getValue()));
        }

        /** @return the first deployment to end other than {@code SUCCEEDED}, with its outcome */
        public Optional<Map.Entry<String, Outcome>> firstFailure() {
            return outcomes.entrySet().stream().filter(e -> !e.getValue().isSuccess()).findFirst()
                    .map(e -> Map.entry(e.getKey(), e.getValue()));
        }

        /** @return whether every spec was started and succeeded */
        public boolean allSucceeded() {
            return notStarted.isEmpty() && outcomes.values().stream().allMatch(Outcome::isSuccess);
        }

        /** @return the longest a deployment took */
        public Duration longest() {
            return slowest().map(e -> e.getValue().took()).orElse(Duration.ZERO);
        }

        @Override
        public String toString() {
            return counts() + (notStarted.isEmpty() ? "" : ", not started " + notStarted.size())
                    + firstFailure().map(e -> ", first failure " + e.getKey() + ": " + e.getValue().summary()).orElse("");
        }

        private static String kind(Outcome o) {
            String summary = o.summary();
            int space = summary.indexOf(' ');
            return space < 0 ? summary : summary.substring(0, space);
        }
    }
}
