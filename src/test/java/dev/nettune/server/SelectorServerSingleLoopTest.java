package dev.nettune.server;

import dev.nettune.client.StreamConnection;
import dev.nettune.socket.SocketTuning;
import dev.nettune.wire.Kind;
import dev.nettune.wire.Request;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SelectorServerSingleLoopTest {
    /** With one event loop the accepting loop hands the channel to itself; it must still serve it. */
    @Test
    void singleLoopServesItsFirstConnection() throws Exception {
        try (Server server = ServerModel.SELECTOR.start(ServerConfig.DEFAULT.withEventLoops(1));
             StreamConnection c = new StreamConnection(server.address(), SocketTuning.NO_DELAY)) {
            c.socket().setSoTimeout(5_000); // a hang fails the test instead of blocking the build
            c.exchange(Request.of(Kind.ECHO, 64));
            assertEquals(1, server.stats().frames());
        }
    }
}
