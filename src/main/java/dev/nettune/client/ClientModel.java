package dev.nettune.client;

import dev.nettune.jvm.VirtualThreads;
import dev.nettune.socket.SocketTuning;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.Arrays;

/**
 * A ClientModel names a client I/O model, for benchmark parameters. The one-connection models open a
 * {@link ClientConnection}; SELECTOR is a {@link SelectorClient} over many connections; VIRTUAL is
 * STREAM driven from virtual threads (JDK 21+).
 */
public enum ClientModel {
    /** Blocking java.net.Socket streams, one thread per connection. */
    STREAM,
    /** Blocking SocketChannel, one thread per connection. */
    CHANNEL,
    /** Non-blocking SocketChannels on one Selector thread. */
    SELECTOR,
    /** AsynchronousSocketChannel with completion handlers. */
    ASYNC,
    /** Blocking Socket streams on a virtual thread per connection (JDK 21+). */
    VIRTUAL;

    /** Opens one connection of this model; SELECTOR has no single-connection form. */
    public ClientConnection open(SocketAddress server, SocketTuning tuning) throws IOException {
        switch (this) {
            case STREAM:
            case VIRTUAL:
                return new StreamConnection(server, tuning);
            case CHANNEL:
                return new ChannelConnection(server, tuning);
            case ASYNC:
                return new AsyncConnection(server, tuning);
            default:
                throw new UnsupportedOperationException("SELECTOR drives many connections: use SelectorClient");
        }
    }

    /** Why this model cannot run on this JVM, or null when it can. */
    public String unavailableReason() {
        return this == VIRTUAL ? VirtualThreads.unavailableReason() : null;
    }

    /** Parses a parameter value, failing with the list of valid ones. */
    public static ClientModel parse(String name) {
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown client model '" + name + "'; valid: " + Arrays.toString(values()), e);
        }
    }
}
