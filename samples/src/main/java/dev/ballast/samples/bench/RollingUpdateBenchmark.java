package dev.ballast.samples.bench;

import dev.ballast.testkit.FakeSageMaker;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;

/**
 * A rolling update of 100 copies in batches of 10 (target: under 100 ms), from the update call to
 * InService; the deployed world is prepared outside the measurement.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class RollingUpdateBenchmark {

    private FakeSageMaker fake;

    /** Deploys 100 copies of one GPU on ml.g5.48xlarge instances (8 GPUs each). */
    @Setup(Level.Invocation)
    public void deploy() {
        fake = FakeSageMaker.create();
        BenchWorlds.endpoint(fake, "ml.g5.48xlarge", 13, 20);
        BenchWorlds.component(fake, 100);
        fake.cloudWatchClient().putMetricAlarm(b -> b.alarmName("ic-5xx").namespace("AWS/SageMaker")
                .metricName("Invocation5XXErrors").statistic("Sum").period(60).evaluationPeriods(1).threshold(1.0)
                .comparisonOperator("GreaterThanOrEqualToThreshold")
                .dimensions(Dimension.builder().name("InferenceComponentName").value("ic").build()));
    }

    /** @return the final status, so the work cannot be optimised away */
    @Benchmark
    public InferenceComponentStatus rollingUpdate100CopiesBatchesOf10() {
        fake.sageMakerClient().updateInferenceComponent(b -> b.inferenceComponentName("ic")
                .specification(BenchWorlds.spec("deepseek-ai/DeepSeek-R1-Distill-Llama-8B", true))
                .deploymentConfig(BenchWorlds.rolling(10, 60, "ic-5xx")));
        fake.clock().advanceUntil(() -> BenchWorlds.status(fake) == InferenceComponentStatus.IN_SERVICE,
                Duration.ofHours(8));
        return BenchWorlds.status(fake);
    }
}
