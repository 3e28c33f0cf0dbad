package dev.ballast.samples.abtest;

import dev.ballast.Alarm;
import dev.ballast.Ballast;
import dev.ballast.BlueGreen;
import dev.ballast.DataCapture;
import dev.ballast.Deployment;
import dev.ballast.Endpoint;
import dev.ballast.Model;
import dev.ballast.TrafficShift;
import dev.ballast.Variant;
import dev.ballast.engine.BallastEngine;
import dev.ballast.error.BallastException;
import dev.ballast.outcome.Outcome;
import dev.ballast.samples.rolling.ProgressPrinter;
import dev.ballast.samples.rolling.TimelinePages;
import dev.ballast.spec.CaptureMode;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.testkit.ContainerBehavior;
import dev.ballast.testkit.ContainerResponse;
import dev.ballast.testkit.FakeSageMaker;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The second sample: the second seed's A/B test, told as a story on the built-in fake. It creates
 * the endpoint of {@code my-model-v1} (weight 0.9) and {@code my-model-v2} (weight 0.1) with data
 * capture; deploys a retrained v2 with a canary blue/green update that the alarm on its 5xx errors
 * rolls back; then shifts all traffic to v2 step by step, checking an alarm and a latency metric
 * before each next step; and cleans up — ending with one outcome line per step, then one
 * {@code timeline: <path>} line per step: the page that draws it ({@code target/ballast-timelines/ab-test/}).
 *
 * <p>Run it from the repository root: {@code mvn -B -q -DskipTests package exec:java
 * -Dexec.mainClass=dev.ballast.samples.abtest.ABTestStory}. On the fake, the retrained model's
 * container is scripted to answer every request with a 500, which is what the alarm catches.
 */
public final class ABTestStory {

    static final String ENDPOINT = "my-model-endpoint";
    static final String V1 = "model-v1-variant";
    static final String V2 = "model-v2-variant";
    static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerExecutionRole";
    static final String IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.3.0-cpu-py311";
    static final String RETRAINED_IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-model:v2.1";
    static final String CAPTURE = "s3://my-sagemaker-data-capture-bucket/";

    private ABTestStory() {
    }

