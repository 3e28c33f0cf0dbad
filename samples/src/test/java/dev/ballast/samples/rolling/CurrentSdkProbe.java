package dev.ballast.samples.rolling;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

import dev.ballast.Ballast;
import dev.ballast.aws.AwsTransport;
import dev.ballast.engine.BallastEngine;
import dev.ballast.outcome.Outcome;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spi.Scheduler;
import dev.ballast.spi.TimeSource;

/**
 * Runs in a JVM of its own, on the current AWS SDK for Java (the class path {@code CurrentSdkTest}
 * builds: the SDK jars Maven resolved into {@code target/current-sdk}, Ballast's api and impl, no
 * testkit and none of the build's own SDK 2.40.2), against a fake server started by the test. It
 * prints what it saw, one fact a line, and the test asserts on the lines.
 *
 * <p>Compiled against the build's SDK (2.40.2): it calls only what both versions have, as a user's
 * code compiled against one SDK and run on a newer one does.
 *
 * <ul>
 *   <li>{@code cloudwatch <endpoint> <fake-now>}: the CloudWatch client, every call and error;</li>
 *   <li>{@code engine <endpoint> <time-scale> <fake-instant> <wall-millis>}: the engine through
 *       {@link AwsTransport}, the notebook's rollback story, on a clock that runs at the server's
 *       time scale from the same origin (the fake's instant at that wall-clock millisecond).</li>
 * </ul>
 */
public final class CurrentSdkProbe {

    private static final PrintStream OUT = System.out;
    private static final String ALARM = "cbor-probe-alarm";
    private static final String NAMESPACE = "Ballast/Probe";

    private CurrentSdkProbe() {
    }

    public static void main(String[] args) throws Exception {
        // read, not inlined: the constant this class was compiled against is 2.40.2's
        OUT.println("sdk " + Class.forName("software.amazon.awssdk.core.util.VersionInfo").getField("SDK_VERSION").get(null));
        URI endpoint = URI.create(args[1]);
        int code = switch (args[0]) {
            case "cloudwatch" -> cloudWatch(endpoint, Instant.parse(args[2]));
            case "engine" -> engine(endpoint, Double.parseDouble(args[2]), Instant.parse(args[3]), Long.parseLong(args[4]));
            default -> 2;
        };
        OUT.flush();
        System.exit(code);
    }

    /** Prints each CloudWatch request's path and protocol headers, and each answer's. */
    private static final class Wire implements ExecutionInterceptor {
        private final boolean print;
        private final AtomicInteger cbor = new AtomicInteger();
        private final AtomicInteger other = new AtomicInteger();

