package dev.nettune.client;

import dev.nettune.socket.EffectiveOptions;
import dev.nettune.wire.Request;

import java.io.Closeable;
import java.io.IOException;

/** A ClientConnection is one connected socket that sends requests and verifies their replies, one at a time. */
public interface ClientConnection extends Closeable {
    /**
     * Stamps the request's next sequence number, sends it, and waits for the reply.
     *
     * @throws dev.nettune.wire.ProtocolException when the reply is not the one expected
     * @throws java.io.EOFException when the server closed the connection
     */
    void exchange(Request request) throws IOException;

    /** The socket options read back after connecting. */
    EffectiveOptions options();
}
