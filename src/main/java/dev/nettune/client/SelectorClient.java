package dev.nettune.client;

import dev.nettune.socket.EffectiveOptions;
import dev.nettune.socket.OptionTarget;
import dev.nettune.socket.SocketTuning;
import dev.nettune.socket.Transport;
import dev.nettune.wire.Kind;
import dev.nettune.wire.ReplyCheck;
import dev.nettune.wire.Request;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * A SelectorClient drives many non-blocking SocketChannels from the calling thread through one
 * Selector: each connection runs its own closed loop of request, reply, request... All
 * connections are in flight at once; partial writes and reads are resumed when the selector says so.
 */
public final class SelectorClient implements AutoCloseable {
    /** A select() that sees no progress for this long means the exchange stalled. */
    public static final long STALL_MILLIS = 30_000;

    private final Selector selector;
    private final List<Conn> conns = new ArrayList<>();
    private final EffectiveOptions options;

    private static final class Conn {
        final SocketChannel channel;
        final Request request;
        final ReplyCheck check = new ReplyCheck();
        final ByteBuffer reply;
        SelectionKey key;
        long sentAt;
        long remaining;

        Conn(SocketChannel channel, Request request) {
            this.channel = channel;
            this.request = request;
            this.reply = ByteBuffer.allocateDirect(request.replyLength());
        }
    }

    /**
     * Opens {@code connections} connections, each with its own request of {@code payloadBytes}.
     */
    public SelectorClient(SocketAddress server, SocketTuning tuning, int connections, Kind kind, int payloadBytes) throws IOException {
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be >= 1: " + connections);
        }
        selector = Selector.open();
        EffectiveOptions first = null;
        try {
            for (int i = 0; i < connections; i++) {
                SocketChannel c = Transport.of(server).openChannel();
                try {
                    tuning.applyToClient(OptionTarget.of(c));
                    c.connect(server);
                    if (first == null) {
                        first = EffectiveOptions.readFrom(OptionTarget.of(c));
                    }
                    c.configureBlocking(false);
                    Conn conn = new Conn(c, Request.direct(kind, payloadBytes));
                    conn.key = c.register(selector, 0, conn);
                    conns.add(conn);
                } catch (IOException | RuntimeException e) {
                    c.close();
                    throw e;
                }
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        options = first;
    }

    /** Runs {@code rounds} verified round trips on every connection; returns the total. */
    public long roundTrips(long rounds) throws IOException {
        return run(rounds, Long.MAX_VALUE, null, null);
    }

    /**
     * Runs round trips on every connection until {@code deadlineNanos} (System.nanoTime), recording
     * each round trip's latency in nanoseconds when {@code latencies} is not null; returns the total.
     */
    public long runUntil(long deadlineNanos, LongConsumer latencies) throws IOException {
        return run(Long.MAX_VALUE, deadlineNanos, null, latencies);
    }

    /**
     * Runs round trips on every connection for as long as {@code keepGoing} says so (asked after
     * each reply; each connection then finishes the round trip it has in flight), recording each
     * round trip's latency in nanoseconds when {@code latencies} is not null; returns the total.
     * For a load that runs until another thread stops it, without pausing every connection at
     * the slice boundaries repeated {@link #runUntil} calls would make.
     */
    public long runWhile(BooleanSupplier keepGoing, LongConsumer latencies) throws IOException {
        return run(Long.MAX_VALUE, Long.MAX_VALUE, keepGoing, latencies);
    }

    private long run(long rounds, long deadlineNanos, BooleanSupplier keepGoing, LongConsumer latencies) throws IOException {
        Run run = new Run(deadlineNanos, keepGoing, latencies);
        for (Conn c : conns) {
            c.remaining = rounds;
            send(c);
            run.active++;
        }
        while (run.active > 0) {
            // select(Consumer) hands over each ready key without the selected-key set, whose
            // iteration scans every bucket it ever grew to (1,024 connections: costlier than the I/O).
            if (selector.select(run, STALL_MILLIS) == 0) {
                throw new IOException("no progress on " + run.active + " of " + conns.size() + " connections for " + STALL_MILLIS + " ms (stalled)");
            }
            if (run.failure != null) {
                throw run.failure;
            }
        }
        return run.completed;
    }

    /** One call of {@link #run}: what it counts, and what each ready key does. */
    private final class Run implements Consumer<SelectionKey> {
        final long deadlineNanos;
        final BooleanSupplier keepGoing;
        final LongConsumer latencies;
        long completed;
        int active;
        /** The first I/O error; select(Consumer) takes no checked exceptions. */
        IOException failure;

        Run(long deadlineNanos, BooleanSupplier keepGoing, LongConsumer latencies) {
            this.deadlineNanos = deadlineNanos;
            this.keepGoing = keepGoing;
            this.latencies = latencies;
        }

        @Override
        public void accept(SelectionKey key) {
            if (failure != null) {
                return;
            }
            Conn c = (Conn) key.attachment();
            try {
                if (key.isWritable()) {
                    writeSome(c);
                } else if (key.isReadable() && readSome(c)) {
                    c.check.verify(c.request, c.reply);
                    completed++;
                    long now = System.nanoTime();
                    if (latencies != null) {
                        latencies.accept(now - c.sentAt);
                    }
                    if (--c.remaining > 0 && now < deadlineNanos && (keepGoing == null || keepGoing.getAsBoolean())) {
                        send(c);
                    } else {
                        key.interestOps(0);
                        active--;
                    }
                }
            } catch (IOException e) {
                failure = e;
            }
        }
    }

    private void send(Conn c) throws IOException {
        c.request.next();
        c.reply.clear();
        c.sentAt = System.nanoTime();
        writeSome(c);
    }

    private void writeSome(Conn c) throws IOException {
        ByteBuffer frame = c.request.frame();
        while (frame.hasRemaining()) {
            if (c.channel.write(frame) == 0) {
                c.key.interestOps(SelectionKey.OP_WRITE);
                return;
            }
        }
        c.key.interestOps(SelectionKey.OP_READ);
    }

    /** Reads what is there; true when the whole reply has arrived. */
    private static boolean readSome(Conn c) throws IOException {
        int r;
        while ((r = c.channel.read(c.reply)) > 0) {
            if (!c.reply.hasRemaining()) {
                return true;
            }
        }
        if (r < 0) {
            throw new EOFException("server closed a connection after " + c.reply.position() + " of " + c.reply.limit() + " reply bytes");
        }
        return !c.reply.hasRemaining();
    }

    public int connections() {
        return conns.size();
    }

    /** Options read back from the first connection (all are tuned alike). */
    public EffectiveOptions options() {
        return options;
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (Conn c : conns) {
            try {
                c.channel.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        conns.clear();
        selector.close();
        if (first != null) {
            throw first;
        }
    }
}
