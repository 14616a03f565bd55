package dev.nettune.bench.buffers;

import dev.nettune.client.StreamConnection;
import dev.nettune.socket.EffectiveOptions;
import dev.nettune.socket.OptionTarget;
import dev.nettune.socket.SocketTuning;
import dev.nettune.wire.Header;
import dev.nettune.wire.Kind;
import dev.nettune.wire.ReplyCheck;
import dev.nettune.wire.Request;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A BulkStream is one client connection that sends verified one-way streams, netperf TCP_STREAM
 * style: each {@link #send()} writes one ACK frame — a 16-byte header declaring the total length
 * and the CRC32C of the whole payload, then the payload in {@code writeSize} calls — and waits for
 * the server's 16-byte ACK_REPLY, which must carry the same sequence number and CRC (the server
 * reads exactly the declared length and checks the CRC, so a short or corrupted stream never gets
 * a valid reply). The payload is deterministic and its CRC is computed once, at construction.
 *
 * <p>The options are applied before connect (SO_RCVBUF must be, to count in the window scale).
 * Every send is bounded by a {@link StallWatchdog}: no progress for the bound closes the socket and
 * the send throws a {@link StallException} naming the configuration.
 */
final class BulkStream implements Closeable {
    private final IoPath path;
    private final int writeSize;
    private final String configuration;
    private final Request request;
    private final ReplyCheck check = new ReplyCheck();
    private final EffectiveOptions options;
    private final StallWatchdog watchdog;
    // STREAM path
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] ack = new byte[Header.BYTES];
    private final ByteBuffer ackView = ByteBuffer.wrap(ack);
    // CHANNEL_* paths
    private final SocketChannel channel;
    private final ByteBuffer ackBuffer = ByteBuffer.allocateDirect(Header.BYTES);
    /** Frame bytes handed to the kernel so far (all sends), also the watchdog's progress count. */
    private long bytesSent;
    private boolean failed;

    /**
     * @param configuration how the point is named in a stall message, e.g. "sndBuf=4096 writeSize=65536 ..."
     * @param stallNanos    the watchdog's bound: longest time a send may go without moving a byte
     */
    BulkStream(SocketAddress server, IoPath path, SocketTuning tuning, int streamBytes, int writeSize,
               String configuration, long stallNanos) throws IOException {
        if (writeSize <= 0 || streamBytes <= 0) {
            throw new IllegalArgumentException("writeSize and streamBytes must be > 0: " + writeSize + ", " + streamBytes);
        }
        this.path = path;
        this.writeSize = writeSize;
        this.configuration = configuration;
        this.request = path == IoPath.CHANNEL_DIRECT ? Request.direct(Kind.ACK, streamBytes) : Request.of(Kind.ACK, streamBytes);
        Closeable toClose;
        if (path == IoPath.STREAM) {
            socket = new Socket();
            channel = null;
            toClose = socket;
            try {
                tuning.applyToClient(OptionTarget.of(socket));
                // A timed connect, as StreamConnection and most applications do. Note: on JDK 25 (not 17) it
                // leaves the socket O_NONBLOCK, so byte[] writes become write(2) + poll (seen with strace).
                socket.connect(server, StreamConnection.CONNECT_TIMEOUT_MILLIS);
                options = EffectiveOptions.readFrom(OptionTarget.of(socket));
                out = socket.getOutputStream();
                in = socket.getInputStream();
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
        } else {
            socket = null;
            out = null;
            in = null;
            channel = SocketChannel.open();
            toClose = channel;
            try {
                tuning.applyToClient(OptionTarget.of(channel));
                channel.connect(server);
                options = EffectiveOptions.readFrom(OptionTarget.of(channel));
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }
        watchdog = new StallWatchdog(configuration, stallNanos, toClose);
    }

    /** Sends one stream and verifies the server's reply; throws on a lost, short or corrupted stream or a stall. */
    void send() throws IOException {
        request.next();
        watchdog.arm();
        try {
            if (path == IoPath.STREAM) {
                sendStream();
            } else {
                sendChannel();
            }
        } catch (IOException e) {
            failed = true;
            throw watchdog.check(e);
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        } finally {
            watchdog.disarm();
        }
        watchdog.throwIfStalled();
    }

    private void sendStream() throws IOException {
        byte[] frame = request.array();
        int end = request.frameLength();
        out.write(frame, 0, Header.BYTES);
        for (int off = Header.BYTES; off < end; ) {
            int n = Math.min(writeSize, end - off);
            out.write(frame, off, n);
            off += n;
            watchdog.progress(bytesSent += n);
        }
        bytesSent += Header.BYTES;
        for (int done = 0; done < Header.BYTES; ) {
            int r = in.read(ack, done, Header.BYTES - done);
            if (r < 0) {
                throw new EOFException("server closed the connection after " + done + " of " + Header.BYTES
                        + " ack bytes (" + configuration + ")");
            }
            done += r;
        }
        check.verify(request, ackView);
    }

    private void sendChannel() throws IOException {
        ByteBuffer frame = request.frame();
        int end = request.frameLength();
        frame.limit(Header.BYTES).position(0);
        while (frame.hasRemaining()) {
            channel.write(frame);
        }
        for (int off = Header.BYTES; off < end; ) {
            int n = Math.min(writeSize, end - off);
            frame.limit(off + n).position(off);
            while (frame.hasRemaining()) {
                channel.write(frame);
            }
            off += n;
            watchdog.progress(bytesSent += n);
        }
        bytesSent += Header.BYTES;
        ackBuffer.clear();
        while (ackBuffer.hasRemaining()) {
            if (channel.read(ackBuffer) < 0) {
                throw new EOFException("server closed the connection after " + ackBuffer.position() + " of "
                        + Header.BYTES + " ack bytes (" + configuration + ")");
            }
        }
        check.verify(request, ackBuffer);
    }

    /** Options read back after connect. */
    EffectiveOptions options() {
        return options;
    }

    /** Options read back now: autotuning grows SO_SNDBUF/SO_RCVBUF as data flows. */
    EffectiveOptions currentOptions() throws IOException {
        return EffectiveOptions.readFrom(path == IoPath.STREAM ? OptionTarget.of(socket) : OptionTarget.of(channel));
    }

    /** Frame bytes (headers + payloads) sent by completed and partial sends. */
    long bytesSent() {
        return bytesSent;
    }

    /** The local port, to find this connection in {@code ss} output. */
    int localPort() {
        return path == IoPath.STREAM ? socket.getLocalPort()
                : ((InetSocketAddress) channel.socket().getLocalSocketAddress()).getPort();
    }

    /** The request whose frame is sent, for tests that corrupt it after its CRC was computed. */
    Request request() {
        return request;
    }

    /** Whether every send so far completed and verified (no stall, no error). */
    boolean healthy() {
        return !failed && !watchdog.stalled();
    }

    String configuration() {
        return configuration;
    }

    @Override
    public void close() throws IOException {
        try {
            watchdog.close();
        } finally {
            if (socket != null) {
                socket.close();
            } else {
                channel.close();
            }
        }
    }
}
