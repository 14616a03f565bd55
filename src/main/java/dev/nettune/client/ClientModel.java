package dev.nettune.client;

import dev.nettune.jvm.VirtualThreads;
import dev.nettune.socket.SocketTuning;
import dev.nettune.socket.Transport;
import dev.nettune.wire.Kind;
import dev.nettune.wire.Request;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A ClientModel names a client I/O model and knows what the load drivers need from it: how to open
 * one connection ({@link #open}), which request buffer it writes without a copy ({@link #request}),
 * which {@link Driver} runs its connections and on which threads ({@link #threads}), and over which
 * transports it works. The drivers in {@code dev.nettune.client.load} ask these questions instead of
 * switching over models, so a new model is one constant here and its connection class.
 */
public enum ClientModel {
    /** Blocking java.net.Socket streams, one platform thread per connection. */
    STREAM(Driver.PLATFORM_THREADS, (s, t, readBack) -> new StreamConnection(s, t, 0, readBack), false, Transport.TCP),
    /** Blocking SocketChannel, one platform thread per connection; writes a direct buffer. */
    CHANNEL(Driver.PLATFORM_THREADS, ChannelConnection::new, true, Transport.TCP, Transport.UNIX),
    /** Non-blocking SocketChannels on one Selector thread ({@link SelectorClient}); no one-connection form. */
    SELECTOR(Driver.SELECTOR, null, true, Transport.TCP, Transport.UNIX),
    /** AsynchronousSocketChannel with completion handlers. */
    ASYNC(Driver.ASYNC, (s, t, readBack) -> new AsyncConnection(s, t, null, readBack), true, Transport.TCP),
    /** Blocking Socket streams on a virtual thread per connection (JDK 21+). */
    VIRTUAL(Driver.VIRTUAL_THREADS, (s, t, readBack) -> new StreamConnection(s, t, 0, readBack), false, Transport.TCP);

    /** How a model's connections are driven. */
    public enum Driver {
        /** A platform thread per connection makes blocking exchanges. */
        PLATFORM_THREADS,
        /** A virtual thread per connection makes blocking exchanges (JDK 21+). */
        VIRTUAL_THREADS,
        /** One thread drives every connection through one Selector. */
        SELECTOR,
        /** Completion handlers on an AsynchronousChannelGroup start each next exchange. */
        ASYNC
    }

    /** Opens one connected, tuned client connection, its options read back or not. */
    @FunctionalInterface
    public interface Connector {
        ClientConnection open(SocketAddress server, SocketTuning tuning, boolean readBack) throws IOException;
    }

    private final Driver driver;
    private final Connector connector;
    private final boolean directRequests;
    private final Set<Transport> transports;

    ClientModel(Driver driver, Connector connector, boolean directRequests, Transport first, Transport... more) {
        this.driver = driver;
        this.connector = connector;
        this.directRequests = directRequests;
        this.transports = EnumSet.of(first, more);
    }

    /** The driver that runs this model's connections. */
    public Driver driver() {
        return driver;
    }

    /** Whether this model has a one-connection form ({@link #open}). */
    public boolean hasConnection() {
        return connector != null;
    }

    /** Opens one connection of this model and reads its socket options back ({@link ClientConnection#options()}). */
    public ClientConnection open(SocketAddress server, SocketTuning tuning) throws IOException {
        return open(server, tuning, true);
    }

    /**
     * Opens one connection of this model without reading its options back: for connections on the
     * measured path (connect-per-request), whose twin opened by {@link #open} was read back and
     * verified. Its {@link ClientConnection#options()} fails.
     */
    public ClientConnection openWithoutReadBack(SocketAddress server, SocketTuning tuning) throws IOException {
        return open(server, tuning, false);
    }

    private ClientConnection open(SocketAddress server, SocketTuning tuning, boolean readBack) throws IOException {
        if (connector == null) {
            throw new UnsupportedOperationException(this + " drives many connections from one thread and has no one-connection form; valid: "
                    + valid(ClientModel::hasConnection));
        }
        return connector.open(server, tuning, readBack);
    }

    /** A request of {@code payloadBytes} in the buffer this model writes without a copy: a heap array for streams, a direct buffer for channels. */
    public Request request(Kind kind, int payloadBytes) {
        return directRequests ? Request.direct(kind, payloadBytes) : Request.of(kind, payloadBytes);
    }

    /** Threads for this model's drivers: virtual for {@link Driver#VIRTUAL_THREADS}, else small-stack platform threads. */
    public ThreadFactory threads(String prefix) {
        return driver == Driver.VIRTUAL_THREADS ? VirtualThreads.factory(prefix) : DriverThreads.platform(prefix);
    }

    /** Whether this model works over {@code transport} (Unix-domain sockets exist for SocketChannel only). */
    public boolean supports(Transport transport) {
        return transports.contains(transport);
    }

    /** Why this model cannot run on this JVM, or null when it can. */
    public String unavailableReason() {
        return driver == Driver.VIRTUAL_THREADS ? VirtualThreads.unavailableReason() : null;
    }

    /** The models that pass {@code test}, for messages: "[STREAM, CHANNEL]". */
    public static String valid(Predicate<ClientModel> test) {
        return Arrays.stream(values()).filter(test).map(Enum::name).collect(Collectors.joining(", ", "[", "]"));
    }

    /** Parses a parameter value, failing with the list of valid ones. */
    public static ClientModel parse(String name) {
        try {
            return valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown client model '" + name + "'; valid: " + Arrays.toString(values()), e);
        }
    }
}
