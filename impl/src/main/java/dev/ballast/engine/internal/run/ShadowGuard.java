package dev.ballast.engine.internal.run;

import dev.ballast.ShadowPromotion;
import dev.ballast.engine.internal.call.ResilientCaller;
import dev.ballast.engine.internal.reconcile.Observer;
import dev.ballast.error.PlanningException;
import dev.ballast.event.DeploymentEvent;
import dev.ballast.spi.TimeSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;

/**
 * The guard of a shadow promotion: reads the shadow's and production's CloudWatch metrics over the
 * promotion's window ({@code GetMetricStatistics}, one period as long as the window, which ends at the
 * start of the next whole minute so that what was invoked up to now counts) and judges each check,
 * reporting each as a {@link DeploymentEvent.CheckEvaluated} with the values it compared.
 */
public final class ShadowGuard {

    private static final String NAMESPACE = "AWS/SageMaker";

    private final ResilientCaller calls;
    private final Observer observer;
    private final TimeSource time;

    public ShadowGuard(ResilientCaller calls, Observer observer, TimeSource time) {
        this.calls = calls;
        this.observer = observer;
        this.time = time;
    }

    /** One check as judged: its words, whether it passed, what it compared. */
    public record Check(String check, boolean passed, String detail) {
        /** @return one line for an outcome */
        public String line() {
            return check + (passed ? " passed: " : " FAILED: ") + detail;
        }
    }

    /** Every check as judged, in order. */
    public record Verdict(List<Check> checks) {
        /** @return whether every check passed (no check at all passes) */
        public boolean passed() {
            return checks.stream().allMatch(Check::passed);
        }

        /** @return one line per check */
        public List<String> lines() {
            return checks.isEmpty() ? List.of("no checks (nothing guarded the promotion)") : checks.stream().map(Check::line).toList();
        }
    }

    /**
     * @return completes when the endpoint is in service and runs the promotion's shadow variant
     * @throws PlanningException (in the future) otherwise
     */
    public CompletableFuture<Void> requireLive(ShadowPromotion promotion) {
        String name = promotion.endpoint().name();
        return observer.endpoint(name).thenAccept(found -> {
            DescribeEndpointResponse e = found.orElseThrow(() -> new PlanningException("Endpoint '" + name
                    + "' does not exist; apply its spec (with the shadow) first, let the shadow see traffic, then promote it."));
            if (!"InService".equals(e.endpointStatusAsString())) {
                throw new PlanningException("Endpoint '" + name + "' is " + e.endpointStatusAsString()
                        + "; a shadow is promoted only in service. Wait for it (Ballast.attach(spec)), then promote again.");
            }
            List<String> shadows = e.hasShadowProductionVariants()
                    ? e.shadowProductionVariants().stream().map(ProductionVariantSummary::variantName).toList() : List.of();
            if (!shadows.contains(promotion.shadow().name())) {
                throw new PlanningException("Endpoint '" + name + "' does not run shadow variant '" + promotion.shadow().name()
                        + "' (its shadows: " + shadows + "); apply the spec with the shadow first, let it see traffic, then promote it.");
            }
        });
    }

