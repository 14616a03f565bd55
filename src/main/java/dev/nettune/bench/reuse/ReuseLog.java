package dev.nettune.bench.reuse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nettune.bench.JsonLines;
import dev.nettune.host.TimeWait;
import dev.nettune.layout.ResultFiles;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * ReuseLog writes, per JMH iteration, what a JMH score cannot hold: client-side latency
 * percentiles, the TIME_WAIT sockets left behind and the ephemeral-port settings in force — one
 * JSON object per line (kernel TcpExt counters as {@code sys*}: system-wide deltas since the trial
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
        ObjectNode line = JsonLines.line()
                .put("benchmark", params.getBenchmark())
                .put("mode", params.getMode().shortLabel());
        line.set("params", JsonLines.params(params));
        line.put("phase", phase)
                .put("iteration", index)
                .put("clientOperations", operations)
                .put("latencyCount", latencyNanos.getTotalCount());
        if (latencyNanos.getTotalCount() > 0) {
            line.put("latencyP50Us", micros(latencyNanos.getValueAtPercentile(50)))
                    .put("latencyP99Us", micros(latencyNanos.getValueAtPercentile(99)))
                    .put("latencyP999Us", micros(latencyNanos.getValueAtPercentile(99.9)))
                    .put("latencyMaxUs", micros(latencyNanos.getMaxValue()));
        }
        line.put("timeWait", timeWait)
                .put("poolReplaced", poolReplaced);
        tcpExtDelta.forEach((k, v) -> line.put("sys" + k, v));
        line.put("ipLocalPortRange", TimeWait.portRange())
                .put("tcpTwReuse", TimeWait.twReuse());
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
