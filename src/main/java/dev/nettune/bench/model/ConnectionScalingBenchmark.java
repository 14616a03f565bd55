package dev.nettune.bench.model;

import dev.nettune.client.ClientModel;
import dev.nettune.server.ServerModel;

import java.io.IOException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Where does thread-per-connection blocking I/O stop keeping up with a Selector event loop or
 * virtual threads, as persistent connections grow from 1 to 1,024 (10,000 in the full and scale
 * profiles)? Each connection runs a closed request/response loop (netperf TCP_RR): one echo frame in
 * flight, every reply verified; client and server run in this JVM over TCP loopback (or Unix-domain
 * sockets for the channel models against the Selector server), or the server in a JVM of its own
 * ({@code placement=process}) or behind a veth link ({@code netns}), so that each process holds one
 * descriptor per connection and 10,000 connections fit a 20,000-descriptor limit.
 *
 * <p>Client models: blocking {@code Socket} streams and blocking {@code SocketChannel}, a platform
 * thread per connection; non-blocking channels on one Selector thread; {@code AsynchronousSocketChannel}
 * on a group of one thread per core; {@code Socket} streams on a virtual thread per connection (21+).
 * Server models: a platform thread started per connection, a platform thread per connection from
 * a cached pool (the same while connections persist: the pool only saves thread starts), one
 * Selector event loop, a virtual thread per connection (21+). Combinations chosen (profiles): the symmetric pairs STREAM×BLOCKING,
 * SELECTOR×SELECTOR, VIRTUAL×VIRTUAL, and the off-diagonal ones that isolate one side — a
 * one-thread SELECTOR client against each server (server cost), each client against the SELECTOR
 * server (client cost). The full grid is every pair.
 *
 * <p>Expect: at 1 connection the blocking pair wins (one wake-up per message, no selector
 * bookkeeping); as connections grow, thread-per-connection pays a context switch per message
 * and memory per thread, while a Selector loop batches many ready sockets per epoll_wait, so the
 * event loop keeps or gains throughput. Both ends and JMH share the machine's few cores: a 256-thread
 * result is not 256-way parallelism; read {@code clientThreads}/{@code serverThreads}/{@code jvmThreads}.
 *
 * <p>Read: primary score = round trips/s over all connections (higher is better). Secondary
 * ({@link LoadCounters}, whole-measurement values in the last iteration): latency percentiles µs
 * from an HdrHistogram in the load generator (closed loop: queueing hides in the rate; see
 * {@link OpenLoopLatencyBenchmark}), {@code cpuNsPerRoundTrip} (process CPU / round trips) and
 * {@code serverCpuNsPerRoundTrip} (the server threads' share: its own capacity, whatever the client costs),
 * {@code allocBytesPerRoundTrip}, threads, {@code rssMiB}; what the connections cost as they were set up
 * ({@link ScaleReadings}): {@code connectsPerSecond}, {@code bytesPerConnection} and {@code heapBytesPerConnection}
 * of this JVM, {@code serverBytesPerConnection}, {@code serverRssMiB} and {@code serverProcessThreads} of a
 * server JVM of its own. With {@code -prof gc}, {@code gc.alloc.rate.norm}
 * is bytes per round trip too. Confounders: CPU placement (client and server threads compete for
 * the cores; pinning changes small-message figures several-fold), TCP_NODELAY is on.
 *
 * <p>Points that cannot run say why and record no score: VIRTUAL before JDK 21; connections whose
 * descriptors (2 per connection + margin in one process, 1 with the server apart) exceed {@code ulimit -n};
 * a thread-per-connection client that cannot start a thread for every connection; a placement that
 * cannot be had here (a namespace without root).
 *
 * <p>Run: {@code java -jar target/benchmarks.jar ConnectionScalingBenchmark -p client=SELECTOR -p server=BLOCKING,SELECTOR -p connections=1,16,256,1024};
 * 10,000 connections: {@code -p connections=10000 -p placement=process}.
 */
@State(Scope.Thread)
public class ConnectionScalingBenchmark extends LoadBenchmarkBase {
    /** Client I/O model: every {@link ClientModel} (JMH takes the enum's constants). */
    @Param
    public ClientModel client;

    /** Server I/O model: every {@link ServerModel}. */
    @Param
    public ServerModel server;

    /** Persistent connections, all busy at once. */
    @Param({"1", "16", "256", "1024", "10000"})
    public int connections;

    /** Echo payload per request and per reply, bytes (plus a 16-byte header). */
    @Param({"64", "1024", "16384", "262144"})
    public int payload;

    /** TCP loopback, or Unix-domain sockets (channel models against the SELECTOR server only; other pairs are skipped, saying so). */
    @Param({"TCP", "UNIX"})
    public String transport;

    /** Where the server runs: {@code inprocess}, {@code process}, {@code netns[:rate=R]}, {@code remote=HOST:PORT} ({@link dev.nettune.bench.ServerPlacement}). */
    @Param({"inprocess"})
    public String placement;

    /** Waits until the load has completed {@value LoadBenchmarkBase#BATCH} more round trips. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void roundTrips(LoadCounters counters) throws IOException {
        awaitBatch(counters);
    }

    @Override
    protected String placement() {
        return placement;
    }

    @Override
    protected Point point() {
        return new Point(client, server, ModelPoint.transport(transport), connections, payload);
    }
}
