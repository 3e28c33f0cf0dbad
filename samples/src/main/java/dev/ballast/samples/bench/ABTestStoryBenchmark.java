package dev.ballast.samples.bench;

import dev.ballast.samples.abtest.ABTestStory;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The second sample end to end through the engine on a fresh fake world per run: the A/B endpoint
 * created, 30 minutes of traffic, a canary blue/green update rolled back by its alarm, a checked
 * three-step traffic shift and the clean-up (about 1 h 25 min of simulated time).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ABTestStoryBenchmark {

    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

    /** @return the story's exit code, so the work cannot be optimised away */
    @Benchmark
    public int abTestStory() {
        return ABTestStory.run(NOWHERE);
    }
}
