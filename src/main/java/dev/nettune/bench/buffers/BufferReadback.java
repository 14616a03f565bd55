package dev.nettune.bench.buffers;

import dev.nettune.bench.SockoptsLog;
import dev.nettune.server.Server;
import dev.nettune.socket.EffectiveOptions;
import dev.nettune.socket.SocketTuning;
import dev.nettune.socket.Sysctl;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.concurrent.TimeUnit;

/**
 * BufferReadback records what a buffers benchmark point really ran with: requested and read-back
 * buffer sizes on both ends ({@link SockoptsLog}), the kernel limits in force, and one readable
 * line on stdout ("client SO_SNDBUF requested 4096 -> Java 4096, kernel 8192, autotuning off").
 */
final class BufferReadback {
    /** The kernel settings that cap (wmem_max, rmem_max) or autotune (tcp_wmem, tcp_rmem: min default max) buffers. */
    static final String[] KERNEL_LIMITS = {"net.core.wmem_max", "net.core.rmem_max", "net.ipv4.tcp_wmem", "net.ipv4.tcp_rmem"};
    /** How long setup waits for the server to have accepted the client. */
    private static final long ACCEPT_WAIT_MILLIS = 5_000;

    private BufferReadback() {
    }

    /** Waits for the server's accepted socket, then records and prints both ends and the kernel limits. */
    static void record(BenchmarkParams params, SocketTuning clientTuning, EffectiveOptions client,
                       SocketTuning serverTuning, Server server) throws InterruptedException {
        EffectiveOptions accepted = awaitAccepted(server);
        SockoptsLog.record(params, "client", clientTuning, client);
        // Only SO_RCVBUF is applied to the listener (before bind); the rest goes to accepted sockets.
        SockoptsLog.record(params, "server-listener", SocketTuning.DEFAULTS.withReceiveBuffer(serverTuning.receiveBuffer()),
                server.listenerOptions());
        SockoptsLog.record(params, "server-accepted", serverTuning, accepted);
        StringBuilder limits = new StringBuilder();
        for (String name : KERNEL_LIMITS) {
            String value = Sysctl.read(name);
            SockoptsLog.recordKernelSetting(params, name, value);
            limits.append(limits.length() == 0 ? "" : ", ").append(name).append('=').append(value);
        }
        System.out.println("nettune buffers: " + describe("client", clientTuning, client)
                + "; " + describe("server-accepted", serverTuning, accepted) + "; kernel " + limits);
    }

    /** The server's accepted-socket options, waiting up to {@value #ACCEPT_WAIT_MILLIS} ms for the accept. */
    static EffectiveOptions awaitAccepted(Server server) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ACCEPT_WAIT_MILLIS);
        EffectiveOptions accepted;
        while ((accepted = server.acceptedOptions()) == null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("server did not accept the client within " + ACCEPT_WAIT_MILLIS + " ms");
            }
            Thread.sleep(1);
        }
        return accepted;
    }

    /** "client SO_SNDBUF requested 4096 -> Java 4096, kernel 8192 (autotuning off), SO_RCVBUF requested auto -> ...". */
    static String describe(String endpoint, SocketTuning requested, EffectiveOptions effective) {
        return endpoint + " SO_SNDBUF " + one(requested.sendBuffer(), effective.sendBuffer(), effective.kernelSendBuffer())
                + ", SO_RCVBUF " + one(requested.receiveBuffer(), effective.receiveBuffer(), effective.kernelReceiveBuffer());
    }

    private static String one(Integer requested, Integer java, Integer kernel) {
        return "requested " + BufferSize.describe(requested) + " -> Java " + java + ", kernel " + kernel
                + (requested == null ? " (autotuning on)" : " (autotuning off)");
    }
}
