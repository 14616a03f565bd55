package dev.nettune.server;

import dev.nettune.wire.Header;
import dev.nettune.wire.Kind;
import dev.nettune.wire.ProtocolException;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * A StreamFrameServer serves frames on one connection's blocking streams until the peer closes:
 * echo requests come back in one write, ack requests are streamed through a fixed chunk and
 * answered with a header. Buffers grow to the largest frame seen (capped) and are reused. A
 * {@link Kind#STATS} request is answered with the server's {@link StatsReply} and makes the
 * connection a control connection, whose frames are not counted.
 */
final class StreamFrameServer {
    /** Ack payloads are read in chunks of this size, so a large one never needs a large buffer. */
    private static final int ACK_CHUNK_BYTES = 64 << 10;

    private final InputStream in;
    private final OutputStream out;
    private final ServerStats stats;
    private final int maxFrameBytes;
    /** The server the connection belongs to, for STATS replies. */
    private final Server server;
    /** Run once, when the connection's first STATS request makes it a control connection. */
    private final Runnable becameControl;
    private boolean control;
    private final Header header = new Header();
    private final CRC32C crc = new CRC32C();
    private byte[] buf = new byte[Header.BYTES + 1024];
    private ByteBuffer view = ByteBuffer.wrap(buf);

    StreamFrameServer(InputStream in, OutputStream out, Server server, Runnable becameControl) {
        this.in = in;
        this.out = out;
        this.server = server;
        this.stats = server.stats();
        this.maxFrameBytes = server.config().maxFrameBytes();
        this.becameControl = becameControl;
    }

    /** Whether a STATS request made this a control connection. */
    boolean control() {
        return control;
    }

    /** Serves until a clean EOF between frames; throws on a protocol error or an EOF mid-frame. */
    void serve() throws IOException {
        while (readFully(0, Header.BYTES, true)) {
            header.decode(view, 0, maxFrameBytes);
            if (!header.kind().isRequest()) {
                throw new ProtocolException("expected a request, got " + header);
            }
            int len = header.length();
            if (header.kind() == Kind.STATS) {
                answerStats();
                continue;
            }
            crc.reset();
            int replyBytes;
            if (header.kind() == Kind.ECHO) {
                ensureCapacity(Header.BYTES + len);
                readFully(Header.BYTES, len, false);
                crc.update(buf, Header.BYTES, len);
                checkCrc();
                Header.encode(view, 0, Kind.ECHO_REPLY, len, header.seq(), header.crc());
                replyBytes = Header.BYTES + len;
            } else {
                for (int left = len; left > 0; ) {
                    int n = Math.min(left, Math.min(ACK_CHUNK_BYTES, buf.length));
                    readFully(0, n, false);
                    crc.update(buf, 0, n);
                    left -= n;
                }
                checkCrc();
                Header.encode(view, 0, Kind.ACK_REPLY, 0, header.seq(), header.crc());
                replyBytes = Header.BYTES;
            }
            // Count before replying, so a client that has its reply also sees it counted.
            stats.bytesIn.add(Header.BYTES + len);
            stats.bytesOut.add(replyBytes);
            stats.frames.increment();
            out.write(buf, 0, replyBytes);
            out.flush();
        }
    }

    /** Answers a STATS request on the control path: nothing counted, the reply built fresh. */
    private void answerStats() throws IOException {
        if (header.length() != 0) {
            throw new ProtocolException("a STATS request has no payload, got " + header);
        }
        if (!control) {
            control = true;
            becameControl.run();
        }
        ByteBuffer reply = StatsReply.frame(server, header.seq());
        out.write(reply.array(), 0, reply.limit());
        out.flush();
    }

    private void checkCrc() throws ProtocolException {
        if ((int) crc.getValue() != header.crc()) {
            throw new ProtocolException("payload CRC mismatch in " + header);
        }
    }

    private void ensureCapacity(int n) {
        if (buf.length < n) {
            buf = new byte[Math.max(n, Math.min(maxFrameBytes + Header.BYTES, buf.length * 2))];
            view = ByteBuffer.wrap(buf);
        }
    }

    /** Reads exactly n bytes; returns false on EOF before the first byte when that is allowed. */
    private boolean readFully(int off, int n, boolean eofAllowedAtStart) throws IOException {
        int done = 0;
        while (done < n) {
            int r = in.read(buf, off + done, n - done);
            if (r < 0) {
                if (done == 0 && eofAllowedAtStart) {
                    return false;
                }
                throw new EOFException("peer closed mid-frame after " + done + " of " + n + " bytes");
            }
            done += r;
        }
        return true;
    }
}
