package dev.nettune.server;

import dev.nettune.socket.SocketTuning;
import dev.nettune.socket.Transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * A ServerConfig says how a server listens and serves.
 *
 * @param transport     TCP (on loopback, or the one bind address given), or a Unix-domain socket (Selector server only)
 * @param tuning        socket options for the listener and accepted sockets
 * @param backlog       listen backlog; the kernel caps it at net.core.somaxconn
 * @param maxFrameBytes largest payload accepted; a larger header drops the connection
 * @param eventLoops    Selector threads (Selector server only), >= 1
 * @param bindAddress   the one address a TCP server listens on, or null for loopback; never a wildcard
 * @param port          TCP port to listen on, 0 for one the kernel chooses (read back from the server)
 * @param maxBufferedBytes  the memory budget: read buffers of all connections together, bytes; a connection whose
 *                          frame would take more is closed (counted, logged)
 * @param readTimeoutMillis a connection that stops sending in the middle of a frame (header or payload started)
 *                          is closed after this long without a byte; 0 = never. An idle connection between frames
 *                          is never timed out: benchmarks keep persistent connections idle between iterations
 */
public record ServerConfig(Transport transport, SocketTuning tuning, int backlog, int maxFrameBytes, int eventLoops,
                           InetAddress bindAddress, int port, long maxBufferedBytes, int readTimeoutMillis) {
    public static final int DEFAULT_BACKLOG = 4096;
    /** 16 MiB: above the largest frame any benchmark sends; caps what a peer can make the server allocate. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 16 << 20;
    public static final int DEFAULT_EVENT_LOOPS = 1;
    /**
     * 1 GiB: the read buffers of all connections together. Buffers grow only as a frame's bytes arrive, so a
     * header alone costs a connection its small first buffer, not the length it announces; this caps what peers
     * that do send their payloads (and then stall, or never read the reply) can make the server hold. Above the
     * benchmarks' own need (1,024 connections x 256 KiB echo = 256 MiB); 10,000 x 256 KiB would need 2.5 GiB.
     */
    public static final long DEFAULT_MAX_BUFFERED_BYTES = 1L << 30;
    /** 10 s without a byte in the middle of a frame: far beyond any pause of a live peer on loopback or a shaped link. */
    public static final int DEFAULT_READ_TIMEOUT_MILLIS = 10_000;

    /** TCP on loopback, TCP_NODELAY on, defaults elsewhere. */
    public static final ServerConfig DEFAULT = new ServerConfig(Transport.TCP, SocketTuning.NO_DELAY,
            DEFAULT_BACKLOG, DEFAULT_MAX_FRAME_BYTES, DEFAULT_EVENT_LOOPS, null, 0);

    /** With the default memory budget and read timeout. */
    public ServerConfig(Transport transport, SocketTuning tuning, int backlog, int maxFrameBytes, int eventLoops,
                        InetAddress bindAddress, int port) {
        this(transport, tuning, backlog, maxFrameBytes, eventLoops, bindAddress, port, DEFAULT_MAX_BUFFERED_BYTES,
                DEFAULT_READ_TIMEOUT_MILLIS);
    }

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
        if (bindAddress != null && bindAddress.isAnyLocalAddress()) {
            throw new IllegalArgumentException(bindAddress.getHostAddress() + " is a wildcard address: a server listens on one address"
                    + " it is given (loopback by default), never on all of them");
        }
        if (bindAddress != null && transport != Transport.TCP) {
            throw new IllegalArgumentException("a bind address is for TCP; a " + transport + " server listens on a fresh socket file");
        }
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        if (maxBufferedBytes < 1) {
            throw new IllegalArgumentException("maxBufferedBytes must be >= 1: " + maxBufferedBytes);
        }
        if (readTimeoutMillis < 0) {
            throw new IllegalArgumentException("readTimeoutMillis must be >= 0 (0: none): " + readTimeoutMillis);
        }
    }

    /** Where to listen: the bind address (loopback when not set) and port, or a fresh Unix-domain socket path. */
    public SocketAddress newBindAddress() {
        if (transport != Transport.TCP) {
            return transport.newBindAddress();
        }
        return new InetSocketAddress(bindAddress != null ? bindAddress : InetAddress.getLoopbackAddress(), port);
    }

    public ServerConfig withTransport(Transport t) { return new ServerConfig(t, tuning, backlog, maxFrameBytes, eventLoops, bindAddress, port, maxBufferedBytes, readTimeoutMillis); }
    public ServerConfig withTuning(SocketTuning t) { return new ServerConfig(transport, t, backlog, maxFrameBytes, eventLoops, bindAddress, port, maxBufferedBytes, readTimeoutMillis); }
    public ServerConfig withMaxFrameBytes(int m) { return new ServerConfig(transport, tuning, backlog, m, eventLoops, bindAddress, port, maxBufferedBytes, readTimeoutMillis); }
    public ServerConfig withEventLoops(int n) { return new ServerConfig(transport, tuning, backlog, maxFrameBytes, n, bindAddress, port, maxBufferedBytes, readTimeoutMillis); }
    /** Listens on {@code address} (null: loopback) and {@code p} (0: any free port). */
    public ServerConfig withBind(InetAddress address, int p) { return new ServerConfig(transport, tuning, backlog, maxFrameBytes, eventLoops, address, p, maxBufferedBytes, readTimeoutMillis); }
    public ServerConfig withMaxBufferedBytes(long b) { return new ServerConfig(transport, tuning, backlog, maxFrameBytes, eventLoops, bindAddress, port, b, readTimeoutMillis); }
    public ServerConfig withReadTimeoutMillis(int ms) { return new ServerConfig(transport, tuning, backlog, maxFrameBytes, eventLoops, bindAddress, port, maxBufferedBytes, ms); }
}
