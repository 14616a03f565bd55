package dev.nettune.client.load;

import dev.nettune.client.ClientConnection;
import dev.nettune.wire.Request;

import java.io.Closeable;
import java.io.IOException;

/**
 * An Operation is one client thread's unit of work — a verified request/response, a connect — plus
 * what it holds open. A {@link ThreadLoad} repeats it on a thread of its own.
 */
@FunctionalInterface
public interface Operation extends Closeable {
    void run() throws IOException;

    /** Releases what this client thread holds (its persistent connection); nothing by default. */
    @Override
    default void close() throws IOException {
    }

    /** Verified exchanges of {@code request} on a persistent {@code connection}, which close() closes. */
    static Operation exchanges(ClientConnection connection, Request request) {
        return new Operation() {
            @Override
            public void run() throws IOException {
                connection.exchange(request);
            }

            @Override
            public void close() throws IOException {
                connection.close();
            }
        };
    }
}
