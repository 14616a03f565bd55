package dev.nettune.server;

import java.io.IOException;

/**
 * A PooledServer serves each connection's java.net.Socket streams on a platform thread from a
 * cached pool, as Tomcat-style servers hand accepted connections to an executor: a thread that
 * finished a connection serves the next one, a new thread starts only when every pool thread is
 * busy, and idle threads end after a minute. Beside {@link BlockingServer} (the same threads and
 * streams, one thread started per connection) it isolates what starting a platform thread per
 * connection costs: with persistent connections the two should not differ, with a connection per
 * request the gap is the thread start and exit.
 */
public final class PooledServer extends ThreadPerConnectionServer {
    public PooledServer(ServerConfig config) throws IOException {
        super(config, ServerModel.POOLED, BlockingServer.platformThreads("pooled-server-conn-"), true, true, "pooled-server");
    }
}
