package dev.nettune.bench.reuse;

import dev.nettune.bench.AbstractBenchmark;
import dev.nettune.bench.ServerPlacement;
import dev.nettune.bench.SkipPoint;
import dev.nettune.bench.SockoptsLog;
import dev.nettune.client.ClientConnection;
import dev.nettune.client.ClientModel;
import dev.nettune.client.DriverThreads;
import dev.nettune.client.load.Completions;
import dev.nettune.client.load.Operation;
import dev.nettune.client.load.ThreadLoad;
import dev.nettune.client.load.Workload;
import dev.nettune.client.load.Workloads;
import dev.nettune.host.TimeWait;
import dev.nettune.server.Server;
import dev.nettune.server.ServerConfig;
import dev.nettune.server.ServerModel;
import dev.nettune.server.ServerStats;
import dev.nettune.server.Teardown;
import dev.nettune.socket.SocketTuning;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What does reusing a connection save? T client threads make verified request/responses against
 * an in-process loopback server, with a persistent connection each (netperf TCP_RR), a new
 * connection per request (TCP_CRR), only connect + close (TCP_CC), P pooled connections shared by
 * all T (P = 1, T/2, T), or the seed's pattern: each request a task on a T-thread
 * ThreadPoolExecutor that opens its own connection — a thread pool, not a connection pool.
 *
 * <p>Expect: a persistent connection several times the operations/s of connect-per-request (a
 * connect costs a SYN/SYN-ACK/ACK, a FIN or RST exchange, socket setup and, with the BLOCKING
 * server, a server thread per connection; {@code scripts/harness-c-crosscheck.sh} measures the
 * same ratio in C). CONNECT_ONLY sits above CRR. POOL_FULL
 * close to PERSISTENT (the gap is borrow/return); POOL_1 serialises all T threads on one
 * connection; SEED_EXECUTOR at or below CRR (CRR plus a hand-off to the executor and back).
 * RST (SO_LINGER 0) leaves no TIME_WAIT; FIN leaves one per connection, on the client side
 * because the client closes first, for 60 s.
 *
 * <p>How T is driven: {@code threads} is a @Param, not JMH's {@code -t} (JMH must run 1 thread,
 * which setup checks), so that the whole grid is one comparable table. In {@code thrpt} the T
 * client threads run closed-loop on their own and the JMH thread counts their completions
 * ({@link ThreadLoad}, {@link Completions}): the score is operations/s of all T together (higher is better). In
 * {@code sample} the JMH thread is itself client 1 of T (T-1 run beside it), so the percentiles
 * are the latency of one operation under T-way load (lower is better; s/op like every nettune
 * class, {@code -tu us} for readable text). For thrpt, client-side
 * latency percentiles (HdrHistogram), the TIME_WAIT sockets of this server's port (from
 * /proc/net/tcp and tcp6), net.ipv4.ip_local_port_range / tcp_tw_reuse and the kernel's TWRecycled
 * (ports reused from TIME_WAIT), ListenOverflows and TCPSynRetrans (system-wide) are printed per
 * iteration and appended to {@code reuse.jsonl} beside the sockopts file ({@link ReuseLog}).
 *
 * <p>Ports: connect-per-request uses an ephemeral port per operation (net.ipv4.ip_local_port_range,
 * printed per trial); at several thousand connects/s the range turns over in seconds. With tcp_tw_reuse = 2
 * (loopback) the kernel reuses TIME_WAIT ports; where it cannot, connect fails with
 * EADDRNOTAVAIL and the benchmark stops with a PortExhaustedException naming the sysctls — never
 * a hang or a silently lower score. POOL_* with io=CHANNEL is skipped with a stated reason: the
 * foundation's pool holds Socket streams.
 *
 * <p>Server models: BLOCKING starts a platform thread per connection; POOLED takes one from a
 * cached pool, as Tomcat-style servers do (a thread that finished a connection serves the next);
 * SELECTOR serves every connection from one event loop. With persistent connections BLOCKING and
 * POOLED should not differ; with a connection per request (CRR, SEED_EXECUTOR) BLOCKING also pays
 * a thread start and exit per operation, so 1/ops(BLOCKING) - 1/ops(POOLED) is what one platform
 * thread start costs on this JDK: a measured finding, not a hidden one. Compare workloads within
 * one server model.
 *
 * <p>Confounders: the cores are shared by T clients, the server and JMH; T = 16 measures
 * contention, not parallelism. CONNECT_ONLY completes
 * when the kernel finished the handshake, before the server accepts; when the acceptor falls
 * behind, the backlog fills, SYNs are dropped and retried after 1 s — a p99.9 near 1 s in
 * reuse.jsonl is that, not the JVM. TCP_NODELAY is on at both ends, so Nagle plays no part.
 *
 * <p>Placement: in process by default; {@code process} puts the server in a JVM of its own (a
 * connect then wakes another process's acceptor), {@code netns} behind a veth link. Off loopback
 * net.ipv4.tcp_tw_reuse = 2 does not apply: with FIN every connection keeps its client port in
 * TIME_WAIT for 60 s, so a fork that connects more often than ip_local_port_range holds ports stops
 * with a PortExhaustedException (each namespace gets fresh addresses, so the budget is per fork);
 * close=RST has no such limit.
 *
 * <p>Run: {@code java -jar target/benchmarks.jar ConnectionReuseBenchmark -p threads=1,4 -p payload=64
 * -p close=FIN -p io=STREAM -p server=BLOCKING -bm thrpt}; 60 s FIN vs RST:
 * {@code ... -p workload=CONNECT_PER_REQUEST -p close=FIN,RST -wi 0 -i 1 -r 60s -bm thrpt}.
 */
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@Threads(1)
@State(Scope.Benchmark)
public class ConnectionReuseBenchmark extends AbstractBenchmark {
    /** How long setup waits for the server to accept the option probe. */
    private static final long ACCEPT_WAIT_SECONDS = 5;

    /** How connections are used: a {@link Workload} constant. */
    @Param({"PERSISTENT", "CONNECT_PER_REQUEST", "CONNECT_ONLY", "POOL_1", "POOL_HALF", "POOL_FULL", "SEED_EXECUTOR"})
    public String workload;

    /** Client threads T, driven by the benchmark itself. */
    @Param({"1", "4", "16"})
    public int threads;

    /** Request and echo payload, bytes (CONNECT_ONLY sends none). */
    @Param({"64", "16384"})
    public int payload;

    /** How the client closes: a {@link CloseStyle} constant (FIN, or RST via SO_LINGER 0). */
    @Param({"FIN", "RST"})
    public String close;

    /** The client's I/O API: a {@link ClientModel} with a blocking connection per client thread (Socket streams or a SocketChannel). */
    @Param({"STREAM", "CHANNEL"})
    public String io;

    /**
     * Server model: BLOCKING (a platform thread started per connection), POOLED (a platform thread
     * per connection from a cached pool, reused across connections) or SELECTOR (one event loop).
     */
    @Param({"BLOCKING", "POOLED", "SELECTOR"})
    public String server;

    /**
     * Where the server runs ({@link ServerPlacement}): {@code inprocess} (default), {@code process}
     * (loopback, tcp_tw_reuse still applies), {@code netns} (over veth: TIME_WAIT ports are not
     * reused, see the class comment), {@code remote=HOST:PORT}.
     */
    @Param({"inprocess"})
    public String placement;

    private Server peer;
    private Workloads clients;
    private ThreadLoad load;
    private Completions completions;
    /** The JMH thread's own client in sample mode; null in thrpt mode. */
    private Operation own;
    private BenchmarkParams params;
    private int port;
    private int iteration;
    private Map<String, Long> tcpExtAtStart;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams benchmarkParams) throws IOException {
        params = benchmarkParams;
        Workload w = Workload.parse(workload);
        CloseStyle c = CloseStyle.parse(close);
        ClientModel path = ClientModel.parse(io);
        ServerModel model = ServerModel.parse(server);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (benchmarkParams.getThreads() != 1) {
            throw new IllegalArgumentException("run with JMH -t 1: client threads are the @Param 'threads', got -t " + benchmarkParams.getThreads());
        }
        SkipPoint.ifUnavailable(benchmarkParams, Workloads.unsupportedReason(w, path));
        SocketTuning tuning = c.clientTuning();

        peer = ServerPlacement.start(benchmarkParams, placement, model, ServerConfig.DEFAULT);
        port = ((InetSocketAddress) peer.address()).getPort();
        System.out.println("nettune reuse: " + TimeWait.settings());
        recordOptions(benchmarkParams, path, tuning);

        clients = new Workloads(w, path, tuning, peer.address(), threads, payload);
        boolean jmhIsClient = benchmarkParams.getMode() == Mode.SampleTime || benchmarkParams.getMode() == Mode.SingleShotTime;
        List<Operation> background = new ArrayList<>();
        for (int i = jmhIsClient ? 1 : 0; i < threads; i++) {
            background.add(clients.newOperation());
        }
        own = jmhIsClient ? clients.newOperation() : null;
        tcpExtAtStart = TimeWait.tcpExt();
        load = new ThreadLoad(background, DriverThreads.platform("reuse-client-"));
        completions = new Completions(load);
    }

    /** Reads back and records the options of one probe connection opened with the benchmark's tuning. */
    private void recordOptions(BenchmarkParams benchmarkParams, ClientModel path, SocketTuning tuning) throws IOException {
        try (ClientConnection probe = path.open(peer.address(), tuning)) {
            SockoptsLog.record(benchmarkParams, "client", tuning, probe.options());
        }
        SockoptsLog.record(benchmarkParams, "server-listener", ServerConfig.DEFAULT.tuning(), peer.listenerOptions());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ACCEPT_WAIT_SECONDS);
        while (peer.acceptedOptions() == null && System.nanoTime() < deadline) {
            sleepMillis(1); // the server accepts the probe on its own thread; setup only, never measured
        }
        SockoptsLog.record(benchmarkParams, "server-accepted", ServerConfig.DEFAULT.tuning(), peer.acceptedOptions());
    }

    private static void sleepMillis(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted in setup");
        }
    }

    /** The load's latencies of one iteration; recycled, as the recorder's histograms are large. */
    private Histogram interval;

    @Setup(Level.Iteration)
    public void startIteration() {
        completions.startCounting();
        interval = load.intervalHistogram(interval); // drop what was recorded between iterations
    }

    /** One operation: in thrpt, one completed by any of the T clients; in sample, one made by this thread. */
    @Benchmark
    public void operation() throws IOException {
        if (own != null) {
            load.checkHealthy(); // volatile reads: the T-1 clients beside this one must not fail unseen
            own.run();
        } else {
            completions.takeOne();
        }
    }

    @TearDown(Level.Iteration)
    public void endIteration(IterationParams iterationParams) {
        interval = load.intervalHistogram(interval);
        ReuseLog.iteration(params, iterationParams.getType().toString().toLowerCase(java.util.Locale.ROOT), ++iteration,
                load.completed(), interval, TimeWait.count(port), clients.poolReplaced(), tcpExtSinceStart());
    }

    private Map<String, Long> tcpExtSinceStart() {
        Map<String, Long> delta = new LinkedHashMap<>();
        TimeWait.tcpExt().forEach((k, v) -> delta.put(k, v - tcpExtAtStart.getOrDefault(k, 0L)));
        return delta;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Teardown.close(peer, ConnectionReuseBenchmark::requireWellFormedFrames, load, own, clients);
    }

    private static void requireWellFormedFrames(Server server) {
        ServerStats stats = server.stats();
        if (stats.protocolErrors() > 0) {
            throw new IllegalStateException("server saw " + stats.protocolErrors() + " malformed or truncated frames: " + stats);
        }
    }
}
