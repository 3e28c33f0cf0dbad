package dev.ballast.samples.bench;

import static dev.ballast.RollingUpdate.batch;

import dev.ballast.Ballast;
import dev.ballast.Component;
import dev.ballast.FleetDeployment;
import dev.ballast.Endpoint;
import dev.ballast.dsl.ComponentEndpointStep;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spi.Transport;
import dev.ballast.testkit.FakeSageMaker;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

/**
 * A fleet through one engine on one fake: {@code N} endpoints of 10 inference components each,
 * created and then rolled (every component gets a new model), at the engine's default rate of 5
 * calls/s. It reports the simulated time of the fleet and of one endpoint alone, the limit the
 * fleet cannot beat (the longer of one endpoint's time and the fleet's mutating calls at the
 * rate), wall time, peak heap and the calls made. Plain {@code main}, not JMH: one run is the
 * measurement, and its figures are simulated time.
 *
 * <pre>
 * mvn -B -o -q -pl samples -am -DskipTests package
 * java -cp samples/target/classes:...  dev.ballast.samples.bench.FleetBenchmark 100   # quick
 * java -Xmx1g -Dfleet.concurrency=250 -cp ... dev.ballast.samples.bench.FleetBenchmark  # 1,000 endpoints
 * </pre>
 * {@code fleet.concurrency} is the fleet's {@code FleetDeployment.Policy.concurrency} (all at once by
 * default), {@code fleet.leaseMinutes} the engine's lease duration (10 by default).
 */
public final class FleetBenchmark {

    static final int COMPONENTS = 10;
    static final double RATE = 5.0;

    private FleetBenchmark() {
    }

    public static void main(String[] args) {
        int endpoints = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        long wallStart = System.nanoTime();
        Result one = run(1);
        Result fleet = run(endpoints);
        double wall = (System.nanoTime() - wallStart) / 1e9;
        System.out.println("Fleet benchmark: " + endpoints + " endpoints x " + COMPONENTS + " components, one engine, one fake, "
                + RATE + " calls/s, " + concurrency(endpoints) + " at once, lease " + Integer.getInteger("fleet.leaseMinutes", 10)
                + " min; " + Runtime.getRuntime().availableProcessors() + " cores");
        report("create", one.create, fleet.create, fleet.createMutating, fleet.createRenewals);
        report("roll", one.roll, fleet.roll, fleet.rollMutating, fleet.rollRenewals);
        System.out.println("outcomes: " + fleet.outcomes);
        System.out.println("calls of one endpoint alone, create: " + total(one.createCalls));
        System.out.println("calls of one endpoint alone, roll: " + total(one.rollCalls));
        System.out.println("calls of the fleet, create: " + total(fleet.createCalls));
        System.out.println("calls of the fleet, roll: " + total(fleet.rollCalls));
        System.out.printf("wall: %.1f s (both runs); peak heap: %d MiB%n", wall, peakHeapMiB());
    }

    private static void report(String phase, Duration one, Duration fleet, int mutating, int renewals) {
        Duration byCalls = Duration.ofMillis((long) (mutating / RATE * 1000));
        Duration limit = one.compareTo(byCalls) > 0 ? one : byCalls;
        System.out.printf("%s: fleet %s, one endpoint %s, mutating calls %d (%s at the rate), limit %s, fleet/limit %.2f%n",
                phase, fmt(fleet), fmt(one), mutating, fmt(byCalls), fmt(limit), fleet.toMillis() / (double) limit.toMillis());
        // Lease and heartbeat renewals (AddTags) are mutating calls, but their number grows with the fleet's own time:
        // the limit without them is what the deployments' changes alone need.
        Duration byWork = Duration.ofMillis((long) ((mutating - renewals) / RATE * 1000));
        Duration workLimit = one.compareTo(byWork) > 0 ? one : byWork;
        System.out.printf("%s: of which lease and heartbeat renewals %d; limit without them %s, fleet/that limit %.2f%n", phase, renewals,
                fmt(workLimit), fleet.toMillis() / (double) workLimit.toMillis());
    }

