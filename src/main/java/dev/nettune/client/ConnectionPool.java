package dev.nettune.client;

import dev.nettune.socket.SocketTuning;
import dev.nettune.wire.ProtocolException;
import dev.nettune.wire.Request;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A ConnectionPool shares at most {@code size} blocking connections among threads: borrow, use,
 * return. Connections are opened lazily. A connection the server closed is detected when an
 * exchange on it fails with EOF or a reset, closed, replaced by a fresh one, and the exchange
 * retried once on it (requests are idempotent echoes), so the caller sees no failure.
 */
public final class ConnectionPool implements AutoCloseable {
    /** How long borrow() waits for a free connection before reporting the pool exhausted. */
    public static final long BORROW_TIMEOUT_SECONDS = 30;

    private final SocketAddress server;
    private final SocketTuning tuning;
    private final int size;
    private final BlockingQueue<StreamConnection> idle;
    private final List<StreamConnection> all = new ArrayList<>();
    private final AtomicLong replaced = new AtomicLong();
    private int opened;
    private boolean closed;

    public ConnectionPool(SocketAddress server, SocketTuning tuning, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("pool size must be >= 1: " + size);
        }
        this.server = server;
        this.tuning = tuning;
        this.size = size;
        this.idle = new ArrayBlockingQueue<>(size);
    }

    /** Takes a connection: an idle one, a new one while below size, or waits for one to be returned. */
    public StreamConnection borrow() throws IOException {
        StreamConnection c = idle.poll();
        if (c != null) {
            return c;
        }
        c = openIfBelowSize();
        if (c != null) {
            return c;
        }
        try {
            c = idle.poll(BORROW_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a pooled connection");
        }
        if (c == null) {
            throw new IOException("no pooled connection free within " + BORROW_TIMEOUT_SECONDS + " s (pool size " + size + ")");
        }
        return c;
    }

    /** Gives a healthy connection back. */
    public void release(StreamConnection c) {
        if (!idle.offer(c)) {
            throw new IllegalStateException("released more connections than the pool holds");
        }
    }

    /** Borrows, exchanges (replacing a connection the server closed, once), releases. */
    public void exchange(Request request) throws IOException {
        StreamConnection c = borrow();
        try {
            c.exchange(request);
        } catch (ProtocolException e) {
            discard(c);
            throw e; // wrong data is a real failure, not a stale connection
        } catch (IOException stale) {
            c = replace(c);
            try {
                c.exchange(request);
            } catch (IOException e) {
                discard(c);
                throw e;
            }
        }
        release(c);
    }

    private synchronized StreamConnection openIfBelowSize() throws IOException {
        if (closed) {
            throw new IOException("pool is closed");
        }
        if (opened >= size) {
            return null;
        }
        StreamConnection c = new StreamConnection(server, tuning);
        opened++;
        all.add(c);
        return c;
    }

    /**
     * Closes a connection the server dropped and opens its replacement in the same slot: the slot
     * is never free in between, so a borrower opening a connection at that moment cannot take it
     * (which once left the replacing thread with "no room" under load).
     */
    private StreamConnection replace(StreamConnection broken) throws IOException {
        synchronized (this) {
            if (closed) {
                throw new IOException("pool is closed");
            }
            all.remove(broken);
        }
        try {
            broken.close();
        } catch (IOException e) {
            // Already broken; its slot goes to the replacement either way.
        }
        replaced.incrementAndGet();
        StreamConnection c;
        try {
            c = new StreamConnection(server, tuning);
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                if (!closed) {
                    opened--; // the slot is free again
                }
            }
            throw e;
        }
        synchronized (this) {
            if (closed) {
                c.close();
                throw new IOException("pool is closed");
            }
            all.add(c);
        }
        return c;
    }

    private synchronized void discard(StreamConnection c) {
        all.remove(c);
        opened--;
        try {
            c.close();
        } catch (IOException e) {
            // Already broken; it is out of the pool either way.
        }
    }

    /** Connections replaced because the server had closed them. */
    public long replaced() {
        return replaced.get();
    }

    /** Connections currently open (idle or borrowed). */
    public synchronized int open() {
        return opened;
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        for (StreamConnection c : all) {
            c.close();
        }
        all.clear();
        idle.clear();
        opened = 0;
    }
}
