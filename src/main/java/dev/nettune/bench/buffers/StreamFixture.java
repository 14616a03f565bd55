package dev.nettune.bench.buffers;

import dev.nettune.bench.ServerPlacement;
import dev.nettune.client.bulk.BulkStream;
import dev.nettune.client.bulk.IoPath;
import dev.nettune.server.Server;
import dev.nettune.server.ServerConfig;
import dev.nettune.server.ServerModel;
import dev.nettune.server.Teardown;
import dev.nettune.socket.SocketTuning;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * A StreamFixture is the shared plumbing of the bulk-stream benchmarks: a {@link ServerModel#SELECTOR}
 * receiver (one event loop reading each stream through a 64 KiB direct buffer and checking its
 * CRC32C) with the receiver's SO_RCVBUF set on the listener before bind, and one {@link BulkStream}
 * client with its SO_SNDBUF set before connect. TCP_NODELAY is on at both ends so that the last
 * partial segment of a stream is not held for a delayed ACK (a per-stream 40 ms confounder that
 * belongs to the coalescing family, not to this one).
 *
 * <p>On close it checks the byte count end to end: the server must have received exactly the frame
 * bytes the client sent.
 */
final class StreamFixture implements AutoCloseable {
    /** How long close() waits for the server's byte count to catch up with the last ack. */
    private static final long COUNT_WAIT_MILLIS = 2_000;

    private final Server server;
    private final BulkStream stream;
    private final SocketTuning clientTuning;
    private final SocketTuning serverTuning;

    /**
     * Opens server and client for one point; {@code null} buffer sizes leave autotuning on; the
     * receiver runs where {@code placement} says ({@link ServerPlacement}).
     */
    StreamFixture(BenchmarkParams params, String placement, IoPath path, Integer sndBuf, Integer rcvBuf, int writeSize,
                  int streamBytes, long stallNanos) throws IOException {
        serverTuning = SocketTuning.NO_DELAY.withReceiveBuffer(rcvBuf);
        clientTuning = SocketTuning.NO_DELAY.withSendBuffer(sndBuf);
        server = ServerPlacement.start(params, placement, ServerModel.SELECTOR, ServerConfig.DEFAULT.withTuning(serverTuning));
        String configuration = "sndBuf=" + BufferSize.describe(sndBuf) + " rcvBuf=" + BufferSize.describe(rcvBuf)
                + " writeSize=" + writeSize + " path=" + path + " streamBytes=" + streamBytes + " placement=" + placement;
        try {
            stream = new BulkStream(server.address(), path, clientTuning, streamBytes, writeSize, configuration, stallNanos);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Records requested/effective sizes on both ends and the kernel limits; call from a trial @Setup. */
    void record(BenchmarkParams params) throws InterruptedException {
        BufferReadback.record(params, clientTuning, stream.options(), serverTuning, server);
    }

    /** One verified stream. */
    void send() throws IOException {
        stream.send();
    }

    BulkStream stream() {
        return stream;
    }

    Server server() {
        return server;
    }

    /** Prints the sizes after the run (autotuning grows them), closes the client, checks the byte count, closes the server. */
    @Override
    public void close() throws IOException {
        boolean healthy = stream.healthy();
        try {
            if (healthy) {
                System.out.println("nettune buffers: after the run, "
                        + BufferReadback.describe("client", clientTuning, stream.currentOptions()));
            }
        } finally {
            Teardown.close(server, healthy ? this::checkByteCount : null, stream);
        }
    }

    /** Waits for the server's count to reach what the client sent (a server elsewhere is asked again each time). */
    private void checkByteCount(Server server) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(COUNT_WAIT_MILLIS);
        while (server.stats().bytesIn() != stream.bytesSent()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("byte count differs (" + stream.configuration() + "): client sent "
                        + stream.bytesSent() + " frame bytes, server received " + server.stats().bytesIn());
            }
            Thread.sleep(1);
        }
    }
}
