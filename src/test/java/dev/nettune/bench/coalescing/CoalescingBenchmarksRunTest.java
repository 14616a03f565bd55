package dev.nettune.bench.coalescing;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Collection;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs each coalescing benchmark once, in-process and briefly, to check the JMH wiring: setup,
 * verified messages, teardown's server-side count, and the writes/messages counters. No speed is asserted.
 */
class CoalescingBenchmarksRunTest {

    @Test
    void eachBenchmarkRunsAndCountsWritesPerMessage() throws RunnerException {
        assertWritesPerMessage(CoalescingBenchmark.class, "STREAM_PER_PART", 5);
        assertWritesPerMessage(CoalescingBenchmark.class, "GATHERING", 1);
        assertWritesPerMessage(PipelinedCoalescingBenchmark.class, "CHANNEL_PER_PART", 5);
        assertWritesPerMessage(NagleBenchmark.class, "COPY_DIRECT", 1);
    }

    private static void assertWritesPerMessage(Class<?> benchmark, String strategy, double expected) throws RunnerException {
        Options opts = new OptionsBuilder()
                .include(benchmark.getName() + "\\.")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .param("strategy", strategy)
                .param("parts", "4")
                .param("partBytes", "64")
                .param("tcpNoDelay", "true")
                .mode(org.openjdk.jmh.annotations.Mode.Throughput)
                .shouldFailOnError(true)
                .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(opts).run();
        assertEquals(1, results.size(), benchmark.getSimpleName());
        Map<String, Result> secondary = results.iterator().next().getSecondaryResults();
        double writes = secondary.get("writes").getScore();
        double messages = secondary.get("messages").getScore();
        assertTrue(messages > 0, benchmark.getSimpleName() + " sent no message");
        assertEquals(expected, writes / messages, 1e-9, benchmark.getSimpleName() + " " + strategy + " writes per message");
    }
}
