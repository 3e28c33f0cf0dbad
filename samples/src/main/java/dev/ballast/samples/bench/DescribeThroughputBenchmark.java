package dev.ballast.samples.bench;

import dev.ballast.testkit.FakeSageMaker;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentResponse;

/**
 * In-process DescribeInferenceComponent calls per second on a deployed world (target: above
 * 200,000/s), with the fake's API-model checks of every request and, in the same run, without them
 * (the checks must keep at least 80 % of the throughput).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class DescribeThroughputBenchmark {

    /** Whether the world checks requests against the API models (it always does outside benchmarks). */
    @Param({"true", "false"})
    public String requestChecks;

    private SageMakerClient sageMaker;
    private final DescribeInferenceComponentRequest request = DescribeInferenceComponentRequest.builder()
            .inferenceComponentName("ic").build();

    /** Deploys the notebook's endpoint and component. */
    @Setup
    public void deploy() {
        // the testkit's benchmarking switch (read when a world is built), not a setting for tests
        System.setProperty("dev.ballast.testkit.requestChecks", requestChecks);
        FakeSageMaker fake = FakeSageMaker.create();
        System.clearProperty("dev.ballast.testkit.requestChecks");
        BenchWorlds.endpoint(fake, "ml.g5.2xlarge", 2, 4);
        BenchWorlds.component(fake, 2);
        sageMaker = fake.sageMakerClient();
    }

    /** @return the description */
    @Benchmark
    public DescribeInferenceComponentResponse describeInferenceComponent() {
        return sageMaker.describeInferenceComponent(request);
    }
}
