package dev.nettune.server;

import dev.nettune.socket.SocketTuning;
import dev.nettune.socket.Transport;

/**
 * A ServerConfig says how a server listens and serves.
 *
 * @param transport     TCP on loopback, or a Unix-domain socket (Selector server only)
 * @param tuning        socket options for the listener and accepted sockets
 * @param backlog       listen backlog; the kernel caps it at net.core.somaxconn
 * @param maxFrameBytes largest payload accepted; a larger header drops the connection
 * @param eventLoops    Selector threads (Selector server only), >= 1
 */
public record ServerConfig(Transport transport, SocketTuning tuning, int backlog, int maxFrameBytes, int eventLoops) {
    public static final int DEFAULT_BACKLOG = 4096;
    /** 16 MiB: above the largest frame any benchmark sends; caps what a peer can make the server allocate. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 16 << 20;
    public static final int DEFAULT_EVENT_LOOPS = 1;

    /** TCP on loopback, TCP_NODELAY on, defaults elsewhere. */
    public static final ServerConfig DEFAULT = new ServerConfig(Transport.TCP, SocketTuning.NO_DELAY,
            DEFAULT_BACKLOG, DEFAULT_MAX_FRAME_BYTES, DEFAULT_EVENT_LOOPS);

    public ServerConfig {
        if (transport == null || tuning == null) {
            throw new IllegalArgumentException("transport and tuning are required");
        }
        if (backlog < 1) {
            throw new IllegalArgumentException("backlog must be >= 1: " + backlog);
        }
        if (maxFrameBytes < 0) {
            throw new IllegalArgumentException("maxFrameBytes must be >= 0: " + maxFrameBytes);
        }
        if (eventLoops < 1) {
            throw new IllegalArgumentException("eventLoops must be >= 1: " + eventLoops);
        }
    }

    public ServerConfig withTransport(Transport t) { return new ServerConfig(t, tuning, backlog, maxFrameBytes, eventLoops); }
    public ServerConfig withTuning(SocketTuning t) { return new ServerConfig(transport, t, backlog, maxFrameBytes, eventLoops); }
    public ServerConfig withMaxFrameBytes(int m) { return new ServerConfig(transport, tuning, backlog, m, eventLoops); }
    public ServerConfig withEventLoops(int n) { return new ServerConfig(transport, tuning, backlog, maxFrameBytes, n); }
}
