package dev.ballast.samples.bench;

import dev.ballast.DeploymentTimeline;
import dev.ballast.samples.rolling.RollingUpdateNotebook;
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

/**
 * Drawing the notebook's rolled-back update (the main job's first update) as its HTML page, from
 * its events; the notebook runs once on the fake outside the measurement.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class TimelineRenderBenchmark {

    private DeploymentTimeline firstUpdate;

    /** Runs the notebook on the fake and keeps its first update's timeline. */
    @Setup(Level.Trial)
    public void runTheNotebook() {
        firstUpdate = RollingUpdateNotebook.timelinesOnTheFake().get(1);
    }

    /** @return the page, so the work cannot be optimised away */
    @Benchmark
    public String notebookFirstUpdatePage() {
        return firstUpdate.toHtml();
    }
}
