package dev.nettune.bench.reuse;

import dev.nettune.bench.JsonLines;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.nio.file.Path;

import static dev.nettune.bench.JsonLines.quote;
import java.util.Map;

/**
 * ReuseLog writes, per JMH iteration, what a JMH score cannot hold: client-side latency
 * percentiles, the TIME_WAIT sockets left behind and the ephemeral-port settings in force — one
 * JSON object per line (kernel TcpExt counters as {@code sys*}: system-wide deltas since the trial began), to the file named by {@code -Dnettune.reuse.file}, or else to
 * {@code reuse.jsonl} beside the file named by {@code -Dnettune.sockopts.file} (the suite runner's
 * result folder). Without either, lines are only printed.
 */
final class ReuseLog {
    static final String FILE_PROPERTY = "nettune.reuse.file";
    static final String SIDECAR_NAME = "reuse.jsonl";

    private ReuseLog() {
    }

    /** The sidecar file, or null when neither property is set. */
    static Path file() {
        String f = System.getProperty(FILE_PROPERTY);
        if (f != null) {
            return Path.of(f);
        }
        String sockopts = System.getProperty(dev.nettune.bench.SockoptsLog.FILE_PROPERTY);
        if (sockopts == null) {
            return null;
        }
        Path parent = Path.of(sockopts).toAbsolutePath().getParent();
        return parent == null ? Path.of(SIDECAR_NAME) : parent.resolve(SIDECAR_NAME);
    }

    /** Prints and appends one iteration's line; {@code latencyNanos} may be empty (SampleTime runs have JMH's own). */
    static void iteration(BenchmarkParams params, String phase, int index, long operations, Histogram latencyNanos,
                          int timeWait, long poolReplaced, Map<String, Long> tcpExtDelta) {
        StringBuilder line = new StringBuilder();
        line.append("{\"benchmark\":").append(quote(params.getBenchmark()))
                .append(",\"mode\":").append(quote(params.getMode().shortLabel()))
                .append(",\"params\":");
        JsonLines.appendParams(line, params);
        line.append(",\"phase\":").append(quote(phase))
                .append(",\"iteration\":").append(index)
                .append(",\"clientOperations\":").append(operations)
                .append(",\"latencyCount\":").append(latencyNanos.getTotalCount());
        if (latencyNanos.getTotalCount() > 0) {
            line.append(",\"latencyP50Us\":").append(micros(latencyNanos.getValueAtPercentile(50)))
                    .append(",\"latencyP99Us\":").append(micros(latencyNanos.getValueAtPercentile(99)))
                    .append(",\"latencyP999Us\":").append(micros(latencyNanos.getValueAtPercentile(99.9)))
                    .append(",\"latencyMaxUs\":").append(micros(latencyNanos.getMaxValue()));
        }
        line.append(",\"timeWait\":").append(timeWait)
                .append(",\"poolReplaced\":").append(poolReplaced);
        for (Map.Entry<String, Long> e : tcpExtDelta.entrySet()) {
            line.append(",\"sys").append(e.getKey()).append("\":").append(e.getValue());
        }
        line
                .append(",\"ipLocalPortRange\":").append(quote(TimeWait.portRange()))
                .append(",\"tcpTwReuse\":").append(quote(TimeWait.twReuse()))
                .append("}\n");
        System.out.print("nettune reuse: " + line);
        Path file = file();
        if (file != null) {
            JsonLines.append(file, line);
        }
    }

    private static String micros(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1000.0);
    }
}
