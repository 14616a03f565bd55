package dev.nettune.bench.reuse;

import dev.nettune.client.ClientConnection;
import dev.nettune.client.ClientModel;
import dev.nettune.socket.SocketTuning;
import dev.nettune.wire.Kind;
import dev.nettune.wire.Request;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.Arrays;

/** An IoPath is the client's I/O API: blocking java.net.Socket streams, or a blocking NIO SocketChannel. */
public enum IoPath {
    STREAM,
    CHANNEL;

    /** The foundation's client model for this path. */
    public ClientModel clientModel() {
        return this == STREAM ? ClientModel.STREAM : ClientModel.CHANNEL;
    }

    /** Connects one client connection of this path. */
    public ClientConnection open(SocketAddress server, SocketTuning tuning) throws IOException {
        return clientModel().open(server, tuning);
    }

    /** An echo request of {@code payload} bytes, in the buffer kind this path writes without a copy. */
    public Request echo(int payload) {
        return this == STREAM ? Request.of(Kind.ECHO, payload) : Request.direct(Kind.ECHO, payload);
    }

    /** Parses a parameter value, failing with the list of valid ones. */
    public static IoPath parse(String name) {
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown io path '" + name + "'; valid: " + Arrays.toString(values()), e);
        }
    }
}
