package dev.nettune.client.bulk;

import dev.nettune.client.ChannelConnection;
import dev.nettune.client.ClientConnection;
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
 * <p>The connection is a {@link StreamConnection} (byte[] writes; connected with a timeout, as
 * most applications do) or a {@link ChannelConnection} (heap or direct ByteBuffer writes); the
 * options are applied before connect (SO_RCVBUF must be, to count in the window scale). Every send
 * is bounded by a {@link StallWatchdog}: no progress for the bound closes the connection and the
 * send throws a {@link StallException} naming the configuration.
 */
public final class BulkStream implements Closeable {
    private final IoPath path;
    private final int writeSize;
    private final String configuration;
    private final Request request;
    private final ReplyCheck check = new ReplyCheck();
    private final ClientConnection connection;
    private final StallWatchdog watchdog;
    // STREAM path
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
    public BulkStream(SocketAddress server, IoPath path, SocketTuning tuning, int streamBytes, int writeSize,
                      String configuration, long stallNanos) throws IOException {
        if (writeSize <= 0 || streamBytes <= 0) {
            throw new IllegalArgumentException("writeSize and streamBytes must be > 0: " + writeSize + ", " + streamBytes);
        }
        this.path = path;
        this.writeSize = writeSize;
        this.configuration = configuration;
        this.request = path == IoPath.CHANNEL_DIRECT ? Request.direct(Kind.ACK, streamBytes) : Request.of(Kind.ACK, streamBytes);
        if (path == IoPath.STREAM) {
            StreamConnection c = new StreamConnection(server, tuning, StreamConnection.CONNECT_TIMEOUT_MILLIS);
            connection = c;
            try {
                out = c.socket().getOutputStream();
                in = c.socket().getInputStream();
            } catch (IOException | RuntimeException e) {
                c.close();
                throw e;
            }
            channel = null;
        } else {
            ChannelConnection c = new ChannelConnection(server, tuning);
            connection = c;
            channel = c.channel();
            out = null;
            in = null;
        }
        watchdog = new StallWatchdog(configuration, stallNanos, connection);
    }

    /** Sends one stream and verifies the server's reply; throws on a lost, short or corrupted stream or a stall. */
    public void send() throws IOException {
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
    public EffectiveOptions options() {
        return connection.options();
    }

    /** Options read back now: autotuning grows SO_SNDBUF/SO_RCVBUF as data flows. */
    public EffectiveOptions currentOptions() throws IOException {
        return EffectiveOptions.readFrom(path == IoPath.STREAM ? OptionTarget.of(((StreamConnection) connection).socket())
                : OptionTarget.of(channel));
    }

    /** Frame bytes (headers + payloads) sent by completed and partial sends. */
    public long bytesSent() {
        return bytesSent;
    }

    /** The request whose frame is sent, for tests that corrupt it after its CRC was computed. */
    public Request request() {
        return request;
    }

    /** Whether every send so far completed and verified (no stall, no error). */
    public boolean healthy() {
        return !failed && !watchdog.stalled();
    }

    public String configuration() {
        return configuration;
    }

    @Override
    public void close() throws IOException {
        try {
            watchdog.close();
        } finally {
            connection.close();
        }
    }
}
