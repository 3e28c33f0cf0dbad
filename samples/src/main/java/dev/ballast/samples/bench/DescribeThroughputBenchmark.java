package dev.ballast.samples.bench;

import dev.ballast.testkit.FakeSageMaker;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentResponse;

/** In-process DescribeInferenceComponent calls per second on a deployed world (target: above 200,000/s). */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class DescribeThroughputBenchmark {

    private SageMakerClient sageMaker;
    private final DescribeInferenceComponentRequest request = DescribeInferenceComponentRequest.builder()
            .inferenceComponentName("ic").build();

    /** Deploys the notebook's endpoint and component. */
    @Setup
    public void deploy() {
        FakeSageMaker fake = FakeSageMaker.create();
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
