package dev.nettune.bench.model;

import dev.nettune.bench.AbstractBenchmark;
import dev.nettune.bench.SkipPoint;
import dev.nettune.client.ClientModel;
import dev.nettune.client.load.CallerConnection;
import dev.nettune.server.Server;
import dev.nettune.server.ServerModel;
import dev.nettune.server.Teardown;
import dev.nettune.socket.Transport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * What does one request/response round trip cost on a single persistent connection, per client
 * and server I/O model? JMH's own thread does the round trip — a blocking exchange on Socket
 * streams (STREAM) or a blocking SocketChannel (CHANNEL), one non-blocking channel through a
 * Selector (SELECTOR: write, select, read), or an AsynchronousSocketChannel whose completion
 * handlers run on a one-thread channel group and hand the reply back through a future (ASYNC).
 * Every reply is verified. TCP loopback, or Unix-domain sockets for CHANNEL/SELECTOR against the
 * SELECTOR server. (Virtual-thread clients appear in ConnectionScalingBenchmark at 1 connection:
 * JMH's thread is a platform thread, and a hand-off to a virtual thread would be measured too; here
 * their points are skipped, saying so.) The connection is a {@link CallerConnection}.
 *
 * <p>Expect: blocking models fastest (the thread sleeps in read and is woken by the reply);
 * SELECTOR adds an epoll_wait per round trip; ASYNC adds two thread hand-offs (JMH thread → group
 * thread → JMH thread), each a cross-thread wake-up; Unix-domain below TCP loopback.
 *
 * <p>Placement ({@link dev.nettune.bench.ServerPlacement}): {@code inprocess} (default),
 * {@code process}, {@code netns[:rate=R]}, {@code remote=HOST:PORT}; TCP only outside the process
 * (Unix-domain points are skipped, saying so). Outside the process the server's wake-ups no longer
 * share a JVM with the client's; over netns each round trip also crosses veth and a second
 * namespace; payloads above one MTU (1,024 B and up: 16 KiB, 256 KiB) become several segments.
 *
 * <p>Read: SampleTime, µs per round trip with p50 ... p99.99 and max (lower is better). With
 * {@code -prof gc}, {@code gc.alloc.rate.norm} is bytes per round trip (ASYNC allocates a future).
 * Confounders: CPU placement of client and server threads dominates (one core against two moves
 * small round trips several-fold: compare with the {@code cpu0} variant in the report); TCP_NODELAY is on.
 *
 * <p>Run: {@code java -jar target/benchmarks.jar SingleConnectionLatencyBenchmark -p payload=64 -prof gc}
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class SingleConnectionLatencyBenchmark extends AbstractBenchmark {
    /** Client I/O model driven from JMH's thread: every {@link ClientModel}; virtual-thread ones are skipped with the reason. */
    @Param
    public ClientModel client;

    /** Server I/O model: every {@link ServerModel}. */
    @Param
    public ServerModel server;

    /** Echo payload per request and per reply, bytes. */
    @Param({"64", "1024", "16384", "262144"})
    public int payload;

    /** TCP loopback, or Unix-domain sockets (CHANNEL/SELECTOR against SELECTOR only; others are skipped, saying so). */
    @Param({"TCP", "UNIX"})
    public String transport;

    /** Where the server runs ({@link dev.nettune.bench.ServerPlacement}); default in process. */
    @Param({"inprocess"})
    public String placement;

    private Server echoServer;
    private CallerConnection connection;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws IOException {
        Transport t = ModelPoint.transport(transport);
        if (payload < 0) {
            throw new IllegalArgumentException("@Param payload must be >= 0, got " + payload);
        }
        SkipPoint.ifUnavailable(params, CallerConnection.drives(client) ? ModelPoint.unavailableReason(client, server, t, 1)
                : "client model " + client + " is not driven from JMH's thread (its clients are in ConnectionScalingBenchmark,"
                + " connections=1); valid: " + ClientModel.valid(CallerConnection::drives));
        echoServer = ModelPoint.startServer(params, server, t, placement);
        connection = CallerConnection.open(client, echoServer.address(), ModelPoint.tuning(t), payload);
        ModelPoint.recordConnected(params, t, echoServer, connection.options());
    }

    @Benchmark
    public void roundTrip() throws IOException {
        connection.roundTrip();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Teardown.close(echoServer, connection);
    }
}
