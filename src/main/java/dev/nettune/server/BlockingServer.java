package dev.nettune.server;

import java.io.IOException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** A BlockingServer serves each connection's java.net.Socket streams on a platform thread of its own. */
public final class BlockingServer extends ThreadPerConnectionServer {
    public BlockingServer(ServerConfig config) throws IOException {
        super(config, platformThreads(), true, "blocking-server");
    }

    private static ThreadFactory platformThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "blocking-server-conn-" + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
    }
}
