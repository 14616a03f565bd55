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
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32C;

/**
 * A SelectorServer serves non-blocking channels on one or more Selector event loops. Loop 0 also
 * accepts and hands connections out round-robin. Each connection is a small state machine that
 * survives partial reads and writes: read header, read payload, write reply; OP_WRITE is wanted
 * only while a reply is pending. Works over TCP and Unix-domain sockets.
 */
public final class SelectorServer implements Server {
    /** Ack payloads are read through a per-loop scratch buffer of this size. */
    private static final int ACK_CHUNK_BYTES = 64 << 10;

    private final ServerConfig config;
    private final ServerStats stats = new ServerStats();
    private final ServerSocketChannel listener;
    private final SocketAddress address;
    private final EffectiveOptions listenerOptions;
    private final EventLoop[] loops;
    private final AtomicInteger nextLoop = new AtomicInteger();
    private final AtomicInteger openConnections = new AtomicInteger();
    private volatile EffectiveOptions acceptedOptions;
    private volatile boolean closing;

    public SelectorServer(ServerConfig config) throws IOException {
        this.config = config;
        this.listener = config.transport().openListener();
        EventLoop[] created = new EventLoop[config.eventLoops()];
        SocketAddress bindAddress = config.transport().newBindAddress();
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

    /** Per-connection state: the buffer holds header then payload, and then the reply in place. */
    private static final class Connection {
        final SocketChannel channel;
        final Header header = new Header();
        ByteBuffer buf = ByteBuffer.allocateDirect(Header.BYTES);
        /** Ack payload bytes still to read; -1 when not inside an ack payload. */
        int ackLeft = -1;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }
    }

    private final class EventLoop implements Runnable {
        final Selector selector;
        final Thread thread;
        final Queue<SocketChannel> handedOver = new ConcurrentLinkedQueue<>();
        final ByteBuffer scratch = ByteBuffer.allocateDirect(ACK_CHUNK_BYTES);
        final CRC32C crc = new CRC32C();

        EventLoop(int index) throws IOException {
            selector = Selector.open();
            thread = new Thread(this, "selector-server-loop-" + index);
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            try {
                while (!closing) {
                    // Before select: connections this loop accepted itself were queued during the last pass.
                    registerHandedOver();
                    selector.select();
                    Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                    while (it.hasNext()) {
                        SelectionKey key = it.next();
                        it.remove();
                        if (!key.isValid()) {
                            continue;
                        }
                        if (key.isAcceptable()) {
                            acceptAll();
                        } else {
                            handle(key);
                        }
                    }
                }
            } catch (IOException | ClosedSelectorException e) {
                // The loop ends; close() below releases everything it owned.
            } finally {
                for (SelectionKey key : selector.keys()) {
                    if (key.attachment() instanceof Connection) {
                        closeConnection(key, (Connection) key.attachment());
                    }
                }
                for (SocketChannel c; (c = handedOver.poll()) != null; ) {
                    closeQuietly(c);
                }
                closeQuietly(selector);
            }
        }

        private void registerHandedOver() {
            for (SocketChannel c; (c = handedOver.poll()) != null; ) {
                try {
                    c.register(selector, SelectionKey.OP_READ, new Connection(c));
                } catch (IOException e) {
                    closeQuietly(c);
                    stats.closed.increment();
                    openConnections.decrementAndGet();
                }
            }
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
                try {
                    c.configureBlocking(false);
                    config.tuning().applyToAccepted(OptionTarget.of(c));
                    acceptedOptions = EffectiveOptions.readFrom(OptionTarget.of(c));
                } catch (IOException | RuntimeException e) {
                    closeQuietly(c);
                    stats.closed.increment();
                    openConnections.decrementAndGet();
                    continue;
                }
                EventLoop target = loops[Math.floorMod(nextLoop.getAndIncrement(), loops.length)];
                target.handedOver.add(c);
                if (target != this) {
                    target.selector.wakeup();
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
                closeConnection(key, conn);
            } catch (IOException e) {
                closeConnection(key, conn); // reset by the peer: only this connection ends
            }
        }

