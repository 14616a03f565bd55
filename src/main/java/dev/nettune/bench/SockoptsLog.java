package dev.nettune.bench;

import dev.nettune.results.JsonLines;
import dev.nettune.results.ResultFiles;
import dev.nettune.results.SockoptLine;
import dev.nettune.socket.EffectiveOptions;
import dev.nettune.socket.SocketTuning;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * SockoptsLog records, beside the JMH JSON, the socket options a benchmark set — requested, read
 * back by Java, and the kernel's view — one {@link SockoptLine} per line. The suite runner names the file
 * with {@code -D}{@value ResultFiles#SOCKOPTS_PROPERTY}; without it (a plain
 * {@code java -jar benchmarks.jar} run) nothing is written. Line format:
 * <pre>{"benchmark":"...","params":{"k":"v"},"endpoint":"client","option":"SO_SNDBUF","requested":4096,"effective":4096,"kernel":8192}</pre>
 */
public final class SockoptsLog {
    private SockoptsLog() {
    }

    /**
     * Verifies one endpoint's read-back options against the request ({@link SocketTuning#verify}:
     * an endpoint that did not get what it asked for fails the point, with or without a sockopts
     * file), then appends its buffer and TCP_NODELAY settings ("client", "server-accepted",
     * "server-listener"). Call from a trial-level @Setup, never on the measured path: the
     * measured connections are opened the same way without a read-back.
     */
    public static void record(BenchmarkParams params, String endpoint, SocketTuning requested, EffectiveOptions effective) {
        if (effective != null) {
            requested.verify(endpoint, effective);
        }
        Path file = ResultFiles.fromProperty(ResultFiles.SOCKOPTS_PROPERTY);
        if (file == null || effective == null) {
            return;
        }
        List<SockoptLine> lines = new ArrayList<>();
        lines.add(option(params, endpoint, "SO_SNDBUF", requested.sendBuffer(), effective.sendBuffer(), effective.kernelSendBuffer()));
        lines.add(option(params, endpoint, "SO_RCVBUF", requested.receiveBuffer(), effective.receiveBuffer(), effective.kernelReceiveBuffer()));
        Boolean noDelay = effective.tcpNoDelay();
        if (noDelay != null) {
            lines.add(option(params, endpoint, "TCP_NODELAY", requested.tcpNoDelay() == null ? null : (requested.tcpNoDelay() ? 1 : 0), noDelay ? 1 : 0, null));
        }
        if (requested.lingerSeconds() != null) {
            // Only when a benchmark asked for SO_LINGER, so other benchmarks' files are unchanged; -1 = off.
            lines.add(option(params, endpoint, "SO_LINGER", requested.lingerSeconds(), effective.lingerSeconds(), null));
        }
        JsonLines.append(file, lines);
    }

    /**
     * Appends one kernel setting in force for this benchmark point, such as net.core.wmem_max or
     * net.ipv4.tcp_wmem (read with {@link dev.nettune.socket.Sysctl#read}), so that results can say
     * what capped or autotuned the buffers. Line format (no requested/effective fields):
     * <pre>{"benchmark":"...","params":{"k":"v"},"endpoint":"kernel","option":"net.core.wmem_max","value":"4194304"}</pre>
     * Call from a trial-level @Setup.
     */
    public static void recordKernelSetting(BenchmarkParams params, String name, String value) {
        Path file = ResultFiles.fromProperty(ResultFiles.SOCKOPTS_PROPERTY);
        if (file == null) {
            return;
        }
        JsonLines.append(file, List.of(new SockoptLine.KernelSetting(params.getBenchmark(), JsonLines.params(params), SockoptLine.KERNEL, name, value)));
    }

    private static SockoptLine option(BenchmarkParams params, String endpoint, String option,
                                      Integer requested, Integer effective, Integer kernel) {
        return new SockoptLine.Option(params.getBenchmark(), JsonLines.params(params), endpoint, option,
                longOrNull(requested), longOrNull(effective), longOrNull(kernel));
    }

    private static Long longOrNull(Integer v) {
        return v == null ? null : v.longValue();
    }
}
