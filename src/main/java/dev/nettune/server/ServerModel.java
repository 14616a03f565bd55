package dev.nettune.server;

import java.io.IOException;
import java.util.Arrays;

/** A ServerModel names a server implementation, for benchmark parameters. */
public enum ServerModel {
    /** A platform thread per connection over java.net.Socket streams. */
    BLOCKING,
    /** Non-blocking channels on Selector event loops. */
    SELECTOR,
    /** A virtual thread per connection (JDK 21+). */
    VIRTUAL;

    public Server start(ServerConfig config) throws IOException {
        switch (this) {
            case BLOCKING: return new BlockingServer(config);
            case SELECTOR: return new SelectorServer(config);
            case VIRTUAL: return new VirtualThreadServer(config);
            default: throw new AssertionError(this);
        }
    }

    /** Parses a parameter value, failing with the list of valid ones. */
    public static ServerModel parse(String name) {
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown server model '" + name + "'; valid: " + Arrays.toString(values()), e);
        }
    }
}