        /** Reads as far as the data goes; serves each complete frame. */
        private void readAndServe(SelectionKey key, Connection conn) throws IOException {
            for (;;) {
                if (conn.ackLeft >= 0) {
                    if (!readAckPayload(conn)) {
                        return;
                    }
                    Header.encode(conn.buf, 0, Kind.ACK_REPLY, 0, conn.header.seq(), conn.header.crc());
                    conn.buf.clear().limit(Header.BYTES);
                    conn.ackLeft = -1;
                    if (!startReply(key, conn)) {
                        return;
                    }
                    continue;
                }
                if (!fill(conn)) {
                    return;
                }
                ByteBuffer buf = conn.buf;
                if (buf.limit() == Header.BYTES) {
                    Header h = conn.header.decode(buf, 0, config.maxFrameBytes());
                    if (!h.kind().isRequest()) {
                        throw new ProtocolException("expected a request, got " + h);
                    }
                    if (h.kind() == Kind.ACK) {
                        crc.reset();
                        conn.ackLeft = h.length();
                        continue;
                    }
                    if (h.length() > 0) {
                        ensureCapacity(conn, Header.BYTES + h.length());
                        conn.buf.limit(Header.BYTES + h.length()).position(Header.BYTES);
                        continue;
                    }
                }
                // A complete echo frame: verify, turn the header into the reply, send it back in place.
                Header h = conn.header;
                crc.reset();
                conn.buf.limit(Header.BYTES + h.length()).position(Header.BYTES);
                crc.update(conn.buf);
                if ((int) crc.getValue() != h.crc()) {
                    throw new ProtocolException("payload CRC mismatch in " + h);
                }
                Header.encode(conn.buf, 0, Kind.ECHO_REPLY, h.length(), h.seq(), h.crc());
                conn.buf.clear().limit(Header.BYTES + h.length());
                if (!startReply(key, conn)) {
                    return;
                }
            }
        }

        /** Reads until buf is full; false when the socket has no more data now. */
        private boolean fill(Connection conn) throws IOException {
            while (conn.buf.hasRemaining()) {
                int r = conn.channel.read(conn.buf);
                if (r < 0) {
                    throw conn.buf.position() == 0 && conn.buf.limit() == Header.BYTES
                            ? new IOException("peer closed") : new ProtocolException("peer closed mid-frame");
                }
                if (r == 0) {
                    return false;
                }
                stats.bytesIn.add(r);
            }
            return true;
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
                stats.bytesIn.add(r);
                scratch.flip();
                crc.update(scratch);
                conn.ackLeft -= r;
            }
            if ((int) crc.getValue() != conn.header.crc()) {
                throw new ProtocolException("payload CRC mismatch in " + conn.header);
            }
            return true;
        }

        /** Writes a reply now; if the socket cannot take it all, waits for OP_WRITE. True when sent. */
        private boolean startReply(SelectionKey key, Connection conn) throws IOException {
            stats.frames.increment();
            if (!writeSome(conn)) {
                key.interestOps(SelectionKey.OP_WRITE);
                return false;
            }
            conn.buf.clear().limit(Header.BYTES);
            return true;
        }

        private void writeReply(SelectionKey key, Connection conn) throws IOException {
            if (writeSome(conn)) {
                conn.buf.clear().limit(Header.BYTES);
                key.interestOps(SelectionKey.OP_READ);
                readAndServe(key, conn); // a pipelined request may already be waiting
            }
        }

        private boolean writeSome(Connection conn) throws IOException {
            while (conn.buf.hasRemaining()) {
                int w = conn.channel.write(conn.buf);
                if (w == 0) {
                    return false;
                }
                stats.bytesOut.add(w);
            }
            return true;
        }

        private void ensureCapacity(Connection conn, int n) {
            if (conn.buf.capacity() < n) {
                ByteBuffer bigger = ByteBuffer.allocateDirect(Math.max(n, Math.min(config.maxFrameBytes() + Header.BYTES, conn.buf.capacity() * 2)));
                conn.buf.position(0).limit(Header.BYTES);
                bigger.put(conn.buf);
                conn.buf = bigger;
            }
        }

        private void closeConnection(SelectionKey key, Connection conn) {
            key.cancel();
            closeQuietly(conn.channel);
            stats.closed.increment();
            openConnections.decrementAndGet();
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
    public ServerStats stats() {
        return stats;
    }

    @Override
    public EffectiveOptions listenerOptions() {
        return listenerOptions;
    }

    @Override
    public EffectiveOptions acceptedOptions() {
        return acceptedOptions;
    }

    @Override
    public int threadCount() {
        return loops.length;
    }

    @Override
    public void close() {
        closing = true;
        for (EventLoop l : loops) {
            l.selector.wakeup();
        }
        for (EventLoop l : loops) {
            ThreadPerConnectionServer.join(l.thread);
        }
        try {
            listener.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Transport.cleanUp(address);
        }
    }
}