    private static String fmt(Duration d) {
        return String.format("%dh%02dm%02ds", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }

    record Result(Duration create, Duration roll, int createMutating, int rollMutating, int createRenewals, int rollRenewals,
                  Map<String, Integer> outcomes, Map<String, Integer> createCalls, Map<String, Integer> rollCalls) {
    }

    private static Map<String, Integer> minus(Map<String, Integer> after, Map<String, Integer> before) {
        Map<String, Integer> d = new TreeMap<>();
        after.forEach((op, n) -> {
            int k = n - before.getOrDefault(op, 0);
            if (k > 0) {
                d.put(op, k);
            }
        });
        return d;
    }

    private static String total(Map<String, Integer> calls) {
        return calls.values().stream().mapToInt(Integer::intValue).sum() + " " + calls;
    }

    static Result run(int endpoints) {
        FakeSageMaker fake = FakeSageMaker.create();
        Counting counting = new Counting(fake);
        // -Dfleet.leaseMinutes: the leases' duration (10 minutes by default); a fleet's leases live by the engine's
        // heartbeat, renewed every third of it, and a deployment alone renews its own
        Duration lease = Duration.ofMinutes(Integer.getInteger("fleet.leaseMinutes", 10));
        Ballast ballast = fake.engineBuilder().transport(counting).transportLogging(false).leaseDuration(lease).build();
        List<ComponentEndpointSpec> v1 = new ArrayList<>();
        List<ComponentEndpointSpec> v2 = new ArrayList<>();
        for (int i = 0; i < endpoints; i++) {
            v1.add(spec(String.format("fleet-%04d", i), "v1"));
            v2.add(spec(String.format("fleet-%04d", i), "v2"));
        }
        Map<String, Integer> outcomes = new TreeMap<>();
        Instant t0 = fake.clock().now();
        int m0 = counting.mutating;
        int r0 = counting.renewals();
        Map<String, Integer> before = new TreeMap<>(counting.calls);
        all(ballast, v1, outcomes);
        Map<String, Integer> createCalls = minus(counting.calls, before);
        Instant t1 = fake.clock().now();
        int m1 = counting.mutating;
        int r1 = counting.renewals();
        Map<String, Integer> middle = new TreeMap<>(counting.calls);
        all(ballast, v2, outcomes);
        Instant t2 = fake.clock().now();
        return new Result(Duration.between(t0, t1), Duration.between(t1, t2), m1 - m0, counting.mutating - m1, r1 - r0,
                counting.renewals() - r1, outcomes, createCalls,
                minus(counting.calls, middle));
    }

    private static void all(Ballast ballast, List<ComponentEndpointSpec> specs, Map<String, Integer> outcomes) {
        FleetDeployment.Summary summary = ballast.applyAll(specs, FleetDeployment.Policy.defaults().concurrency(concurrency(specs.size()))).await();
        summary.counts().forEach((kind, n) -> outcomes.merge(kind, n, Integer::sum));
        summary.firstFailure().ifPresent(f -> System.out.println("first failure: " + f.getKey() + " " + f.getValue().summary()));
    }

    static int concurrency(int endpoints) {
        return Integer.getInteger("fleet.concurrency", endpoints);
    }

    static ComponentEndpointSpec spec(String name, String version) {
        ComponentEndpointStep endpoint = Endpoint.on("ml.g5.12xlarge").scale(3, 4).instances(3).executionRole(BenchWorlds.ROLE);
        for (int c = 0; c < COMPONENTS; c++) {
            endpoint = endpoint.component(Component.named(name + "-m" + c).image(BenchWorlds.IMAGE)
                    .env("HF_MODEL_ID", "org/model-" + c + "-" + version).accelerators(1).memoryMb(1024).copies(1))
                    .rollingUpdate(batch(1).wait(Duration.ofSeconds(120)));
        }
        return endpoint.named(name);
    }

    private static long peakHeapMiB() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }

    /** Counts the calls that reach the fake, by operation, and the mutating ones (neither Describe nor List). */
    static final class Counting implements Transport {
        private final Transport inner;
        final Map<String, Integer> calls = new TreeMap<>();
        int mutating;

        Counting(Transport inner) {
            this.inner = inner;
        }

        /** @return the AddTags sent so far: Ballast sends them only to renew its leases and its heartbeat */
        int renewals() {
            return calls.getOrDefault("AddTags", 0);
        }

        @Override
        public SdkResponse execute(SdkRequest request) {
            String op = request.getClass().getSimpleName().replace("Request", "");
            calls.merge(op, 1, Integer::sum);
            if (!op.startsWith("Describe") && !op.startsWith("List")) {
                mutating++;
            }
            return inner.execute(request);
        }
    }
}
