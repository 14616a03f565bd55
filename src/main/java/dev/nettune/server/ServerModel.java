package dev.nettune.server;

import dev.nettune.jvm.VirtualThreads;
import dev.nettune.socket.Transport;

import java.io.IOException;
import java.util.Arrays;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** A ServerModel names a server implementation, for benchmark parameters. */
public enum ServerModel {
    /** A platform thread started per connection over java.net.Socket streams. */
    BLOCKING,
    /** A platform thread per connection from a cached pool (reused across connections), over java.net.Socket streams. */
    POOLED,
    /** Non-blocking channels on Selector event loops. */
    SELECTOR,
    /** A virtual thread per connection (JDK 21+). */
    VIRTUAL;

    public Server start(ServerConfig config) throws IOException {
        switch (this) {
            case BLOCKING: return new BlockingServer(config);
            case POOLED: return new PooledServer(config);
            case SELECTOR: return new SelectorServer(config);
            case VIRTUAL: return new VirtualThreadServer(config);
            default: throw new AssertionError(this);
        }
    }

    /** Whether this model serves over {@code transport}: the Selector server over TCP and Unix-domain sockets, the others over TCP. */
    public boolean supports(Transport transport) {
        return transport == Transport.TCP || this == SELECTOR;
    }

    /** Why this model cannot run on this JVM, or null when it can. */
    public String unavailableReason() {
        return this == VIRTUAL ? VirtualThreads.unavailableReason() : null;
    }

    /** The models that pass {@code test}, for messages: "[SELECTOR]". */
    public static String valid(Predicate<ServerModel> test) {
        return Arrays.stream(values()).filter(test).map(Enum::name).collect(Collectors.joining(", ", "[", "]"));
    }

    /** Parses a parameter value, failing with the list of valid ones. */
    public static ServerModel parse(String name) {
        try {
            return valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown server model '" + name + "'; valid: " + Arrays.toString(values()), e);
        }
    }
}
