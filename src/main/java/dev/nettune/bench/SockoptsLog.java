package dev.nettune.bench;

import dev.nettune.socket.EffectiveOptions;
import dev.nettune.socket.SocketTuning;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.nio.file.Path;

import static dev.nettune.bench.JsonLines.quote;

/**
 * SockoptsLog records, beside the JMH JSON, the socket options a benchmark set — requested, read
 * back by Java, and the kernel's view — one JSON object per line. The suite runner names the file
 * with {@code -Dnettune.sockopts.file}; without it (a plain {@code java -jar benchmarks.jar} run)
 * nothing is written. Line format:
 * <pre>{"benchmark":"...","params":{"k":"v"},"endpoint":"client","option":"SO_SNDBUF","requested":4096,"effective":4096,"kernel":8192}</pre>
 */
public final class SockoptsLog {
    /** System property naming the file to append to. */
    public static final String FILE_PROPERTY = "nettune.sockopts.file";

    private SockoptsLog() {
    }

    /**
     * Appends the buffer and TCP_NODELAY settings of one endpoint ("client", "server-accepted",
     * "server-listener"). Call from a trial-level @Setup, never on the measured path.
     */
    public static void record(BenchmarkParams params, String endpoint, SocketTuning requested, EffectiveOptions effective) {
        String file = System.getProperty(FILE_PROPERTY);
        if (file == null || effective == null) {
            return;
        }
        StringBuilder out = new StringBuilder();
        line(out, params, endpoint, "SO_SNDBUF", requested.sendBuffer(), effective.sendBuffer(), effective.kernelSendBuffer());
        line(out, params, endpoint, "SO_RCVBUF", requested.receiveBuffer(), effective.receiveBuffer(), effective.kernelReceiveBuffer());
        Boolean noDelay = effective.tcpNoDelay();
        if (noDelay != null) {
            line(out, params, endpoint, "TCP_NODELAY", requested.tcpNoDelay() == null ? null : (requested.tcpNoDelay() ? 1 : 0), noDelay ? 1 : 0, null);
        }
        if (requested.lingerSeconds() != null) {
            // Only when a benchmark asked for SO_LINGER, so other benchmarks' files are unchanged; -1 = off.
            line(out, params, endpoint, "SO_LINGER", requested.lingerSeconds(), effective.lingerSeconds(), null);
        }
        JsonLines.append(Path.of(file), out);
    }

    /**
     * Appends one kernel setting in force for this benchmark point, such as net.core.wmem_max or
     * net.ipv4.tcp_wmem (read with {@link dev.nettune.socket.Sysctl#read}), so that results can say
     * what capped or autotuned the buffers. Line format (no requested/effective fields):
     * <pre>{"benchmark":"...","params":{"k":"v"},"endpoint":"kernel","option":"net.core.wmem_max","value":"4194304"}</pre>
     * Call from a trial-level @Setup.
     */
    public static void recordKernelSetting(BenchmarkParams params, String name, String value) {
        String file = System.getProperty(FILE_PROPERTY);
        if (file == null) {
            return;
        }
        StringBuilder out = new StringBuilder();
        prefix(out, params, "kernel", name);
        out.append(",\"value\":").append(quote(value)).append("}\n");
        JsonLines.append(Path.of(file), out);
    }

    private static void prefix(StringBuilder out, BenchmarkParams params, String endpoint, String option) {
        out.append("{\"benchmark\":").append(quote(params.getBenchmark())).append(",\"params\":");
        JsonLines.appendParams(out, params);
        out.append(",\"endpoint\":").append(quote(endpoint))
                .append(",\"option\":").append(quote(option));
    }

    private static void line(StringBuilder out, BenchmarkParams params, String endpoint, String option,
                             Integer requested, Integer effective, Integer kernel) {
        prefix(out, params, endpoint, option);
        out.append(",\"requested\":").append(requested)
                .append(",\"effective\":").append(effective)
                .append(",\"kernel\":").append(kernel)
                .append("}\n");
    }
}
