package dev.nettune.bench;

import dev.nettune.counters.CounterNames;
import dev.nettune.counters.CounterReader;
import dev.nettune.counters.ForkCounters;
import dev.nettune.counters.ProcCountersProfiler;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fork of RoundTripBenchmark whose server runs in a JVM of its own (placement=process), under the
 * /proc profiler: the server's syscalls and CPU come out under {@code server:proc:*}, apart from the
 * client's {@code proc:*}, and both are near what a round trip of 64 B costs (one write and one read
 * on each side). A few seconds.
 */
@Tag("process")
class ServerCountersForkTest {
    @Test
    void theServersProcessIsCountedApartFromTheClient() throws Exception {
        assertEquals(ProcCountersProfiler.SERVER_PID_PROPERTY, ServerPlacement.SERVER_PID_PROPERTY,
                "the placement names the pid where the profiler looks");
        Options options = new OptionsBuilder()
                .include(RoundTripBenchmark.class.getName() + "\\.roundTrip$")
                .param("payload", "64").param("placement", "process")
                .mode(org.openjdk.jmh.annotations.Mode.Throughput)
                .forks(1).warmupForks(0).warmupIterations(1).warmupTime(TimeValue.milliseconds(300))
                .measurementIterations(3).measurementTime(TimeValue.milliseconds(300))
                .addProfiler(ProcCountersProfiler.class)
                .jvmArgs("-Xmx256m").shouldFailOnError(true).verbosity(VerboseMode.SILENT)
                .build();
        String lock = System.getProperty("jmh.ignoreLock");
        System.setProperty("jmh.ignoreLock", "true"); // a test's fork measures nothing: it need not wait for others' runs
        Collection<RunResult> results;
        try {
            results = new Runner(options).run();
        } finally {
            if (lock == null) {
                System.clearProperty("jmh.ignoreLock");
            } else {
                System.setProperty("jmh.ignoreLock", lock);
            }
        }
        assertEquals(1, results.size());
        List<ForkCounters> forks = CounterReader.read(new ArrayList<>(results).get(0));
        assertEquals(1, forks.size());
        ForkCounters f = forks.get(0);
        double clientWrites = f.counter(CounterNames.PROC_SYSCW).orElseThrow().perOp();
        double serverWrites = f.counter(CounterNames.SERVER_PREFIX + CounterNames.PROC_SYSCW).orElseThrow().perOp();
        double serverReads = f.counter(CounterNames.SERVER_PREFIX + CounterNames.PROC_SYSCR).orElseThrow().perOp();
        // a 64 B round trip: the server reads the request and writes the reply, at least once each per operation
        assertTrue(serverWrites >= 0.9 && serverWrites < 3, "server writes/op " + serverWrites);
        assertTrue(serverReads >= 0.9 && serverReads < 6, "server reads/op " + serverReads);
        assertTrue(clientWrites >= 0.9 && clientWrites < 3, "client writes/op " + clientWrites);
        assertTrue(f.counter(CounterNames.SERVER_PREFIX + CounterNames.PROC_STIME).orElseThrow().perOp() > 0, "server system CPU");
    }
}
