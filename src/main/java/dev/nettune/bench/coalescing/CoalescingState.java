package dev.nettune.bench.coalescing;

import dev.nettune.bench.AbstractBenchmark;
import dev.nettune.bench.SockoptsLog;
import dev.nettune.client.coalescing.PartsClient;
import dev.nettune.client.coalescing.Strategy;
import dev.nettune.server.BlockingServer;
import dev.nettune.server.Server;
import dev.nettune.server.ServerConfig;
import dev.nettune.server.ServerStats;
import dev.nettune.server.Teardown;
import dev.nettune.socket.SocketTuning;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.io.IOException;

/**
 * CoalescingState is the plumbing every coalescing benchmark shares: the message shape and strategy
 * parameters, a {@link BlockingServer} on loopback (the same server for every strategy, so only the
 * client's writes differ) and one {@link PartsClient}. TCP_NODELAY is set to the same value on both
 * sides, read back and recorded. Teardown checks that the server verified every message the client
 * sent and saw no protocol error.
 */
@State(Scope.Thread)
public abstract class CoalescingState extends AbstractBenchmark {

    /** How the client writes a message: a {@link Strategy} name. */
    @Param({"STREAM_PER_PART", "BUFFERED_512", "BUFFERED_8K", "BUFFERED_64K", "COPY_HEAP", "COPY_DIRECT",
            "GATHERING", "GATHERING_DIRECT", "CHANNEL_PER_PART"})
    public String strategy;

    /** K: application parts per message (the 16-byte frame header is written before them). */
    @Param({"1", "4", "16", "64"})
    public int parts;

    /** S: bytes per part. 64 is not in the grid; it matches the C reference (16 × 64 B vs 1 KiB). */
    @Param({"16", "64", "128", "1024"})
    public int partBytes;

    protected PartsClient client;
    private BlockingServer server;

    /** TCP_NODELAY for both client and server sockets. */
    protected abstract boolean tcpNoDelay();

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws IOException {
        Strategy s = Strategy.parse(strategy);
        SocketTuning tuning = SocketTuning.DEFAULTS.withTcpNoDelay(tcpNoDelay());
        server = new BlockingServer(ServerConfig.DEFAULT.withTuning(tuning));
        try {
            client = new PartsClient(s, server.address(), tuning, parts, partBytes);
            client.exchange(); // the server has accepted once the first ack is back: its options are readable
        } catch (IOException | RuntimeException e) {
            tearDown();
            throw e;
        }
        SockoptsLog.record(params, "client", tuning, client.options());
        SockoptsLog.record(params, "server-accepted", tuning, server.acceptedOptions());
        requireNoDelay("client", client.options().tcpNoDelay());
        requireNoDelay("server", server.acceptedOptions().tcpNoDelay());
    }

    private void requireNoDelay(String endpoint, Boolean effective) {
        if (effective == null || effective != tcpNoDelay()) {
            throw new IllegalStateException(endpoint + " TCP_NODELAY reads back " + effective + ", requested " + tcpNoDelay());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Teardown.close(server, this::requireEveryMessageVerified, client);
    }

    /** The server counts a message before it acks it, so with the client closed its count is final. */
    private void requireEveryMessageVerified(Server s) {
        ServerStats st = s.stats();
        if (client != null && (st.frames() != client.sent() || st.protocolErrors() != 0)) {
            throw new IllegalStateException("server verified " + st.frames() + " of " + client.sent()
                    + " messages sent: " + st);
        }
    }

    /** Parses a boolean @Param strictly: JMH's own parsing turns any typo into false. */
    static boolean parseBoolean(String name, String value) {
        if ("true".equals(value) || "false".equals(value)) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException("unknown @Param " + name + " '" + value + "'; valid: [true, false]");
    }
}
