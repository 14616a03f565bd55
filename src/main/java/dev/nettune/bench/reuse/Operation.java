package dev.nettune.bench.reuse;

import java.io.Closeable;
import java.io.IOException;

/** An Operation is one client thread's unit of work — a verified request/response, or a connect — plus what it holds open. */
interface Operation extends Closeable {
    void run() throws IOException;

    /** Releases what this client thread holds (its persistent connection); nothing by default. */
    @Override
    default void close() throws IOException {
    }
}
