package dev.nettune.run.plan;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.TimeValue;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A point's warm-up: its class's profile file's, unless the run's extra JMH options give a -wi. */
public class RunSpecWarmupTest {

    static RunSpec spec(Integer classWarmup, String... jmh) throws Exception {
        List<RunSpec.PointSpec> ps = List.of(
                new RunSpec.PointSpec(0, Specs.CLASS, new Plan.Point(Specs.BENCH, Mode.Throughput, Map.of("payload", "64")), List.of(), classWarmup),
                new RunSpec.PointSpec(1, "x.OtherBenchmark", new Plan.Point("x.OtherBenchmark.m", Mode.Throughput, Map.of()), List.of()));
        return new RunSpec("2026-11-30T11-00-00Z-quick", Path.of("/tmp/none"), ps, Specs.targets("a", "b"), List.of(jmh),
                new CommandLineOptions(jmh), new RunSpec.Iterations(1, TimeValue.seconds(1)), new RunSpec.Iterations(2, TimeValue.seconds(1)),
                3, 1L, null, 3, "a", false);
    }

    @Test
    void theClassWarmupReplacesTheRunDefault() throws Exception {
        RunSpec s = spec(6);
        assertEquals(6, s.warmupOf(s.points().get(0)).count());
        assertEquals(1, s.warmupOf(s.points().get(1)).count());
        assertEquals(6 + 2 + RunSpec.FORK_OVERHEAD_SECONDS, s.estimatedForkSeconds(s.points().get(0)), 1e-9);
        // 3 blocks x 2 JVMs x both points
        assertEquals(3 * 2 * ((6 + 2) + (1 + 2) + 2 * RunSpec.FORK_OVERHEAD_SECONDS), s.estimatedSeconds(), 1e-9);
    }

    @Test
    void aWiOnTheCommandLineOverridesEveryClass() throws Exception {
        RunSpec s = spec(6, "-wi", "0");
        assertEquals(1, s.warmupOf(s.points().get(0)).count()); // the spec's warm-up: the -wi the runner parsed into it
        assertEquals(s.warmup(), s.warmupOf(s.points().get(0)));
    }
}
