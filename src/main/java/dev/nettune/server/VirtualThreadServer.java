package dev.nettune.server;

import dev.nettune.jvm.VirtualThreads;

import java.io.IOException;

/**
 * A VirtualThreadServer serves each connection's java.net.Socket streams on a virtual thread of
 * its own (JDK 21+): blocking code, parked in the JDK's poller instead of holding a platform thread.
 */
public final class VirtualThreadServer extends ThreadPerConnectionServer {
    /**
     * @throws UnsupportedOperationException on JDK 17-20, saying that JDK 21+ is needed
     */
    public VirtualThreadServer(ServerConfig config) throws IOException {
        super(config, ServerModel.VIRTUAL, VirtualThreads.factory("virtual-server-conn-"), false, false, "virtual-server");
    }
}
