package dev.ballast.samples.shadow;

import dev.ballast.Ballast;
import dev.ballast.BlueGreen;
import dev.ballast.Endpoint;
import dev.ballast.Model;
import dev.ballast.ShadowPromotion;
import dev.ballast.Variant;
import dev.ballast.engine.BallastEngine;
import dev.ballast.error.BallastException;
import dev.ballast.outcome.Outcome;
import dev.ballast.samples.rolling.ProgressPrinter;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.testkit.ContainerBehavior;
import dev.ballast.testkit.ContainerResponse;
import dev.ballast.testkit.FakeSageMaker;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * The third sample: a shadow test told as a story on the built-in fake. {@code churn-v1} serves the
 * endpoint; a candidate {@code churn-v2} runs beside it as a shadow variant and receives a copy of
 * half of the requests. Its guarded promotion compares its metrics with production's over 30
 * minutes: the candidate is three times slower, so it stays a shadow and nothing changes. Its fix,
 * {@code churn-v2-1}, replaces it as the shadow, passes the same guard, and is promoted: the
 * production variant serves it through a blue/green update. Ending with one outcome line per step.
 *
 * <p>Run it from the repository root: {@code mvn -B -q -DskipTests package exec:java
 * -Dexec.mainClass=dev.ballast.samples.shadow.ShadowTestStory}. On the fake, the containers are
 * scripted: production answers in 100 ms, the candidate in 300 ms, its fix in 95 ms.
 */
public final class ShadowTestStory {

    static final String ENDPOINT = "churn";
    static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerExecutionRole";
    static final String IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.3.0-cpu-py311";
    private static final String PAYLOAD = "{\"inputs\":\"Will customer 4711 churn?\"}";

    private ShadowTestStory() {
    }

    public static void main(String[] args) {
        int code = run(System.out);
        if (code != 0) {
            System.exit(code);
        }
    }

    static Model model(String name) {
        return Model.named(name).image(IMAGE).modelData("s3://my-models/" + name + "/model.tar.gz").executionRole(ROLE);
    }

    /** Production: churn-v1 on one ml.m5.xlarge; the shadow: {@code candidate} beside it, half of the requests copied to it. */
    static VariantEndpointSpec shadowTest(String candidate) {
        return Endpoint.serving(Variant.named("AllTraffic").model(model("churn-v1")).on("ml.m5.xlarge"))
                .shadow(Variant.named(candidate + "-shadow").model(model(candidate)).on("ml.m5.xlarge").weight(0.5))
                .update(BlueGreen.allAtOnce())
                .named(ENDPOINT);
    }

    /** The guard: at least 100 requests seen, p99 latency at most 10% above production's, at most 1% errors, over 30 minutes. */
    static ShadowPromotion guard(VariantEndpointSpec spec) {
        return ShadowPromotion.of(spec).over(Duration.ofMinutes(30)).minimumInvocations(100).latencyWithin(10).errorRateAtMost(0.01);
    }

    /** @return 0 when the story went as told (the slow candidate not promoted, its fix promoted), 1 otherwise */
    public static int run(PrintStream out) {
        FakeSageMaker fake = FakeSageMaker.create()
                .givenContainerFor("churn-v1", ContainerBehavior.always(ContainerResponse.ok("{\"churn\":0.12}").withLatency(Duration.ofMillis(100))))
                .givenContainerFor("churn-v2", ContainerBehavior.always(ContainerResponse.ok("{\"churn\":0.10}").withLatency(Duration.ofMillis(300))))
                .givenContainerFor("churn-v2-1", ContainerBehavior.always(ContainerResponse.ok("{\"churn\":0.10}").withLatency(Duration.ofMillis(95))));
        ProgressPrinter printer = new ProgressPrinter(out, fake.clock().now());
        Ballast ballast = BallastEngine.builder().transport(fake).clock(fake.clock(), fake.clock()).listener(printer).build();
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        boolean[] running = {false};
        try {
            out.println("Ballast · a shadow test and its guarded promotion, on the built-in fake (simulated time, no AWS account)");

            section(out, "1. Create " + ENDPOINT + ": churn-v1 answers every request; churn-v2 runs as a shadow and gets a copy of half of them");
            outcomes.put("create the shadow test of churn-v2", ballast.apply(shadowTest("churn-v2")).await());
            running[0] = true;
            requests(fake, running);
            fake.clock().advance(Duration.ofMinutes(30));
            printer.line(fake.clock().now(), "  30 minutes of requests: " + traffic(fake, "churn-v2-shadow"));

            section(out, "2. Promote churn-v2 if it compares well over 30 minutes (it is three times slower)");
            outcomes.put("promote churn-v2", ballast.promoteShadow(guard(shadowTest("churn-v2"))).await());

            section(out, "3. Its fix, churn-v2-1, replaces it as the shadow (a blue/green update), then 30 more minutes of requests");
            outcomes.put("shadow test of churn-v2-1", ballast.apply(shadowTest("churn-v2-1")).await());
            fake.clock().advance(Duration.ofMinutes(30));
            printer.line(fake.clock().now(), "  30 minutes of requests: " + traffic(fake, "churn-v2-1-shadow"));

            section(out, "4. Promote churn-v2-1 with the same guard: AllTraffic serves it, the shadow is gone");
            outcomes.put("promote churn-v2-1", ballast.promoteShadow(guard(shadowTest("churn-v2-1"))).await());
            running[0] = false;

            section(out, "5. Clean up");
            outcomes.put("clean up", ballast.delete(shadowTest("churn-v2-1").promoted()).await());
        } catch (BallastException e) {
            out.println("error: " + e.getMessage());
            return 1;
        }
        out.println();
        outcomes.forEach((step, outcome) -> out.println(String.format("%-36s %s", step + ":", outcome.summary())));
        List<Outcome> o = new ArrayList<>(outcomes.values());
        return o.size() == 5 && o.get(0).isSuccess() && o.get(1) instanceof Outcome.NotApplied && o.get(2).isSuccess()
                && o.get(3).isSuccess() && o.get(4).isSuccess() ? 0 : 1;
    }

    /** Production traffic: a request every 3 simulated seconds while the story runs. */
    private static void requests(FakeSageMaker fake, boolean[] running) {
        if (!running[0]) {
            return;
        }
        try {
            fake.runtimeClient().invokeEndpoint(b -> b.endpointName(ENDPOINT).contentType("application/json")
                    .body(SdkBytes.fromString(PAYLOAD, StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            // an update in progress may refuse a request; the story counts what CloudWatch saw
        }
        fake.clock().schedule(Duration.ofSeconds(3), () -> requests(fake, running));
    }

    /** @return the last 30 minutes' invocations of production and of the shadow, as CloudWatch counts them */
    private static String traffic(FakeSageMaker fake, String shadow) {
        return "AllTraffic answered " + invocations(fake, "AllTraffic") + ", " + shadow + " got " + invocations(fake, shadow) + " copies";
    }

    private static long invocations(FakeSageMaker fake, String variant) {
        Instant now = fake.clock().now();
        return Math.round(fake.cloudWatchClient().getMetricStatistics(b -> b.namespace("AWS/SageMaker").metricName("Invocations")
                        .startTime(now.minus(Duration.ofMinutes(30))).endTime(now).period(1800).statistics(Statistic.SUM)
                        .dimensions(Dimension.builder().name("EndpointName").value(ENDPOINT).build(),
                                Dimension.builder().name("VariantName").value(variant).build()))
                .datapoints().stream().mapToDouble(Datapoint::sum).sum());
    }

    private static void section(PrintStream out, String title) {
        out.println();
        out.println(title);
    }
}
