package dev.nettune.bench.model;

import dev.nettune.bench.AbstractBenchmark;
import dev.nettune.bench.Skip;
import dev.nettune.client.AsyncConnection;
import dev.nettune.client.ClientConnection;
import dev.nettune.client.ClientModel;
import dev.nettune.client.SelectorClient;
import dev.nettune.server.Server;
import dev.nettune.server.ServerModel;
import dev.nettune.socket.SocketTuning;
import dev.nettune.socket.Transport;
import dev.nettune.wire.Kind;
import dev.nettune.wire.Request;
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
import java.nio.channels.AsynchronousChannelGroup;
import java.util.concurrent.TimeUnit;

/**
 * What does one request/response round trip cost on a single persistent connection, per client
 * and server I/O model? JMH's own thread does the round trip — a blocking exchange on Socket
 * streams (STREAM) or a blocking SocketChannel (CHANNEL), one non-blocking channel through a
 * Selector (SELECTOR: write, select, read), or an AsynchronousSocketChannel whose completion
 * handlers run on a one-thread channel group and hand the reply back through a future (ASYNC).
 * Every reply is verified. TCP loopback, or Unix-domain sockets for CHANNEL/SELECTOR against the
 * SELECTOR server. (Virtual-thread clients appear in ConnectionScalingBenchmark at 1 connection:
 * JMH's thread is a platform thread, and a hand-off to a virtual thread would be measured too.)
 *
 * <p>Expect: blocking models fastest (the thread sleeps in read and is woken by the reply);
 * SELECTOR adds an epoll_wait per round trip; ASYNC adds two thread hand-offs (JMH thread → group
 * thread → JMH thread), which on 2 cores shows as tens of µs; Unix-domain below TCP loopback.
 *
 * <p>Read: SampleTime, µs per round trip with p50 ... p99.99 and max (lower is better). With
 * {@code -prof gc}, {@code gc.alloc.rate.norm} is bytes per round trip (ASYNC allocates a future).
 * Confounders: CPU placement of client and server threads on the 2 cores dominates (see
 * design notes: ~4× between one core and two); TCP_NODELAY is on.
 *
 * <p>Run: {@code java -jar target/benchmarks.jar SingleConnectionLatencyBenchmark -p payload=64 -prof gc}
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class SingleConnectionLatencyBenchmark extends AbstractBenchmark {
    /** Client I/O model driven from JMH's thread: STREAM, CHANNEL, SELECTOR or ASYNC. */
    @Param({"STREAM", "CHANNEL", "SELECTOR", "ASYNC"})
    public String client;

    /** Server I/O model: a {@link ServerModel} name. */
    @Param({"BLOCKING", "SELECTOR", "VIRTUAL"})
    public String server;

    /** Echo payload per request and per reply, bytes. */
    @Param({"64", "1024", "16384", "262144"})
    public int payload;

    /** TCP loopback, or Unix-domain sockets (CHANNEL/SELECTOR against SELECTOR only; others are skipped, saying so). */
    @Param({"TCP", "UNIX"})
    public String transport;

    private Server echoServer;
    private ClientConnection connection;
    private SelectorClient selectorClient;
    private AsynchronousChannelGroup group;
    private Request request;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws IOException {
        ClientModel clientModel = ClientModel.parse(client);
        if (clientModel == ClientModel.VIRTUAL) {
            throw new IllegalArgumentException("@Param client 'VIRTUAL' is not driven from JMH's thread here; valid: [STREAM, CHANNEL, SELECTOR, ASYNC]"
                    + " (virtual-thread clients are in ConnectionScalingBenchmark, connections=1)");
        }
        ServerModel serverModel = ServerModel.parse(server);
        Transport t = ModelPoint.transport(transport);
        if (payload < 0) {
            throw new IllegalArgumentException("@Param payload must be >= 0, got " + payload);
        }
        Skip.ifUnavailable(params, ModelPoint.unavailableReason(clientModel, serverModel, t, 1));
        echoServer = ModelPoint.startServer(params, serverModel, t);
        SocketTuning tuning = ModelPoint.tuning(t);
        switch (clientModel) {
            case SELECTOR:
                selectorClient = new SelectorClient(echoServer.address(), tuning, 1, Kind.ECHO, payload);
                ModelPoint.recordConnected(params, t, echoServer, selectorClient.options());
                return;
            case ASYNC:
                // A private one-thread group: the default group's thread count depends on the machine.
                group = AsynchronousChannelGroup.withFixedThreadPool(1, LoadGenerator.platformThreads("latency-async-"));
                connection = new AsyncConnection(echoServer.address(), tuning, group);
                request = Request.direct(Kind.ECHO, payload);
                break;
            case CHANNEL:
                connection = clientModel.open(echoServer.address(), tuning);
                request = Request.direct(Kind.ECHO, payload);
                break;
            default:
                connection = clientModel.open(echoServer.address(), tuning);
                request = Request.of(Kind.ECHO, payload);
        }
        ModelPoint.recordConnected(params, t, echoServer, connection.options());
    }

    @Benchmark
    public void roundTrip() throws IOException {
        if (selectorClient != null) {
            selectorClient.roundTrips(1);
        } else {
            connection.exchange(request);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException, InterruptedException {
        try {
            if (connection != null) {
                connection.close();
            }
            if (selectorClient != null) {
                selectorClient.close();
            }
            if (group != null) {
                group.shutdownNow();
                if (!group.awaitTermination(LoadGenerator.STOP_MILLIS, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("async channel group did not terminate within " + LoadGenerator.STOP_MILLIS + " ms");
                }
            }
        } finally {
            if (echoServer != null) {
                echoServer.close();
            }
        }
    }
}
