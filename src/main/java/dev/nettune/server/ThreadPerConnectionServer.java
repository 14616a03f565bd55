package dev.nettune.server;

import dev.nettune.socket.EffectiveOptions;
import dev.nettune.socket.OptionTarget;
import dev.nettune.socket.Transport;
import dev.nettune.wire.ProtocolException;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A ThreadPerConnectionServer accepts on java.net.ServerSocket and serves each connection's
 * blocking streams on a thread of its own while the connection lasts: a new thread from the given
 * factory per connection (platform or virtual), or, with a pool, a thread that may have served
 * connections before ({@link PooledServer}).
 */
abstract class ThreadPerConnectionServer implements Server {
    /** How long close() waits for all the server's threads together to end. */
    static final long JOIN_MILLIS = 5_000;
    /** An idle pool thread ends after this long without a connection to serve. */
    static final long POOL_KEEP_ALIVE_SECONDS = 60;

    private final ServerConfig config;
    private final ServerModel model;
    private final ServerStats stats = new ServerStats();
    private final ServerSocket listener;
    private final EffectiveOptions listenerOptions;
    /** Makes connection threads; each is counted in {@link #threads} from creation until it ends. */
    private final ThreadFactory connectionThreads;
    /** The pool connections are handed to, or null: a new thread per connection. */
    private final ThreadPoolExecutor pool;
    private final Thread acceptor;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    /** Accepted sockets that became control connections (a STATS request): closing them is not counted. */
    private final Set<Socket> controlSockets = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    /** The connections being served, for the watchdog that closes those stalled mid-frame. */
    private final Map<Socket, StreamFrameServer> served = new ConcurrentHashMap<>();
    private final BufferBudget budget;
    private final ServerLog log = ServerLog.stderr();
    /** Closes connections stalled mid-frame for the read timeout; null when there is none. */
    private final Thread watchdog;
    /** False for virtual threads, whose CPU time the JVM does not report per thread. */
    private final boolean platformThreads;
    /** CPU time of connection threads that have ended, ns. */
    private final LongAdder endedThreadsCpu = new LongAdder();
    private final LastAccepted lastAccepted = new LastAccepted(stats);
    private volatile boolean closing;

