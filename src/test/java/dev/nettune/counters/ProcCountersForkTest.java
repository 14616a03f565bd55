package dev.nettune.counters;

import dev.nettune.bench.RoundTripBenchmark;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.util.Collection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The /proc profiler in a real fork of RoundTripBenchmark, read back from the runner's in-memory
 * result. A round trip is one write(2) and one read(2) on each side, whatever the machine's speed,
 * so the counts per operation are known; JMH's own threads add a little.
 */
class ProcCountersForkTest {
    @Test
    void aRoundTripIsTwoReadsAndTwoWritesInTheFork() throws Exception {
        Options opts = new OptionsBuilder()
                .include(RoundTripBenchmark.class.getName() + "\\.roundTrip$")
                .mode(Mode.Throughput)
                .param("payload", "64")
                .param("placement", "inprocess")
                .forks(1)
                .jvmArgsAppend("-Xmx256m")
                .warmupIterations(0)
                .measurementIterations(2)
                .measurementTime(TimeValue.milliseconds(300))
                .addProfiler(ProcCountersProfiler.class)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(opts).run();
        assertEquals(1, results.size());
        List<ForkCounters> forks = CounterReader.read(results.iterator().next());
        assertEquals(1, forks.size());
        ForkCounters f = forks.get(0);
        double reads = f.counter(CounterNames.PROC_SYSCR).orElseThrow().perOp();
        double writes = f.counter(CounterNames.PROC_SYSCW).orElseThrow().perOp();
        assertTrue(reads >= 1.95 && reads < 2.2, "read-family syscalls per round trip: " + reads);
        assertTrue(writes >= 1.95 && writes < 2.2, "write-family syscalls per round trip: " + writes);
        assertTrue(f.counter(CounterNames.PROC_CTXT_SWITCHES).orElseThrow().perOp() > 0);
        assertTrue(f.counter(CounterNames.PROC_EXITED_THREADS).orElseThrow().perOp() > 0,
                "the last iteration ends with the trial's teardown, which stops the server's threads");
        double cpu = f.quantity(CounterNames.Quantity.CPU_US, CounterNames.Source.PROC).orElseThrow();
        assertTrue(cpu > 0, "CPU per round trip: " + cpu + " us");
    }
}
