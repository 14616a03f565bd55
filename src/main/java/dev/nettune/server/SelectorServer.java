package dev.nettune.server;

import dev.nettune.socket.EffectiveOptions;
import dev.nettune.socket.OptionTarget;
import dev.nettune.socket.Transport;
import dev.nettune.wire.Header;
import dev.nettune.wire.Kind;
import dev.nettune.wire.ProtocolException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * A SelectorServer serves non-blocking channels on one or more Selector event loops. Loop 0 also
 * accepts and hands connections out round-robin. Each connection is a small state machine that
 * survives partial reads and writes and pipelined frames: read as much as its buffer takes, serve
 * every complete frame, write each reply; OP_WRITE is wanted only while a reply is pending. One
 * read(2) and one write(2) per request when each request arrives alone. Works over TCP and
 * Unix-domain sockets. A {@link Kind#STATS} request is answered with the server's
 * {@link StatsReply} and makes its connection a control connection, whose frames are not counted.
 */
public final class SelectorServer implements Server {
    /** Ack payloads are read through a per-loop scratch buffer of this size. */
    private static final int ACK_CHUNK_BYTES = 64 << 10;
    /**
     * A connection's first read buffer: a small frame and its header arrive in one read. It grows as a frame's
     * bytes arrive, doubling when they fill it, up to the largest echo frame seen, and is then kept.
     */
    static final int INITIAL_BUFFER_BYTES = 512;

    private final ServerConfig config;
    private final ServerStats stats = new ServerStats();
    private final ServerSocketChannel listener;
    private final SocketAddress address;
    private final EffectiveOptions listenerOptions;
    private final EventLoop[] loops;
    private final AtomicInteger nextLoop = new AtomicInteger();
    private final AtomicInteger openConnections = new AtomicInteger();
    private final LastAccepted lastAccepted = new LastAccepted(stats);
    private final BufferBudget budget;
    private final ServerLog log = ServerLog.stderr();
    private volatile boolean closing;

    public SelectorServer(ServerConfig config) throws IOException {
        this.config = config;
        this.budget = new BufferBudget(stats, config.maxBufferedBytes());
        SocketAddress bindAddress = config.newBindAddress();
        this.listener = config.transport().openListener(bindAddress);
        EventLoop[] created = new EventLoop[config.eventLoops()];
        try {
            config.tuning().applyToListener(OptionTarget.of(listener));
            listener.bind(bindAddress, config.backlog());
            address = listener.getLocalAddress();
            listenerOptions = EffectiveOptions.readFrom(OptionTarget.of(listener));
            listener.configureBlocking(false);
            for (int i = 0; i < created.length; i++) {
                created[i] = new EventLoop(i);
            }
            created[0].selector.wakeup();
            listener.register(created[0].selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            for (EventLoop l : created) {
                if (l != null) {
                    l.selector.close();
                }
            }
            listener.close();
            Transport.cleanUp(bindAddress);
            throw e;
        }
        loops = created;
        for (EventLoop l : loops) {
            l.thread.start();
        }
    }

    /**
     * Per-connection state. {@code in} holds what was read and not yet served, from {@code start} to
     * its position; an echo reply is the request itself with a new header, written from {@code in}
     * where it lies. Reads take as much as {@code in} has room for, so a small frame arrives in one
     * read, and frames pipelined behind it stay buffered until their turn.
     */
    private static final class Connection {
        final SocketChannel channel;
        /** The peer, for log lines (read at accept: after a close the channel no longer says). */
        final SocketAddress peer;
        final Header header = new Header();
        /** Allocated, within the budget, when the connection's loop registers it. */
        ByteBuffer in;
        /** A view of {@code in} for checksumming buffered bytes and writing an echo reply without moving {@code in}. */
        ByteBuffer echoView;
        /** An ack reply (a header only); allocated on the first ack. */
        ByteBuffer ackReply;
        /** The reply waiting for OP_WRITE, or null. */
        ByteBuffer pendingReply;
        /** Offset in {@code in} of the first byte not yet served. */
        int start;
        /** Ack payload bytes still to read; -1 when not inside an ack payload. */
        int ackLeft = -1;
        /** True once a STATS request made this a control connection: its frames and its close are not counted. */
        boolean control;
        /** Takes this connection out of the served ones when a STATS request makes it a control connection. */
        final Runnable becameControl;
        /** The loop's clock (System.nanoTime()) when a byte last came in or went out: for the read timeout. */
        long lastProgressNanos;

        Connection(SocketChannel channel, Runnable becameControl) {
            this.channel = channel;
            this.becameControl = becameControl;
            SocketAddress p;
            try {
                p = channel.getRemoteAddress();
            } catch (IOException e) {
                p = null;
            }
            this.peer = p;
        }

        boolean midFrame() {
            return ackLeft >= 0 || in.position() > start || pendingReply != null;
        }
    }

    private final class EventLoop implements Runnable {
        final Selector selector;
        final Thread thread;
        final Queue<Connection> handedOver = new ConcurrentLinkedQueue<>();
        final ByteBuffer scratch = ByteBuffer.allocateDirect(ACK_CHUNK_BYTES);
        final CRC32C crc = new CRC32C();
        /**
         * Handed to select(Consumer), which calls it per ready key without the selected-key set:
         * iterating that HashSet scans every bucket it ever grew to, which at 1,024 connections
         * cost more per request than the loop's own work.
         */
        final Consumer<SelectionKey> onReadyKey = this::dispatch;
        /** System.nanoTime() once per select() pass that has ready keys, taken at its first key; for the read timeout. */
        long now;
        boolean nowTaken;
        /** When this loop last looked for connections stalled mid-frame. */
        long lastScanNanos = System.nanoTime();

        EventLoop(int index) throws IOException {
            selector = Selector.open();
            thread = new Thread(this, "selector-server-loop-" + index);
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            int timeout = config.readTimeoutMillis();
            long tick = timeout > 0 ? ReadTimeouts.tickMillis(timeout) : 0;
            try {
                while (!closing) {
                    // Before select: connections this loop accepted itself were queued during the last pass.
                    registerHandedOver();
                    nowTaken = false;
                    selector.select(onReadyKey, tick); // with no read timeout, 0: wait for a key however long
                    if (tick > 0) {
                        long t = nowTaken ? now : System.nanoTime(); // a pass with keys has read the clock already
                        if (t - lastScanNanos >= TimeUnit.MILLISECONDS.toNanos(tick)) {
                            lastScanNanos = t;
                            closeStalled(t, TimeUnit.MILLISECONDS.toNanos(timeout));
                        }
                    }
                }
            } catch (IOException | ClosedSelectorException e) {
                // The loop ends; close() below releases everything it owned.
            } finally {
                for (SelectionKey key : selector.keys()) {
                    if (key.isValid() && key.attachment() instanceof Connection) { // a cancelled key's connection is counted closed already
                        closeConnection(key, (Connection) key.attachment());
                    }
                }
                for (Connection c; (c = handedOver.poll()) != null; ) {
                    closeQuietly(c.channel);
                }
                closeQuietly(selector);
            }
        }

        /** Serves one ready key. */
        private void dispatch(SelectionKey key) {
            if (!key.isValid() || closing) {
                return; // closing: the loop ends after this pass, however many keys are ready
            }
            if (!nowTaken) {
                now = System.nanoTime();
                nowTaken = true;
            }
            if (key.isAcceptable()) {
                acceptAll();
            } else {
                handle(key);
            }
        }

        private void registerHandedOver() {
            for (Connection c; (c = handedOver.poll()) != null; ) {
                try {
                    budget.reserve(INITIAL_BUFFER_BYTES, "a new connection's first buffer");
                    c.in = ByteBuffer.allocateDirect(INITIAL_BUFFER_BYTES);
                    c.echoView = c.in.duplicate();
                    c.channel.register(selector, SelectionKey.OP_READ, c);
                } catch (IOException e) {
                    if (e instanceof BufferBudget.BudgetRefusal) {
                        stats.budgetRefusals.increment();
                        log.closed(c.peer, e.getMessage());
                    }
                    releaseBuffer(c);
                    closeQuietly(c.channel);
                    stats.connectionClosed(false);
                    openConnections.decrementAndGet();
                }
            }
        }

        /** Closes the connections that have waited mid-frame with no byte for the read timeout. */
        private void closeStalled(long t, long timeoutNanos) {
            for (SelectionKey key : selector.keys()) {
                if (key.attachment() instanceof Connection) {
                    Connection c = (Connection) key.attachment();
                    if (key.isValid() && c.midFrame() && t - c.lastProgressNanos >= timeoutNanos) {
                        stats.readTimeouts.increment();
                        log.closed(c.peer, ReadTimeouts.reason(config.readTimeoutMillis()));
                        closeConnection(key, c);
                    }
                }
            }
            log.tick();
        }

        private void acceptAll() {
            for (;;) {
                SocketChannel c;
                try {
                    c = listener.accept();
                } catch (IOException e) {
                    return; // e.g. ECONNABORTED: the next select() tries again
                }
                if (c == null) {
                    return;
                }
                stats.accepted.increment();
                openConnections.incrementAndGet();
                Connection conn;
                try {
                    c.configureBlocking(false);
                    config.tuning().applyToAccepted(OptionTarget.of(c));
                    conn = new Connection(c, lastAccepted.accepted(OptionTarget.of(c)));
                } catch (IOException | RuntimeException e) {
                    closeQuietly(c);
                    stats.connectionClosed(false);
                    openConnections.decrementAndGet();
                    continue;
                }
                EventLoop target = loops[Math.floorMod(nextLoop.getAndIncrement(), loops.length)];
                target.handedOver.add(conn);
                if (target != this) {
                    target.selector.wakeup(); // this loop registers its own before its next select()
                }
            }
        }

        private void handle(SelectionKey key) {
            Connection conn = (Connection) key.attachment();
            try {
                if (key.isWritable()) {
                    writeReply(key, conn);
                } else if (key.isReadable()) {
                    readAndServe(key, conn);
                }
            } catch (ProtocolException e) {
                stats.protocolErrors.increment();
                log.closed(conn.peer, "protocol error: " + e.getMessage());
                closeConnection(key, conn);
            } catch (BufferBudget.BudgetRefusal e) {
                stats.budgetRefusals.increment();
                log.closed(conn.peer, e.getMessage());
                closeConnection(key, conn);
            } catch (IOException e) {
                closeConnection(key, conn); // reset by the peer: only this connection ends
            }
        }

        /**
         * Serves what is buffered, then reads and serves until the socket has nothing more. A read
         * that leaves room in the buffer means the socket was drained: the loop goes back to the
         * selector (level-triggered, so data that arrives meanwhile is reported) rather than spend
         * a read(2) per request only to hear EAGAIN.
         */
        private void readAndServe(SelectionKey key, Connection conn) throws IOException {
            boolean drained = false;
            for (;;) {
                if (!serveBuffered(key, conn) || drained) {
                    return;
                }
                if (conn.ackLeft > 0) {
                    // The rest of a (possibly large) ack payload streams through the loop's scratch buffer.
                    if (!readAckPayload(conn) || !replyToAck(key, conn)) {
                        return;
                    }
                    continue;
                }
                ByteBuffer in = conn.in;
                int room = in.remaining();
                int r = conn.channel.read(in);
                if (r < 0) {
                    throw conn.midFrame() ? new ProtocolException("peer closed mid-frame") : new IOException("peer closed");
                }
                if (r == 0) {
                    return;
                }
                conn.lastProgressNanos = now;
                if (!conn.control) {
                    stats.bytesIn.add(r);
                }
                drained = r < room;
            }
        }

        /**
         * Serves every complete frame in the buffer, in order; true when it needs more bytes (and
         * has made room for them), false when a reply is waiting for OP_WRITE.
         */
        private boolean serveBuffered(SelectionKey key, Connection conn) throws IOException {
            ByteBuffer in = conn.in;
            for (;;) {
                int available = in.position() - conn.start;
                if (conn.ackLeft >= 0) {
                    int n = Math.min(conn.ackLeft, available);
                    if (n > 0) {
                        crcOver(conn, conn.start, n);
                        conn.start += n;
                        conn.ackLeft -= n;
                    }
                    if (conn.ackLeft > 0) {
                        makeRoom(conn, Header.BYTES);
                        return true;
                    }
                    if (!replyToAck(key, conn)) {
                        return false;
                    }
                    continue;
                }
                if (available < Header.BYTES) {
                    makeRoom(conn, Header.BYTES);
                    return true;
                }
                Header h = conn.header.decode(in, conn.start, config.maxFrameBytes());
                if (!h.kind().isRequest()) {
                    throw new ProtocolException("expected a request, got " + h);
                }
                if (h.kind() == Kind.STATS) {
                    conn.start += Header.BYTES;
                    if (!answerStats(key, conn, h)) {
                        return false;
                    }
                    continue;
                }
                if (h.kind() == Kind.ACK) {
                    crc.reset();
                    conn.start += Header.BYTES;
                    conn.ackLeft = h.length();
                    continue;
                }
                int frame = Header.BYTES + h.length();
                if (available < frame) {
                    makeRoom(conn, frame);
                    return true;
                }
                // A complete echo frame: verify, turn its header into the reply's, send it back from where it lies.
                crc.reset();
                crcOver(conn, conn.start + Header.BYTES, h.length());
                if ((int) crc.getValue() != h.crc()) {
                    throw new ProtocolException("payload CRC mismatch in " + h);
                }
                Header.encode(in, conn.start, Kind.ECHO_REPLY, h.length(), h.seq(), h.crc());
                ByteBuffer reply = conn.echoView;
                reply.clear().position(conn.start).limit(conn.start + frame);
                conn.start += frame;
                if (!startReply(key, conn, reply, true)) {
                    return false;
                }
            }
        }

        /**
         * Answers a STATS request on the control path: the connection becomes a control connection,
         * the bytes of its first request (counted at read, before the connection was known to be one)
         * are taken back out, and from then on nothing it reads or writes is counted — a reply's bytes
         * never pass through the counters, so a reader racing the reply's write sees them unchanged.
         * True when the reply was sent, false when it waits for OP_WRITE.
         */
        private boolean answerStats(SelectionKey key, Connection conn, Header h) throws IOException {
            if (h.length() != 0) {
                throw new ProtocolException("a STATS request has no payload, got " + h);
            }
            if (!conn.control) {
                conn.control = true;
                conn.becameControl.run();
                stats.bytesIn.add(-Header.BYTES);
            }
            return startReply(key, conn, StatsReply.frame(SelectorServer.this, h.seq()), false);
        }

        /** Adds {@code length} buffered bytes from {@code offset} to the CRC (through the view: in's position marks the data's end). */
        private void crcOver(Connection conn, int offset, int length) {
            ByteBuffer view = conn.echoView;
            view.clear().position(offset).limit(offset + length);
            crc.update(view);
        }

        /**
         * Makes {@code in} able to take more of a frame of {@code frameBytes} that starts at {@code start}: rewinds
         * it when empty, moves the unserved bytes to the front, and when they fill it, doubles it (capped at the
         * frame). It never grows ahead of the bytes: a header alone costs no more than the buffer it came in.
         */
        private void makeRoom(Connection conn, int frameBytes) throws BufferBudget.BudgetRefusal {
            ByteBuffer in = conn.in;
            int end = in.position();
            if (end == conn.start) {
                in.clear();
                conn.start = 0;
                return;
            }
            if (conn.start + frameBytes <= in.capacity()) {
                return;
            }
            if (conn.start > 0) {
                in.limit(end).position(conn.start);
                in.compact();
                conn.start = 0;
                end = in.position();
            }
            if (end == in.capacity()) {
                int capacity = Math.min(frameBytes, in.capacity() * 2);
                budget.reserve(capacity - in.capacity(), "a frame of " + conn.header.length() + " payload bytes");
                ByteBuffer bigger = ByteBuffer.allocateDirect(capacity);
                in.flip();
                bigger.put(in);
                conn.in = bigger;
                conn.echoView = bigger.duplicate();
            }
        }

        /** Streams an ack payload through the scratch buffer; true when all of it was read. */
        private boolean readAckPayload(Connection conn) throws IOException {
            while (conn.ackLeft > 0) {
                scratch.clear().limit(Math.min(conn.ackLeft, scratch.capacity()));
                int r = conn.channel.read(scratch);
                if (r < 0) {
                    throw new ProtocolException("peer closed mid-frame");
                }
                if (r == 0) {
                    return false;
                }
                conn.lastProgressNanos = now;
                if (!conn.control) {
                    stats.bytesIn.add(r);
                }
                scratch.flip();
                crc.update(scratch);
                conn.ackLeft -= r;
            }
            return true;
        }

        /** The whole ack payload is in: checks its CRC and sends the ack reply. */
        private boolean replyToAck(SelectionKey key, Connection conn) throws IOException {
            if ((int) crc.getValue() != conn.header.crc()) {
                throw new ProtocolException("payload CRC mismatch in " + conn.header);
            }
            conn.ackLeft = -1;
            if (conn.ackReply == null) {
                conn.ackReply = ByteBuffer.allocateDirect(Header.BYTES);
            }
            Header.encode(conn.ackReply, 0, Kind.ACK_REPLY, 0, conn.header.seq(), conn.header.crc());
            conn.ackReply.clear();
            return startReply(key, conn, conn.ackReply, true);
        }

        /** Writes a reply now; if the socket cannot take it all, waits for OP_WRITE. True when sent. */
        private boolean startReply(SelectionKey key, Connection conn, ByteBuffer reply, boolean counted) throws IOException {
            if (counted) {
                stats.frames.increment();
            }
            if (!writeSome(conn, reply)) {
                conn.pendingReply = reply;
                key.interestOps(SelectionKey.OP_WRITE);
                return false;
            }
            return true;
        }

        private void writeReply(SelectionKey key, Connection conn) throws IOException {
            if (writeSome(conn, conn.pendingReply)) {
                conn.pendingReply = null;
                key.interestOps(SelectionKey.OP_READ);
                readAndServe(key, conn); // pipelined requests may be buffered or waiting
            }
        }

        private boolean writeSome(Connection conn, ByteBuffer reply) throws IOException {
            while (reply.hasRemaining()) {
                int w = conn.channel.write(reply);
                if (w == 0) {
                    return false;
                }
                conn.lastProgressNanos = now;
                if (!conn.control) {
                    stats.bytesOut.add(w);
                }
            }
            return true;
        }

        private void closeConnection(SelectionKey key, Connection conn) {
            key.cancel();
            closeQuietly(conn.channel);
            releaseBuffer(conn);
            stats.connectionClosed(conn.control);
            openConnections.decrementAndGet();
        }

        /** Gives the connection's read buffer back to the budget (its memory goes when the collector frees the buffer). */
        private void releaseBuffer(Connection conn) {
            if (conn.in != null) {
                budget.release(conn.in.capacity());
                conn.in = null;
                conn.echoView = null;
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // Closing on the way out: nothing else can be done with the error.
        }
    }

    @Override
    public SocketAddress address() {
        return address;
    }

    @Override
    public ServerModel model() {
        return ServerModel.SELECTOR;
    }

    @Override
    public ServerConfig config() {
        return config;
    }

    @Override
    public ServerStats stats() {
        return stats;
    }

    @Override
    public EffectiveOptions listenerOptions() {
        return listenerOptions;
    }

    @Override
    public EffectiveOptions acceptedOptions() {
        return lastAccepted.get();
    }

    @Override
    public int threadCount() {
        return loops.length;
    }

    @Override
    public long cpuNanos() {
        if (!ThreadCpu.supported()) {
            return -1;
        }
        long sum = 0;
        for (EventLoop l : loops) {
            sum += ThreadCpu.of(l.thread);
        }
        return sum;
    }

    /** Stops every loop (each ends its pass, skipping the keys left, and closes its connections) within {@value ThreadPerConnectionServer#JOIN_MILLIS} ms in all. */
    @Override
    public void close() {
        closing = true;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ThreadPerConnectionServer.JOIN_MILLIS);
        for (EventLoop l : loops) {
            l.selector.wakeup();
        }
        IllegalStateException late = null;
        for (EventLoop l : loops) {
            try {
                ThreadPerConnectionServer.join(l.thread, deadline);
            } catch (IllegalStateException e) {
                late = late == null ? e : late; // the listener is closed all the same
            }
        }
        log.flushSuppressed();
        try {
            listener.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Transport.cleanUp(address);
        }
        if (late != null) {
            throw late;
        }
    }
}
