package dev.nettune.server;

import dev.nettune.socket.EffectiveOptions;
import dev.nettune.socket.OptionTarget;
import dev.nettune.socket.Transport;
import dev.nettune.wire.ProtocolException;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
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
    /** How long close() waits for each thread to end. */
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
        acceptor.start();
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
        try {
            // The buffered input lets one read() pick up header and small payload together, like the Selector server.
            new StreamFrameServer(new BufferedInputStream(s.getInputStream(), 64 << 10), s.getOutputStream(),
                    this, becameControl).serve();
        } catch (ProtocolException | EOFException e) {
            stats.protocolErrors.increment();
        } catch (IOException e) {
            // Reset by the peer or closed by close(): this connection ends, the server goes on.
        } finally {
            closeConnection(s);
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

    /** The acceptor and the connection threads alive now (with a pool: idle ones too). */
    @Override
    public int threadCount() {
        return 1 + threads.size();
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

    @Override
    public void close() {
        closing = true;
        try {
            listener.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            join(acceptor);
            for (Socket s : sockets) {
                closeConnection(s);
            }
            if (pool != null) {
                pool.shutdownNow(); // idle threads end at once, busy ones when their connection's read fails
            }
            for (Thread t : threads) {
                join(t);
            }
        }
    }

    static void join(Thread t) {
        try {
            t.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            throw new IllegalStateException("thread " + t.getName() + " did not stop within " + JOIN_MILLIS + " ms");
        }
    }
}