    public static void main(String[] args) {
        int code = run(System.out);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** The rollback and shift alarm: any 5xx error of a variant in a minute. */
    static final Alarm ERRORS = Alarm.invocation5xxErrors().above(0).per(Duration.ofMinutes(1));

    static Model model(String name, String image) {
        return Model.named(name).image(image).modelData("s3://my-models/" + name + "/model.tar.gz")
                .env("SAGEMAKER_PROGRAM", "inference.py").executionRole(ROLE);
    }

    /** The seed's endpoint configuration: two variants on one ml.m5.xlarge each, weights 0.9 and 0.1, every request captured. */
    static VariantEndpointSpec abTest() {
        return Endpoint.serving(
                        Variant.named(V1).model(model("my-model-v1", IMAGE)).on("ml.m5.xlarge").instances(1).weight(0.9),
                        Variant.named(V2).model(model("my-model-v2", IMAGE)).on("ml.m5.xlarge").instances(1).weight(0.1))
                .dataCapture(DataCapture.to(CAPTURE).sampling(100).capture(CaptureMode.INPUT, CaptureMode.OUTPUT))
                .update(BlueGreen.allAtOnce().bake(Duration.ofMinutes(5)).rollbackOn(ERRORS))
                .named(ENDPOINT);
    }

    /**
     * A retrained v2 ({@code my-model-v2-1}: models cannot change, a new version has its own name),
     * on two instances per variant so that a canary can be half of them, deployed blue/green with a
     * canary of one instance and a ten-minute bake.
     */
    static VariantEndpointSpec retrainedV2() {
        return Endpoint.serving(
                        Variant.named(V1).model(model("my-model-v1", IMAGE)).on("ml.m5.xlarge").instances(2).weight(0.9),
                        Variant.named(V2).model(model("my-model-v2-1", RETRAINED_IMAGE)).on("ml.m5.xlarge").instances(2).weight(0.1))
                .dataCapture(DataCapture.to(CAPTURE).sampling(100).capture(CaptureMode.INPUT, CaptureMode.OUTPUT))
                .update(BlueGreen.canaryInstances(1).bake(Duration.ofMinutes(10)).terminationWait(Duration.ofMinutes(5))
                        .timeout(Duration.ofMinutes(45)).rollbackOn(ERRORS))
                .named(ENDPOINT);
    }

    /** All traffic to v2, in three checked steps. */
    static TrafficShift shiftToV2() {
        return TrafficShift.of(abTest()).to(V2).steps(25, 50, 100).waitEach(Duration.ofMinutes(5))
                .checkAlarm(ERRORS)
                .checkMetric(Alarm.modelLatency().above(2_000_000).per(Duration.ofMinutes(1))); // microseconds: 2 s
    }

    /** @return 0 when the story went as told (created, rolled back, shifted), 1 otherwise */
    public static int run(PrintStream out) {
        FakeSageMaker fake = FakeSageMaker.create()
                .givenContainer(c -> c.image().equals(RETRAINED_IMAGE), ContainerBehavior.always(ContainerResponse.error(500, "model crashed")));
        ProgressPrinter printer = new ProgressPrinter(out, fake.clock().now());
        Ballast ballast = BallastEngine.builder().transport(fake).clock(fake.clock(), fake.clock()).listener(printer).build();
        Requests requests = new Requests(fake, ENDPOINT);
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        TimelinePages pages = new TimelinePages("ab-test");
        try {
            out.println("Ballast · the A/B test of the second seed, on the built-in fake (simulated time, no AWS account)");

            section(out, "1. Create " + ENDPOINT + ": my-model-v1 (weight 0.9) and my-model-v2 (weight 0.1), one ml.m5.xlarge each,"
                    + " every request captured to " + CAPTURE);
            outcomes.put("create the A/B test", run(pages, "1-create.html", "create the A/B test", ballast.apply(abTest())));
            requests.start();
            fake.clock().advance(Duration.ofMinutes(30));
            printer.line(fake.clock().now(), "  30 minutes of requests: " + requests.summary() + "; "
                    + fake.capturedData(ENDPOINT).size() + " captured");

            section(out, "2. Canary blue/green of a retrained v2 (my-model-v2-1), 2 instances per variant, a canary of 1,"
                    + " rolled back by " + ERRORS.spec().metricName() + " (its container answers 500s here)");
            requests.reset();
            ballast.plan(retrainedV2()).surge().forEach(s -> printer.line(fake.clock().now(), "  plan: " + s));
            outcomes.put("canary blue/green of my-model-v2-1", run(pages, "2-canary-blue-green.html", "canary blue/green of my-model-v2-1",
                    ballast.apply(retrainedV2())));
            printer.line(fake.clock().now(), "  requests during the update: " + requests.summary());

            section(out, "   ... ten minutes later: the alarms' periods have passed without errors");
            fake.clock().advance(Duration.ofMinutes(10));

            section(out, "3. Guarded shift of all traffic to my-model-v2: 25% → 50% → 100%, 5 minutes each,"
                    + " checking its 5xx alarm and its latency before each next step");
            requests.reset();
            outcomes.put("shift all traffic to my-model-v2", run(pages, "3-shift-traffic.html", "shift all traffic to my-model-v2",
                    ballast.shiftTraffic(shiftToV2())));
            fake.clock().advance(Duration.ofMinutes(5));
            printer.line(fake.clock().now(), "  requests during the shift and 5 minutes after: " + requests.summary());
            requests.stop();

            section(out, "4. Clean up: the endpoint and its models, then what the rolled-back retrain left for a later apply"
                    + " (its configuration and model)");
            outcomes.put("clean up the A/B test", run(pages, "4-clean-up.html", "clean up the A/B test", ballast.delete(abTest())));
            outcomes.put("clean up the rolled-back retrain", run(pages, "5-clean-up-retrain.html", "clean up the rolled-back retrain",
                    ballast.delete(retrainedV2())));
        } catch (BallastException e) {
            out.println("error: " + e.getMessage());
            pages.print(out);
            return 1;
        }
        out.println();
        outcomes.forEach((step, outcome) -> out.println(String.format("%-38s %s", step + ":", outcome.summary())));
        pages.print(out);
        List<Outcome> o = new ArrayList<>(outcomes.values());
        return o.size() == 5 && o.get(0).isSuccess() && o.get(1) instanceof Outcome.RolledBack && o.get(2).isSuccess()
                && o.get(3).isSuccess() && o.get(4).isSuccess() ? 0 : 1;
    }

    /** Awaits the deployment and writes its page. */
    private static Outcome run(TimelinePages pages, String file, String title, Deployment deployment) {
        Outcome outcome = deployment.await();
        pages.write(file, title + " (endpoint " + ENDPOINT + ")", deployment);
        return outcome;
    }

    private static void section(PrintStream out, String title) {
        out.println();
        out.println(title);
    }
}
