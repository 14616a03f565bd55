package dev.nettune.server;

import java.io.IOException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** A BlockingServer serves each connection's java.net.Socket streams on a platform thread started for it. */
public final class BlockingServer extends ThreadPerConnectionServer {
    public BlockingServer(ServerConfig config) throws IOException {
        super(config, ServerModel.BLOCKING, platformThreads("blocking-server-conn-"), true, false, "blocking-server");
    }

    /** Daemon platform threads with the JVM's default stack, as an application's would be. */
    static ThreadFactory platformThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
    }
}
