package dev.nettune.bench.model;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.util.Collection;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JMH sums EVENTS counters over forks as well as iterations: with two forks the whole-measurement
 * counters must still read as one fork's value (the mean over forks), not twice it.
 */
class LoadCountersForksTest {
    @Test
    void countersReadTheSameWithTwoForksAsWithOne() throws Exception {
        Options opts = new OptionsBuilder()
                .include(ConnectionScalingBenchmark.class.getName() + "\\.")
                .forks(2)
                .jvmArgsAppend("-Xmx256m")
                .warmupIterations(0)
                .measurementIterations(2)
                .measurementTime(TimeValue.milliseconds(300))
                .param("client", "SELECTOR")
                .param("server", "SELECTOR")
                .param("connections", "4")
                .param("payload", "64")
                .param("transport", "TCP")
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(opts).run();
        assertEquals(1, results.size());
        RunResult run = results.iterator().next();
        assertEquals(2, run.getBenchmarkResults().size(), "two forks ran");
        Map<String, org.openjdk.jmh.results.Result> counters = run.getSecondaryResults();
        // Exact counts: one Selector thread on each side, whatever the machine does.
        assertEquals(1.0, counters.get("clientThreads").getScore(), 1e-9);
        assertEquals(1.0, counters.get("serverThreads").getScore(), 1e-9);
        double cpu = counters.get("cpuNsPerRoundTrip").getScore();
        double serverCpu = counters.get("serverCpuNsPerRoundTrip").getScore();
        assertTrue(serverCpu > 0 && serverCpu < cpu, "server CPU " + serverCpu + " ns must be a part of process CPU " + cpu + " ns per round trip");
    }

    /**
     * With the server in a JVM of its own and {@value ScaleReadings#MEMORY_FROM_CONNECTIONS} connections,
     * a fork reports what the connections cost each side: this JVM's and the server JVM's memory per
     * connection, the set-up rate, the server JVM's threads (a functional check: the values are not read as timings).
     */
    @Test
    void aServerApartReportsItsOwnMemoryAndThreadsPerConnection() throws Exception {
        Options opts = new OptionsBuilder()
                .include(ConnectionScalingBenchmark.class.getName() + "\\.")
                .forks(1)
                .jvmArgsAppend("-Xmx256m")
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(300))
                .param("client", "SELECTOR")
                .param("server", "SELECTOR")
                .param("connections", String.valueOf(ScaleReadings.MEMORY_FROM_CONNECTIONS))
                .param("payload", "64")
                .param("transport", "TCP")
                .param("placement", "process")
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();
        Map<String, org.openjdk.jmh.results.Result> counters = new Runner(opts).run().iterator().next().getSecondaryResults();
        for (String name : java.util.List.of("bytesPerConnection", "heapBytesPerConnection", "serverBytesPerConnection", "serverRssMiB")) {
            assertTrue(Double.isFinite(counters.get(name).getScore()), name + " " + counters.get(name).getScore());
        }
        assertTrue(counters.get("serverRssMiB").getScore() > 1, "a JVM holds more than a MiB");
        assertTrue(counters.get("serverProcessThreads").getScore() >= 2, "the server JVM's loop and the JVM's own threads");
        assertTrue(counters.get("connectsPerSecond").getScore() > 0);
        assertTrue(counters.get("serverThreads").getScore() >= 1, "the Selector loop, read through the control connection");
    }
}
