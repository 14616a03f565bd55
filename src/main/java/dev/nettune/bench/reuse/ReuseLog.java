package dev.nettune.bench.reuse;

import dev.nettune.host.TimeWait;
import dev.nettune.results.JsonLines;
import dev.nettune.results.ResultFiles;
import dev.nettune.results.ReuseLine;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * ReuseLog writes, per JMH iteration, what a JMH score cannot hold: client-side latency
 * percentiles, the TIME_WAIT sockets left behind and the ephemeral-port settings in force — one
 * {@link ReuseLine} per line (kernel TcpExt counters as {@code sys*}: system-wide deltas since the trial
 * began), to the file named by {@code -D}{@value ResultFiles#REUSE_PROPERTY}, or else to
 * {@value ResultFiles#REUSE} beside the sockopts file (the suite runner's result folder). Without
 * either, lines are only printed.
 */
final class ReuseLog {
    private ReuseLog() {
    }

    /** The sidecar file, or null when neither property is set. */
    static Path file() {
        Path reuse = ResultFiles.fromProperty(ResultFiles.REUSE_PROPERTY);
        return reuse != null ? reuse : ResultFiles.besideSockopts(ResultFiles.REUSE);
    }

    /** Prints and appends one iteration's line; {@code latencyNanos} may be empty (SampleTime runs have JMH's own). */
    static void iteration(BenchmarkParams params, String phase, int index, long operations, Histogram latencyNanos,
                          int timeWait, long poolReplaced, Map<String, Long> tcpExtDelta) {
        boolean latencies = latencyNanos.getTotalCount() > 0;
        ReuseLine line = new ReuseLine(params.getBenchmark(), params.getMode().shortLabel(), JsonLines.params(params),
                phase, index, operations, latencyNanos.getTotalCount(),
                latencies ? micros(latencyNanos.getValueAtPercentile(50)) : null,
                latencies ? micros(latencyNanos.getValueAtPercentile(99)) : null,
                latencies ? micros(latencyNanos.getValueAtPercentile(99.9)) : null,
                latencies ? micros(latencyNanos.getMaxValue()) : null,
                timeWait, poolReplaced, tcpExtDelta, TimeWait.portRange(), TimeWait.twReuse());
        System.out.println("nettune reuse: " + JsonLines.text(line));
        Path file = file();
        if (file != null) {
            JsonLines.append(file, List.of(line));
        }
    }

    /** Microseconds to one decimal, as the report shows them. */
    private static double micros(long nanos) {
        return Math.round(nanos / 100.0) / 10.0;
    }
}
