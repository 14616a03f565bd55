package dev.nettune.server;

import dev.nettune.socket.EffectiveOptions;

import java.net.SocketAddress;

/**
 * A Server is a nettune echo/ack server: in this process (listening when its constructor returns;
 * {@link #close()} closes the listener and every connection and joins every thread), or one in
 * another process or on another host seen through its control connection ({@link RemoteServer}).
 */
public interface Server extends AutoCloseable {
    /** The bound address: loopback (or the one address configured) with the real port, or a Unix-domain socket path. */
    SocketAddress address();

    /** Which implementation serves. */
    ServerModel model();

    /** How it listens and serves (for a server elsewhere: as it reports). */
    ServerConfig config();

    ServerStats stats();

    /** Options read back from the listening socket after bind. */
    EffectiveOptions listenerOptions();

    /** Options read back from an accepted served socket (the first; all are tuned alike), or null before one. */
    EffectiveOptions acceptedOptions();

    /** Threads this server runs right now (acceptor, event loops, connection threads). */
    int threadCount();

    /**
     * CPU time the server's own threads have used so far, ns, or -1 when it cannot be told apart
     * (virtual threads run on carriers that a virtual-thread client shares). The difference over an
     * interval, per request, is the server's share of the process's CPU per request.
     */
    long cpuNanos();

    @Override
    void close();
}
