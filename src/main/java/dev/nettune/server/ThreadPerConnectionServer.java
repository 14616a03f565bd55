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
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.LongAdder;

/**
 * A ThreadPerConnectionServer accepts on java.net.ServerSocket and serves each connection's
 * blocking streams on a thread of its own from the given factory (platform or virtual).
 */
abstract class ThreadPerConnectionServer implements Server {
    /** How long close() waits for each thread to end. */
    static final long JOIN_MILLIS = 5_000;

    private final ServerConfig config;
    private final ServerStats stats = new ServerStats();
    private final ServerSocket listener;
    private final EffectiveOptions listenerOptions;
    private final ThreadFactory connectionThreads;
    private final Thread acceptor;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    /** False for virtual threads, whose CPU time the JVM does not report per thread. */
    private final boolean platformThreads;
    /** CPU time of connection threads that have ended, ns. */
    private final LongAdder endedThreadsCpu = new LongAdder();
    private volatile EffectiveOptions acceptedOptions;
    private volatile boolean closing;

    ThreadPerConnectionServer(ServerConfig config, ThreadFactory connectionThreads, boolean platformThreads, String name) throws IOException {
        if (config.transport() != Transport.TCP) {
            throw new IllegalArgumentException(name + " serves java.net.Socket streams over TCP only, not " + config.transport());
        }
        this.config = config;
        this.connectionThreads = connectionThreads;
        this.platformThreads = platformThreads;
        this.listener = new ServerSocket(); // unbound so SO_RCVBUF precedes bind; bound to loopback port 0 below
        try {
            config.tuning().applyToListener(OptionTarget.of(listener));
            listener.bind(config.transport().newBindAddress(), config.backlog());
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
                acceptedOptions = EffectiveOptions.readFrom(OptionTarget.of(s));
                Thread t = connectionThreads.newThread(() -> serve(s));
                threads.add(t);
                t.start();
            } catch (IOException | RuntimeException e) {
                closeConnection(s);
            }
        }
    }

    private void serve(Socket s) {
        try {
            // The buffered input lets one read() pick up header and small payload together, like the Selector server.
            new StreamFrameServer(new BufferedInputStream(s.getInputStream(), 64 << 10), s.getOutputStream(),
                    stats, config.maxFrameBytes()).serve();
        } catch (ProtocolException | EOFException e) {
            stats.protocolErrors.increment();
        } catch (IOException e) {
            // Reset by the peer or closed by close(): this connection ends, the server goes on.
        } finally {
            closeConnection(s);
            threads.remove(Thread.currentThread());
            if (platformThreads) {
                endedThreadsCpu.add(ThreadCpu.current());
            }
        }
    }

    private void closeConnection(Socket s) {
        if (sockets.remove(s)) {
            try {
                s.close();
            } catch (IOException e) {
                // Nothing more to release for this socket.
            }
            stats.closed.increment();
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
