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

    /**
     * The socket options read back after connecting.
     *
     * @throws IllegalStateException when this connection was opened without a read-back
     *                               ({@link ClientModel#openWithoutReadBack}): ask its probe instead
     */
    EffectiveOptions options();

    /** The read-back {@code options}, or the failure of {@link #options()} when there are none. */
    static EffectiveOptions readBack(EffectiveOptions options) {
        if (options == null) {
            throw new IllegalStateException("this connection was opened without reading its socket options back (a measured-path connection);"
                    + " read them from a probe or the first connection, opened with ClientModel.open");
        }
        return options;
    }
}
