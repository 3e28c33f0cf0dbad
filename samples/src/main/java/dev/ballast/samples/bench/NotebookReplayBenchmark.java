package dev.ballast.samples.bench;

import dev.ballast.testkit.FakeSageMaker;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** The whole reference notebook on a fresh fake world per run (target: under 20 ms per run). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class NotebookReplayBenchmark {

    /** @return the failure count, so the work cannot be optimised away */
    @Benchmark
    public int notebookReplay() {
        return BenchWorlds.notebook(FakeSageMaker.create());
    }
}
