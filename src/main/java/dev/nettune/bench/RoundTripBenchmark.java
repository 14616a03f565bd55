package dev.nettune.bench;

import dev.nettune.client.StreamConnection;
import dev.nettune.server.BlockingServer;
import dev.nettune.server.Server;
import dev.nettune.server.ServerConfig;
import dev.nettune.server.ServerModel;
import dev.nettune.server.Teardown;
import dev.nettune.socket.SocketTuning;
import dev.nettune.wire.Kind;
import dev.nettune.wire.Request;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.io.IOException;

/**
 * How fast is one small request/response on a persistent loopback connection, through the whole
 * nettune chain? This is the harness's own floor: a blocking java.net.Socket client against the
 * thread-per-connection {@link BlockingServer}, 64-byte echo, TCP_NODELAY on, every reply verified.
 *
 * <p>Expect about what a native blocking ping-pong (sockperf, qperf tcp_lat) gets on the same
 * machine: within 10% when the harness costs nothing next to the kernel. On a small VM the score
 * is dominated by CPU placement: client and server threads on one core (taskset -c 0) give several
 * times the round trips of two threads free on two cores, because each cross-core wake-up costs
 * more than the loopback itself. Compare like with like.
 *
 * <p>Placement ({@link ServerPlacement}): {@code inprocess} (default) shares one JVM and loopback;
 * {@code process} moves the server into a JVM of its own (no shared JIT, GC or safepoints; the same
 * loopback); {@code netns} puts that JVM behind a veth link of MTU 1500 (a 64 B exchange fits one
 * packet either way: what changes is the path through veth and a second namespace; a rate limit
 * barely matters at this size); {@code remote=HOST:PORT} adds a real network's round trip.
 *
 * <p>Read: {@code thrpt} in round trips/s (higher is better); {@code sample} in µs per round trip
 * with percentiles (lower is better). With {@code -prof gc}, {@code gc.alloc.rate.norm} should be
 * near 0 B/op: requests and reply buffers are reused.
 *
 * <p>Run: {@code java -jar target/benchmarks.jar RoundTripBenchmark -prof gc}
 */
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@State(Scope.Thread)
public class RoundTripBenchmark extends AbstractBenchmark {

    /** Request and reply payload, bytes. */
    @Param({"64"})
    public int payload;

    /** Where the server runs: {@code inprocess}, {@code process}, {@code netns[:rate=R]}, {@code remote=HOST:PORT} ({@link ServerPlacement}). */
    @Param({"inprocess"})
    public String placement;

    private Server server;
    private StreamConnection connection;
    private Request request;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws IOException {
        server = ServerPlacement.start(params, placement, ServerModel.BLOCKING, ServerConfig.DEFAULT);
        try {
            connection = new StreamConnection(server.address(), SocketTuning.NO_DELAY);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        request = Request.of(Kind.ECHO, payload);
        connection.exchange(request); // the server reads back its accepted socket's options before serving it
        SockoptsLog.record(params, "client", SocketTuning.NO_DELAY, connection.options());
        SockoptsLog.record(params, "server-accepted", ServerConfig.DEFAULT.tuning(), server.acceptedOptions());
    }

    @Benchmark
    public void roundTrip() throws IOException {
        connection.exchange(request);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Teardown.close(server, connection);
    }
}
