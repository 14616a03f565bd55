package dev.nettune.bench.buffers;

import dev.nettune.client.bulk.StallWatchdog;
import dev.nettune.bench.AbstractBenchmark;
import dev.nettune.client.StreamConnection;
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
 * How long does a large request/response take — a 64 KiB or 256 KiB message echoed back — as a
 * function of SO_SNDBUF? The same size is set on both senders: the client (before connect) and the
 * server's accepted socket; receive buffers stay autotuned. Client: blocking {@code Socket}
 * streams, one write per message; server: the Selector server, which reads the whole frame,
 * checks its CRC32C and echoes it in one buffer; the client verifies every reply byte.
 *
 * <p>Expect: autotuned buffers near the pure copy cost (a 256 KiB echo is 512 KiB through the
 * loopback); a send buffer much smaller than the message makes each
 * message trickle out in buffer-sized pieces, one wake-up each, and may collapse as the bulk
 * stream does ({@link SocketBufferStreamBenchmark}).
 *
 * <p>Read: SampleTime, µs per round trip, with percentiles (p50, p99, p99.9); lower is better.
 * Requested/effective sizes are printed per trial and written to {@code -Dnettune.sockopts.file}.
 * Confounders: CPU placement of the client thread, the event loop and JMH; TCP_NODELAY is on at both
 * ends. A round trip that does not finish within {@value StallWatchdog#DEFAULT_STALL_SECONDS} s fails
 * with "stalled: &lt;configuration&gt;".
 *
 * <p>Run: {@code java -jar target/benchmarks.jar LargeEchoBenchmark -p sndBuf=0,4096,65536}
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class LargeEchoBenchmark extends AbstractBenchmark {

    /** Request and reply payload, bytes. */
    @Param({"65536", "262144"})
    public int messageBytes;

    /** SO_SNDBUF request for the client and the server's accepted socket, bytes; 0 = not set (autotuning). */
    @Param({"0", "4096", "16384", "65536", "262144", "1048576", "4194304"})
    public int sndBuf;

    private Server server;
    private StreamConnection connection;
    private StallWatchdog watchdog;
    private Request request;
    private long exchanges;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws IOException, InterruptedException {
        Integer requested = BufferSize.request("sndBuf", sndBuf);
        int size = BufferSize.positive("messageBytes", messageBytes);
        SocketTuning tuning = SocketTuning.NO_DELAY.withSendBuffer(requested);
        server = ServerModel.SELECTOR.start(ServerConfig.DEFAULT.withTuning(tuning));
        try {
            connection = new StreamConnection(server.address(), tuning);
            BufferReadback.record(params, tuning, connection.options(), tuning, server);
        } catch (IOException | RuntimeException | InterruptedException e) {
            tearDown();
            throw e;
        }
        watchdog = new StallWatchdog("sndBuf=" + BufferSize.describe(requested) + " messageBytes=" + size
                + " (echo)", StallWatchdog.defaultBoundNanos(), connection);
        request = Request.of(Kind.ECHO, size);
    }

    @Benchmark
    public void roundTrip() throws IOException {
        watchdog.arm();
        try {
            connection.exchange(request);
        } catch (IOException e) {
            throw watchdog.check(e);
        } finally {
            watchdog.disarm();
        }
        watchdog.progress(++exchanges);
        watchdog.throwIfStalled();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Teardown.close(server, watchdog, connection);
    }
}
