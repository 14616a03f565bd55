package dev.nettune.server;

import dev.nettune.wire.Header;
import dev.nettune.wire.Kind;
import dev.nettune.wire.ProtocolException;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * A StreamFrameServer serves frames on one connection's blocking streams until the peer closes:
 * echo requests come back in one write, ack requests are streamed through the buffer and answered
 * with a header. It buffers on its own, like the Selector server: each read takes as much as the
 * buffer has room for, so a small frame's header and payload arrive in one read(2), and frames
 * pipelined behind it wait in the buffer for their turn. The buffer starts small and grows only as
 * a frame's bytes arrive, doubling when the bytes fill it (never to a length a header merely
 * announces), up to the largest frame seen; it is then kept, so a benchmark's repeated frames
 * allocate nothing. Its bytes are reserved in the server's {@link BufferBudget}. A
 * {@link Kind#STATS} request is answered with the server's {@link StatsReply} and makes the
 * connection a control connection, whose frames are not counted.
 *
 * <p>For the read timeout, the connection says (without fences: opaque accesses, plain moves on
 * x86) whether it is waiting in the middle of a frame and how many reads have returned; a watchdog
 * thread that sees it mid-frame with no new read for the timeout closes its socket.
 */
final class StreamFrameServer {
    /** The first buffer: a header and a 1 KiB payload arrive in one read. */
    static final int INITIAL_BUFFER_BYTES = Header.BYTES + 1024;
    /** Ack payloads stream through the buffer; it grows (as bytes arrive) up to this size for them, no further. */
    private static final int ACK_CHUNK_BYTES = 64 << 10;
    private static final VarHandle MID_FRAME;
    private static final VarHandle READS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            MID_FRAME = l.findVarHandle(StreamFrameServer.class, "midFrame", boolean.class);
            READS = l.findVarHandle(StreamFrameServer.class, "reads", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final InputStream in;
    private final OutputStream out;
    private final ServerStats stats;
    private final BufferBudget budget;
    private final int maxFrameBytes;
    /** The server the connection belongs to, for STATS replies. */
    private final Server server;
    /** Run once, when the connection's first STATS request makes it a control connection. */
    private final Runnable becameControl;
    private boolean control;
    private final Header header = new Header();
    private final CRC32C crc = new CRC32C();
    /** Received bytes not yet served lie in buf[start, end). */
    private byte[] buf;
    private ByteBuffer view;
    private int start;
    private int end;
    /** An ack reply (a header only), apart from buf, which may hold pipelined frames; allocated on the first ack. */
    private ByteBuffer ackReply;
    /** True while blocked for the rest of a started frame (opaque: read by the watchdog). */
    @SuppressWarnings("unused")
    private boolean midFrame;
    /** Reads that returned bytes (opaque: read by the watchdog to see progress). */
    @SuppressWarnings("unused")
    private long reads;
    /** The watchdog's own bookkeeping (its thread only): reads when last seen, and since when none came mid-frame. */
    long watchedReads = -1;
    long stalledSinceNanos;

    /**
     * Reserves the first buffer in the server's budget.
     *
     * @throws BufferBudget.BudgetRefusal when the budget has no room for it
     */
    StreamFrameServer(InputStream in, OutputStream out, Server server, BufferBudget budget, Runnable becameControl)
            throws BufferBudget.BudgetRefusal {
        this.in = in;
        this.out = out;
        this.server = server;
        this.stats = server.stats();
        this.budget = budget;
        this.maxFrameBytes = server.config().maxFrameBytes();
        this.becameControl = becameControl;
        budget.reserve(INITIAL_BUFFER_BYTES, "a new connection's first buffer");
        buf = new byte[INITIAL_BUFFER_BYTES];
        view = ByteBuffer.wrap(buf);
    }

    /** Whether a STATS request made this a control connection. */
    boolean control() {
        return control;
    }

    /** Whether the connection is waiting for the rest of a frame it started. */
    boolean midFrame() {
        return (boolean) MID_FRAME.getOpaque(this);
    }

    /** Reads that returned bytes so far. */
    long reads() {
        return (long) READS.getOpaque(this);
    }

    /** Gives the buffer's bytes back to the budget; called once, when the connection ends. */
    void release() {
        if (buf != null) {
            budget.release(buf.length);
            buf = null;
        }
    }

    /** Serves until a clean EOF between frames; throws on a protocol error, an EOF mid-frame or a budget refusal. */
    void serve() throws IOException {
        while (fill(Header.BYTES, true)) {
            header.decode(view, start, maxFrameBytes);
            if (!header.kind().isRequest()) {
                throw new ProtocolException("expected a request, got " + header);
            }
            int len = header.length();
            if (header.kind() == Kind.STATS) {
                start += Header.BYTES;
                answerStats();
                continue;
            }
            crc.reset();
            if (header.kind() == Kind.ECHO) {
                int frame = Header.BYTES + len;
                fill(frame, false);
                crc.update(buf, start + Header.BYTES, len);
                checkCrc();
                Header.encode(view, start, Kind.ECHO_REPLY, len, header.seq(), header.crc());
                count(frame, frame);
                MID_FRAME.setOpaque(this, false);
                out.write(buf, start, frame);
                start += frame;
            } else {
                start += Header.BYTES;
                for (int left = len; left > 0; ) {
                    if (start == end) {
                        readMore(Math.min(left, ACK_CHUNK_BYTES));
                    }
                    int n = Math.min(left, end - start);
                    crc.update(buf, start, n);
                    start += n;
                    left -= n;
                }
                checkCrc();
                if (ackReply == null) {
                    ackReply = ByteBuffer.allocate(Header.BYTES);
                }
                Header.encode(ackReply, 0, Kind.ACK_REPLY, 0, header.seq(), header.crc());
                count(Header.BYTES + len, Header.BYTES);
                MID_FRAME.setOpaque(this, false);
                out.write(ackReply.array(), 0, Header.BYTES);
            }
            out.flush();
        }
    }

    /** Counts a served frame before replying, so a client that has its reply also sees it counted. */
    private void count(int bytesIn, int bytesOut) {
        stats.bytesIn.add(bytesIn);
        stats.bytesOut.add(bytesOut);
        stats.frames.increment();
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
        MID_FRAME.setOpaque(this, false);
        out.write(reply.array(), 0, reply.limit());
        out.flush();
    }

    private void checkCrc() throws ProtocolException {
        if ((int) crc.getValue() != header.crc()) {
            throw new ProtocolException("payload CRC mismatch in " + header);
        }
    }

    /**
     * Reads until {@code n} bytes from {@code start} are buffered; false on EOF with nothing buffered when that is
     * allowed (between frames).
     */
    private boolean fill(int n, boolean eofAllowedWhenEmpty) throws IOException {
        if (start == end) {
            start = 0;
            end = 0;
        }
        while (end - start < n) {
            if (start + n > buf.length) {
                makeRoom(n);
            }
            if (!read(end > start)) {
                if (end == start && eofAllowedWhenEmpty) {
                    return false;
                }
                throw new EOFException("peer closed mid-frame after " + (end - start) + " of " + n + " bytes");
            }
        }
        return true;
    }

    /** Reads some bytes of an ack payload (the buffer is empty): at most {@code want}, growing the buffer toward that as they come. */
    private void readMore(int want) throws IOException {
        start = 0;
        end = 0;
        if (!read(true)) {
            throw new EOFException("peer closed mid-frame in an ack payload");
        }
        if (end == buf.length && buf.length < want) {
            grow(Math.min(want, buf.length * 2)); // the read filled the buffer: the peer sends faster than it holds
        }
    }

    /**
     * One read(2) into the free end of the buffer; false at EOF. {@code partial}: a frame has started (its first
     * bytes are in), so the read timeout runs while this read waits; an idle connection between frames waits freely.
     */
    private boolean read(boolean partial) throws IOException {
        MID_FRAME.setOpaque(this, partial);
        int r = in.read(buf, end, buf.length - end);
        if (r < 0) {
            return false;
        }
        end += r;
        READS.setOpaque(this, (long) READS.getOpaque(this) + 1);
        return true;
    }

    /**
     * Makes the buffer able to take more of a frame of {@code n} bytes that starts at {@code start}: moves the
     * unserved bytes to the front, and when they fill the buffer, doubles it (capped at {@code n}).
     */
    private void makeRoom(int n) throws BufferBudget.BudgetRefusal {
        int have = end - start;
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, have);
            start = 0;
            end = have;
        }
        if (end == buf.length) {
            grow(Math.min(n, Math.max(buf.length * 2, INITIAL_BUFFER_BYTES)));
        }
    }

    private void grow(int capacity) throws BufferBudget.BudgetRefusal {
        budget.reserve(capacity - buf.length, "a frame of " + header.length() + " payload bytes");
        byte[] bigger = new byte[capacity];
        System.arraycopy(buf, start, bigger, 0, end - start);
        end -= start;
        start = 0;
        buf = bigger;
        view = ByteBuffer.wrap(bigger);
    }
}