        Wire(boolean print) {
            this.print = print;
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            SdkHttpRequest request = context.httpRequest();
            String protocol = request.firstMatchingHeader("smithy-protocol").orElse("-");
            String type = request.firstMatchingHeader("Content-Type").orElse("-");
            boolean isCbor = request.encodedPath().startsWith("/service/GraniteServiceVersion20100801/operation/")
                    && protocol.equals("rpc-v2-cbor") && type.equals("application/cbor");
            (isCbor ? cbor : other).incrementAndGet();
            if (print) {
                OUT.println("wire> " + request.method() + " " + request.encodedPath() + " smithy-protocol=" + protocol
                        + " content-type=" + type);
            }
        }

        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
            if (print) {
                OUT.println("wire< " + context.httpResponse().statusCode() + " smithy-protocol="
                        + context.httpResponse().firstMatchingHeader("smithy-protocol").orElse("-") + " content-type="
                        + context.httpResponse().firstMatchingHeader("Content-Type").orElse("-"));
            }
        }
    }

    private static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, ?>
            & software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<B, ?>> B configure(B builder, URI endpoint,
                                                                                              Wire wire) {
        builder.endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDPROBE", "probe-secret")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                // one attempt: the errors the server sends are what the test asserts on, not a retry's
                .overrideConfiguration(o -> {
                    o.retryStrategy(DefaultRetryStrategy.doNotRetry());
                    if (wire != null) {
                        o.addExecutionInterceptor(wire);
                    }
                });
        return builder;
    }

    private static int cloudWatch(URI endpoint, Instant now) {
        Wire wire = new Wire(true);
        try (CloudWatchClient cw = configure(CloudWatchClient.builder(), endpoint, wire).build()) {
            Dimension endpointName = Dimension.builder().name("EndpointName").value("probe-endpoint").build();
            cw.putMetricAlarm(b -> b.alarmName(ALARM).namespace("AWS/SageMaker").metricName("Invocation4XXErrors")
                    .dimensions(endpointName).statistic(Statistic.SUM).period(60).evaluationPeriods(1).threshold(5.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
            OUT.println("put-alarm ok");
            describe(cw, "created");
            cw.setAlarmState(b -> b.alarmName(ALARM).stateValue("ALARM").stateReason("set by the probe"));
            describe(cw, "set");
            cw.describeAlarmsForMetric(b -> b.namespace("AWS/SageMaker").metricName("Invocation4XXErrors")
                    .dimensions(endpointName)).metricAlarms().forEach(a -> OUT.println("for-metric " + a.alarmName()));

            // three points a minute apart, the last one a minute before the fake's now: timestamps in
            // tag 1 going out, and back in the statistics' answer
            Instant minute = now.minus(Duration.ofMinutes(4)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
            cw.putMetricData(b -> b.namespace(NAMESPACE).metricData(
                    List.of(1.5, 2.5, 4.0).stream().map(v -> software.amazon.awssdk.services.cloudwatch.model.MetricDatum.builder()
                            .metricName("Latency").unit(StandardUnit.MILLISECONDS).value(v)
                            .timestamp(minute.plus(Duration.ofMinutes(Math.round(v) - 1))).build()).toList()));
            List<Datapoint> points = cw.getMetricStatistics(b -> b.namespace(NAMESPACE).metricName("Latency")
                    .startTime(minute.minus(Duration.ofMinutes(1))).endTime(now).period(60)
                    .statistics(Statistic.SUM, Statistic.SAMPLE_COUNT)).datapoints();
            points.stream().sorted(java.util.Comparator.comparing(Datapoint::timestamp))
                    .forEach(p -> OUT.println("datapoint " + p.timestamp() + " sum=" + p.sum() + " count=" + p.sampleCount()
                            + " unit=" + p.unitAsString()));

            error("set-missing", () -> cw.setAlarmState(b -> b.alarmName("no-such-alarm").stateValue("OK").stateReason("r")));
            error("set-bad-state", () -> cw.setAlarmState(b -> b.alarmName(ALARM).stateValue("mno").stateReason("r")));
            error("bad-token", () -> cw.describeAlarms(b -> b.nextToken("not-a-token")));
            error("bad-period", () -> cw.getMetricStatistics(b -> b.namespace(NAMESPACE).metricName("Latency")
                    .startTime(minute).endTime(now).period(7).statistics(Statistic.SUM)));
            error("both-statistics", () -> cw.getMetricStatistics(b -> b.namespace(NAMESPACE).metricName("Latency")
                    .startTime(minute).endTime(now).period(60).statistics(Statistic.SUM).extendedStatistics("p99")));
            error("no-start", () -> cw.getMetricStatistics(b -> b.namespace(NAMESPACE).metricName("Latency")
                    .endTime(now).period(60).statistics(Statistic.SUM)));
            error("throttled", () -> cw.listMetrics(b -> b.namespace(NAMESPACE)));
            error("server-error", () -> cw.listMetrics(b -> b.namespace(NAMESPACE)));

            cw.deleteAlarms(b -> b.alarmNames(ALARM));
            OUT.println("deleted remaining=" + cw.describeAlarms(b -> b.alarmNames(ALARM)).metricAlarms().size());
        }
        return 0;
    }

    private static void describe(CloudWatchClient cw, String when) {
        for (MetricAlarm a : cw.describeAlarms(b -> b.alarmNames(ALARM)).metricAlarms()) {
            OUT.println("describe " + when + " " + a.alarmName() + " state=" + a.stateValueAsString() + " threshold="
                    + a.threshold() + " period=" + a.period() + " dimensions=" + a.dimensions().size()
                    + " updated=" + (a.stateUpdatedTimestamp() != null) + " reason=" + a.stateReason());
        }
    }

    private static void error(String name, Runnable call) {
        try {
            call.run();
            OUT.println("error " + name + " none");
        } catch (AwsServiceException e) {
            OUT.println("error " + name + " " + e.getClass().getSimpleName() + " code=" + e.awsErrorDetails().errorCode()
                    + " status=" + e.statusCode() + " requestId=" + (e.requestId() != null));
        }
    }

    /**
     * Simulated time at the server's time scale, from the origin the test gave: the fake's instant at
     * a wall-clock millisecond, both read in the test's JVM, so the two clocks agree to within a few
     * milliseconds of wall time.
     */
    private static final class ScaledClock implements TimeSource, Scheduler {
        private final double scale;
        private final Instant origin;
        private final long originWallMillis;
        private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "probe-clock");
            t.setDaemon(true);
            return t;
        });

        ScaledClock(double scale, Instant origin, long originWallMillis) {
            this.scale = scale;
            this.origin = origin;
            this.originWallMillis = originWallMillis;
        }

        @Override
        public Instant now() {
            return origin.plusNanos((long) ((System.currentTimeMillis() - originWallMillis) * 1_000_000L * scale));
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            var future = timers.schedule(task, (long) (delay.toNanos() / scale), TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        }

        @Override
        public <T> T await(CompletionStage<T> stage) {
            try {
                return stage.toCompletableFuture().join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException unchecked) {
                    throw unchecked;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }
    }

    private static int engine(URI endpoint, double scale, Instant origin, long originWallMillis) {
        Wire wire = new Wire(false);
        ScaledClock clock = new ScaledClock(scale, origin, originWallMillis);
        try (SageMakerClient sm = configure(SageMakerClient.builder(), endpoint, null).build();
             SageMakerRuntimeClient runtime = configure(SageMakerRuntimeClient.builder(), endpoint, null).build();
             CloudWatchClient cw = configure(CloudWatchClient.builder(), endpoint, wire).build();
             ApplicationAutoScalingClient aas = configure(ApplicationAutoScalingClient.builder(), endpoint, null).build();
             AwsTransport transport = AwsTransport.builder().sageMaker(sm).runtime(runtime).cloudWatch(cw).autoScaling(aas)
                     .build()) {
            Ballast ballast = BallastEngine.builder().transport(transport).clock(clock, clock).build();
            String role = "arn:aws:iam::123456789012:role/SageMakerExecutionRole";
            ComponentEndpointSpec llama = NotebookDeployment.llama("rolling-demo", role, "hf_probe_token_not_a_real_one");
            ComponentEndpointSpec first = NotebookDeployment.deepSeekWithoutMessagesApi("rolling-demo", role);
            Traffic traffic = new Traffic(ballast, (d, r) -> clock.schedule(d, r));

            print("create", () -> ballast.apply(llama).await());
            traffic.start(first);
            Outcome rolledBack = ballast.apply(first).await();
            traffic.stop();
            OUT.println("first update: " + rolledBack.summary() + " | invocations: " + traffic.summary());
            OUT.println("first update kind " + rolledBack.getClass().getSimpleName());
            print("delete", () -> ballast.delete(first).await());
            OUT.println("cloudwatch-wire cbor=" + wire.cbor.get() + " other=" + wire.other.get());
            OUT.println("simulated " + Duration.between(origin, clock.now()).toSeconds() + " s");
        }
        return 0;
    }

    private static void print(String what, Supplier<Outcome> run) {
        Outcome outcome = run.get();
        OUT.println(what + " " + outcome.getClass().getSimpleName() + " " + outcome.summary());
    }
}