    /**
     * @param pooled false: a new thread from {@code connectionThreads} per connection; true: connections
     *               go to a cached pool of such threads (an idle one serves the next connection, a new
     *               one starts only when all are busy, idle ones end after {@value #POOL_KEEP_ALIVE_SECONDS} s)
     */
    ThreadPerConnectionServer(ServerConfig config, ServerModel model, ThreadFactory connectionThreads, boolean platformThreads,
                              boolean pooled, String name) throws IOException {
        if (config.transport() != Transport.TCP) {
            throw new IllegalArgumentException(name + " serves java.net.Socket streams over TCP only, not " + config.transport());
        }
        this.config = config;
        this.model = model;
        this.budget = new BufferBudget(stats, config.maxBufferedBytes());
        this.connectionThreads = counted(connectionThreads);
        this.platformThreads = platformThreads;
        // No cap on threads, unlike Tomcat's maxThreads: a cap below the number of persistent
        // connections would leave the ones beyond it waiting for a thread forever.
        this.pool = pooled ? new ThreadPoolExecutor(0, Integer.MAX_VALUE, POOL_KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
                new SynchronousQueue<>(), this.connectionThreads) : null;
        this.listener = new ServerSocket(); // unbound so SO_RCVBUF precedes bind; bound to loopback (or the address given) below
        try {
            config.tuning().applyToListener(OptionTarget.of(listener));
            listener.bind(config.newBindAddress(), config.backlog());
            listenerOptions = EffectiveOptions.readFrom(OptionTarget.of(listener));
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
        acceptor = new Thread(this::acceptLoop, name + "-acceptor-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        if (config.readTimeoutMillis() > 0) {
            watchdog = new Thread(this::watchLoop, name + "-watchdog-" + listener.getLocalPort());
            watchdog.setDaemon(true);
            watchdog.start();
        } else {
            watchdog = null;
        }
        acceptor.start();
    }

    /**
     * Every {@link ReadTimeouts#tickMillis tick}, closes the sockets of connections that have waited mid-frame
     * with no byte for the read timeout; their threads' reads then fail and they end. Blocking reads have no
     * cheaper way: SO_TIMEOUT would switch each socket to non-blocking reads plus poll(2), changing the
     * measured path, and it cannot tell an idle connection from a stalled frame.
     */
    private void watchLoop() {
        long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(config.readTimeoutMillis());
        long tick = ReadTimeouts.tickMillis(config.readTimeoutMillis());
        while (!closing) {
            try {
                Thread.sleep(tick);
            } catch (InterruptedException e) {
                return; // close() interrupts
            }
            long now = System.nanoTime();
            for (Map.Entry<Socket, StreamFrameServer> e : served.entrySet()) {
                StreamFrameServer f = e.getValue();
                long reads = f.reads();
                if (!f.midFrame() || reads != f.watchedReads) {
                    f.watchedReads = reads;
                    f.stalledSinceNanos = now;
                } else if (now - f.stalledSinceNanos >= timeoutNanos && sockets.contains(e.getKey())) {
                    stats.readTimeouts.increment();
                    log.closed(e.getKey().getRemoteSocketAddress(), ReadTimeouts.reason(config.readTimeoutMillis()));
                    closeConnection(e.getKey());
                }
            }
            log.tick();
        }
    }

    private void acceptLoop() {
        while (!closing) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                if (closing) {
                    return;
                }
                continue; // e.g. ECONNABORTED from a client that gave up: keep accepting
            }
            stats.accepted.increment();
            sockets.add(s);
            try {
                config.tuning().applyToAccepted(OptionTarget.of(s));
                Runnable asControl = lastAccepted.accepted(OptionTarget.of(s));
                Runnable becameControl = () -> {
                    controlSockets.add(s);
                    asControl.run();
                };
                if (pool != null) {
                    pool.execute(() -> serve(s, becameControl));
                } else {
                    connectionThreads.newThread(() -> serve(s, becameControl)).start();
                }
            } catch (IOException | RuntimeException e) {
                closeConnection(s); // RejectedExecutionException included: the pool is shutting down
            }
        }
    }

    private void serve(Socket s, Runnable becameControl) {
        StreamFrameServer frames = null;
        try {
            // StreamFrameServer buffers itself: one read() picks up header and small payload together, like the Selector server.
            frames = new StreamFrameServer(s.getInputStream(), s.getOutputStream(), this, budget, becameControl);
            served.put(s, frames);
            if (closing) {
                return; // close() may have passed this socket already
            }
            frames.serve();
        } catch (ProtocolException | EOFException e) {
            if (sockets.contains(s)) { // not a read failing because the watchdog or close() closed the socket
                stats.protocolErrors.increment();
                log.closed(s.getRemoteSocketAddress(), "protocol error: " + e.getMessage());
            }
        } catch (BufferBudget.BudgetRefusal e) {
            stats.budgetRefusals.increment();
            log.closed(s.getRemoteSocketAddress(), e.getMessage());
        } catch (IOException e) {
            // Reset by the peer or closed by close(): this connection ends, the server goes on.
        } finally {
            served.remove(s);
            closeConnection(s);
            if (frames != null) {
                frames.release();
            }
        }
    }

    /**
     * Wraps a factory so that each thread is in {@link #threads} from creation to its end, when
     * its CPU time moves to {@link #endedThreadsCpu} (a pool thread's covers every connection it served).
     */
    private ThreadFactory counted(ThreadFactory factory) {
        return r -> {
            Thread t = factory.newThread(() -> {
                try {
                    r.run();
                } finally {
                    if (platformThreads) {
                        endedThreadsCpu.add(ThreadCpu.current());
                    }
                    threads.remove(Thread.currentThread());
                }
            });
            threads.add(t);
            return t;
        };
    }

    private void closeConnection(Socket s) {
        if (sockets.remove(s)) {
            try {
                s.close();
            } catch (IOException e) {
                // Nothing more to release for this socket.
            }
            stats.connectionClosed(controlSockets.remove(s));
        }
    }

    /**
     * Closes every accepted connection from the server's side (FIN), keeping the listener open:
     * for tests of clients that must notice a connection the server dropped. Only those open when called; returns how many.
     */
    public int closeConnections() {
        int n = 0;
        // A snapshot: connections a client opens in reaction to these closes are not closed too.
        for (Socket s : java.util.List.copyOf(sockets)) {
            closeConnection(s);
            n++;
        }
        return n;
    }

    @Override
    public SocketAddress address() {
        return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
    }

    @Override
    public ServerModel model() {
        return model;
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

    /** The acceptor, the read-timeout watchdog (when there is a timeout) and the connection threads alive now (with a pool: idle ones too). */
    @Override
    public int threadCount() {
        return (watchdog != null ? 2 : 1) + threads.size();
    }

    @Override
    public long cpuNanos() {
        if (!platformThreads || !ThreadCpu.supported()) {
            return -1;
        }
        long sum = endedThreadsCpu.sum() + ThreadCpu.of(acceptor);
        for (Thread t : threads) {
            sum += ThreadCpu.of(t);
        }
        return sum;
    }

    /**
     * Closes the listener and every connection (a thread blocked in a read or write gets an exception and ends)
     * and joins all threads, within {@value #JOIN_MILLIS} ms in all, however many connections there are.
     */
    @Override
    public void close() {
        closing = true;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_MILLIS);
        try {
            listener.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (watchdog != null) {
                watchdog.interrupt();
            }
            // Every step runs even when a thread overstays: the first such failure is thrown at the end.
            IllegalStateException late = null;
            try {
                join(acceptor, deadline); // first, so that no connection it accepts after the sweep below stays open
            } catch (IllegalStateException e) {
                late = e;
            }
            for (Socket s : sockets) {
                closeConnection(s);
            }
            if (pool != null) {
                pool.shutdownNow(); // idle threads end at once, busy ones when their connection's read fails
            }
            List<Thread> all = new ArrayList<>(threads);
            if (watchdog != null) {
                all.add(watchdog);
            }
            for (Thread t : all) {
                try {
                    join(t, deadline);
                } catch (IllegalStateException e) {
                    late = late == null ? e : late;
                }
            }
            log.flushSuppressed();
            if (late != null) {
                throw late;
            }
        }
    }

    /** Joins {@code t} by {@code deadlineNanos} (System.nanoTime()); IllegalStateException when it is still alive then. */
    static void join(Thread t, long deadlineNanos) {
        try {
            long left = deadlineNanos - System.nanoTime();
            if (left > 0) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            throw new IllegalStateException("thread " + t.getName() + " did not stop within " + JOIN_MILLIS + " ms of close()"
                    + " (" + stackTop(t) + ")");
        }
    }

    /** Where a thread that did not stop is: its top frames, for the error message. */
    private static String stackTop(Thread t) {
        StackTraceElement[] st = t.getStackTrace();
        StringBuilder b = new StringBuilder("at ");
        for (int i = 0; i < Math.min(3, st.length); i++) {
            b.append(i > 0 ? " < " : "").append(st[i]);
        }
        return st.length == 0 ? "no stack" : b.toString();
    }
}