    /** Reads both variants' metrics and judges every check, emitting each. */
    public CompletableFuture<Verdict> evaluate(ShadowPromotion promotion, Consumer<DeploymentEvent> emit) {
        long window = promotion.window().toSeconds();
        long now = time.now().getEpochSecond();
        Instant end = Instant.ofEpochSecond(Math.floorDiv(now, 60) * 60 + 60);
        Instant start = end.minusSeconds(window);
        String endpoint = promotion.endpoint().name();
        String shadow = promotion.shadow().name();
        String production = promotion.production().name();
        CompletableFuture<Stats> shadowStats = stats(endpoint, shadow, start, end, (int) window);
        CompletableFuture<Stats> productionStats = shadowStats.thenCompose(x -> stats(endpoint, production, start, end, (int) window));
        return productionStats.thenApply(prod -> {
            Stats sh = shadowStats.join();
            List<Check> checks = new ArrayList<>();
            String over = " over " + promotion.window().toMinutes() + " min";
            if (promotion.minimumInvocations() > 0) {
                boolean passed = sh.invocations() >= promotion.minimumInvocations();
                checks.add(new Check("shadow Invocations >= " + promotion.minimumInvocations(), passed, "shadow " + shadow + " saw "
                        + number(sh.invocations()) + ", production " + production + " " + number(prod.invocations()) + over));
            }
            promotion.latencyWithinPercent().ifPresent(allowed -> {
                String words = "shadow ModelLatency p99 <= production's + " + number(allowed) + "%";
                if (sh.p99().isEmpty() || prod.p99().isEmpty()) {
                    checks.add(new Check(words, false, "no ModelLatency data" + over + " for " + (sh.p99().isEmpty() ? "shadow " + shadow : "")
                            + (sh.p99().isEmpty() && prod.p99().isEmpty() ? " and " : "") + (prod.p99().isEmpty() ? "production " + production : "")));
                } else {
                    double s = sh.p99().get();
                    double p = prod.p99().get();
                    double above = p <= 0 ? (s <= 0 ? 0 : Double.POSITIVE_INFINITY) : 100 * (s - p) / p;
                    boolean passed = above <= allowed + 1e-9;
                    checks.add(new Check(words, passed, "shadow " + shadow + " p99 " + number(s) + " us, production " + production + " p99 "
                            + number(p) + " us: " + signed(above) + "% (at most +" + number(allowed) + "%)" + over));
                }
            });
            promotion.maxErrorRate().ifPresent(allowed -> {
                String words = "shadow error rate <= " + number(100 * allowed) + "%";
                if (sh.invocations() <= 0) {
                    checks.add(new Check(words, false, "shadow " + shadow + " saw no invocations" + over));
                } else {
                    double rate = sh.errors() / sh.invocations();
                    double prodRate = prod.invocations() <= 0 ? 0 : prod.errors() / prod.invocations();
                    checks.add(new Check(words, rate <= allowed + 1e-12, "shadow " + shadow + " " + number(sh.errors()) + " errors (4XX and 5XX) of "
                            + number(sh.invocations()) + " invocations: " + percent(rate) + "; production " + production + " " + percent(prodRate) + over));
                }
            });
            for (Check c : checks) {
                emit.accept(new DeploymentEvent.CheckEvaluated(time.now(), c.check(), c.passed(), c.detail()));
            }
            return new Verdict(List.copyOf(checks));
        });
    }

    /** One variant's metrics over the window. */
    private record Stats(double invocations, double errors, Optional<Double> p99) {
    }

    private CompletableFuture<Stats> stats(String endpoint, String variant, Instant start, Instant end, int period) {
        CompletableFuture<Optional<Datapoint>> invocations = sum(endpoint, variant, "Invocations", start, end, period);
        CompletableFuture<Optional<Datapoint>> client = invocations.thenCompose(x -> sum(endpoint, variant, "Invocation4XXErrors", start, end, period));
        CompletableFuture<Optional<Datapoint>> server = client.thenCompose(x -> sum(endpoint, variant, "Invocation5XXErrors", start, end, period));
        CompletableFuture<Optional<Datapoint>> latency = server.thenCompose(x -> get(endpoint, variant, GetMetricStatisticsRequest.builder()
                .metricName("ModelLatency").extendedStatistics("p99"), start, end, period));
        return latency.thenApply(l -> new Stats(value(invocations.join()), value(client.join()) + value(server.join()),
                l.flatMap(d -> d.hasExtendedStatistics() ? Optional.ofNullable(d.extendedStatistics().get("p99")) : Optional.empty())));
    }

    private CompletableFuture<Optional<Datapoint>> sum(String endpoint, String variant, String metric, Instant start, Instant end, int period) {
        return get(endpoint, variant, GetMetricStatisticsRequest.builder().metricName(metric).statistics(Statistic.SUM), start, end, period);
    }

    private CompletableFuture<Optional<Datapoint>> get(String endpoint, String variant, GetMetricStatisticsRequest.Builder request,
                                                       Instant start, Instant end, int period) {
        GetMetricStatisticsRequest built = request.namespace(NAMESPACE)
                .dimensions(Dimension.builder().name("EndpointName").value(endpoint).build(),
                        Dimension.builder().name("VariantName").value(variant).build())
                .startTime(start).endTime(end).period(period).build();
        return calls.call(built, GetMetricStatisticsResponse.class).thenApply(r -> r.datapoints().stream().findFirst());
    }

    private static double value(Optional<Datapoint> d) {
        return d.map(Datapoint::sum).orElse(0.0);
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    private static String signed(double percent) {
        return Double.isInfinite(percent) ? "+inf" : String.format(Locale.ROOT, "%+.1f", percent);
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : String.format(Locale.ROOT, "%.1f", d);
    }
}
